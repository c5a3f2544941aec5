// Throwaway real PostgreSQL 15 servers for integration tests and benchmarks.
//
// Each call to startPostgresServer() runs initdb (or, for a hot standby, pg_basebackup of a
// running server) into a fresh temp directory, starts
// a postmaster on a free 127.0.0.1 port (no Docker, no network beyond loopback) and
// hands back a connection URL. stop() removes everything again; kill() SIGKILLs the
// server for crash tests and restart() brings it back through WAL recovery. Servers that
// are never stopped are cleaned up when the process exits (see "Emergency cleanup").
//
// initdb refuses to run as root, so when this process is root the server binaries are
// run as the machine's `postgres` user (runuser, falling back to su) and the temp
// directory is chown'ed to that user first.
//
// Layout of the temp directory (mkdtemp in os.tmpdir()):
//   <root>/data            the cluster (PostgresServer.dataDir)
//   <root>/postgres.log    server log (pg_ctl -l); its tail is quoted in startup errors
//   <root>/.s.PGSQL.<port> Unix socket (psql -h <root> -p <port> -U qinqing postgres)
//
// Server settings (port, listen_addresses, socket dir, fsync=on, opts.settings) are
// written to <data>/qinqing-harness.conf, included from postgresql.conf, rather than
// passed through `pg_ctl -o`: pg_ctl hands -o to /bin/sh, so values would need shell
// quoting, and a file keeps the settings across restart() and manual `pg_ctl start`.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Directory holding initdb, pg_ctl and postgres. Override with env PG_BIN. */
export const PG_BIN: string = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** Superuser created by initdb; every URL handed out connects as this role. */
export const PG_SUPERUSER = 'qinqing';

/** OS account that runs the server binaries when this process is root. */
const SERVER_OS_USER = 'postgres';

const HARNESS_CONF = 'qinqing-harness.conf';
const INITDB_TIMEOUT_MS = 120_000;
const PG_CTL_TIMEOUT_S = 60;
const READY_TIMEOUT_MS = 30_000;
const KILL_WAIT_MS = 10_000;
const START_ATTEMPTS = 5;

export interface PostgresServerOptions {
  /** Progress lines (initdb/start timings, port). Default: silent. */
  log?: (s: string) => void;
  /**
   * Extra postgresql.conf settings, e.g. { max_connections: '200', shared_buffers: '256MB' }.
   * Applied after the harness defaults (listen_addresses=127.0.0.1, fsync=on, ...), so they
   * can override them; `port` is chosen by the harness and cannot be set.
   */
  settings?: Record<string, string>;
  /**
   * Makes the server a hot standby of this running server (its `url`): the cluster is a
   * pg_basebackup of it with `-R` (standby.signal and primary_conninfo) instead of initdb, and
   * streams its WAL from then on. initdb's trust rules already admit replication from 127.0.0.1.
   */
  standbyOf?: string;
}

export interface PostgresServer {
  /** postgres://qinqing@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** CREATE DATABASE (safely quoted); resolves to the new database's URL. */
  createDatabase(name: string): Promise<string>;
  /** pg_ctl stop -m fast, then remove the temp directory. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL the postmaster (and its children), for crash tests. restart() recovers. */
  kill(): Promise<void>;
  /** Stop (if running) and start again on the same port and data directory. */
  restart(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Small utilities

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Bind 127.0.0.1:0, read the port the kernel picked, close. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = addr && typeof addr === 'object' ? addr.port : 0;
      srv.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Double-quoted SQL identifier. */
function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Single-quoted postgresql.conf value (the conf lexer also treats backslash as an escape). */
function quoteConfValue(v: string): string {
  return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\n/g, '\\n').replace(/\r/g, '\\r') + "'";
}

function shQuote(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

/** Child environment: no PG* variables (PGDATA, PGPORT, ... would leak into initdb/pg_ctl/postgres). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PG')) env[k] = v;
  env.LC_ALL = 'C'; // deterministic tool messages; the cluster's own locale comes from initdb --locale
  return env;
}

function lookupUser(name: string): { uid: number; gid: number } {
  const parse = (line: string | undefined) => {
    const f = line?.trim().split(':');
    return f && f.length >= 4 && f[0] === name ? { uid: Number(f[2]), gid: Number(f[3]) } : undefined;
  };
  const r = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  const viaGetent = r.status === 0 ? parse(r.stdout.split('\n')[0]) : undefined;
  if (viaGetent) return viaGetent;
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const u = parse(line);
      if (u) return u;
    }
  } catch {
    /* fall through */
  }
  throw new Error(
    `postgres-server: running as root, but OS user "${SERVER_OS_USER}" does not exist; ` +
      `initdb refuses to run as root, so it needs an unprivileged account to run the server.`,
  );
}

let runuserPath: string | null | undefined;
function findRunuser(): string | null {
  if (runuserPath === undefined) {
    runuserPath = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((p) => fs.existsSync(p)) ?? null;
  }
  return runuserPath;
}

/** [command, args] that runs `cmd args` as the server's OS user. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [cmd, args];
  const runuser = findRunuser();
  if (runuser) return [runuser, ['-u', SERVER_OS_USER, '--', cmd, ...args]];
  return ['su', [SERVER_OS_USER, '-s', '/bin/sh', '-c', [cmd, ...args].map(shQuote).join(' ')]];
}

interface RunResult {
  code: number | null;
  output: string;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  const [file, argv] = asServerUser(cmd, args);
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[harness] timed out after ${timeoutMs}ms, killing ${path.basename(cmd)}`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`postgres-server: cannot run ${file}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim() });
    });
  });
}

let cachedLocale: string | undefined;
/** C.UTF-8 when the C library has it, else C. */
function pickLocale(): string {
  if (cachedLocale === undefined) {
    const r = spawnSync('locale', ['-a'], { encoding: 'utf8' });
    const names = r.status === 0 ? r.stdout.split('\n').map((s) => s.trim().toLowerCase()) : [];
    cachedLocale = names.includes('c.utf8') || names.includes('c.utf-8') ? 'C.UTF-8' : 'C';
  }
  return cachedLocale;
}

function tailFile(file: string, lines = 40): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 16 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      return buf.toString('utf8').split('\n').slice(-lines).join('\n').trim() || '(empty)';
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return `(no server log: ${(e as Error).message})`;
  }
}

// ---------------------------------------------------------------------------------------
// Processes (Linux /proc; elsewhere we only know the postmaster itself)

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'; // zombie = dead
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** All descendants of pid (postgres backends and auxiliary processes). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      /* process went away */
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** SIGSTOP the postmaster so it cannot fork, then SIGKILL it and every descendant. Returns the pids. */
function killTree(pid: number): number[] {
  signal(pid, 'SIGSTOP');
  const pids = [pid, ...descendants(pid)];
  for (const p of pids) signal(p, 'SIGKILL');
  return pids;
}

interface PidFile {
  pid: number;
  shmKey?: number;
  shmId?: number;
}

function readPidFile(dataDir: string): PidFile | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const [key, id] = (lines[6] ?? '').trim().split(/\s+/).map(Number);
    return { pid, shmKey: Number.isFinite(key) ? key : undefined, shmId: Number.isFinite(id) ? id : undefined };
  } catch {
    return undefined;
  }
}

/**
 * After a SIGKILL nobody removes the postmaster's (small) SysV shared memory segment; a
 * restart() would reuse/remove it, but stop() after kill() must drop it itself or it leaks
 * until reboot. Only removes the segment if key, id and nattch=0 all match.
 */
function removeStaleShm(info: PidFile | undefined): void {
  if (info?.shmKey === undefined || info.shmId === undefined) return;
  const r = spawnSync('ipcs', ['-m'], { encoding: 'utf8' });
  if (r.status !== 0) return;
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^0x[0-9a-f]+$/i.test(f[0])) continue;
    if (parseInt(f[0], 16) === info.shmKey && Number(f[1]) === info.shmId && f[5] === '0') {
      spawnSync('ipcrm', ['-m', String(info.shmId)]);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Emergency cleanup when the test process dies without calling stop()
//
// Two layers:
//  1. In-process: 'exit' / SIGINT / SIGTERM / SIGHUP handlers stop every live server
//     synchronously before the process goes away.
//  2. A watchdog per server: a detached `sh` that reads a pipe from this process and, on
//     EOF (this process or worker thread died, however: SIGKILL, OOM, vitest's
//     threads pool terminating a worker, tinypool's SIGKILL 1s after SIGTERM), stops the
//     server with `pg_ctl stop -m immediate` and removes the temp directory. We send it
//     the server state ("running" / "killed" / "stopped") so it never signals a stale pid.

interface Watchdog {
  tell(state: 'running' | 'killed' | 'stopped'): void;
}

function startWatchdog(root: string, dataDir: string): Watchdog {
  const [ctl, ctlArgs] = asServerUser(path.join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop']);
  const script = [
    `trap '' INT TERM HUP`,
    `state=running`,
    `while IFS= read -r line; do state="$line"; done`,
    `[ "$state" = stopped ] && exit 0`,
    `[ "$state" = running ] && ${[ctl, ...ctlArgs].map(shQuote).join(' ')} >/dev/null 2>&1`,
    `rm -rf ${shQuote(root)}`,
  ].join('\n');
  try {
    // detached: own session, so a Ctrl-C to the test run's process group does not kill it.
    const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: childEnv() });
    child.on('error', () => {});
    child.stdin.on('error', () => {});
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    return {
      tell(state) {
        if (child.stdin.writable) child.stdin.write(state + '\n');
        if (state === 'stopped') child.stdin.end();
      },
    };
  } catch {
    return { tell() {} };
  }
}

interface Cleanup {
  cleanupSync(): void;
}
const live = new Set<Cleanup>();
let hooksInstalled = false;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function cleanupAllSync(): void {
  const all = [...live];
  live.clear();
  for (const s of all) {
    try {
      s.cleanupSync();
    } catch {
      /* best effort */
    }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupAllSync();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // If nobody else handles the signal, die from it as we would have without our handler.
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', cleanupAllSync);
  for (const s of SIGNALS) {
    try {
      process.on(s, onSignal);
    } catch {
      /* e.g. unsupported in this runtime */
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// ---------------------------------------------------------------------------------------

function newClient(url: string): pg.Client {
  // ssl: false so a PGSSLMODE in the environment cannot turn SSL on against our server.
  return new pg.Client({ connectionString: url, ssl: false, connectionTimeoutMillis: 5_000 });
}

function urlFor(port: number, database: string): string {
  return `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/${encodeURI(database)}`;
}

export async function startPostgresServer(opts: PostgresServerOptions = {}): Promise<PostgresServer> {
  const log = opts.log ?? (() => {});
  const settings = opts.settings ?? {};
  for (const key of Object.keys(settings)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) throw new Error(`postgres-server: invalid setting name ${JSON.stringify(key)}`);
    if (key.toLowerCase() === 'port') throw new Error('postgres-server: `port` is chosen by the harness and cannot be set');
  }
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!fs.existsSync(path.join(PG_BIN, bin))) {
      throw new Error(`postgres-server: ${path.join(PG_BIN, bin)} not found (set env PG_BIN to the PostgreSQL 15 bin directory)`);
    }
  }

  const t0 = performance.now();
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'qinqing-pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'postgres.log');
  const owner = isRoot() ? lookupUser(SERVER_OS_USER) : undefined;
  if (owner) await fsp.chown(root, owner.uid, owner.gid);
  const watchdog = startWatchdog(root, dataDir);

  let state: 'starting' | 'running' | 'killed' | 'stopped' = 'starting';
  let port = 0;
  let killedInfo: PidFile | undefined; // postmaster.pid contents at kill() time
  let stopping: Promise<void> | undefined;

  const pgCtl = (args: string[], timeoutMs = (PG_CTL_TIMEOUT_S + 10) * 1000) =>
    run(path.join(PG_BIN, 'pg_ctl'), ['-D', dataDir, ...args], timeoutMs);

  const removeRoot = async () => {
    await fsp.rm(root, { recursive: true, force: true, maxRetries: 3 });
  };

  const failure = (what: string, detail: string) =>
    new Error(`postgres-server: ${what}\n${detail ? detail + '\n' : ''}--- ${logFile} (tail) ---\n${tailFile(logFile)}`);

  const writeHarnessConf = async () => {
    const sockPath = path.join(root, `.s.PGSQL.${port}`);
    // sun_path is 108 bytes; with a very long TMPDIR fall back to TCP only.
    const socketDir = Buffer.byteLength(sockPath) < 100 ? root : '';
    const conf: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: socketDir,
      fsync: 'on',
      ...settings,
    };
    const text =
      `# Generated by test/harness/postgres-server.ts; rewritten on every start.\n` +
      `port = ${port}\n` +
      Object.entries(conf)
        .map(([k, v]) => `${k} = ${quoteConfValue(String(v))}\n`)
        .join('');
    const file = path.join(dataDir, HARNESS_CONF);
    await fsp.writeFile(file, text, { mode: 0o600 });
    if (owner) await fsp.chown(file, owner.uid, owner.gid);
  };

  const url = () => urlFor(port, 'postgres');

  const waitReady = async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastErr: unknown;
    while (Date.now() < deadline) {
      const c = newClient(url());
      c.on('error', () => {});
      try {
        await c.connect();
        await c.query('select 1');
        await c.end();
        return;
      } catch (e) {
        lastErr = e;
        await c.end().catch(() => {});
        await sleep(50);
      }
    }
    throw failure(
      `server on port ${port} did not accept connections within ${READY_TIMEOUT_MS / 1000}s`,
      `last error: ${(lastErr as Error)?.message ?? lastErr}`,
    );
  };

  /** pg_ctl start + readiness check. With pickPort, retries on a new port if the old one was taken. */
  const startServer = async (pickPort: boolean) => {
    for (let attempt = 1; ; attempt++) {
      if (pickPort) port = await findFreePort();
      await writeHarnessConf();
      const logSizeBefore = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
      const r = await pgCtl(['-l', logFile, '-w', '-t', String(PG_CTL_TIMEOUT_S), 'start']);
      if (r.code === 0) break;
      let newLog = '';
      try {
        newLog = fs.readFileSync(logFile, 'utf8').slice(logSizeBefore);
      } catch {
        /* no log */
      }
      const portTaken = /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(newLog);
      if (pickPort && portTaken && attempt < START_ATTEMPTS) {
        log(`[pg] port ${port} was taken, retrying on another port`);
        continue;
      }
      throw failure(`pg_ctl start failed (exit ${r.code}, port ${port})`, r.output);
    }
    await waitReady();
  };

  const handle: Cleanup = {
    cleanupSync() {
      // Synchronous and fast: vitest's fork pool SIGKILLs a worker 1s after SIGTERM.
      // SIGQUIT to the postmaster is what `pg_ctl stop -m immediate` sends.
      const info = readPidFile(dataDir);
      // (After kill() the pid in postmaster.pid is dead and may since belong to someone else.)
      if ((state === 'running' || state === 'starting') && info && isAlive(info.pid)) {
        signal(info.pid, 'SIGQUIT');
        const deadline = Date.now() + 3_000;
        while (isAlive(info.pid) && Date.now() < deadline) sleepSync(10);
        if (isAlive(info.pid)) {
          const pids = killTree(info.pid);
          const d2 = Date.now() + 2_000;
          while (pids.some(isAlive) && Date.now() < d2) sleepSync(10);
          removeStaleShm(info);
        }
      } else if (state === 'killed') {
        removeStaleShm(killedInfo);
      }
      state = 'stopped';
      try {
        fs.rmSync(root, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
      watchdog.tell('stopped');
    },
  };

  try {
    installHooks();
    live.add(handle);

    if (opts.standbyOf) {
      const primary = new URL(opts.standbyOf);
      const r = await run(path.join(PG_BIN, 'pg_basebackup'),
        ['-D', dataDir, '-h', primary.hostname, '-p', primary.port, '-U', PG_SUPERUSER, '-X', 'stream', '-R', '-c', 'fast', '-w', '--no-sync'], INITDB_TIMEOUT_MS);
      if (r.code !== 0) throw new Error(`postgres-server: pg_basebackup failed (exit ${r.code})\n${r.output}`);
    } else {
      const initdbArgs = [
        '-D', dataDir,
        '--auth=trust',
        `--username=${PG_SUPERUSER}`,
        '--encoding=UTF8',
        `--locale=${pickLocale()}`,
        // Skips only initdb's final fsync of the fresh cluster (~0.6s). Process crashes (kill())
        // cannot lose page cache, and the server itself runs with fsync=on.
        '--no-sync',
        '--no-instructions',
      ];
      const r = await run(path.join(PG_BIN, 'initdb'), initdbArgs, INITDB_TIMEOUT_MS);
      if (r.code !== 0) {
        const hint = owner
          ? `\n(running as root, so initdb runs as OS user "${SERVER_OS_USER}", which must be able to reach ${root}; ` +
            `if os.tmpdir() is private, point TMPDIR at a world-traversable directory)`
          : '';
        throw new Error(`postgres-server: initdb failed (exit ${r.code})\n${r.output}${hint}`);
      }
      await fsp.appendFile(path.join(dataDir, 'postgresql.conf'), `\ninclude '${HARNESS_CONF}'\n`);
    }
    const tInit = performance.now();

    await startServer(true);
    state = 'running';
    const tReady = performance.now();
    log(
      `[pg] server ready on 127.0.0.1:${port} in ${((tReady - t0) / 1000).toFixed(2)}s ` +
        `(initdb ${((tInit - t0) / 1000).toFixed(2)}s, start ${((tReady - tInit) / 1000).toFixed(2)}s), data ${dataDir}`,
    );
  } catch (e) {
    handle.cleanupSync();
    live.delete(handle);
    throw e;
  }

  const assertUsable = (op: string) => {
    if (state === 'stopped') throw new Error(`postgres-server: ${op}() after stop()`);
  };

  const server: PostgresServer = {
    get url() {
      return url();
    },
    get port() {
      return port;
    },
    dataDir,

    async createDatabase(name: string): Promise<string> {
      assertUsable('createDatabase');
      if (state !== 'running') throw new Error(`postgres-server: createDatabase() while the server is ${state}`);
      if (typeof name !== 'string' || name.length === 0 || name.includes('\0')) {
        throw new Error(`postgres-server: invalid database name ${JSON.stringify(name)}`);
      }
      if (Buffer.byteLength(name) > 63) {
        throw new Error(`postgres-server: database name longer than 63 bytes would be truncated: ${JSON.stringify(name)}`);
      }
      if (/[#?]/.test(name)) {
        // The pg driver's URL parser cannot carry these in the path.
        throw new Error(`postgres-server: database name ${JSON.stringify(name)} contains '#' or '?', which cannot be expressed in a connection URL`);
      }
      const admin = newClient(url());
      admin.on('error', () => {});
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      } finally {
        await admin.end().catch(() => {});
      }
      const dbUrl = urlFor(port, name);
      if (!/^[A-Za-z0-9_]+$/.test(name)) {
        // Unusual names: prove the URL really leads to the new database.
        const c = newClient(dbUrl);
        c.on('error', () => {});
        let actual: string | undefined;
        try {
          await c.connect();
          actual = (await c.query<{ db: string }>('select current_database() as db')).rows[0]?.db;
        } catch {
          /* reported below */
        } finally {
          await c.end().catch(() => {});
        }
        if (actual !== name) {
          const a = newClient(url());
          a.on('error', () => {});
          await a.connect();
          await a.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).finally(() => a.end().catch(() => {}));
          throw new Error(`postgres-server: database name ${JSON.stringify(name)} does not survive the connection URL (got ${JSON.stringify(actual)})`);
        }
      }
      return dbUrl;
    },

    stop(): Promise<void> {
      stopping ??= (async () => {
        const info = readPidFile(dataDir);
        if (state === 'running') {
          const r = await pgCtl(['-m', 'fast', '-w', '-t', String(PG_CTL_TIMEOUT_S), 'stop']);
          if (r.code !== 0 && info && isAlive(info.pid)) {
            log(`[pg] pg_ctl stop failed (${r.output}); killing the server`);
            const pids = killTree(info.pid);
            const deadline = Date.now() + KILL_WAIT_MS;
            while (pids.some(isAlive) && Date.now() < deadline) await sleep(20);
            removeStaleShm(info);
          }
        } else if (state === 'killed') {
          removeStaleShm(killedInfo);
        }
        state = 'stopped';
        live.delete(handle);
        await removeRoot();
        watchdog.tell('stopped');
        log(`[pg] server on port ${port} stopped, ${root} removed`);
      })();
      return stopping;
    },

    async kill(): Promise<void> {
      assertUsable('kill');
      if (state !== 'running') throw new Error(`postgres-server: kill() while the server is ${state}`);
      const info = readPidFile(dataDir);
      if (!info) throw new Error(`postgres-server: no postmaster.pid in ${dataDir}`);
      // Every server process dies at once, like a crash: no backend can commit after kill().
      const pids = killTree(info.pid);
      const deadline = Date.now() + KILL_WAIT_MS;
      while (pids.some(isAlive)) {
        if (Date.now() > deadline) throw new Error(`postgres-server: processes ${pids.filter(isAlive).join(', ')} survived SIGKILL`);
        await sleep(10);
      }
      state = 'killed';
      killedInfo = info;
      watchdog.tell('killed');
      log(`[pg] server on port ${port} killed (pids ${pids.join(', ')})`);
    },

    async restart(): Promise<void> {
      assertUsable('restart');
      const t = performance.now();
      if (state === 'running') {
        const r = await pgCtl(['-m', 'fast', '-w', '-t', String(PG_CTL_TIMEOUT_S), 'stop']);
        if (r.code !== 0) throw failure('pg_ctl stop (for restart) failed', r.output);
      }
      if (state === 'killed') {
        // postgres refuses to start while the pid in postmaster.pid (or in the socket's
        // .lock file) answers kill(pid, 0), and a SIGKILLed postmaster stays a zombie until
        // PID 1 reaps it: seconds under some container inits, forever under ones that never
        // reap (e.g. `docker run` without --init). kill() already saw every server process
        // die, so these lock files are stale: remove them. The unattached shared memory
        // segment is found by key and recycled by postgres itself; crash recovery follows.
        await fsp.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
        await fsp.rm(path.join(root, `.s.PGSQL.${port}.lock`), { force: true });
      }
      state = 'starting';
      watchdog.tell('running');
      try {
        await startServer(false);
      } catch (e) {
        const pidNow = readPidFile(dataDir)?.pid;
        state = pidNow !== undefined && isAlive(pidNow) ? 'running' : 'killed';
        if (state === 'killed') {
          killedInfo = undefined;
          watchdog.tell('killed');
        }
        throw e;
      }
      state = 'running';
      log(`[pg] server on port ${port} restarted in ${((performance.now() - t) / 1000).toFixed(2)}s`);
    },
  };
  return server;
}
