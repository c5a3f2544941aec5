/**
 * `audit verify` checks the current state, not only the events: a case, a plan or an article
 * changed in the database without an event, an attachment's bytes overwritten, a person's roles
 * or office changed behind the audit trail — each is named; an untouched database, with actions
 * taken after creation, verifies clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { toLocalDate } from '../calendar/rules.js';
import { addDays } from '../rectification/rules.js';
import { verifyAuditTrail, verifyRecords, verifyWorkItems } from './verify.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a tiny png')]);

describe.each(ENGINES)('audit verify of current state on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const ids: Record<'confidential' | 'type' | 'attached' | 'planned' | 'article' | 'attachment' | 'plan', number> = {} as never;

  const call = async (role: string, method: string, url: string, body?: unknown, expected = 200) => {
    const res = await t.request(method, url, { cookie: as[role], body });
    expect(res.statusCode, `${role} ${method} ${url}: ${res.body}`).toBe(expected);
    return res.json();
  };
  const act = async (role: string, id: number, action: string, body: Record<string, unknown> = {}) =>
    call(role, 'POST', `/api/cases/${id}/${action}`, { version: (await call('dispatcher', 'GET', `/api/cases/${id}`)).version, ...body });
  const intake = async (role: string, body: Record<string, unknown>) => (await call(role, 'POST', '/api/cases', body, 201)).id as number;
  const problems = async () => {
    const items = await verifyWorkItems(t.database.db);
    const records = await verifyRecords(t.database.db);
    return [...items.flatMap((r) => r.problems.map((p) => p.message)), ...records.flatMap((r) => r.problems)];
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'enterprise', 'supervisor']) as[role] = await t.login(role);
    const hotline = { channel: 'hotline', type: 'help', title: '小区路灯不亮', content: '幸福路小区三号楼前路灯连续一周不亮。', requester: { kind: 'person', name: '张女士', phone: '13800000001' } };
    ids.confidential = await intake('agent', hotline);
    ids.type = await intake('agent', hotline);
    await act('dispatcher', ids.type, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    ids.attached = await intake('agent', hotline);
    const upload = await t.app.inject({
      method: 'POST', url: `/api/cases/${ids.attached}/attachments?version=1&fileName=${encodeURIComponent('现场照片.png')}`, headers: { cookie: as.agent, 'content-type': 'image/png' }, payload: PNG,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    ids.attachment = Number(upload.json().id);
    ids.planned = await intake('enterprise', {
      channel: 'enterprise_portal', type: 'help', title: '新厂房消防验收材料不清楚', content: '需提交哪些材料不清楚。', regionCode: '411702', requester: { kind: 'enterprise', name: '驻马店示范企业' },
    });
    await act('dispatcher', ids.planned, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    await call('handler', 'PUT', `/api/cases/${ids.planned}/rectification`, { measures: '一对一辅导', responsiblePerson: '张科长', deadline: addDays(toLocalDate(new Date()), 30) }, 201);
    ids.plan = Number((await queryRows<{ id: number }>(t.database.db, sql`select id from rectifications where subject_type = 'case' and subject_id = ${ids.planned}`))[0].id);
    await call('handler', 'POST', `/api/cases/${ids.planned}/rectification/progress`, { note: '已上门核对材料清单' }, 201);
    ids.article = Object.values(t.knowledge)[0];
    const article = await call('supervisor', 'GET', `/api/knowledge/${ids.article}`);
    await call('supervisor', 'PATCH', `/api/knowledge/${ids.article}`, { version: article.version, title: `${article.title}（修订）` });
  });
  afterAll(() => t.close());

  it('verifies an untouched database clean, actions after creation included, with every item covered', async () => {
    expect(await problems()).toEqual([]);
    for (const r of await verifyWorkItems(t.database.db)) expect(r, r.label).toMatchObject({ ok: true, uncovered: 0 });
    expect((await verifyRecords(t.database.db)).map((r) => [r.label, r.ok, r.checked > 0])).toEqual([['user', true, true], ['case attachment', true, true]]);
  });

  it('names every row changed in the database without an event or an audited change', async () => {
    const userId = async (username: string) => (await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = ${username}`))[0].id;
    await t.database.db.execute(sql`update cases set confidential = true where id = ${ids.confidential}`);
    await t.database.db.execute(sql`update cases set type = 'complaint' where id = ${ids.type}`);
    await t.database.db.execute(sql`update case_attachments set data = decode(${Buffer.from(PNG).fill(0x20, 8).toString('hex')}, 'hex') where id = ${ids.attachment}`);
    await t.database.db.execute(sql`update rectifications set responsible_person = '李股长' where id = ${ids.plan}`);
    await t.database.db.execute(sql`update knowledge_articles set answer = '改过的答复' where id = ${ids.article}`);
    await t.database.db.execute(sql`update users set roles = '{handler,admin}' where username = 'handler'`);
    await t.database.db.execute(sql`update users set office_id = ${t.demo.offices['zmd-dept-1']} where username = 'agent'`);
    const found = await problems();
    const expected = [
      `case ${ids.confidential}: its current state differs from its last event (event 1, create)`,
      `case ${ids.type}: its current state differs from its last event (event 2, dispatch)`,
      `rectification plan ${ids.plan}: its current state differs from its last event (event 2, add-progress)`,
      `knowledge article ${ids.article}: its current state differs from its last event`,
      `attachment ${ids.attachment} of case ${ids.attached}: its bytes differ from those event 2 recorded`,
      `user ${await userId('handler')} (handler): roles ["handler","admin"] is not what their last audited change recorded (audit event `,
      `user ${await userId('agent')} (agent): office ${t.demo.offices['zmd-dept-1']} is not what their last audited change recorded`,
    ];
    for (const e of expected) expect(found.filter((m) => m.startsWith(e)), e).toHaveLength(1);
    expect(found).toHaveLength(expected.length);
    // The trail itself was not touched: only the rows beside it.
    expect(await verifyAuditTrail(t.database.db)).toMatchObject({ ok: true });
  });
});
