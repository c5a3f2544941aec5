import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedDatabase } from '../../test/support/engines.js';
import { queryRows, sql, type Database, type Db } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { verifyCaseChains } from '../cases/verify.js';
import { prepareNewInstallation } from '../cli/setup.js';
import { loadConfig } from '../platform/config.js';
import { loadDemoOrganisation } from './organisation.js';
import { loadDemoCatalogue } from './appeals.js';
import { generateDemoHistory, type HistorySummary } from './history.js';
import { runDetection } from '../proactive/detect.js';
import { loadProactiveConfig } from '../proactive/config.js';

/** A Friday morning in Beijing time: the history ends mid-week, with work on every board. */
const UNTIL = new Date('2026-03-20T10:00:00+08:00');

async function demoDatabase(): Promise<Database> {
  const database = await preparedDatabase('pglite');
  const org = await loadDemoOrganisation(database.db, operatorActor());
  await loadDemoCatalogue(database.db, operatorActor(), org);
  return database;
}

const count = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0].n;

describe('demo history through the real commands (PGlite)', { timeout: 600_000 }, () => {
  let database: Database;
  let db: Db;
  let summary: HistorySummary;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    database = await demoDatabase();
    db = database.db;
    summary = await generateDemoHistory(db, { cases: 150, months: 2, until: UNTIL, seed: 7, progress: (done, total) => progress.push([done, total]) });
  }, 600_000);
  afterAll(() => database?.close());

  it('takes in every case, reports progress, and leaves every timeline intact', async () => {
    expect(summary.cases).toBe(150);
    expect(await count(db, sql`select count(*)::int as n from cases`)).toBe(150);
    expect(progress.at(-1)).toEqual([150, 150]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    const chains = await verifyCaseChains(db);
    expect(chains.problems).toEqual([]);
    expect(chains.cases).toBe(150);
    // Every event is in the case's own event count: nothing was written beside the commands.
    expect(await count(db, sql`select count(*)::int as n from cases c where c.event_count <> (select count(*) from case_events e where e.case_id = c.id)`)).toBe(0);
  });

  it('plants a surge in the last two weeks that the hotspot detection finds', async () => {
    const result = await runDetection(db, loadProactiveConfig({}), { now: UNTIL, force: true });
    expect(result.created).toBeGreaterThan(0);
    const found = await queryRows<{ kind: string; region: string | null; address: string | null; observed: number }>(db, sql`select h.kind, h.region_code as region, h.address, h.observed
      from hotspots h left join case_categories c on c.id = h.category_id where c.code = 'construction.property' or h.kind = 'address'`);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'category_region', region: '411702' }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'address', address: '驻马店市驿城区幸福家园小区' }));
  });

  it('keeps each case\'s events in time order, inside the period and never after `until`', async () => {
    expect(await count(db, sql`select count(*)::int as n from case_events where at > ${UNTIL.toISOString()}::timestamptz`)).toBe(0);
    expect(await count(db, sql`select count(*)::int as n from cases where accepted_at < ${summary.from.toISOString()}::timestamptz`)).toBe(0);
    expect(await count(db, sql`select count(*)::int as n from case_events e join case_events f on f.case_id = e.case_id and f.seq = e.seq + 1 where f.at < e.at`)).toBe(0);
    // Intake follows the office day: most cases arrive on working days between 08:00 and 18:00 Beijing time.
    const daytime = await count(db, sql`select count(*)::int as n from cases where extract(hour from accepted_at at time zone 'Asia/Shanghai') between 8 and 17`);
    expect(daytime / 150).toBeGreaterThan(0.6);
  });

  it('mixes channels, types and outcomes as a 12345 centre sees them', async () => {
    const by = async (column: 'channel' | 'type' | 'status') =>
      Object.fromEntries((await queryRows<{ k: string; n: number }>(db, sql.raw(`select ${column} as k, count(*)::int as n from cases group by 1`))).map((r) => [r.k, r.n]));
    const channels = await by('channel');
    const types = await by('type');
    const statuses = await by('status');
    expect(Object.entries(channels).sort((a, b) => b[1] - a[1])[0][0]).toBe('hotline');
    expect(Object.keys(channels).length).toBeGreaterThanOrEqual(6);
    expect(Object.entries(types).sort((a, b) => b[1] - a[1])[0][0]).toBe('consultation');
    expect(Object.keys(types).sort()).toEqual(['complaint', 'consultation', 'help', 'praise', 'report', 'suggestion']);
    expect(statuses.closed).toBeGreaterThan(75);
    expect(statuses.answered).toBeGreaterThan(0);
    expect(statuses.merged).toBeGreaterThan(0);
    const open = (statuses.accepted ?? 0) + (statuses.dispatched ?? 0) + (statuses.handling ?? 0) + (statuses.replied ?? 0) + (statuses.reviewed ?? 0);
    expect(open).toBeGreaterThan(0);
    expect(summary.byStatus).toEqual({ accepted: 0, answered: 0, dispatched: 0, handling: 0, replied: 0, reviewed: 0, closed: 0, merged: 0, ...statuses });
    // Zhengzhou's cases are taken in and dispatched by Zhengzhou's own centre.
    expect(await count(db, sql`select count(*)::int as n from cases c join offices o on o.id = c.intake_office_id where c.region_code like '4101%' and o.region_code <> '410100'`)).toBe(0);
    expect(await count(db, sql`select count(*)::int as n from cases where region_code like '4101%'`)).toBeGreaterThan(0);
  });

  it('dispatches within the intake centre\'s tree, and each lead office\'s own handler signs and replies', async () => {
    expect(await count(db, sql`select count(*)::int as n from cases c join offices i on i.id = c.intake_office_id join offices l on l.id = c.lead_office_id
      where l.path not like i.path || '%'`)).toBe(0);
    const wrongActor = await count(db, sql`select count(*)::int as n from case_events e join users u on u.id = e.actor_user_id
      where e.action in ('sign', 'reply') and not ('handler' = any(u.roles))`);
    expect(wrongActor).toBe(0);
    const handlers = await queryRows<{ username: string }>(db, sql`select username from users where username like 'handler-%'`);
    expect(handlers.length).toBeGreaterThan(3);
    expect(summary.staffCreated).toBe(handlers.length + (await count(db, sql`select count(*)::int as n from users where username like '%-zz-centre'`)));
    // Most dispatches follow the catalogue: the city's market regulator leads food-safety cases in the city.
    const food = await queryRows<{ name: string }>(db, sql`select o.name from cases c join case_categories k on k.id = c.category_id join offices o on o.id = c.lead_office_id
      where k.code = 'market.food' and c.region_code = '411700' and c.return_count = 0 and c.transfer_count = 0`);
    for (const f of food) expect(f.name).toBe('驻马店市市场监督管理局');
  });

  it('records lateness, extensions, returns, transfers, unsatisfied visits, reopenings, merges and evaluations', async () => {
    expect(summary.overdue).toBe(await count(db, sql`select count(*)::int as n from cases where was_overdue`));
    expect(summary.overdue).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'sign' and (data->>'late')::boolean`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'reply' and (data->>'late')::boolean`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'return-visit' and data->>'satisfaction' = 'unsatisfied'`)).toBe(summary.unsatisfied);
    expect(summary.unsatisfied).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'return-visit' and data->>'contact' <> 'reached'`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'reopen'`)).toBe(summary.reopened);
    expect(summary.reopened).toBeGreaterThan(0);
    // A reopened case is handled again: a reply after the reopening.
    expect(await count(db, sql`select count(*)::int as n from case_events r where r.action = 'reopen'
      and not exists (select 1 from case_events x where x.case_id = r.case_id and x.seq > r.seq and x.action = 'reply')
      and (select status from cases where id = r.case_id) not in ('handling')`)).toBe(0);
    const merged = await queryRows<{ id: number; merged_into_id: number; into_status: string }>(db, sql`select c.id, c.merged_into_id, t.status as into_status
      from cases c join cases t on t.id = c.merged_into_id where c.status = 'merged'`);
    expect(merged.length).toBe(summary.merged);
    expect(merged.length).toBeGreaterThan(0);
    for (const m of merged) expect(m.into_status).not.toBe('merged');
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'merged-in'`)).toBe(merged.length);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'evaluate'`)).toBe(summary.evaluated);
    expect(summary.evaluated).toBeGreaterThan(0);
    expect(summary.returned + summary.transferred).toBeGreaterThan(0);
    expect(summary.sweeps).toBeGreaterThan(30);
    expect(await count(db, sql`select count(*)::int as n from case_events where action = 'deadline'`)).toBeGreaterThan(0);
  });
});

describe('demo history on first start, and reproducible', { timeout: 600_000 }, () => {
  const rows = (db: Db, from = 0) => queryRows<Record<string, unknown>>(db, sql`select channel, type, priority, status, region_code, title,
      to_char(accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as accepted, event_count
    from cases where accepted_at <= ${UNTIL.toISOString()}::timestamptz and id > ${from} order by accepted_at, id`);

  it('comes only when asked (harnesses and tests get none), and the same seed gives the same cases, statuses and timings', async () => {
    const asked = await preparedDatabase('pglite');
    const plain = await preparedDatabase('pglite');
    try {
      const lines: string[] = [];
      await prepareNewInstallation(asked, true, (line) => lines.push(line), { cases: 40, months: 1, seed: 11, until: UNTIL });
      expect(lines.at(-1)).toMatch(/^demo history: 40 cases from 2026-02-20 to 2026-03-20 \(\d+ actions\)/);
      const expected = await rows(asked.db);
      expect(expected).toHaveLength(40);

      // Only into a demo database.
      await expect(generateDemoHistory(plain.db, { cases: 5, months: 1 })).rejects.toThrow(/no demo organisation/);
      // The default, as in every test harness: the demo's handful of cases, no history, no generated accounts.
      await prepareNewInstallation(plain, true, () => {});
      expect(await rows(plain.db)).toEqual([]);
      expect(await count(plain.db, sql`select count(*)::int as n from users where username like 'handler-%'`)).toBe(0);

      await generateDemoHistory(plain.db, { cases: 40, months: 1, until: UNTIL, seed: 11 });
      expect(await rows(plain.db)).toEqual(expected);
      // Another seed, another history (added to the same database after the first).
      const [{ last }] = await queryRows<{ last: number }>(plain.db, sql`select max(id)::int as last from cases`);
      await generateDemoHistory(plain.db, { cases: 40, months: 1, until: UNTIL, seed: 12 });
      const second = await rows(plain.db, last);
      expect(second).toHaveLength(40);
      expect(second).not.toEqual(expected);
    } finally {
      await asked.close();
      await plain.close();
    }
  });

  it('is configured by DEMO_HISTORY_CASES and DEMO_HISTORY_MONTHS (0 cases: none)', () => {
    expect(loadConfig({})).toMatchObject({ demoHistoryCases: 200, demoHistoryMonths: 3 });
    expect(loadConfig({ DEMO_HISTORY_CASES: '0', DEMO_HISTORY_MONTHS: '24' })).toMatchObject({ demoHistoryCases: 0, demoHistoryMonths: 24 });
    expect(() => loadConfig({ DEMO_HISTORY_CASES: '-1' })).toThrow(/DEMO_HISTORY_CASES/);
    expect(() => loadConfig({ DEMO_HISTORY_MONTHS: '0' })).toThrow(/DEMO_HISTORY_MONTHS/);
  });
});
