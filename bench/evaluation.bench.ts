/**
 * The evaluation on years of data: EVALUATION_CASES (default 10,000,000) cases over
 * EVALUATION_MONTHS (36) months bulk-loaded with SQL into a throwaway PostgreSQL 15 server —
 * cases and their events in the shapes the commands write (intake, direct answer or dispatch,
 * sign, reply, review, return visit, close; some late, some unsatisfied, the last week still
 * open) — then the rollups rebuilt from the events by the CLI (`qinqing rollups rebuild`), then
 * the month's ranking of all offices and a year's dashboard through the HTTP API (logged-in
 * leader), each against the same figures computed by a plain scan of the per-case facts in the
 * same run (the baseline, and a check that both give the same answer).
 */
import { spawn } from 'node:child_process';
import { openDatabase, queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { migrate } from '../src/platform/db/migrate.js';
import { ensureNationalRegions } from '../src/regions/reference-data.js';
import { operatorActor } from '../src/platform/actor.js';
import { loadDemoOrganisation, DEMO_PASSWORD } from '../src/demo/organisation.js';
import { loadDemoCatalogue } from '../src/demo/appeals.js';
import { loadConfig } from '../src/platform/config.js';
import { buildServer } from '../src/app.js';
import { FIGURES } from '../src/evaluation/contract.js';
import { figureCountSql } from '../src/evaluation/rollups.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { PG_BENCH_SETTINGS } from './cases-intake.bench.js';
import { percentile } from './stats.js';

const CASES = Number(process.env.EVALUATION_CASES ?? 10_000_000);
const MONTHS = Number(process.env.EVALUATION_MONTHS ?? 36);
const CHUNK = 250_000;
const RUNS = Number(process.env.EVALUATION_RUNS ?? 30);
/** The history ends here: the month before is the last full month, the one ranked. */
const END = '2026-11-01T00:00:00+08:00';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Loads cases [from, to] in one statement: their rows and their events. Choices come from
 * random() after setseed, so a run is repeatable. Region and category decide the lead office,
 * as the dispatch catalogue does, so the rollups have the shape real data gives them.
 */
async function loadChunk(db: Database['db'], from: number, to: number, ref: { centre: number; leads: number[]; regions: string[]; categories: number[] }) {
  await db.execute(sql`select setseed(${(from % 1000) / 1000})`);
  await db.execute(sql.raw(`
    with c as (
      select g, r1, r2, r3, r4, r5,
        (timestamptz '${END}' - interval '${MONTHS} months') + ((g - 1)::float8 / ${CASES}) * (timestamptz '${END}' - (timestamptz '${END}' - interval '${MONTHS} months')) as accepted_at,
        (array['hotline','hotline','hotline','hotline','hotline','hotline','web','web','enterprise_portal','wechat_group','mailbox','onsite_visit','supervisor_report','leader_hotline'])[1 + floor(r1 * 14)::int] as channel,
        (array['consultation','consultation','consultation','consultation','complaint','complaint','complaint','help','help','suggestion','report','praise'])[1 + floor(r2 * 12)::int] as type,
        ${ref.regions.length} as nr, ${ref.categories.length} as nc
      from (select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5 from generate_series(${from}, ${to}) g) x
    ), d as (
      select c.*, region_idx, category_idx,
        ('{${ref.regions.join(',')}}'::text[])[1 + region_idx] as region_code,
        ('{${ref.categories.join(',')}}'::int[])[1 + category_idx] as category_id,
        ('{${ref.leads.join(',')}}'::int[])[1 + (category_idx * 7 + region_idx * 3) % ${ref.leads.length}] as lead,
        c.type = 'consultation' and c.r3 < 0.85 as answered,
        c.accepted_at > timestamptz '${END}' - interval '7 days' as open,
        c.r4 < 0.06 as sign_late, c.r4 between 0.03 and 0.11 as reply_late,
        c.r5 < 0.93 as resolved,
        case when c.r5 < 0.86 then 'satisfied' when c.r5 < 0.95 then 'basically_satisfied' else 'unsatisfied' end as sat
      from c, lateral (select floor(c.r3 * 1000)::int % c.nr as region_idx, floor(c.r5 * 7919)::int % c.nc as category_idx) i
    ), new_cases as (
      insert into cases (id, code, channel, type, priority, status, title, content, region_code, category_id, requester_kind, intake_office_id, lead_office_id,
        accepted_at, dispatched_at, signed_at, closed_at, due_state, was_overdue, event_count, last_event_hash)
      overriding system value
      select g, to_char(accepted_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 8, '0'), channel, type, 'normal',
        case when answered then 'answered' when open then 'handling' else 'closed' end, '基准测试诉求', '批量生成的诉求，用于考评基准测试。', region_code, category_id, 'anonymous',
        ${ref.centre}, case when answered then null else lead end, accepted_at,
        case when answered then null else accepted_at + interval '10 minutes' end, case when answered then null else accepted_at + interval '3 hours' end,
        case when answered or open then null else accepted_at + interval '4 days 1 hour' end,
        case when open and r4 < 0.3 then 'overdue' else 'on_time' end, not answered and (sign_late or reply_late),
        case when answered then 2 when open then 3 else 7 end, 'bench'
      from d returning 1)
    insert into case_events (case_id, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, prev_hash, hash)
    select d.g, e.seq, d.accepted_at + e.off, e.action, null, 'bench', null, e.from_status, e.to_status, e.data, 'bench', 'bench'
    from d cross join lateral (values
      (1, interval '0', 'create', null, 'accepted', jsonb_build_object('channel', d.channel, 'type', d.type)),
      (2, interval '10 minutes', case when d.answered then 'answer' else 'dispatch' end, 'accepted', case when d.answered then 'answered' else 'dispatched' end,
        case when d.answered then '{}'::jsonb else jsonb_build_object('leadOfficeId', d.lead) end),
      (3, interval '3 hours', 'sign', 'dispatched', 'handling', jsonb_build_object('late', d.sign_late)),
      (4, interval '3 days', 'reply', 'handling', 'replied', jsonb_build_object('late', d.reply_late)),
      (5, interval '3 days 2 hours', 'review', 'replied', 'reviewed', '{"decision": "accept"}'::jsonb),
      (6, interval '4 days', 'return-visit', 'reviewed', 'reviewed', jsonb_build_object('contact', 'reached', 'resolved', d.resolved, 'satisfaction', d.sat)),
      (7, interval '4 days 1 hour', 'close', 'reviewed', 'closed', '{}'::jsonb)
    ) as e(seq, off, action, from_status, to_status, data)
    where e.seq <= case when d.answered then 2 when d.open then 3 else 7 end`));
}

function rebuildWithCli(url: string): Promise<{ ms: number; output: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/qinqing.mjs', 'rollups', 'rebuild'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (b) => { output += b; });
    child.on('exit', (code) => (code === 0 ? resolve({ ms: Date.now() - started, output: output.trim() }) : reject(new Error(`rollups rebuild exited ${code}: ${output}`))));
  });
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ p50: number; p99: number; max: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.at(-1)!, last };
}

export async function run() {
  const server = await startPostgresServer({ settings: { ...PG_BENCH_SETTINGS, shared_buffers: '4GB', work_mem: '64MB', maintenance_work_mem: '1GB', max_wal_size: '32GB', checkpoint_timeout: '30min' } });
  try {
    const url = await server.createDatabase('evaluation');
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await migrate(database);
    await ensureNationalRegions(database.db);
    const org = await loadDemoOrganisation(database.db, operatorActor());
    await loadDemoCatalogue(database.db, operatorActor(), org);
    const offices = await queryRows<{ id: number; kind: string; region_code: string }>(database.db, sql`select id, kind, region_code from offices`);
    const centre = org.offices['zmd-centre'];
    const ref = {
      centre,
      leads: offices.filter((o) => o.kind !== 'hotline_centre' && o.region_code.startsWith('4117')).map((o) => o.id),
      regions: [...new Set(offices.filter((o) => o.region_code.startsWith('4117')).map((o) => o.region_code))],
      categories: (await queryRows<{ id: number }>(database.db, sql`select id from case_categories order by id`)).map((c) => c.id),
    };
    console.log(`${CASES.toLocaleString('en')} cases over ${MONTHS} months to ${END}; ${ref.leads.length} lead offices, ${ref.regions.length} regions, ${ref.categories.length} categories`);

    // As for any bulk load: secondary indexes and the events' foreign key go, and come back after.
    const indexes = await queryRows<{ name: string; def: string }>(database.db, sql`select indexname as name, indexdef as def from pg_indexes
      where tablename in ('cases', 'case_events') and indexname not in (select conname from pg_constraint)`);
    const [fk] = await queryRows<{ name: string; def: string }>(database.db, sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'case_events'::regclass and contype = 'f'`);
    for (const i of indexes) await database.db.execute(sql.raw(`drop index ${i.name}`));
    await database.db.execute(sql.raw(`alter table case_events drop constraint ${fk.name}`));
    let t0 = Date.now();
    for (let from = 1; from <= CASES; from += CHUNK) {
      await loadChunk(database.db, from, Math.min(CASES, from + CHUNK - 1), ref);
      process.stderr.write(`\rbulk load: ${Math.min(CASES, from + CHUNK - 1).toLocaleString('en')} cases (${secs(Date.now() - t0)})`);
    }
    process.stderr.write('\n');
    const loaded = Date.now() - t0;
    for (const i of indexes) await database.db.execute(sql.raw(i.def));
    await database.db.execute(sql.raw(`alter table case_events add constraint ${fk.name} ${fk.def}`));
    await database.db.execute(sql.raw(`select setval(pg_get_serial_sequence('cases', 'id'), ${CASES})`));
    await database.db.execute(sql`vacuum analyze cases`);
    await database.db.execute(sql`vacuum analyze case_events`);
    const [{ events }] = await queryRows<{ events: number }>(database.db, sql`select count(*)::int as events from case_events`);
    console.log(`bulk load (SQL): ${CASES.toLocaleString('en')} cases, ${events.toLocaleString('en')} events in ${secs(loaded)}; ${indexes.length} indexes and the foreign key rebuilt, analysed: ${secs(Date.now() - t0)} in all`);

    const rebuild = await rebuildWithCli(url);
    console.log(`${rebuild.output}  [wall ${secs(rebuild.ms)}, ${Math.round(events / (rebuild.ms / 1000)).toLocaleString('en')} events/s]`);
    await database.db.execute(sql`vacuum analyze case_figures`);
    await database.db.execute(sql`vacuum analyze figure_month`);
    await database.db.execute(sql`vacuum analyze figure_day`);
    const [{ monthRows, bytes }] = await queryRows<{ monthRows: number; bytes: string }>(database.db, sql`select count(*)::int as "monthRows", pg_size_pretty(pg_total_relation_size('figure_month')) as bytes from figure_month`);
    console.log(`rollup: ${monthRows.toLocaleString('en')} monthly rows (${bytes}); database ${(await queryRows<{ s: string }>(database.db, sql`select pg_size_pretty(pg_database_size(current_database())) as s`))[0].s}`);

    const config = { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent' }), webDist: 'web/dist-none' };
    const app = await buildServer({ database, config, logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: DEMO_PASSWORD } });
    const cookie = `qq_session=${login.cookies.find((c) => c.name === 'qq_session')!.value}`;
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    const month = '2026-10';
    const yearFrom = '2025-11';
    // Baseline: the same figures from a plain scan of every case's facts (no rollup), grouped by office.
    const plainScan = (fromMonth: string, toMonth: string) => queryRows<Record<string, number>>(database.db, sql.raw(`select office_id, ${FIGURES.map((f) => `sum(${figureCountSql(f)})::int as "${f}"`).join(', ')}
      from case_figures where month between '${fromMonth}-01' and '${toMonth}-01' group by office_id`));
    // Baseline two: the figures straight from the events (what a system without per-case facts would scan).
    const eventScan = (fromMonth: string, toMonth: string) => queryRows<Record<string, number>>(database.db, sql.raw(`select c.lead_office_id, count(*)::int as received,
        count(*) filter (where e.action = 'sign' and (e.data->>'late')::boolean is not true)::int as "signedOnTime",
        count(*) filter (where e.to_status in ('closed', 'answered'))::int as completed,
        count(*) filter (where e.action = 'return-visit' and e.data->>'satisfaction' = 'satisfied')::int as satisfied
      from cases c join case_events e on e.case_id = c.id
      where c.accepted_at >= timestamptz '${fromMonth}-01 00:00+08' and c.accepted_at < timestamptz '${toMonth}-01 00:00+08' + interval '1 month' group by c.lead_office_id`));

    const rankingRun = await timed(RUNS, () => get(`/api/evaluation/ranking?month=${month}`));
    const rankingScan = await timed(Math.min(RUNS, 10), () => plainScan(month, month));
    const rankingEvents = await timed(3, () => eventScan(month, month));
    const dashRun = await timed(Math.min(RUNS, 20), () => get(`/api/evaluation/dashboard?from=${yearFrom}&to=${month}`));
    const dashScan = await timed(3, () => plainScan(yearFrom, month));
    const dashEvents = await timed(1, () => eventScan(yearFrom, month));

    // Both ways must agree: the ranking's total against the plain scan's sum.
    const scanned = rankingScan.last.reduce((n, r) => n + r.received, 0);
    const ranked = rankingRun.last.total.counts.received as number;
    if (scanned !== ranked) throw new Error(`ranking total ${ranked} differs from the plain scan ${scanned}`);
    const yearScanned = dashScan.last.reduce((n, r) => n + r.completed, 0);
    if (yearScanned !== dashRun.last.total.counts.completed) throw new Error(`dashboard completed ${dashRun.last.total.counts.completed} differs from the plain scan ${yearScanned}`);

    const line = (label: string, r: { p50: number; p99: number; max: number }, n: number) =>
      console.log(`| ${label} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${n} |`);
    console.log(`\nmonth ${month}: ${ranked.toLocaleString('en')} cases received; year ${yearFrom}…${month}: ${(dashRun.last.total.counts.received as number).toLocaleString('en')}`);
    console.log('| query | p50 ms | p99 ms | max ms | runs |\n|---|---|---|---|---|');
    line(`GET /api/evaluation/ranking?month=${month} (rollups, HTTP, logged-in leader)`, rankingRun, RUNS);
    line('baseline: same month by office, plain scan of case facts', rankingScan, Math.min(RUNS, 10));
    line('baseline: month by office straight from cases + events', rankingEvents, 3);
    line(`GET /api/evaluation/dashboard?from=${yearFrom}&to=${month} (rollups, HTTP)`, dashRun, Math.min(RUNS, 20));
    line('baseline: year by office, plain scan of case facts', dashScan, 3);
    line('baseline: year by office straight from cases + events', dashEvents, 1);
    await app.close();
    await database.close();
  } finally {
    await server.stop();
  }
}
