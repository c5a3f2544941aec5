import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './engine.js';

/**
 * Versioned migrations, owned by the modules: `src/<module>/migrations/<YYYYMMDDNN>_<what>.sql`.
 * They run in the order of their version prefix across modules, each in its own transaction,
 * under an advisory lock so two processes starting together on one server apply each once.
 */
const SRC = fileURLToPath(new URL('../../', import.meta.url));
const LOCK_KEY = 7_242_024_001;

export interface Migration {
  id: string; // '<module>/<file>'
  version: string;
  sql: string;
}

export function listMigrations(srcDir = SRC): Migration[] {
  const found: Migration[] = [];
  for (const module of readdirSync(srcDir)) {
    const dir = join(srcDir, module, 'migrations');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const version = /^(\d{10})_/.exec(file)?.[1];
      if (!version) throw new Error(`migration ${module}/${file}: name must start with a 10-digit version, e.g. 2026112301_`);
      found.push({ id: `${module}/${file}`, version, sql: readFileSync(join(dir, file), 'utf8') });
    }
  }
  found.sort((a, b) => a.version.localeCompare(b.version) || a.id.localeCompare(b.id));
  for (let i = 1; i < found.length; i++) {
    if (found[i].version === found[i - 1].version) throw new Error(`migrations ${found[i - 1].id} and ${found[i].id} share a version`);
  }
  return found;
}

export interface MigrateOptions {
  /**
   * Apply only the migrations whose version sorts before this one: a test of a migration brings
   * a database to the schema before it, fills it as it was, then migrates the rest.
   */
  before?: string;
  /**
   * Apply only the migrations of these versions: a test of an old migration that today's code
   * fills (a server, log-ins) adds the later tables that code needs, and nothing else, first.
   */
  only?: readonly string[];
}

/** Applies what is missing; returns the ids it applied. */
export async function migrate(database: Database, log: (line: string) => void = () => {}, options: MigrateOptions = {}): Promise<string[]> {
  const { before, only } = options;
  const migrations = listMigrations().filter((m) => (before === undefined || m.version < before) && (only === undefined || only.includes(m.version)));
  return database.session(async (s) => {
    await s.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await s.exec(`create table if not exists schema_migrations (
        id text primary key, version text not null, applied_at timestamptz not null default now())`);
      const done = new Set((await s.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        log(`migrating ${m.id}`);
        try {
          await s.exec(`begin;\n${m.sql}\n;insert into schema_migrations (id, version) values ('${m.id.replace(/'/g, "''")}', '${m.version}');\ncommit;`);
        } catch (err) {
          await s.exec('rollback').catch(() => {});
          throw new Error(`migration ${m.id} failed: ${(err as Error).message}`);
        }
        applied.push(m.id);
      }
      return applied;
    } finally {
      await s.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}
