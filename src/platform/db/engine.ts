import fs, { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

/** Drizzle over either engine; a transaction is the same type, so commands take either. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** A plain session for scripts (migrations, restore) that need multi-statement SQL. */
export interface ScriptSession {
  exec(text: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * For reads that may be a moment behind the writes (dashboards, figure tables, public lists):
   * a streaming replica's when DATABASE_READ_URL names one, the primary's while it cannot be
   * reached; otherwise `db` itself. Never for what a writer must see of their own write.
   */
  replicaDb: Db;
  /** Runs `fn` on one connection (PGlite has only one), e.g. to hold an advisory lock. */
  session<T>(fn: (s: ScriptSession) => Promise<T>): Promise<T>;
  /**
   * Hears `NOTIFY channel` from every process on the same PostgreSQL server, on a connection of
   * its own that is opened again whenever it drops. `onReset` runs each time it is (re)connected:
   * what was sent while it was down went unheard. PGlite is one process, with nobody else to hear.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReset: () => void): Listener;
  describe(): string;
  close(): Promise<void>;
  /** The embedded engine's hold on its data directory (data-dir-lock.ts); none for memory or a server. */
  dataDirLock?: DataDirLock;
}

export interface Listener {
  stop(): Promise<void>;
}

// Same JS types on both engines: int8 as number (ids and counters stay below 2^53), dates as 'YYYY-MM-DD'
// strings (a JS Date would shift them by the machine's time zone).
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const parseDate = (v: string) => v;

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** What this process runs, for the data directory's lock (`serve`, `cases sweep`…). */
  holder?: string;
  /** PGlite on disk syncs every commit to disk before answering (SyncingNodeFS); only the intake benchmark's baseline turns it off. */
  syncCommits?: boolean;
  /** A hot standby of `databaseUrl` for `replicaDb` (DATABASE_READ_URL). */
  readUrl?: string | null;
  /** Hears that reads fell back from the standby to the primary (at most once a minute). */
  warn?: (message: string) => void;
}

/**
 * PGlite's files on the host, with PostgreSQL's own durability. PGlite starts PostgreSQL with
 * fsync off (`-F`), and Emscripten's NODEFS has no fsync at all, so a commit it acknowledged
 * reached the page cache only: a killed process kept it, a power cut or an OS crash did not.
 * Here fsync is on, the WAL is synced with fsync() (Emscripten answers fdatasync() without doing
 * anything), and NODEFS's fsync reaches the host's file: each commit is on disk before COMMIT
 * returns — one sync per transaction, so the intake's group commit shares one among its batch —
 * and checkpoints sync the data files as on any PostgreSQL.
 */
type EmscriptenOpts = Parameters<NodeFS['init']>[1];

class SyncingNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: EmscriptenOpts) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const syncToDisk = (mod: unknown) => {
      const nodefs = (mod as unknown as { NODEFS: { stream_ops: { fsync?: (stream: { nfd: number }) => number } } }).NODEFS;
      nodefs.stream_ops.fsync = (stream) => {
        fs.fsyncSync(stream.nfd);
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), syncToDisk] } };
  }
}

const SYNCED_START = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];

/** The embedded engine's data directory on disk that these options open, or null (a PostgreSQL server, or memory). */
export function embeddedDataDir(opts: Pick<OpenOptions, 'databaseUrl' | 'dataDir'>): string | null {
  return opts.databaseUrl || !opts.dataDir || opts.dataDir.startsWith('memory://') ? null : resolve(opts.dataDir);
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.readUrl ?? null, opts.warn ?? ((m) => console.warn(m)));
  return openPglite(opts.dataDir, opts.syncCommits ?? true, opts.holder ?? (process.argv.slice(2).join(' ') || 'node'));
}

async function openPglite(dataDir: string | undefined, syncCommits: boolean, holder: string): Promise<Database> {
  const inMemory = embeddedDataDir({ dataDir }) === null;
  let dataDirLock: DataDirLock | undefined;
  if (!inMemory) {
    mkdirSync(resolve(dataDir!), { recursive: true });
    dataDirLock = lockDataDir(resolve(dataDir!), holder);
  }
  const onDisk = inMemory ? {} : syncCommits ? { fs: new SyncingNodeFS(resolve(dataDir!)), startParams: SYNCED_START } : { dataDir: resolve(dataDir!) };
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...onDisk,
      extensions: { pg_trgm },
      parsers: { [INT8]: parseInt8, [DATE]: parseDate },
    });
  } catch (e) {
    dataDirLock?.release();
    throw e;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    replicaDb: db,
    // PGlite has one connection, and each query takes it only for itself: a session's own BEGIN
    // would let the server's requests run inside its transaction. So the session holds PGlite's
    // transaction lock throughout; PGlite's wrapping BEGIN and COMMIT around the session's own
    // only draw PostgreSQL's "already / no transaction in progress" warnings.
    session(fn) {
      return client.transaction((tx) => fn({
        exec: async (text) => {
          await tx.exec(text);
        },
        query: async (text, params) => (await tx.query(text, params)).rows as never,
      }));
    },
    listen: () => ({ stop: async () => {} }),
    describe: () => (inMemory ? 'PGlite (in memory)' : `PGlite (${resolve(dataDir!)})`),
    dataDirLock,
    async close() {
      try {
        await client.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}

/** Errors that mean the standby cannot be reached or cannot serve now, rather than a bad query. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const unreachable = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return (e.code !== undefined && UNREACHABLE.has(e.code)) || /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e.message ?? '');
};
/** After the standby failed, reads go to the primary this long before the standby is tried again. */
const STANDBY_RETRY_MS = 5_000;
const STANDBY_WARN_MS = 60_000;

/**
 * A pool on the standby that answers from the primary while the standby cannot be reached: a
 * reader sees the primary's answer and the log a warning, never an error of the standby's.
 */
class StandbyPool extends pg.Pool {
  private retryAt = 0;
  private warnedAt = 0;
  constructor(url: string, max: number, private readonly primary: pg.Pool, private readonly warn: (message: string) => void) {
    super({ connectionString: url, max, connectionTimeoutMillis: 2_000 });
  }

  private fellBack(err: unknown) {
    const now = Date.now();
    this.retryAt = now + STANDBY_RETRY_MS;
    if (now - this.warnedAt >= STANDBY_WARN_MS) {
      this.warnedAt = now;
      this.warn(`DATABASE_READ_URL: the standby cannot be reached (${(err as Error).message}); reads go to the primary until it answers again`);
    }
  }

  // Drizzle calls query() for plain reads and connect() for a transaction; both fall back alike.
  override query(...args: unknown[]): never {
    const primary = () => (this.primary.query as (...a: unknown[]) => unknown).apply(this.primary, args);
    if (Date.now() < this.retryAt) return primary() as never;
    return ((super.query as (...a: unknown[]) => Promise<unknown>).apply(this, args)).catch((err) => {
      if (!unreachable(err)) throw err;
      this.fellBack(err);
      return primary();
    }) as never;
  }

  override connect(...args: unknown[]): never {
    // pg-pool's own query() takes its client with a callback: its errors reach query()'s catch above.
    if (args.length) return (super.connect as (...a: unknown[]) => unknown).apply(this, args) as never;
    if (Date.now() < this.retryAt) return this.primary.connect() as never;
    return super.connect().catch((err) => {
      if (!unreachable(err)) throw err;
      this.fellBack(err);
      return this.primary.connect();
    }) as never;
  }
}

async function openPostgres(url: string, poolSize: number, readUrl: string | null, warn: (message: string) => void): Promise<Database> {
  // Drizzle hands node-postgres its own per-query type table built on the global one, so the
  // parsers are set globally (this process talks to one kind of database anyway).
  pg.types.setTypeParser(INT8, parseInt8);
  pg.types.setTypeParser(DATE, parseDate);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A server restart or network blip must not crash the process through an idle client's error.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  await pool.query('select 1');
  const standby = readUrl ? new StandbyPool(readUrl, poolSize, pool, warn) : null;
  standby?.on('error', () => {});
  return {
    kind: 'postgres',
    db,
    replicaDb: standby ? drizzlePg(standby) as unknown as Db : db,
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async (text, params) => (await client.query(text, params)).rows,
        });
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage, onReset) => listenOn(url, channel, onMessage, onReset),
    describe: () => {
      const u = new URL(url);
      return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
    },
    close: async () => {
      await standby?.end();
      await pool.end();
    },
  };
}

/** After the listening connection dropped (a server restart, an administrator's pg_terminate_backend), it is opened again this much later. */
const LISTEN_RETRY_MS = 500;

function listenOn(url: string, channel: string, onMessage: (payload: string) => void, onReset: () => void): Listener {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), LISTEN_RETRY_MS);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${c.escapeIdentifier(channel)}`);
      if (client === c) onReset();
    } catch {
      lost();
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** Rows of a raw query through drizzle, the same on both engines. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
