import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import type { Database } from '../platform/db/engine.js';
import type { CliCommand, CliContext } from '../platform/manifest.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { buildServer, MODULES, openPreparedDatabase } from '../app.js';
import { countUsers, listDemoUsernames } from '../people/queries.js';
import { createFirstAdmin, prepareNewInstallation } from './setup.js';
import { UsageError } from './usage-error.js';

/** The application's own commands; the modules' follow from their manifests. */
const CORE: CliCommand[] = [
  { name: 'serve', summary: 'start the web app and API (what npm start runs)', run: async (_args, { config }) => { await serve(config); return -1; } },
  {
    name: 'init', summary: 'new database with a first administrator (generated password)',
    run: (_args, { withDatabase }) => withDatabase(async (database) => {
      if ((await countUsers(database.db)) > 0) throw new UsageError('this database is already initialised (it has users)');
      const admin = await createFirstAdmin(database);
      console.log(`Initialised ${database.describe()}. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
      return 0;
    }),
  },
  { name: 'backup', args: 'FILE', summary: 'logical backup (gzip\'d JSON lines), either engine', run: (args, ctx) => backupOrRestore('backup', args, ctx) },
  { name: 'restore', args: 'FILE', summary: 'replace this database\'s data with a backup', run: (args, ctx) => backupOrRestore('restore', args, ctx) },
  { name: 'migrate', summary: 'apply pending migrations and exit', run: (_args, { withDatabase }) => withDatabase(async () => 0) },
];

const COMMANDS: CliCommand[] = [...CORE, ...MODULES.flatMap((m) => m.cli ?? [])];

const USAGE = `qinqing — 亲清 operator commands

${COMMANDS.map((c) => {
  const call = `  qinqing ${c.name}${c.args ? ` ${c.args}` : ''}`;
  return call.length < 37 ? `${call.padEnd(37)}${c.summary}` : `${call}\n${' '.repeat(37)}${c.summary}`;
}).join('\n')}

What the modules declare (work items, background jobs and services, start-up steps, demo data, roles):
${MODULES.map((m) => {
  const parts = [
    ['work items', (m.itemTypes ?? []).map((t) => t.lifecycle.label.en)], ['jobs', (m.jobs ?? []).map((j) => j.name)],
    ['services', (m.services ?? []).map((v) => v.name)],
    ['start-up', (m.startup ?? []).map((s) => s.name)], ['demo', (m.demo ?? []).map((d) => d.name)], ['roles', m.roles ?? []],
  ].filter(([, names]) => names.length).map(([what, names]) => `${what}: ${(names as string[]).join(', ')}`);
  return `  ${m.name.padEnd(14)}${parts.join('; ') || '-'}`;
}).join('\n')}

The database is PGlite in DATA_DIR (default ./data) unless DATABASE_URL names a PostgreSQL server.`;

async function backupOrRestore(command: 'backup' | 'restore', args: string[], { withDatabase }: CliContext): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError(`${command} needs a FILE`);
  return withDatabase(async (database) => {
    const log = (table: string, rows: number) => process.stderr.write(`  ${table}: ${rows} rows\n`);
    const r = command === 'backup' ? await backupDatabase(database, file, log) : await restoreDatabase(database, file, log);
    console.log(`${command === 'backup' ? 'backed up' : 'restored'} ${r.rows} rows in ${r.tables} tables ${command === 'backup' ? 'to' : 'from'} ${file}`);
    return 0;
  });
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>, opts: { skip?: readonly string[] } = {}): Promise<T> {
  const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`), opts);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config) {
  if (!existsSync(resolve(config.webDist, 'index.html'))) {
    process.stderr.write('building the web app (first start)…\n');
    const { build } = await import('vite');
    await build({ configFile: resolve('web/vite.config.ts'), logLevel: 'warn' });
  }
  const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`));
  await prepareNewInstallation(database, config.demo, (line) => console.log(line), { cases: config.demoHistoryCases, months: config.demoHistoryMonths });
  const demoUsers = await listDemoUsernames(database.db);
  const app = await buildServer({ database, config });
  const services = MODULES.flatMap((m) => m.services ?? []).map((s) => s.start(app));
  const stop = async () => {
    for (const service of services) await service.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Qinqing is serving http://localhost:${config.port}/  (API /api, OpenAPI /docs) on ${database.describe()}`);
  if (demoUsers.length) {
    // The generated history adds a handler per lead office (handler-<office>): name the first few only.
    const shown = demoUsers.slice(0, 7);
    const more = demoUsers.length > shown.length ? ` and ${demoUsers.length - shown.length} more (${demoUsers.slice(7, 9).join(', ')}, …)` : '';
    console.log(`Demo log-ins (demo data only): ${shown.join(', ')}${more} — password demo-2026`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0])) {
    console.log(USAGE);
    return 0;
  }
  const ctx: CliContext = { config, modules: MODULES, withDatabase: (fn, opts) => withDatabase(config, fn, opts) };
  // The longest name that the arguments start with: `calendar import` before a command named `calendar`.
  const matches = COMMANDS.filter((c) => c.name.split(' ').every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length);
  if (matches.length) return matches[0].run(argv.slice(matches[0].name.split(' ').length), ctx);
  const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `)).map((c) => c.name.split(' ')[1]);
  if (group.length) throw new UsageError(`unknown ${argv[0]} command: ${argv[1] ?? '(none)'} (${group.join(', ')})`);
  throw new UsageError(`unknown command: ${argv[0]}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`qinqing: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const bilingual = err as { messageZh?: unknown; messageEn?: unknown };
    if (err instanceof AppError || (typeof bilingual.messageZh === 'string' && typeof bilingual.messageEn === 'string')) {
      console.error(`qinqing: ${bilingual.messageZh}\n         ${bilingual.messageEn}`);
      process.exit(2);
    }
    console.error(`qinqing: ${(err as Error).message}`);
    process.exit(1);
  },
);
