/**
 * One place, one card a week: appeals about one address written several ways (spaces, full-width
 * digits, a closing full stop) are one address series, so detection flags the address once in
 * the week with all its appeals, and a second run adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import type { Actor } from '../platform/actor.js';
import { officePaths } from '../offices/subtree.js';
import { createCase } from '../cases/commands/createCase.js';
import { toLocalDate } from '../calendar/rules.js';
import { loadProactiveConfig } from './config.js';
import { runDetection } from './detect.js';
import { mondayOf, weekOfDate } from './detection.js';

const DAY = 86_400_000;
const SPELLINGS = ['驿城区光明路12号幸福家园', '驿城区 光明路１２号 幸福家园', '驿城区光明路１２号幸福家园。'];

describe.each(ENGINES)('address hotspots on %s', (engine) => {
  let t: TestApp;
  const now = new Date();

  beforeAll(async () => {
    t = await startTestApp(engine);
    const centre = t.demo.offices['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(t.database.db, [centre])).get(centre)! };
    const intake = (at: Date, address: string, i: number) => createCase(t.database.db, agent, {
      channel: 'hotline', type: 'complaint', title: '小区门口路灯不亮', content: `${address}门口路灯坏了 ${i}`, regionCode: '411702', categoryId: t.categories['market.food'],
      address, requester: { kind: 'person', name: `市民${i}`, phone: `1370396${String(i).padStart(4, '0')}` },
    }, { at });
    // A quiet history, one appeal every other week in one spelling or another, then fifteen this week, five in each (each enough for a card of its own, were they three places).
    for (let k = 2; k <= 12; k += 2) await intake(new Date(now.getTime() - k * 7 * DAY), SPELLINGS[k % 3], 100 + k);
    for (let i = 0; i < 15; i++) await intake(new Date(now.getTime() - i * 60_000), SPELLINGS[i % 3], i);
  });
  afterAll(() => t.close());

  it('flags the address once this week, with every spelling\'s appeals, however often detection runs', async () => {
    const config = loadProactiveConfig({});
    await runDetection(t.database.db, config, { now, force: true });
    await runDetection(t.database.db, config, { now, force: true });
    const leader = await t.login('leader');
    const res = await t.request('GET', `/api/hotspots?from=${mondayOf(weekOfDate(toLocalDate(now)))}`, { cookie: leader });
    expect(res.statusCode, res.body).toBe(200);
    const cards = (res.json().items as { kind: string; address: string | null; observed: number }[]).filter((h) => h.kind === 'address');
    expect(cards).toEqual([expect.objectContaining({ address: '驿城区光明路12号幸福家园', observed: 15 })]);
    // Its cases in the general case list: every spelling's, this week's only.
    const listed = await t.request('GET', `/api/cases?${(cards[0] as unknown as { caseListQuery: string }).caseListQuery}`, { cookie: leader });
    expect(listed.json().total).toBe(15);
  });
});
