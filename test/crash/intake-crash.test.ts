/**
 * Crash safety of intake (受理). The real app (`node bin/qinqing.mjs serve`, its own process and
 * connection pool) takes appeals over HTTP from 16 concurrent clients while, mid-load, first the
 * PostgreSQL server and then the app process is SIGKILLed. Whatever the timing, afterwards:
 *
 *  - every appeal answered 201 is in the database, under the code it was answered with, with its
 *    first event — a 201 is durable;
 *  - no appeal was written twice, and nothing was written that no client sent;
 *  - every case's hash chain and the audit trail verify;
 *  - the app recovers by itself when the database is back (its pool reconnects), and a restarted
 *    app takes appeals again with the sessions it had.
 *
 * Requests that were in flight at the crash may or may not have been written (their outcome was
 * never reported), so they are only allowed, not required, to exist.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, findFreePort, type PostgresServer } from '../harness/postgres-server.js';
import { openDatabase, queryRows, sql } from '../../src/platform/db/engine.js';
import { verifyCaseChains } from '../../src/cases/verify.js';
import { verifyAuditTrail } from '../../src/audit/verify.js';
import { DEMO_PASSWORD } from '../../src/demo/organisation.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const WORKERS = 16;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The app as production runs it, on a port of its own. */
class AppProcess {
  private child: ChildProcess | undefined;
  private output = '';
  url = '';

  constructor(private readonly databaseUrl: string, private readonly webDist: string) {}

  async start(): Promise<void> {
    const port = await findFreePort();
    this.url = `http://127.0.0.1:${port}`;
    this.output = '';
    const child = spawn(process.execPath, ['bin/qinqing.mjs', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: this.databaseUrl, PORT: String(port), HOST: '127.0.0.1', WEB_DIST: this.webDist, DEMO: 'true', DEMO_HISTORY_CASES: '0', LOG_LEVEL: 'error', SWEEP_INTERVAL_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (this.output = (this.output + d).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    await until('the app to answer /api/health', async () => {
      if (exited) throw new Error(`the app exited during start:\n${this.output}`);
      try {
        return (await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {
        return false;
      }
    }, 45_000);
  }

  /** SIGKILL, like a crash: no shutdown hooks, no pool drain. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  get log() {
    return this.output;
  }
}

interface Outcome {
  /** code → id of every appeal answered 201 */
  acknowledged: Map<string, number>;
  /** title of every appeal sent */
  sent: Set<string>;
  /** titles answered 201 */
  ackedTitles: Set<string>;
  /** requests that failed (HTTP error status or no answer) */
  failures: number;
  duplicateCodes: string[];
}

function newOutcome(): Outcome {
  return { acknowledged: new Map(), sent: new Set(), ackedTitles: new Set(), failures: 0, duplicateCodes: [] };
}

function appeal(title: string) {
  return {
    channel: 'hotline', type: 'complaint', title,
    content: `诉求人反映：驿城区解放路小区物业乱收停车费，多次与物业公司协商未果，请求相关部门依法处理并及时答复。（${title}）`,
    address: '驿城区解放路12号', regionCode: '411702', requester: { kind: 'person', name: '王伟', phone: '13812345678' },
  };
}

async function postAppeal(url: string, cookie: string, title: string): Promise<Response> {
  return fetch(`${url}/api/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(appeal(title)),
    signal: AbortSignal.timeout(15_000),
  });
}

/** WORKERS clients posting new appeals back to back, each recording what it was told. */
function startLoad(url: string, cookie: string, phase: string, outcome: Outcome) {
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = 0; running; i++) {
      const title = `崩溃测试 ${phase}-${w}-${i}`;
      outcome.sent.add(title);
      try {
        const res = await postAppeal(url, cookie, title);
        const body = await res.json() as { id?: number; code?: string };
        if (res.status === 201 && body.code && body.id) {
          if (outcome.acknowledged.has(body.code)) outcome.duplicateCodes.push(body.code);
          outcome.acknowledged.set(body.code, body.id);
          outcome.ackedTitles.add(title);
          continue;
        }
        outcome.failures++;
      } catch {
        outcome.failures++;
      }
      await sleep(25); // the app or its database is down: do not spin
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/** Everything a crash must not break, checked on a connection of the test's own. */
async function checkDatabase(databaseUrl: string, outcome: Outcome) {
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    const codes = [...outcome.acknowledged.keys()];
    const found = await queryRows<{ code: string; id: number; events: number }>(database.db, sql`
      select c.code, c.id, (select count(*)::int from case_events e where e.case_id = c.id and e.seq = 1 and e.action = 'create') as events
      from cases c where c.code = any(${`{${codes.join(',')}}`}::text[])`);
    const byCode = new Map(found.map((r) => [r.code, r]));
    const missing = codes.filter((c) => !byCode.has(c));
    expect(missing, 'acknowledged appeals missing after the crash').toEqual([]);
    expect(codes.filter((c) => byCode.get(c)!.id !== outcome.acknowledged.get(c)), 'acknowledged under another id').toEqual([]);
    expect(found.filter((r) => r.events !== 1).map((r) => r.code), 'acknowledged appeals without their first event').toEqual([]);

    const [counts] = await queryRows<{ cases: number; without_first_event: number }>(database.db, sql`
      select count(*)::int as cases,
        count(*) filter (where not exists (select 1 from case_events e where e.case_id = c.id and e.seq = 1))::int as without_first_event
      from cases c`);
    expect(counts.without_first_event, 'cases without their first event').toBe(0);
    const twice = await queryRows<{ title: string; n: number }>(database.db, sql`select title, count(*)::int as n from cases group by title having count(*) > 1`);
    expect(twice, 'appeals written twice').toEqual([]);
    const titles = await queryRows<{ title: string }>(database.db, sql`select title from cases where title like '崩溃测试 %'`);
    expect(titles.filter((t) => !outcome.sent.has(t.title)).map((t) => t.title), 'cases no client sent').toEqual([]);
    // The demo's own cases, the acknowledged ones, and at most the ones whose answer was lost.
    const inDoubt = titles.filter((t) => !outcome.ackedTitles.has(t.title)).length;
    expect(inDoubt).toBeLessThanOrEqual(outcome.failures);
    expect(titles.length).toBe(outcome.ackedTitles.size + inDoubt);

    const chains = await verifyCaseChains(database.db);
    expect(chains.problems).toEqual([]);
    expect(chains.ok).toBe(true);
    expect(chains.cases).toBe(counts.cases);
    const audit = await verifyAuditTrail(database.db);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
    return { cases: counts.cases, inDoubt };
  } finally {
    await database.close();
  }
}

describe('intake under crashes (real app process, real PostgreSQL server)', () => {
  let server: PostgresServer;
  let databaseUrl: string;
  let app: AppProcess;
  let cookie: string;
  let webDist: string;
  const outcome = newOutcome();

  beforeAll(async () => {
    const t0 = performance.now();
    server = await startPostgresServer();
    databaseUrl = await server.createDatabase('crash');
    // A stand-in web app, so that `serve` does not build the real one.
    webDist = mkdtempSync(join(tmpdir(), 'qinqing-crash-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>qinqing</title>');
    app = new AppProcess(databaseUrl, webDist);
    await app.start(); // a new database: migrations, regions and the demo organisation
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('qq_session='))!;
    expect(cookie).toBeTruthy();
    console.log(`set-up ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await app?.kill();
    await server?.stop();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('PostgreSQL SIGKILLed under load: every 201 survives, nothing twice, chains intact, the app reconnects', async () => {
    const load = startLoad(app.url, cookie, 'db', outcome);
    await until('300 acknowledged appeals', () => outcome.acknowledged.size >= 300, 30_000);
    const ackedBeforeKill = outcome.acknowledged.size;
    await server.kill();
    const failuresAtKill = outcome.failures;
    await until('requests failing with the database gone', () => outcome.failures >= failuresAtKill + WORKERS, 15_000);
    await load.stop();
    expect(ackedBeforeKill).toBeGreaterThanOrEqual(300);
    expect(outcome.duplicateCodes).toEqual([]);

    await server.restart();
    // The same app process, untouched: its pool must drop the dead connections and open new ones.
    const res = await postAppeal(app.url, cookie, '崩溃测试 after-db-restart');
    outcome.sent.add('崩溃测试 after-db-restart');
    expect(res.status, app.log.slice(-2000)).toBe(201);
    const created = await res.json() as { id: number; code: string };
    outcome.acknowledged.set(created.code, created.id);
    outcome.ackedTitles.add('崩溃测试 after-db-restart');
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);

    const db = await checkDatabase(databaseUrl, outcome);
    console.log(`PostgreSQL killed after ${ackedBeforeKill} acknowledged appeals; ${outcome.failures} requests failed, ${db.inDoubt} of them written all the same; ${db.cases} cases verified`);
  });

  it('app process SIGKILLed under load: every 201 survives, a restarted app takes appeals with the sessions it had', async () => {
    const before = outcome.acknowledged.size;
    const load = startLoad(app.url, cookie, 'app', outcome);
    await until('300 more acknowledged appeals', () => outcome.acknowledged.size >= before + 300, 30_000);
    await app.kill();
    const failuresAtKill = outcome.failures;
    await until('requests failing with the app gone', () => outcome.failures >= failuresAtKill + WORKERS, 15_000);
    await load.stop();
    expect(outcome.duplicateCodes).toEqual([]);

    await app.start();
    // Sessions live in the database: the log-in made before the crash still holds.
    const res = await postAppeal(app.url, cookie, '崩溃测试 after-app-restart');
    outcome.sent.add('崩溃测试 after-app-restart');
    expect(res.status, app.log.slice(-2000)).toBe(201);
    const created = await res.json() as { id: number; code: string };
    outcome.acknowledged.set(created.code, created.id);
    outcome.ackedTitles.add('崩溃测试 after-app-restart');

    const db = await checkDatabase(databaseUrl, outcome);
    console.log(`app killed after ${outcome.acknowledged.size - before} more acknowledged appeals; ${outcome.failures} requests failed in all, ${db.inDoubt} written all the same; ${db.cases} cases verified`);
  });
});
