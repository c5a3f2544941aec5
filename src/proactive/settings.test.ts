/**
 * The hotspot detection settings in the web app, on both engines: the environment gives the
 * defaults, an administrator overrides or resets each (audited, 409 on a stale version, 400 on a
 * value out of range, nothing written), who may read and change them, and the next detection
 * run uses what is in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { sql, queryRows } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { officePaths } from '../offices/subtree.js';
import { createCase } from '../cases/commands/createCase.js';
import { loadProactiveConfig } from './config.js';
import { runDetection } from './detect.js';
import { TUNABLE_SETTINGS, type ProactiveSettingsPage } from './contract.js';

const DAY = 86_400_000;

describe.each(ENGINES)('hotspot detection settings on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const settings = async (who = 'admin') => (await t.request('GET', '/api/proactive/settings', { cookie: as[who] })).json() as ProactiveSettingsPage;
  const put = (who: string, body: unknown) => t.request('PUT', '/api/proactive/settings', { cookie: as[who], body });
  const foodHotspots = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from hotspots where category_id = ${t.categories['market.food']} and region_code = '411702'`))[0].n;

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const u of ['admin', 'supervisor', 'zhongmu-leader', 'enterprise', 'agent']) as[u] = await t.login(u);
    const centre = t.demo.offices['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(t.database.db, [centre])).get(centre)! };
    const now = Date.now();
    const intake = (at: number, i: number) => createCase(t.database.db, agent, {
      channel: 'hotline', type: 'complaint', title: `超市销售过期食品 ${i}`, content: '在超市买到过期食品，要求处理。', regionCode: '411702', categoryId: t.categories['market.food'],
      requester: { kind: 'person', name: `市民${i}`, phone: `1370397${String(i).padStart(4, '0')}` },
    }, { at: new Date(at) });
    // One appeal a week for nine weeks, then nine this week: a surge by the default settings.
    for (let k = 2; k <= 10; k++) await intake(now - k * 7 * DAY, 100 + k);
    for (let i = 0; i < 9; i++) await intake(now - i * 60_000, i);
  });
  afterAll(async () => t?.close());

  it('shows the environment\'s defaults, none overridden, to administrators, leaders and supervisors only', async () => {
    const view = await settings();
    const defaults = loadProactiveConfig({});
    expect(view).toMatchObject({ overridden: [], version: 1, defaults: { alpha: defaults.detection.alpha, minCount: defaults.detection.minCount, weeksTested: defaults.weeksTested } });
    expect(view.values).toEqual(view.defaults);
    expect(view.canChange).toBe(true);
    // A supervisor and a county's leader read them, told they may not change them.
    for (const who of ['supervisor', 'zhongmu-leader']) expect((await settings(who)).canChange, who).toBe(false);
    for (const who of ['enterprise', 'agent']) expect((await t.request('GET', '/api/proactive/settings', { cookie: as[who] })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/proactive/settings')).statusCode).toBe(401);
  });

  it('lets the system administrator override a setting, and the next run uses it; null goes back to the default', async () => {
    const changed = await put('admin', { version: 1, values: { minCount: 10 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ overridden: ['minCount'], values: { minCount: 10 }, version: 2 });
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'proactive.settings.update'`);
    expect(audit.n).toBe(1);
    // Nine appeals this week are fewer than ten: no hotspot.
    await runDetection(t.database.db, loadProactiveConfig({}), { force: true });
    expect(await foodHotspots()).toBe(0);

    const reset = await put('admin', { version: 2, values: { minCount: null, alpha: 0.01 } });
    expect(reset.json()).toMatchObject({ overridden: ['alpha'], values: { minCount: loadProactiveConfig({}).detection.minCount, alpha: 0.01 }, version: 3 });
    await runDetection(t.database.db, loadProactiveConfig({}), { force: true });
    expect(await foodHotspots()).toBe(1);
    const [basis] = await queryRows<{ alpha: number }>(t.database.db, sql`select (basis->>'alpha')::float8 as alpha from hotspots where category_id = ${t.categories['market.food']}`);
    expect(basis.alpha).toBe(0.01);
  });

  it('refuses a stale version (409), a value out of range or unknown (400), and those who may not (403), writing nothing', async () => {
    const before = await settings();
    const stale = await put('admin', { version: 1, values: { minCount: 3 } });
    expect(stale.statusCode).toBe(409);
    for (const values of [{ alpha: 0 }, { alpha: 0.5 }, { minCount: 0 }, { minCount: 2.5 }, { weeksTested: 53 }, { clusterMinSize: 1 }, { clusterDays: 91 }]) {
      const res = await put('admin', { version: before.version, values });
      expect(res.statusCode, JSON.stringify(values)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_setting' });
      expect(res.json().error.messageZh.length).toBeGreaterThan(0);
    }
    for (const body of [{ version: before.version, values: { interval: 5 } }, { version: before.version, values: { alpha: '0.1' } }, { values: {} }, 'x']) {
      expect((await put('admin', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await put('zhongmu-leader', { version: before.version, values: { minCount: 3 } })).statusCode).toBe(403);
    expect((await put('supervisor', { version: before.version, values: { minCount: 3 } })).statusCode).toBe(403);
    expect(await settings()).toEqual(before);
    expect(TUNABLE_SETTINGS.every((k) => k in before.values)).toBe(true);
  });
});
