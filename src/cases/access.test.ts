// Two places say who sees a case: the lifecycle's readers (a case page, an action) and the SQL
// scope of the lists. Both are made from one list; this checks, for every role in offices at
// every level, that a list shows exactly the cases the case page would open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, preparedDatabase } from '../../test/support/engines.js';
import { operatorActor, ROLES, type Actor } from '../platform/actor.js';
import { sql, queryRows, type Database } from '../platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC, loadDemoOrganisation, type DemoOrganisation } from '../demo/organisation.js';
import { officePaths } from '../offices/subtree.js';
import { createCase } from './commands/createCase.js';
import { loadCase } from './store.js';
import { canRead } from './lifecycle.js';
import { caseScope, relationsTo } from './access.js';
import type { CaseRow } from './record.js';

describe.each(ENGINES)('who sees a case on %s', (engine) => {
  let database: Database;
  let demo: DemoOrganisation;
  const cases: CaseRow[] = [];

  beforeAll(async () => {
    database = await preparedDatabase(engine);
    const { db } = database;
    demo = await loadDemoOrganisation(db, operatorActor());
    const o = demo.offices;
    const centrePaths = await officePaths(db, [o['zmd-centre'], o['zz-centre']]);
    const agentOf = (centre: string): Actor => ({ userId: null, name: 'agent', roles: ['agent'], officeId: o[centre], officePath: centrePaths.get(o[centre])! });
    const intake = (centre: string, title: string, regionCode: string, requester: { kind: 'person' | 'enterprise'; name: string; phone?: string | null; uscc?: string | null }) =>
      createCase(db, agentOf(centre), { channel: 'hotline', type: 'complaint', title, content: `${title}，请处理。`, regionCode, requester });
    const taken = [
      await intake('zmd-centre', '城区噪音扰民', '411700', { kind: 'person', name: '王先生', phone: '13800000001' }),
      await intake('zmd-centre', '县城道路破损', '411721', { kind: 'person', name: '李女士', phone: '13800000002' }),
      await intake('zz-centre', '企业用电报装慢', '410100', { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000003' }),
    ];
    // Set-up, not behaviour under test: give the cases leads and assisting offices at other levels.
    await db.execute(sql`update cases set lead_office_id = ${o['zmd-dept-0']}, assisting_office_ids = ${`{${o['county-411721']}}`}::int[], status = 'handling' where id = ${taken[0].id}`);
    await db.execute(sql`update cases set lead_office_id = ${o['county-411721-market']}, status = 'dispatched' where id = ${taken[1].id}`);
    for (const c of taken) cases.push((await loadCase(db, c.id))!);
  }, 120_000);
  afterAll(() => database?.close());

  it('lists exactly the cases each actor may open, for every role in every office', async () => {
    const { db } = database;
    const [enterpriseUser] = await queryRows<{ id: number }>(db, sql`select id from users where username = 'enterprise'`);
    const paths = await officePaths(db, Object.values(demo.offices));
    const actors: Actor[] = [];
    for (const officeId of [null, ...Object.values(demo.offices)]) {
      for (const role of ROLES) {
        actors.push({ userId: null, name: role, roles: [role], officeId, officePath: officeId === null ? null : paths.get(officeId)! });
      }
    }
    actors.push({ userId: enterpriseUser.id, name: 'enterprise', roles: ['enterprise'], officeId: null, officePath: null, enterpriseUscc: DEMO_ENTERPRISE_USCC });
    let seen = 0;
    for (const actor of actors) {
      const condition = (await caseScope(db, actor)).visible;
      const listed = condition ? (await queryRows<{ id: number }>(db, sql`select c.id from cases c where ${condition}`)).map((r) => r.id) : [];
      for (const row of cases) {
        const opens = canRead(actor.roles, await relationsTo(db, actor, row));
        expect(listed.includes(row.id), `${actor.roles} of office ${actor.officeId}, case ${row.title}`).toBe(opens);
        if (opens) seen++;
      }
    }
    // The check means something only if some actors see some cases and others do not.
    expect(seen).toBeGreaterThan(10);
    expect(seen).toBeLessThan(actors.length * cases.length / 2);
  });
});
