/**
 * Three serving processes on one PostgreSQL server, sharing nothing but the database: a session
 * made on one works on the others (and a log-out on one is refused on the others at once, even
 * after their listening connections were cut), the public rate
 * limit is counted across all of them, each background job runs once per interval across all of
 * them rather than once per process, and every notice reaches the webhook exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../harness/postgres-server.js';
import { newServerDatabase } from '../support/engines.js';
import { DEMO_PASSWORD } from '../../src/demo/organisation.js';
import { SESSION_CACHE_MS } from '../../src/auth/sessions.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PUBLIC_RATE_LIMIT = 12;
const SWEEP_SECONDS = 1;

interface Process { child: ChildProcess; url: string; output: string }

describe('three processes on one PostgreSQL server', () => {
  const webDist = mkdtempSync(join(tmpdir(), 'qinqing-processes-web-'));
  const processes: Process[] = [];
  const received: number[] = [];
  let receiver: Server;
  let databaseUrl = '';
  let client: pg.Client;

  async function startProcess(env: Record<string, string>): Promise<Process> {
    const port = await findFreePort();
    const p: Process = { url: `http://127.0.0.1:${port}`, output: '', child: undefined! };
    p.child = spawn(process.execPath, ['bin/qinqing.mjs', 'serve'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WEB_DIST: webDist, LOG_LEVEL: 'error' },
    });
    p.child.stdout!.on('data', (d) => (p.output += d));
    p.child.stderr!.on('data', (d) => (p.output += d));
    for (const deadline = Date.now() + 150_000; ;) {
      if (p.child.exitCode !== null) throw new Error(`the server exited:\n${p.output}`);
      try {
        if ((await fetch(`${p.url}/api/health`)).ok) return p;
      } catch { /* not yet listening */ }
      if (Date.now() > deadline) throw new Error(`the server did not start:\n${p.output}`);
      await sleep(100);
    }
  }

  const login = async (p: Process, username: string) => {
    const res = await fetch(`${p.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('qq_session='))!;
  };
  const call = (p: Process, method: string, path: string, cookie?: string, body?: unknown) =>
    fetch(`${p.url}${path}`, { method, headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const jobRuns = async () => Object.fromEntries((await client.query<{ name: string; runs: string }>('select name, runs from background_job_runs')).rows.map((r) => [r.name, Number(r.runs)]));

  beforeAll(async () => {
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>qinqing</title>');
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push((JSON.parse(body) as { id: number }).id);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/notices`;
    databaseUrl = await newServerDatabase();
    const env = {
      DEMO: 'true', DEMO_HISTORY_CASES: '0', SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS), PUBLIC_RATE_LIMIT: String(PUBLIC_RATE_LIMIT),
      NOTIFY_WEBHOOK_URL: hook, NOTIFY_POLL_MS: '50',
    };
    // The first creates the demo database; the other two open it as it stands.
    processes.push(await startProcess(env));
    processes.push(...await Promise.all([startProcess(env), startProcess(env)]));
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  }, 300_000);
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await client?.end();
    await new Promise((r) => receiver?.close(r));
    rmSync(webDist, { recursive: true, force: true });
  });

  /** Logs in on one process, has every process resolve (and so cache) the session, logs out on the first, and expects the others to refuse it at once. */
  async function logOutEverywhere(username: string) {
    const cookie = await login(processes[0], username);
    for (const p of processes) {
      const me = await call(p, 'GET', '/api/me', cookie);
      expect(me.status).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe(username);
    }
    expect((await call(processes[0], 'POST', '/api/auth/logout', cookie)).status).toBe(204);
    const loggedOut = Date.now();
    expect((await call(processes[0], 'GET', '/api/me', cookie)).status).toBe(401);
    // B and C had the session in their cache (SESSION_CACHE_MS, src/auth/sessions.ts) a moment
    // ago; the log-out's announcement evicts it there, so they refuse it well before it expires.
    // The announcement travels on its own connection, hence a short wait rather than none.
    for (const p of [processes[1], processes[2]]) {
      while ((await call(p, 'GET', '/api/me', cookie)).status !== 401) {
        expect(Date.now() - loggedOut).toBeLessThan(SESSION_CACHE_MS / 5);
        await sleep(20);
      }
    }
    return Date.now() - loggedOut;
  }
  const listeners = async () => (await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where query ilike 'listen %'`)).rows[0].n;

  it('keeps a session made on one process on every process, and refuses it on every process at once after log-out', async () => {
    await logOutEverywhere('supervisor');
  });

  it('refuses a log-out everywhere at once again after the processes\' listening connections were cut', async () => {
    expect(await listeners()).toBe(3);
    await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %'`);
    for (const deadline = Date.now() + 30_000; (await listeners()) < 3;) {
      if (Date.now() > deadline) throw new Error('the processes did not listen again within 30 s');
      await sleep(100);
    }
    await logOutEverywhere('supervisor');
  });

  it('counts the public rate limit across the processes: the budget is spent once, not once per process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_RATE_LIMIT + 1; i++) {
      const res = await call(processes[i % 3], 'POST', '/api/public/appeals', undefined, {
        type: 'complaint', title: `路灯不亮 ${i}`, content: `驿城区人民街道某小区门口的路灯坏了，第 ${i} 次反映。`,
        address: '驻马店市驿城区人民街道', regionCode: '411702', requester: { kind: 'person', name: '周女士', phone: '13700002222' },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, PUBLIC_RATE_LIMIT).every((s) => s === 201), statuses.join(' ')).toBe(true);
    expect(statuses[PUBLIC_RATE_LIMIT]).toBe(429);
  });

  it('runs each background job once per interval across the three processes', async () => {
    const before = await jobRuns();
    const started = Date.now();
    await sleep(8_000);
    const after = await jobRuns();
    const seconds = (Date.now() - started) / 1000;
    expect(Object.keys(after)).toEqual(expect.arrayContaining(['evaluation rollup fold', 'idempotency-key-expiry', 'rate-window-expiry']));
    for (const [name, runs] of Object.entries(after)) {
      const ran = runs - (before[name] ?? 0);
      // Once per interval (claims fall due at 0.9 of it), never once per process (3× as many).
      expect(ran, name).toBeGreaterThanOrEqual(Math.floor(seconds / SWEEP_SECONDS) - 2);
      expect(ran, name).toBeLessThanOrEqual(Math.ceil(seconds / (SWEEP_SECONDS * 0.9)) + 1);
    }
  });

  it('delivers every notice to the webhook exactly once', async () => {
    const dispatcher = await login(processes[0], 'dispatcher');
    const agent = await login(processes[1], 'agent');
    const { officeId: handlerOffice } = (await (await call(processes[2], 'GET', '/api/me', await login(processes[2], 'handler'))).json()) as { officeId: number };
    const CASES = 30;
    const ids = await Promise.all(Array.from({ length: CASES }, async (_, i) => {
      const res = await call(processes[i % 3], 'POST', '/api/cases', agent, {
        channel: 'hotline', type: 'complaint', title: `夜间施工 ${i}`, content: `驿城区某小区夜间施工噪音扰民，第 ${i} 次反映。`,
        regionCode: '411702', requester: { kind: 'person', name: '王先生', phone: '13812345678' },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: number }).id;
    }));
    await Promise.all(ids.map(async (id, i) => {
      const res = await call(processes[(i + 1) % 3], 'POST', `/api/cases/${id}/dispatch`, dispatcher, { version: 1, leadOfficeId: handlerOffice });
      expect(res.status, await res.clone().text()).toBe(200);
    }));
    const queued = async () => (await client.query<{ id: number; status: string }>(`select id::int, status from notification_outbox where kind = 'case.dispatch'`)).rows;
    for (const deadline = Date.now() + 60_000; (await queued()).some((n) => n.status !== 'delivered');) {
      if (Date.now() > deadline) throw new Error('the notices were not all delivered within 60 s');
      await sleep(200);
    }
    const notices = await queued();
    expect(notices.length).toBeGreaterThanOrEqual(CASES);
    await sleep(1_000);
    const counts = new Map<number, number>();
    for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const n of notices) expect(counts.get(n.id), `notice ${n.id}`).toBe(1);
  });
});
