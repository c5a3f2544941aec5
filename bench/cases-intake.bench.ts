/**
 * Case intake (受理) through the real HTTP API: `POST /api/cases` as the demo `agent`, with full
 * validation, the case row and its first event written by the group-committed path
 * (prepareCase + IntakeBatcher). The server is `buildServer` listening on 127.0.0.1; the load
 * comes from autocannon in a child process (its own event loop and CPU), every request a
 * different, realistic appeal.
 *
 * Baselines measured in the same run, on the same machine:
 *  - pgbench single-row inserts (`-n -c 8 -j 2 -T 10`, one insert per transaction) on the same
 *    PostgreSQL server: what the database does with one commit per row;
 *  - the same route shape — same auth hook, same `IntakeBody` schema, same body — answering
 *    without touching the database, once bare and once after `prepareCase` (the CPU part of
 *    intake): what the HTTP stack costs;
 *  - PGlite with its commits not synced to disk (as PGlite ships): what durability costs the
 *    embedded engine.
 *
 * After each engine's run the benchmark checks that the database holds exactly as many cases (and
 * first events) as the server answered 201, and that every case's hash chain verifies. Every line
 * also gives the CPU time per request of the server process, of PostgreSQL (all its processes) and
 * of the load generator: on a small or shared machine that, not the wall clock, says where the
 * time goes. The run ends with the ratio the issue sets a target for: server plus PostgreSQL CPU
 * per accepted case against pgbench's CPU per insert (PostgreSQL's and pgbench's own), measured in
 * the same run.
 *
 * `npm run bench -- cases-intake`; INTAKE_SECONDS (default 10), INTAKE_WARMUP_SECONDS (3),
 * INTAKE_CONNECTIONS (64), INTAKE_SKIP=pglite,postgres,baselines to leave parts out,
 * INTAKE_CPU_PROFILE=DIR to write the server's CPU profile of each measured run,
 * INTAKE_PG_STATEMENTS=1 to load pg_stat_statements and print what the measured PostgreSQL run's
 * statements cost; INTAKE_SKIP=breakdown leaves out where PostgreSQL's CPU per case goes (the
 * same cases written without HTTP, then without the schema's indexes and foreign keys).
 */
import { spawn, spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { openDatabase, queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { migrate } from '../src/platform/db/migrate.js';
import { ensureNationalRegions } from '../src/regions/reference-data.js';
import { loadConfig } from '../src/platform/config.js';
import { buildServer } from '../src/app.js';
import { operatorActor } from '../src/platform/actor.js';
import { loadDemoOrganisation, DEMO_PASSWORD } from '../src/demo/organisation.js';
import { loadDemoCatalogue } from '../src/demo/appeals.js';
import { IntakeBody } from '../src/cases/routes.js';
import { insertCases, prepareCase, type IntakeInput, type PreparedCase } from '../src/cases/commands/createCase.js';
import { verifyCaseChains } from '../src/cases/verify.js';
import { usccCheckCharacter } from '../src/enterprises/uscc.js';
import { startPostgresServer, PG_BIN, PG_SUPERUSER } from '../test/harness/postgres-server.js';
import { percentile } from './stats.js';

const SECONDS = Number(process.env.INTAKE_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.INTAKE_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.INTAKE_CONNECTIONS ?? 64);
const SKIP = new Set((process.env.INTAKE_SKIP ?? '').split(',').filter(Boolean));
const PG_STATEMENTS = process.env.INTAKE_PG_STATEMENTS === '1';
const ROOT = new URL('../', import.meta.url).pathname;

/**
 * Throughput settings that keep every commit durable: fsync and synchronous_commit stay on (as
 * does full_page_writes); only memory and checkpoint spacing change.
 */
export const PG_BENCH_SETTINGS: Record<string, string> = {
  max_connections: '100',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  shared_buffers: '512MB',
  wal_buffers: '64MB',
  max_wal_size: '8GB',
  min_wal_size: '1GB',
  checkpoint_timeout: '30min',
  checkpoint_completion_target: '0.9',
};

// ---------------------------------------------------------------------------------------------
// The load generator: autocannon in a child process, a new appeal in every request.

/** Runs in the child (plain ESM, `node --input-type=module -e`); options arrive as JSON in argv. */
const LOADGEN = String.raw`
import autocannon from 'autocannon';
const o = JSON.parse(process.argv[1]);
const TITLES = ['小区物业乱收停车费', '夜间施工噪音扰民', '餐馆后厨卫生脏乱', '公交站台破损无人维修', '企业开办审批材料反复要求补正', '惠企政策补贴迟迟未兑现', '路灯不亮存在安全隐患', '自来水水质浑浊发黄', '拖欠农民工工资', '占道经营影响通行', '供暖温度不达标', '养老保险转移接续咨询'];
const PLACES = ['驿城区解放路', '西平县柏城大道', '驻马店市开发区金雀路', '驿城区雪松大道', '西平县西平大道', '驻马店市练江大道'];
const DETAILS = ['多次与相关单位联系未果，', '问题已持续两周以上，', '周边居民反映强烈，', '影响正常生产经营，', '存在安全隐患，', '希望尽快派人核实处理，'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'; const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const CHANNELS = ['hotline', 'hotline', 'hotline', 'web', 'mailbox', 'wechat_group'];
const TYPES = ['complaint', 'complaint', 'help', 'help', 'consultation', 'suggestion', 'report', 'praise'];
const pick = (a, i) => a[i % a.length];
let n = 0;
function body() {
  const i = n++;
  const r = (Math.random() * 1e9) | 0;
  const place = pick(PLACES, r) + ((r % 300) + 1) + '号';
  const title = pick(TITLES, r >> 3);
  const kind = r % 10 === 0 ? 'enterprise' : r % 10 === 1 ? 'anonymous' : 'person';
  const requester = kind === 'person' ? { kind, name: pick(SURNAMES, r >> 5) + pick(GIVEN, r >> 9) + (r % 2 ? pick(GIVEN, r >> 13) : ''), phone: '13' + String(100000000 + (r % 900000000)) }
    : kind === 'enterprise' ? { kind, name: '驻马店市某某商贸有限公司', phone: '0396-' + String(2000000 + (r % 7000000)), uscc: pick(o.usccs, r >> 4) } : { kind };
  let content = '';
  for (let k = 0; k < 2 + (r % 4); k++) content += '诉求人反映：' + place + title + '，' + pick(DETAILS, (r >> k) + k) + '请求相关部门依法处理并及时答复。';
  return JSON.stringify({
    channel: pick(CHANNELS, r >> 7), type: pick(TYPES, r >> 11), priority: r % 17 === 0 ? 'urgent' : 'normal',
    title: title + '（' + o.tag + '-' + i + '）', content, address: place, regionCode: pick(o.regions, r >> 2),
    categoryId: r % 5 === 0 ? null : pick(o.categories, r >> 6), requester, confidential: r % 23 === 0,
  });
}
const result = await autocannon({
  url: o.url, connections: o.connections, duration: o.duration, timeout: 20,
  requests: [{ method: 'POST', path: o.path, headers: { 'content-type': 'application/json', cookie: o.cookie }, setupRequest: (req) => ({ ...req, body: body() }) }],
});
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({
  cpuMs: (cpu.user + cpu.system) / 1000, duration: result.duration, '2xx': result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
  statusCodeStats: result.statusCodeStats, latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
}));
`;

interface LoadResult {
  /** CPU time the load generator used (its whole life, a little more than the run) */
  cpuMs: number;
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
}

interface LoadTarget {
  url: string;
  path: string;
  cookie: string;
  usccs: string[];
  regions: string[];
  categories: number[];
}

const PROFILE_DIR = process.env.INTAKE_CPU_PROFILE;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function procStat(pid: number | string): { state: string; ppid: number; ticks: number; childTicks: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  // utime, stime, cutime, cstime are fields 14..17, i.e. f[11..14].
  return { state: f[0], ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
}

/** CPU time (ms) of this process's children that have exited and been waited for (pgbench). */
function reapedChildrenCpuMs(): number {
  return (procStat('self').childTicks / CLK_TCK) * 1000;
}

function postgresChildren(postmaster: number) {
  const children: ReturnType<typeof procStat>[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = procStat(entry);
      if (stat.ppid === postmaster) children.push(stat);
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * CPU time (ms) used so far by a PostgreSQL server: the postmaster, its live children and the
 * ones it reaped. A backend that has exited but is not reaped yet shows no CPU time at all, so
 * this first waits (a little) for the postmaster to reap every such zombie.
 */
async function postgresCpuMs(dataDir: string): Promise<number> {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  for (let i = 0; i < 100 && postgresChildren(postmaster).some((c) => c.state === 'Z'); i++) await new Promise((r) => setTimeout(r, 10));
  const own = procStat(postmaster);
  const ticks = own.ticks + own.childTicks + postgresChildren(postmaster).reduce((sum, c) => sum + c.ticks, 0);
  return (ticks / CLK_TCK) * 1000;
}

interface Measured extends LoadResult {
  serverCpuMs: number;
  postgresCpuMs?: number;
}

/**
 * One load run, with the CPU time the server process and (given its data directory) the
 * PostgreSQL server used meanwhile; with INTAKE_CPU_PROFILE=DIR the server's CPU profile of each
 * measured run is written there (open it in Chrome DevTools).
 */
async function runLoad(target: LoadTarget, duration: number, tag: string, pgDataDir?: string): Promise<Measured> {
  const profile = PROFILE_DIR && duration === SECONDS;
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const pg0 = pgDataDir ? await postgresCpuMs(pgDataDir) : 0;
  try {
    const result = await spawnLoad(target, duration, tag);
    const cpu = process.cpuUsage(cpu0);
    return { ...result, serverCpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs: pgDataDir ? (await postgresCpuMs(pgDataDir)) - pg0 : undefined };
  } finally {
    if (session) {
      const { profile: data } = await session.post('Profiler.stop');
      writeFileSync(join(PROFILE_DIR!, `intake-${tag}.cpuprofile`), JSON.stringify(data));
      session.disconnect();
    }
  }
}

function spawnLoad(target: LoadTarget, duration: number, tag: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOADGEN, JSON.stringify({ ...target, connections: CONNECTIONS, duration, tag })],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`autocannon child exited ${code}: ${err}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

// ---------------------------------------------------------------------------------------------

interface Row {
  label: string;
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** CPU µs per answered request: this process (the server), PostgreSQL, the load generator */
  cpu: { server?: number; postgres?: number; load?: number };
  note?: string;
}
const rows: Row[] = [];

const perRequest = (ms: number | undefined, n: number) => (ms === undefined || Number.isNaN(ms) || !n ? undefined : (ms * 1000) / n);
const us = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(0));

function report(label: string, r: Measured, note?: string): Row {
  const n = r['2xx'] + r.non2xx;
  const row: Row = {
    label, rate: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts,
    cpu: { server: perRequest(r.serverCpuMs, n), postgres: perRequest(r.postgresCpuMs, n), load: perRequest(r.cpuMs, n) },
    note: note ?? (r.non2xx ? `status ${Object.entries(r.statusCodeStats).filter(([s]) => !s.startsWith('2')).map(([s, v]) => `${s}×${v.count}`).join(' ')}` : undefined),
  };
  rows.push(row);
  console.log(`${label.padEnd(58)} ${row.rate.toFixed(0).padStart(7)}/s  p50 ${row.p50.toFixed(1).padStart(6)} ms  p99 ${row.p99.toFixed(1).padStart(6)} ms  2xx ${row.ok}  non-2xx ${row.non2xx}  errors ${row.errors}  ` +
    `CPU µs/req server ${us(row.cpu.server)} pg ${us(row.cpu.postgres)} load ${us(row.cpu.load)}${row.note ? `  (${row.note})` : ''}`);
  return row;
}

/** A few valid unified social credit codes in the demo's counties. */
function demoUsccs(): string[] {
  return ['411702', '411721', '411700'].flatMap((region, i) => [0, 1, 2].map((k) => {
    const first17 = `9141${region.slice(2)}MA${String(100 + i * 10 + k).padStart(3, '0')}QK${k}X`.slice(0, 17).padEnd(17, '0');
    return first17 + usccCheckCharacter(first17);
  }));
}

interface Served {
  app: FastifyInstance;
  target: LoadTarget;
  /** 201 answers the server sent on POST /api/cases (what it acknowledged, counted server-side). */
  acknowledged(): number;
  /** POST /api/cases requests still being handled (those autocannon gave up on finish after it). */
  inFlight(): number;
  /** 2xx answers autocannon received (fewer: it drops the requests in flight when its time is up). */
  received: number;
  close(): Promise<void>;
}

/** Routes with the intake route's shape that do not write: validation + auth only, and with prepareCase. */
const baselineRoutes: FastifyPluginAsync = async (api) => {
  let n = 0;
  api.post('/bench/intake-echo', { schema: { body: IntakeBody } }, async (_request, reply) =>
    reply.status(201).send({ id: ++n, code: `20261123${String(n).padStart(5, '0')}`, version: 1, status: 'accepted' }));
  api.post('/bench/intake-prepare', { schema: { body: IntakeBody } }, async (request, reply) => {
    const prepared = await prepareCase(api.database.db, request.actor!, request.body as IntakeInput);
    return reply.status(201).send({ id: ++n, code: `20261123${String(n).padStart(5, '0')}`, version: 1, status: 'accepted', title: prepared.row.title.length });
  });
};

async function serve(database: Database): Promise<Served> {
  const demo = await loadDemoOrganisation(database.db, operatorActor());
  const categories = await loadDemoCatalogue(database.db, operatorActor(), demo);
  const config = { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', PUBLIC_RATE_LIMIT: '100000' }), webDist: 'web/dist-none' };
  const app = await buildServer({ database, config, logger: false });
  await app.register(baselineRoutes, { prefix: '/api' });
  let acknowledged = 0;
  let inFlight = 0;
  const isIntake = (request: FastifyRequest) => request.method === 'POST' && request.routeOptions.url === '/api/cases';
  app.addHook('onRequest', async (request) => {
    if (isIntake(request)) inFlight++;
  });
  // Counted when the 201 is sent (onSend), not when it was delivered: autocannon drops the requests
  // still in flight when its time is up, and their cases were committed and answered all the same.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isIntake(request)) {
      inFlight--;
      if (reply.statusCode === 201) acknowledged++;
    }
    return payload;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`log-in failed: ${login.statusCode} ${login.body}`);
  const cookie = `qq_session=${login.cookies.find((c) => c.name === 'qq_session')!.value}`;
  return {
    app,
    target: { url, path: '/api/cases', cookie, usccs: demoUsccs(), regions: ['411700', '411702', '411721'], categories: Object.values(categories) },
    acknowledged: () => acknowledged,
    inFlight: () => inFlight,
    received: 0,
    close: () => app.close(),
  };
}

/** Warm-up, then the measured run; both write cases. */
async function measureIntake(served: Served, label: string, tag: string, pgDataDir?: string, beforeMeasured?: () => Promise<void>) {
  const warmup = await runLoad(served.target, WARMUP_SECONDS, `${tag}w`);
  await beforeMeasured?.();
  const measured = await runLoad(served.target, SECONDS, tag, pgDataDir);
  served.received += warmup['2xx'] + measured['2xx'];
  return report(label, measured);
}

async function checkDatabase(database: Database, served: Served, label: string) {
  // The requests autocannon left behind still commit and answer: count once they all have.
  for (const deadline = Date.now() + 30_000; served.inFlight() > 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
  const acked = served.acknowledged();
  const [{ cases, events }] = await queryRows<{ cases: number; events: number }>(database.db,
    sql`select (select count(*)::int from cases) as cases, (select count(*)::int from case_events where seq = 1) as events`);
  const t0 = performance.now();
  const chains = await verifyCaseChains(database.db);
  const ok = cases === acked && events === acked && chains.ok;
  console.log(`${label}: ${cases} cases and ${events} first events for ${acked} answers 201 — ${cases === acked && events === acked ? 'equal' : 'MISMATCH'} ` +
    `(autocannon received ${served.received}, the other ${acked - served.received} were in flight when it stopped); ` +
    `case chains ${chains.ok ? 'verified' : `BROKEN (${chains.problems.length} problems)`} (${chains.events} events, ${(performance.now() - t0).toFixed(0)} ms)`);
  if (!ok) process.exitCode = 1;
  return ok;
}

async function pgbench(url: string, database: Database, dataDir: string): Promise<void> {
  await database.db.execute(sql`create table bench_rows (id bigint generated always as identity primary key, body text not null, at timestamptz not null default now())`);
  const dir = mkdtempSync(join(tmpdir(), 'qinqing-pgbench-'));
  try {
    writeFileSync(join(dir, 'insert.sql'), `insert into bench_rows (body) values ('诉求人反映：驿城区解放路12号小区物业乱收停车费，多次与相关单位联系未果。');\n`);
    const u = new URL(url);
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
    const pg0 = await postgresCpuMs(dataDir);
    const client0 = reapedChildrenCpuMs();
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(join(PG_BIN, 'pgbench'), ['-n', '-c', '8', '-j', '2', '-T', String(SECONDS), '-l', '-f', 'insert.sql',
        '-h', u.hostname, '-p', u.port, '-U', PG_SUPERUSER, u.pathname.slice(1)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}: ${text}`))));
    });
    const postgresCpu = (await postgresCpuMs(dataDir)) - pg0;
    // pgbench's own CPU, as the server's is counted for intake: both are PostgreSQL's client.
    const clientCpu = reapedChildrenCpuMs() - client0;
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    // Per-transaction log lines: client_id transaction_no latency_us script_no epoch_s epoch_us.
    const latencies: number[] = [];
    for (const f of readdirSync(dir).filter((f) => f.startsWith('pgbench_log'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    report('PostgreSQL: pgbench 1-row insert, 8 clients (baseline)', {
      cpuMs: NaN, serverCpuMs: clientCpu, postgresCpuMs: postgresCpu, duration: latencies.length / tps, '2xx': latencies.length, non2xx: failed, errors: 0, timeouts: 0, statusCodeStats: {},
      latency: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, mean: NaN },
    }, 'transactions, not HTTP; "server" is pgbench itself');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What each statement of the measured run cost PostgreSQL (pg_stat_statements), per accepted case. */
async function printStatements(database: Database, cases: number) {
  const statements = await queryRows<{ query: string; calls: number; exec_ms: number; plan_ms: number; rows: number; wal_bytes: number }>(database.db, sql`
    select left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 110) as query, calls::int, total_exec_time as exec_ms, total_plan_time as plan_ms, rows::int, wal_bytes::float8 as wal_bytes
    from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time + total_plan_time desc limit 12`);
  console.log(`\nPostgreSQL statements of the measured intake run (pg_stat_statements; µs and WAL bytes per accepted case, ${cases} cases):`);
  for (const s of statements) {
    console.log(`  exec ${((s.exec_ms * 1000) / cases).toFixed(1).padStart(6)} µs  plan ${((s.plan_ms * 1000) / cases).toFixed(1).padStart(5)} µs  ` +
      `WAL ${(s.wal_bytes / cases).toFixed(0).padStart(5)} B  calls ${String(s.calls).padStart(6)}  rows ${String(s.rows).padStart(6)}  ${s.query}`);
  }
}

/**
 * Where the CPU per case goes once HTTP is out of the way: the same prepared appeals written
 * straight through `insertCases`, in batches of BREAKDOWN_BATCH, BREAKDOWN_IN_FLIGHT at once (the
 * shape the batcher takes under the HTTP load), into a database of their own on the same server;
 * then again after taking away, one after the other, the Chinese search index, the other
 * secondary indexes of `cases` and the foreign keys of `cases` and `case_events` — what each of
 * the schema's features costs PostgreSQL. The figures and every check stay (they are writes of
 * the same statement).
 */
const BREAKDOWN_CASES = 4000;
const BREAKDOWN_BATCH = 16;
const BREAKDOWN_IN_FLIGHT = 4;

async function breakdown(server: Awaited<ReturnType<typeof startPostgresServer>>): Promise<void> {
  const database = await prepared(await openDatabase({ databaseUrl: await server.createDatabase('breakdown') }));
  try {
    const demo = await loadDemoOrganisation(database.db, operatorActor());
    const categories = Object.values(await loadDemoCatalogue(database.db, operatorActor(), demo));
    const [agent] = await queryRows<{ id: number; office_id: number; path: string }>(database.db,
      sql`select u.id, u.office_id, o.path from users u join offices o on o.id = u.office_id where u.username = 'agent'`);
    const actor = { userId: agent.id, name: 'agent', roles: ['agent' as const], officeId: agent.office_id, officePath: agent.path, enterpriseUscc: null };
    const cases: PreparedCase[] = [];
    for (let i = 0; i < BREAKDOWN_CASES; i++) {
      const place = ['驿城区解放路', '西平县柏城大道', '驻马店市开发区金雀路'][i % 3] + ((i % 300) + 1) + '号';
      cases.push(await prepareCase(database.db, actor, {
        channel: 'hotline', type: 'complaint', priority: 'normal', title: `小区物业乱收停车费（b-${i}）`, address: place,
        content: `诉求人反映：${place}小区物业乱收停车费，多次与相关单位联系未果，请求相关部门依法处理并及时答复。`.repeat(1 + (i % 4)),
        regionCode: ['411700', '411702', '411721'][i % 3], categoryId: i % 5 === 0 ? null : categories[i % categories.length],
        requester: { kind: 'person', name: '王伟', phone: `138${String(10000000 + i)}` }, confidential: false,
      }));
    }
    const write = async () => {
      let next = 0;
      await Promise.all(Array.from({ length: BREAKDOWN_IN_FLIGHT }, async () => {
        for (let at = next; at < cases.length; at = next) {
          next += BREAKDOWN_BATCH;
          await insertCases(database.db, cases.slice(at, at + BREAKDOWN_BATCH));
        }
      }));
    };
    await write(); // warm-up: caches, plans, the tables' first pages
    const secondary = await queryRows<{ name: string }>(database.db, sql`
      select indexrelid::regclass::text as name from pg_index where indrelid = 'cases'::regclass and not indisunique and indexrelid <> 'cases_search'::regclass`);
    const foreignKeys = await queryRows<{ tab: string; name: string }>(database.db, sql`
      select conrelid::regclass::text as tab, conname as name from pg_constraint where contype = 'f' and conrelid in ('cases'::regclass, 'case_events'::regclass)`);
    const steps: [string, string[]][] = [
      ['insertCases as intake runs it', []],
      ['– the Chinese search index (GIN on search_terms)', ['drop index cases_search']],
      [`– the other ${secondary.length} secondary indexes of cases`, secondary.map((i) => `drop index ${i.name}`)],
      [`– the ${foreignKeys.length} foreign keys of cases and case_events`, foreignKeys.map((f) => `alter table ${f.tab} drop constraint ${f.name}`)],
    ];
    console.log(`\nWhere the CPU per case goes without HTTP: ${BREAKDOWN_CASES} cases through insertCases, ${BREAKDOWN_BATCH} a statement, ${BREAKDOWN_IN_FLIGHT} at once, then taking away:`);
    for (const [label, ddl] of steps) {
      for (const statement of ddl) await database.db.execute(sql.raw(statement));
      await database.db.execute(sql`checkpoint`);
      const cpu0 = process.cpuUsage();
      const pg0 = await postgresCpuMs(server.dataDir);
      const t0 = performance.now();
      await write();
      const ms = performance.now() - t0;
      const pg = ((await postgresCpuMs(server.dataDir)) - pg0) * 1000 / BREAKDOWN_CASES;
      const cpu = process.cpuUsage(cpu0);
      const js = (cpu.user + cpu.system) / BREAKDOWN_CASES;
      console.log(`  ${label.padEnd(58)} ${((BREAKDOWN_CASES / ms) * 1000).toFixed(0).padStart(6)} cases/s  CPU µs/case: server ${js.toFixed(0).padStart(4)}  PostgreSQL ${pg.toFixed(0).padStart(4)}`);
    }
  } finally {
    await database.close();
  }
}

async function prepared(database: Database): Promise<Database> {
  await migrate(database);
  await ensureNationalRegions(database.db);
  return database;
}

export async function run() {
  console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per line, every body a new appeal`);
  let failed = false;
  if (!SKIP.has('postgres')) {
    const server = await startPostgresServer({ settings: { ...PG_BENCH_SETTINGS, ...(PG_STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' } : {}) } });
    try {
      const url = await server.createDatabase('bench');
      const database = await prepared(await openDatabase({ databaseUrl: url }));
      if (PG_STATEMENTS) await database.db.execute(sql`create extension if not exists pg_stat_statements`);
      const served = await serve(database);
      try {
        if (!SKIP.has('baselines')) {
          await pgbench(url, database, server.dataDir);
          await runLoad({ ...served.target, path: '/api/bench/intake-echo' }, WARMUP_SECONDS, 'ew');
          report('HTTP route, no database: auth + IntakeBody (baseline)', await runLoad({ ...served.target, path: '/api/bench/intake-echo' }, SECONDS, 'e'));
          report('HTTP route, no database: + prepareCase (baseline)', await runLoad({ ...served.target, path: '/api/bench/intake-prepare' }, SECONDS, 'p'));
        }
        const row = await measureIntake(served, 'PostgreSQL 15: POST /api/cases (group commit)', 'pg', server.dataDir,
          PG_STATEMENTS ? async () => void (await database.db.execute(sql`select pg_stat_statements_reset()`)) : undefined);
        row.note = `target ≥ 5000/s with p99 < 50 ms: ${row.rate >= 5000 && row.p99 < 50 ? 'met' : 'MISSED'}`;
        if (PG_STATEMENTS) await printStatements(database, row.ok);
        if (!(await checkDatabase(database, served, 'PostgreSQL 15'))) failed = true;
      } finally {
        await served.close();
        await database.close();
      }
      if (!SKIP.has('breakdown')) await breakdown(server);
    } finally {
      await server.stop();
    }
  }
  if (!SKIP.has('pglite')) {
    // Synced as `npm start` runs it, then, as the baseline of what the syncs cost, as PGlite ships (fsync off).
    for (const syncCommits of [true, false]) {
      const dir = mkdtempSync(join(tmpdir(), 'qinqing-bench-pglite-'));
      try {
        const database = await prepared(await openDatabase({ dataDir: dir, syncCommits }));
        const served = await serve(database);
        try {
          console.log(`PGlite data directory: ${dir}${syncCommits ? '' : ' (commits not synced)'}`);
          const row = await measureIntake(served, `PGlite (temp DATA_DIR${syncCommits ? ', every commit synced' : ', baseline: commits not synced'}): POST /api/cases`, 'lite');
          row.note = syncCommits ? `target ≥ 500/s: ${row.rate >= 500 ? 'met' : 'MISSED'}` : 'not durable: what the syncs cost';
          if (!(await checkDatabase(database, served, 'PGlite'))) failed = true;
        } finally {
          await served.close();
          await database.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log('\n| measurement | per s | p50 ms | p99 ms | 2xx | non-2xx | errors | CPU µs/req: server | PostgreSQL | load gen. | note |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${us(r.cpu.server)} | ${us(r.cpu.postgres)} | ${us(r.cpu.load)} | ${r.note ?? ''} |`);
  }
  const intake = rows.find((r) => r.label.startsWith('PostgreSQL 15'));
  if (intake?.cpu.server && intake.cpu.postgres && intake.cpu.load) {
    const total = intake.cpu.server + intake.cpu.postgres + intake.cpu.load;
    console.log(`\nPostgreSQL intake costs ${total.toFixed(0)} µs of CPU per case in all (server ${intake.cpu.server.toFixed(0)} + PostgreSQL ${intake.cpu.postgres.toFixed(0)} + load generator ${intake.cpu.load.toFixed(0)}): ` +
      `at most ${((os.cpus().length * 1e6) / total).toFixed(0)} cases/s on ${os.cpus().length} otherwise idle cores.`);
  }
  const insert = rows.find((r) => r.label.startsWith('PostgreSQL: pgbench'));
  if (intake?.cpu.server && intake.cpu.postgres && insert?.cpu.postgres && insert.cpu.server !== undefined) {
    const perCase = intake.cpu.server + intake.cpu.postgres;
    const perInsert = insert.cpu.postgres + insert.cpu.server;
    const ratio = perCase / perInsert;
    console.log(`CPU per accepted case: server ${intake.cpu.server.toFixed(0)} µs + PostgreSQL ${intake.cpu.postgres.toFixed(0)} µs = ${perCase.toFixed(0)} µs; ` +
      `per pgbench insert: PostgreSQL ${insert.cpu.postgres.toFixed(0)} µs + pgbench ${insert.cpu.server.toFixed(0)} µs = ${perInsert.toFixed(0)} µs. ` +
      `Ratio ${ratio.toFixed(2)}× (target ≤ 2.5×: ${ratio <= 2.5 ? 'met' : 'MISSED'}); PostgreSQL alone ${(intake.cpu.postgres / insert.cpu.postgres).toFixed(2)}×.`);
  }
  if (failed) console.log('\nCONSISTENCY CHECK FAILED (see above)');
}
