import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { embeddedDataDir, type Database } from '../platform/db/engine.js';
import { dataDirHolder, DataDirInUse, type DataDirHolder } from '../platform/db/data-dir-lock.js';
import type { CliCommand, CliContext, Terminal } from '../platform/manifest.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { buildServer, MODULES, openPreparedDatabase } from '../app.js';
import { countUsers, listDemoUsernames } from '../people/queries.js';
import { createFirstAdmin, prepareNewInstallation } from './setup.js';
import { UsageError } from './usage-error.js';
import { PROCESS_TERMINAL } from './progress.js';
import { runThroughServer, serveAdminSocket, type RemoteFailure } from './admin-socket.js';

/** The application's own commands; the modules' follow from their manifests. */
const CORE: CliCommand[] = [
  { name: 'serve', summary: 'start the web app and API (what npm start runs)', exclusive: true, run: async (_args, { config }) => { await serve(config); return -1; } },
  {
    name: 'init', summary: 'new database with a first administrator (generated password)', exclusive: true,
    run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
      if ((await countUsers(database.db)) > 0) throw new UsageError('this database is already initialised (it has users)');
      const admin = await createFirstAdmin(database);
      out(`Initialised ${database.describe()}. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
      return 0;
    }),
  },
  { name: 'backup', args: 'FILE', summary: 'logical backup (gzip\'d JSON lines), either engine; of a running embedded server, through it', run: (args, ctx) => backupOrRestore('backup', args, ctx) },
  { name: 'restore', args: 'FILE', summary: 'replace this database\'s data with a backup', exclusive: true, run: (args, ctx) => backupOrRestore('restore', args, ctx) },
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

The database is PGlite in DATA_DIR (default ./data) unless DATABASE_URL names a PostgreSQL server.
While \`qinqing serve\` holds DATA_DIR, the other commands run through it (its admin socket); serve, init
and restore need the directory to themselves and are refused until it stops.`;

async function backupOrRestore(command: 'backup' | 'restore', args: string[], { withDatabase, out, err, cwd }: CliContext): Promise<number> {
  if (!args[0]) throw new UsageError(`${command} needs a FILE`);
  const file = resolve(cwd, args[0]);
  return withDatabase(async (database) => {
    const log = (table: string, rows: number) => err(`  ${table}: ${rows} rows\n`);
    const r = command === 'backup' ? await backupDatabase(database, file, log) : await restoreDatabase(database, file, log);
    out(`${command === 'backup' ? 'backed up' : 'restored'} ${r.rows} rows in ${r.tables} tables ${command === 'backup' ? 'to' : 'from'} ${file}`);
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
  const admin = await startAdminSocket(config, database);
  await prepareNewInstallation(database, config.demo, (line) => console.log(line), { cases: config.demoHistoryCases, months: config.demoHistoryMonths });
  const demoUsers = await listDemoUsernames(database.db);
  const app = await buildServer({ database, config });
  const services = MODULES.flatMap((m) => m.services ?? []).map((s) => s.start(app));
  const stop = async () => {
    for (const service of services) await service.stop();
    await admin?.stop();
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

/** The command the arguments name (the longest that they start with: `calendar import` before `calendar`), with the rest of them. */
function findCommand(argv: string[]): { command: CliCommand; args: string[] } {
  const matches = COMMANDS.filter((c) => c.name.split(' ').every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length);
  if (matches.length) return { command: matches[0], args: argv.slice(matches[0].name.split(' ').length) };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `)).map((c) => c.name.split(' ')[1]);
  if (group.length) throw new UsageError(`unknown ${argv[0]} command: ${argv[1] ?? '(none)'} (${group.join(', ')})`);
  throw new UsageError(`unknown command: ${argv[0]}`);
}

/** Why a command cannot have the directory now, and what the operator does about it. */
function inUse(dataDir: string, holder: DataDirHolder, command: string | null): AppError {
  const by = { zh: `数据目录 ${dataDir} 正由 qinqing ${holder.command}（进程 ${holder.pid}，${holder.startedAt} 起）使用`, en: `${dataDir} is in use by \`qinqing ${holder.command}\` (pid ${holder.pid}, since ${holder.startedAt})` };
  const [zh, en] = command !== null
    ? [`「${command}」需要独占数据目录：请先停止该进程（kill ${holder.pid}）再运行`, `\`${command}\` needs the directory to itself: stop that process first (kill ${holder.pid})`]
    : holder.command === 'serve'
      ? ['该服务没有管理套接字（数据目录路径过长）：请先停止它，或改用较短的 DATA_DIR', 'that server has no admin socket (the DATA_DIR path is too long for one): stop it first, or use a shorter DATA_DIR']
      : ['请等它结束后再运行', 'wait for it to finish, then run this again'];
  return new AppError(409, 'data_dir_in_use', `${by.zh}。${zh}`, `${by.en}. ${en}`);
}

/** Runs a command in this process: against its own database, or (in the server) against the server's. */
function runHere(command: CliCommand, args: string[], config: Config, terminal: Terminal & { cwd: string }, database?: Database): Promise<number> {
  return command.run(args, {
    config, modules: MODULES, ...terminal,
    withDatabase: (fn, opts) => (database ? fn(database) : withDatabase(config, fn, opts)),
  });
}

/** The serving process's admin socket in its data directory (admin-socket.ts), announced in the directory's lock. */
async function startAdminSocket(config: Config, database: Database): Promise<{ stop(): Promise<void> } | null> {
  const lock = database.dataDirLock;
  const dataDir = embeddedDataDir(config);
  if (!lock || !dataDir) return null;
  const path = join(dataDir, 'qinqing.sock');
  const server = await serveAdminSocket(path, async (argv, terminal) => {
    const { command, args } = findCommand(argv);
    if (command.exclusive) throw inUse(dataDir, { pid: process.pid, command: 'serve', startedAt: new Date().toISOString(), adminSocket: path }, command.name);
    return runHere(command, args, config, terminal, database);
  }, describeFailure);
  if (!server) {
    process.stderr.write(`no admin socket: ${path} is too long for a Unix socket; other commands are refused while this server runs\n`);
    return null;
  }
  lock.announceAdminSocket(path);
  return {
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(path, { force: true });
      lock.announceAdminSocket(null);
    },
  };
}

const isUsageError = (err: unknown) => err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') || (err as RemoteFailure).usage === true;

/** A failure as the admin socket sends it back, to be printed on the operator's side as here. */
function describeFailure(err: unknown): RemoteFailure {
  const e = err as Error & { messageZh?: string; messageEn?: string };
  return { message: e.message, messageZh: e.messageZh, messageEn: e.messageEn, usage: isUsageError(err) };
}

export async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0])) {
    console.log(USAGE);
    return 0;
  }
  const { command, args } = findCommand(argv);
  const terminal = { ...PROCESS_TERMINAL, cwd: process.cwd() };
  const dataDir = embeddedDataDir(config);
  const holder = dataDir && dataDirHolder(dataDir);
  if (holder) {
    if (command.exclusive || !holder.adminSocket) throw inUse(dataDir, holder, command.exclusive ? command.name : null);
    return runThroughServer(holder.adminSocket, argv, terminal);
  }
  return runHere(command, args, config, terminal);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof DataDirInUse) err = inUse(err.dataDir, err.holder, null);
    if (isUsageError(err)) {
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
