/**
 * Operators' commands against a running embedded server. `npm start` (PGlite in DATA_DIR, its
 * own process, its sweep and fold every second) takes appeals from 8 concurrent clients while
 * every CLI command runs against the same DATA_DIR: each either runs through the server (its
 * admin socket) or is refused with the holder's pid and what to do — none opens the files a
 * second time. Afterwards, with the server stopped: the figures equal a recount from the events,
 * every appeal answered 201 is there once, and every chain verifies. A server killed outright
 * leaves a stale lock that the next command takes over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../harness/postgres-server.js';
import { qinqing, qinqingIn } from '../support/cli.js';
import { openDatabase, queryRows, sql, type Database } from '../../src/platform/db/engine.js';
import { LOCK_FILE } from '../../src/platform/db/data-dir-lock.js';
import { foldFigureDeltas, rebuildRollups } from '../../src/evaluation/rollups.js';
import { DEMO_PASSWORD } from '../../src/demo/organisation.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('CLI commands against a running embedded server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinqing-live-cli-'));
  const webDist = mkdtempSync(join(tmpdir(), 'qinqing-live-cli-web-'));
  const work = mkdtempSync(join(tmpdir(), 'qinqing-live-cli-files-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  let server: ChildProcess;
  let url = '';
  let output = '';

  async function startServer(): Promise<ChildProcess> {
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    output = '';
    const child = spawn(process.execPath, ['bin/qinqing.mjs', 'serve'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', WEB_DIST: webDist, DEMO: 'true', DEMO_HISTORY_CASES: '0', SWEEP_INTERVAL_SECONDS: '1' },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    for (const deadline = Date.now() + 120_000; ;) {
      if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok && existsSync(join(dataDir, 'qinqing.sock'))) return child;
      } catch { /* not yet listening */ }
      if (Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>qinqing</title>');
    server = await startServer();
  }, 180_000);
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    for (const d of [dataDir, webDist, work]) rmSync(d, { recursive: true, force: true });
  });

  it('runs every command through the server under load, or refuses naming the holder; the figures then equal a recount', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('qq_session='))!;
    const { officeId } = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as { officeId: number };
    const acknowledged = new Set<string>();
    let running = true;
    let sent = 0;
    const load = Array.from({ length: 8 }, async () => {
      while (running) {
        const n = sent++;
        const res = await fetch(`${url}/api/cases`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ channel: 'hotline', type: 'complaint', title: `运行中的命令 ${n}`, content: `驿城区某小区夜间施工噪音扰民，第 ${n} 次反映。`, regionCode: '411702', requester: { kind: 'person', name: '王先生', phone: '13812345678' } }),
        });
        expect(res.status).toBe(201);
        acknowledged.add(((await res.json()) as { code: string }).code);
      }
    });

    const stopLoad = async () => {
      running = false;
      await Promise.allSettled(load);
    };
    try {
      const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'));
      expect(holder).toMatchObject({ pid: server.pid, command: 'serve', adminSocket: join(dataDir, 'qinqing.sock') });
      const calendarFile = join(ROOT, 'src/calendar/fixtures/holiday-cn-2020.json');
      const through: [string[], RegExp, number][] = [
        [['cases', 'sweep'], /^deadline sweep: \d+ running cases checked/, 0],
        [['rollups', 'fold'], /^rollups fold: \d+ monthly/, 0],
        [['rollups', 'rebuild'], /^rollups rebuild: \d+ cases/, 0],
        [['audit', 'verify'], /audit trail intact/, 0],
        [['calendar', 'years'], /chinese-days/, 0],
        [['calendar', 'is-working-day', '2026-10-01'], /^2026-10-01 no/, 1],
        [['calendar', 'add-working-days', '2026-09-30', '1'], /^2026-10-08$/, 0],
        [['calendar', 'import', calendarFile], /^imported \d+ days for 2020/, 0],
        [['users', 'create', '--username', 'live-operator', '--password', 'Duty-desk-7qX!2026', '--name', '值班员', '--roles', 'agent', '--office', String(officeId)], /^created user live-operator/, 0],
        [['backup', 'live.jsonl.gz'], /^backed up \d+ rows/, 0],
        [['migrate'], /^$/, 0],
      ];
      for (const [args, answer, code] of through) {
        const run = await qinqingIn(work, env, ...args);
        expect(run.code, `${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(code);
        expect(run.stdout.trim(), args.join(' ')).toMatch(answer);
      }
      // A relative file is the operator's: written where they ran the command, not where the server runs.
      expect(existsSync(join(work, 'live.jsonl.gz'))).toBe(true);
      const demo = await qinqing(env, 'demo');
      expect(demo.code).toBe(1);
      expect(demo.stderr).toContain('already has offices');

      for (const args of [['restore', join(work, 'x.jsonl.gz')], ['init'], ['serve']]) {
        const refused = await qinqing(env, ...args);
        expect(refused.code, args[0]).toBe(2);
        expect(refused.stderr).toContain(`pid ${server.pid}`);
        expect(refused.stderr).toContain(`\`${args[0]}\` needs the directory to itself: stop that process first`);
        expect(refused.stderr).toContain('需要独占数据目录');
      }

    } finally {
      await stopLoad();
    }
    await Promise.all(load);
    expect(acknowledged.size).toBeGreaterThan(50);
    const stopped = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await stopped;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(dataDir, 'qinqing.sock'))).toBe(false);

    const verify = await qinqing(env, 'audit', 'verify');
    expect(verify.code, verify.stdout).toBe(0);
    const database: Database = await openDatabase({ dataDir });
    try {
      const codes = (await queryRows<{ code: string }>(database.db, sql`select code from cases where title like '运行中的命令 %'`)).map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of acknowledged) expect(codes).toContain(code);
      await foldFigureDeltas(database.db);
      const figures = () => queryRows(database.db, sql`select * from figure_month order by month, facet, office_id, region_code, category_id, channel, type`);
      const folded = await figures();
      const [{ received }] = await queryRows<{ received: number }>(database.db, sql`select sum(received)::int as received from figure_month where facet = 'place'`);
      const [{ cases }] = await queryRows<{ cases: number }>(database.db, sql`select count(*)::int as cases from cases`);
      expect(received).toBe(cases);
      await rebuildRollups(database.db);
      expect(await figures()).toEqual(folded);
    } finally {
      await database.close();
    }
  }, 600_000);

  it('takes over the lock of a server that was killed, and refuses a second opener while one holds it', async () => {
    if (server.exitCode === null) {
      const left = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await left;
    }
    server = await startServer();
    const killed = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await killed;
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(server.pid);
    const sweep = await qinqing(env, 'cases', 'sweep');
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const database = await openDatabase({ dataDir, holder: 'a test holding the directory' });
    try {
      const refused = await qinqing(env, 'cases', 'sweep');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`a test holding the directory\` (pid ${process.pid}`);
      expect(refused.stderr).toContain('wait for it to finish');
    } finally {
      await database.close();
    }
  }, 300_000);
});
