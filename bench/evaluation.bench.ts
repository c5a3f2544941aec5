/**
 * The evaluation on years of data: EVALUATION_CASES (default 10,000,000) cases over
 * EVALUATION_MONTHS (36) months bulk-loaded with SQL into a throwaway PostgreSQL 15 server
 * (case-history.ts) — then the rollups rebuilt from the events by the CLI (`qinqing rollups rebuild`), then
 * the month's ranking of all offices and a year's dashboard through the HTTP API (logged-in
 * leader), each against the same figures computed by a plain scan of the per-case facts in the
 * same run (the baseline, and a check that both give the same answer).
 */
import { spawn } from 'node:child_process';
import { openDatabase, queryRows, sql } from '../src/platform/db/engine.js';
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
import { historyRef, loadCaseHistory } from './case-history.js';

const CASES = Number(process.env.EVALUATION_CASES ?? 10_000_000);
const MONTHS = Number(process.env.EVALUATION_MONTHS ?? 36);
const RUNS = Number(process.env.EVALUATION_RUNS ?? 30);
/** The history ends here: the month before is the last full month, the one ranked. */
const END = '2026-11-01T00:00:00+08:00';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
    const ref = await historyRef(database, org.offices['zmd-centre']);
    console.log(`${CASES.toLocaleString('en')} cases over ${MONTHS} months to ${END}; ${ref.leads.length} lead offices, ${ref.regions.length} regions, ${Object.keys(ref.categories).length} categories`);
    const { events, loadMs, totalMs, indexes } = await loadCaseHistory(database, { cases: CASES, months: MONTHS, end: END, ref });
    console.log(`bulk load (SQL): ${CASES.toLocaleString('en')} cases, ${events.toLocaleString('en')} events in ${secs(loadMs)}; ${indexes} indexes and the foreign key rebuilt, analysed: ${secs(totalMs)} in all`);

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
