import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { loadDemoEnterprises } from '../enterprises/demo.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { verifyWorkItems } from '../audit/verify.js';
import { loadDemoPolicies } from './demo.js';

describe.each(ENGINES)('the demo policies on %s', (engine) => {
  let t: TestApp;
  let policies: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const enterprises = await loadDemoEnterprises(t.database.db, operatorActor());
    policies = await loadDemoPolicies(t.database.db, operatorActor(), t.demo.offices, enterprises);
  }, 300_000);
  afterAll(() => t.close());

  it('publishes five county policies matched against the demo registry: 免申即享 granted on authoritative facts, the rest pushed, the queue left empty', async () => {
    expect(Object.keys(policies)).toHaveLength(5);
    const byPolicy = await queryRows<{ title: string; pushed: number; granted: number }>(t.database.db, sql`select p.title, count(m.id)::int as pushed,
      count(m.id) filter (where m.status = 'granted' and m.automatic)::int as granted from policies p left join policy_matches m on m.policy_id = p.id group by p.title`);
    const of = (title: string) => byPolicy.find((r) => r.title.startsWith(title))!;
    expect(of('驿城区食品产业稳链').granted).toBeGreaterThanOrEqual(1);
    expect(of('驻马店市专精特新').pushed).toBeGreaterThanOrEqual(1);
    expect(of('驻马店市专精特新').granted).toBe(of('驻马店市专精特新').pushed);
    expect(of('驻马店市小微企业厂房租金补贴')).toMatchObject({ granted: 0 });
    expect(of('驻马店市小微企业厂房租金补贴').pushed).toBeGreaterThanOrEqual(1);
    expect(await queryRows(t.database.db, sql`select 1 from policy_rematch_queue`)).toEqual([]);
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
  });

  it('shows the demo enterprise its food-industry award granted, and the R&D post-subsidy unknown for want of its high-tech certification', async () => {
    const cookie = await t.login('enterprise');
    const mine = (await t.request('GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}/policies`, { cookie })).json();
    expect(mine.eligible.find((e: { policy: { title: string } }) => e.policy.title.startsWith('驿城区食品产业稳链')).match).toMatchObject({ status: 'granted', automatic: true, grantedAmount: 100000 });
    const rd = mine.unknown.find((e: { policy: { title: string } }) => e.policy.title.startsWith('驻马店市高新技术企业'));
    expect(rd.evaluation.missing).toEqual(['高新技术企业']);
  });
});
