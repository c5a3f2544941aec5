import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { verifyChains } from '../platform/lifecycle/index.js';
import { loadDemoEnterprises } from '../enterprises/demo.js';
import { loadDemoVisits } from './demo.js';
import { sweepVisits } from './sweep.js';
import { VISIT_STORE } from './store.js';

describe.each(ENGINES)('the demo\'s visits on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const enterprises = await loadDemoEnterprises(t.database.db, operatorActor());
    await loadDemoVisits(t.database.db, t.demo.offices, enterprises, () => {});
  }, 600_000);
  afterAll(() => t.close());

  it('has plans, about half last year\'s visits this year, visits in and out of the service week, rated and unscanned ones, a joint visit proposed, and whole chains', async () => {
    const db = t.database.db;
    const year = new Date().getUTCFullYear();
    const [plans] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from visit_plans where year = ${year}`);
    expect(plans.n).toBe(4);
    const byStatus = Object.fromEntries((await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from visits group by status`)).map((r) => [r.status, r.n]));
    expect(byStatus.rated).toBeGreaterThan(0);
    expect(byStatus.visited).toBeGreaterThan(0);
    expect(byStatus.approved).toBeGreaterThan(0);
    expect(await sweepVisits(db)).toBeGreaterThan(0);
    const cookie = await t.login('leader');
    const figures = (await t.request('GET', `/api/visits/figures?year=${year}`, { cookie })).json();
    expect(figures.totals.outsideServiceWeek).toBeGreaterThan(0);
    expect(figures.totals.lateFilings).toBeGreaterThan(0);
    expect(figures.totals.change).toBeLessThan(-0.4);
    expect((await t.request('GET', '/api/visits/joint-proposals', { cookie })).json().items.length).toBe(1);
    const chains = await verifyChains(db, VISIT_STORE, 'visit');
    expect(chains.problems).toEqual([]);
  });
});
