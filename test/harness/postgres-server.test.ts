import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, PG_BIN, startPostgresServer, type PostgresServer } from './postgres-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, ssl: false });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

describe('postgres-server harness', () => {
  let server: PostgresServer;
  let root: string;

  beforeAll(async () => {
    server = await startPostgresServer({
      log: (s) => console.log(s),
      settings: { max_connections: '37', application_name: "it's a \\ test" },
    });
    root = path.dirname(server.dataDir);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('exports PG_BIN and findFreePort', async () => {
    expect(fs.existsSync(path.join(PG_BIN, 'postgres'))).toBe(true);
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });

  it('starts a PostgreSQL 15 server reachable at url', async () => {
    expect(server.url).toBe(`postgres://qinqing@127.0.0.1:${server.port}/postgres`);
    const [row] = await query<{ version: string }>(server.url, 'select version()');
    expect(row.version).toContain('PostgreSQL 15');
    const [who] = await query<{ u: string; super: string }>(server.url, "select current_user as u, current_setting('is_superuser') as super");
    expect(who).toEqual({ u: 'qinqing', super: 'on' });
  });

  it('applies harness defaults and opts.settings', async () => {
    const rows = await query<{ name: string; setting: string }>(
      server.url,
      "select name, setting from pg_settings where name in ('fsync','listen_addresses','max_connections','server_encoding','application_name') order by name",
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.setting]))).toEqual({
      application_name: "it's a \\ test",
      fsync: 'on',
      listen_addresses: '127.0.0.1',
      max_connections: '37',
      server_encoding: 'UTF8',
    });
  });

  it('createDatabase gives isolated databases, also for awkward names', async () => {
    const a = await server.createDatabase('iso_a');
    const b = await server.createDatabase('iso_b');
    expect(a).toBe(`postgres://qinqing@127.0.0.1:${server.port}/iso_a`);
    await query(a, 'create table t (v int); insert into t values (1)');
    expect(await query(a, 'select v from t')).toEqual([{ v: 1 }]);
    await expect(query(b, 'select v from t')).rejects.toThrow(/relation "t" does not exist/);

    const odd = `we'ird "db"; drop table x -- ü 50%/é`;
    const oddUrl = await server.createDatabase(odd);
    expect(await query(oddUrl, 'select current_database() as db')).toEqual([{ db: odd }]);
    await expect(server.createDatabase('iso_a')).rejects.toThrow(/already exists/);
    await expect(server.createDatabase('a#b')).rejects.toThrow(/'#' or '\?'/);
    await expect(server.createDatabase('x'.repeat(64))).rejects.toThrow(/63 bytes/);
  });

  it('data committed before kill() survives restart(); uncommitted data does not', async () => {
    const url = await server.createDatabase('crash');
    await query(url, 'create table t (v text)');
    await query(url, "insert into t values ('committed')");

    // An open transaction at the moment of the crash must be rolled back.
    const open = new pg.Client({ connectionString: url, ssl: false });
    const openErrors: Error[] = [];
    open.on('error', (e) => openErrors.push(e));
    await open.connect();
    await open.query('begin');
    await open.query("insert into t values ('uncommitted')");

    const pid = Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const portBefore = server.port;
    await server.kill();
    expect(pidAlive(pid)).toBe(false);
    await expect(query(url, 'select 1')).rejects.toThrow();
    await open.end().catch(() => {});

    const t = performance.now();
    await server.restart();
    console.log(`[test] restart after kill took ${((performance.now() - t) / 1000).toFixed(2)}s`);
    expect(server.port).toBe(portBefore);
    expect(await query(url, 'select v from t order by v')).toEqual([{ v: 'committed' }]);
    expect(fs.readFileSync(path.join(root, 'postgres.log'), 'utf8')).toMatch(/database system was interrupted|not properly shut down/);

    // A second restart of the running server (clean stop + start) works too.
    await server.restart();
    expect(await query(url, 'select count(*)::int as n from t')).toEqual([{ n: 1 }]);
  }, 120_000);

  it('stop() shuts the server down and removes the temp directory', async () => {
    const pid = Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(fs.existsSync(root)).toBe(true);
    await server.stop();
    expect(fs.existsSync(server.dataDir)).toBe(false);
    expect(fs.existsSync(root)).toBe(false);
    expect(pidAlive(pid)).toBe(false);
    await server.stop(); // idempotent
    await expect(server.createDatabase('late')).rejects.toThrow(/after stop/);
  }, 60_000);
});

describe('postgres-server harness: servers of several kinds', () => {
  it('stop() after kill() cleans up; two servers run side by side', async () => {
    const [s1, s2] = await Promise.all([startPostgresServer(), startPostgresServer()]);
    try {
      expect(s1.port).not.toBe(s2.port);
      await s1.kill();
      expect(await query(s2.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
      await s1.stop();
      expect(fs.existsSync(s1.dataDir)).toBe(false);
    } finally {
      await Promise.all([s1.stop(), s2.stop()]);
    }
  }, 120_000);
});

describe('postgres-server harness: failures', () => {
  it('a server that cannot start fails with the server log tail and leaves nothing behind', async () => {
    const err: Error = await startPostgresServer({ settings: { shared_buffers: 'lots' } }).then(
      () => {
        throw new Error('should not start');
      },
      (e: Error) => e,
    );
    expect(err.message).toMatch(/pg_ctl start failed/);
    expect(err.message).toMatch(/invalid value for parameter "shared_buffers": "lots"/);
    const root = /--- (\/.*)\/postgres\.log \(tail\) ---/.exec(err.message)?.[1];
    expect(root).toBeTruthy();
    expect(fs.existsSync(root!)).toBe(false);
  }, 60_000);

  it('rejects settings it cannot honour before doing any work', async () => {
    await expect(startPostgresServer({ settings: { port: '5432' } })).rejects.toThrow(/port/);
    await expect(startPostgresServer({ settings: { 'x = 1\nfsync': 'off' } })).rejects.toThrow(/invalid setting name/);
  });
});

describe('postgres-server harness: process exit cleanup', () => {
  function runLeaky(mode: 'exit' | 'signal') {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/run-ts.mjs'), path.join(here, 'fixtures/leaky-server.ts'), mode], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const info = new Promise<{ root: string; dataDir: string; pid: number }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
      });
      child.on('exit', (code, sig) => reject(new Error(`child exited early (${code ?? sig})`)));
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    return { child, info, exited };
  }

  it('a server left running is stopped and removed when the process exits', async () => {
    const { info, exited } = runLeaky('exit');
    const { root, pid } = await info;
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(pidAlive(pid)).toBe(false);
    expect(fs.existsSync(root)).toBe(false);
  }, 60_000);

  it('a server left running is stopped and removed on SIGTERM (how vitest ends fork workers)', async () => {
    const { child, info, exited } = runLeaky('signal');
    const { root, pid } = await info;
    expect(pidAlive(pid)).toBe(true);
    const t = performance.now();
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    const ms = performance.now() - t;
    console.log(`[test] SIGTERM cleanup took ${ms.toFixed(0)}ms`);
    // vitest SIGKILLs a fork worker 1s after SIGTERM; this is typically ~100ms, and the
    // watchdog covers a slower machine, so only guard against a hang here.
    expect(ms).toBeLessThan(5000);
    expect(pidAlive(pid)).toBe(false);
    expect(fs.existsSync(root)).toBe(false);
  }, 60_000);

  it('a server whose process is SIGKILLed is stopped and removed by its watchdog', async () => {
    const { child, info, exited } = runLeaky('signal');
    const { root, pid } = await info;
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    const t = performance.now();
    while ((pidAlive(pid) || fs.existsSync(root)) && performance.now() - t < 15_000) await new Promise((r) => setTimeout(r, 50));
    console.log(`[test] watchdog cleanup took ${(performance.now() - t).toFixed(0)}ms`);
    expect(pidAlive(pid)).toBe(false);
    expect(fs.existsSync(root)).toBe(false);
  }, 60_000);
});
