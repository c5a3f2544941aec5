/**
 * Who may change what the whole installation shares — categories, regions, the evaluation
 * settings — and a region's dispatch catalogue. Written out by hand, role by role, like the case
 * endpoint matrix: an office's administrator keeps only what is theirs, and an office that is
 * ranked may not set the rules of the ranking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';

const PASSWORD = 'Shared-config-1';
const USERS = ['admin', 'centre-admin', 'county-admin', 'leader', 'county-leader', 'supervisor'] as const;
type User = (typeof USERS)[number];

describe.each(ENGINES)('shared configuration and the dispatch catalogue, on %s', (engine) => {
  let t: TestApp;
  const cookie: Partial<Record<User, string>> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    const o = t.demo.offices;
    for (const [username, roles, office] of [
      ['centre-admin', ['admin'], o['zmd-centre']], ['county-admin', ['admin'], o['county-411721']], ['county-leader', ['leader'], o['county-411721']],
    ] as const) {
      await createUser(db, operatorActor(), { username, password: PASSWORD, name: username, roles: [...roles], officeId: office });
    }
    for (const u of USERS) cookie[u] = u.includes('-') ? await t.login(u, PASSWORD) : await t.login(u);
  });
  afterAll(() => t.close());

  const call = (user: User, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookie[user], body });
  const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;

  it('lets only the system administrator create and change categories and add regions', async () => {
    const [before, regionsBefore] = [await count('case_categories'), await count('regions')];
    for (const user of ['centre-admin', 'county-admin', 'leader', 'county-leader', 'supervisor'] as const) {
      const created = await call(user, 'POST', '/api/case-categories', { code: `x-${user.replace('-', '_')}`, name: '县里新设分类', parentId: null });
      expect(created.statusCode, user).toBe(403);
      expect((await call(user, 'POST', '/api/regions', { code: '411799', name: '自设区', parentCode: '411700' })).statusCode, user).toBe(403);
    }
    expect(await count('case_categories')).toBe(before);
    expect(await count('regions')).toBe(regionsBefore);
    const market = t.categories.market;
    const { version } = (await call('admin', 'GET', '/api/case-categories')).json().items.find((c: { id: number }) => c.id === market);
    const refused = await call('county-admin', 'PATCH', `/api/case-categories/${market}`, { version, active: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.messageEn).toContain('system administrator');
    expect((await call('admin', 'PATCH', `/api/case-categories/${market}`, { version, name: '市场监管' })).statusCode).toBe(200);
    expect((await call('admin', 'POST', '/api/case-categories', { code: 'x-system', name: '系统分类', parentId: null })).statusCode).toBe(201);
  });

  it('lets the owners of the ranking change the evaluation settings, never an office that is ranked', async () => {
    const settings = async () => (await call('admin', 'GET', '/api/evaluation/settings')).json();
    const body = (s: { version: number }, minimumCases: number) => ({ version: s.version, weights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 }, basicallySatisfiedWeight: 1, minimumCases, listSize: 5 });
    for (const user of ['county-admin', 'county-leader', 'supervisor'] as const) {
      const s = await settings();
      expect((await call(user, 'PUT', '/api/evaluation/settings', body(s, 1))).statusCode, user).toBe(403);
      expect((await settings()).version, user).toBe(s.version);
    }
    for (const [user, minimumCases] of [['admin', 4], ['centre-admin', 5], ['leader', 6]] as const) {
      const res = await call(user, 'PUT', '/api/evaluation/settings', body(await settings(), minimumCases));
      expect(res.statusCode, `${user}: ${res.body}`).toBe(200);
      expect(res.json().minimumCases).toBe(minimumCases);
    }
  });

  it('lets an office administrator keep the dispatch catalogue of their own region only', async () => {
    const o = t.demo.offices;
    const food = t.categories['market.food'];
    const rules = async () => (await call('admin', 'GET', '/api/dispatch-catalogue')).json().items as { id: number; regionCode: string; officeId: number; categoryId: number }[];
    // Their own county: allowed. The city's rule, another county's, or their county's rule pointed at an office above them: refused.
    expect((await call('county-admin', 'PUT', '/api/dispatch-catalogue', { categoryId: food, regionCode: '411721', officeId: o['county-411721-market'] })).statusCode).toBe(200);
    for (const [regionCode, officeId] of [['411700', o['county-411721-market']], ['411702', o['county-411721-market']], ['411721', o['zmd-dept-0']]] as const) {
      const before = await rules();
      const res = await call('county-admin', 'PUT', '/api/dispatch-catalogue', { categoryId: food, regionCode, officeId });
      expect(res.statusCode, `${regionCode} → ${officeId}`).toBe(403);
      expect(await rules()).toEqual(before);
    }
    const elsewhere = (await rules()).find((r) => r.regionCode === '411702')!;
    const deleted = await call('county-admin', 'DELETE', `/api/dispatch-catalogue/${elsewhere.id}`);
    expect(deleted.statusCode).toBe(403);
    expect(deleted.json().error.messageZh).toContain('411702');
    expect((await rules()).map((r) => r.id)).toContain(elsewhere.id);
    const own = (await rules()).find((r) => r.regionCode === '411721' && r.categoryId === food)!;
    expect((await call('county-admin', 'DELETE', `/api/dispatch-catalogue/${own.id}`)).statusCode).toBe(204);
    // The system administrator keeps every region's.
    expect((await call('admin', 'DELETE', `/api/dispatch-catalogue/${elsewhere.id}`)).statusCode).toBe(204);
  });
});
