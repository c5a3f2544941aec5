import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
  /** Runs `fn` on one connection (PGlite has only one), e.g. to hold an advisory lock. */
  session<T>(fn: (s: ScriptSession) => Promise<T>): Promise<T>;
  describe(): string;
  close(): Promise<void>;
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
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir?: string): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(resolve(dataDir!), { recursive: true });
  const client = await PGlite.create({
    dataDir: inMemory ? undefined : resolve(dataDir!),
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: parseDate },
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async session(fn) {
      return fn({
        exec: async (text) => {
          await client.exec(text);
        },
        query: async (text, params) => (await client.query(text, params)).rows as never,
      });
    },
    describe: () => (inMemory ? 'PGlite (in memory)' : `PGlite (${resolve(dataDir!)})`),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Drizzle hands node-postgres its own per-query type table built on the global one, so the
  // parsers are set globally (this process talks to one kind of database anyway).
  pg.types.setTypeParser(INT8, parseInt8);
  pg.types.setTypeParser(DATE, parseDate);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A server restart or network blip must not crash the process through an idle client's error.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db,
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
    describe: () => {
      const u = new URL(url);
      return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
    },
    close: () => pool.end(),
  };
}

/** Rows of a raw query through drizzle, the same on both engines. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
