import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../platform/config.js';
import { openPreparedDatabase } from '../platform/bootstrap.js';
import { AppError, badRequest } from '../platform/errors.js';
import { operatorActor } from '../platform/actor.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { verifyAuditTrail } from '../audit/verify.js';
import { verifyCaseChains } from '../cases/verify.js';
import { sweepDeadlines } from '../cases/commands/sweepDeadlines.js';
import { foldFigureDeltas, rebuildRollups } from '../evaluation/rollups.js';
import { createUser } from '../people/commands/createUser.js';
import { countUsers, listDemoUsernames } from '../people/queries.js';
import { createFirstAdmin, describeHistory, loadDemo, loadDemoHistory, prepareNewInstallation } from './setup.js';
import { findDemoOrganisation } from '../demo/organisation.js';
import { HISTORY_LIMITS } from '../demo/history.js';
import { progressBar } from './progress.js';
import { UsageError } from './usage-error.js';
import { calendarCommand } from '../calendar/cli.js';
import { startNotificationDispatcher } from '../notifications/dispatcher.js';

const USAGE = `qinqing — 亲清 operator commands

  qinqing serve                      start the web app and API (what npm start runs)
  qinqing init                       new database with a first administrator (generated password)
  qinqing demo                       load the demo organisation and log-ins into a new database
  qinqing demo --cases N [--months M] [--seed S]
                                     and generate N cases of history over the last M months (default 12)
                                     through the real commands (loads the demo first into a new database)
  qinqing users create --username U --password P --name N --roles r1,r2 [--office ID]
  qinqing calendar is-working-day DATE
  qinqing calendar add-working-days DATE N
  qinqing calendar years
  qinqing calendar import FILE       simple JSON, CSV (date,kind,name) or holiday-cn JSON
  qinqing audit verify               check the audit trail's and every case timeline's hash chain
  qinqing cases sweep                mark due-soon/overdue cases, recompute deadlines after a calendar change
  qinqing rollups rebuild            recompute every case's figures and the evaluation rollups from the case events
  qinqing rollups fold               fold pending figure deltas into the rollups (the server does this on its sweep)
  qinqing backup FILE                logical backup (gzip'd JSON lines), either engine
  qinqing restore FILE               replace this database's data with a backup
  qinqing migrate                    apply pending migrations and exit

The database is PGlite in DATA_DIR (default ./data) unless DATABASE_URL names a PostgreSQL server.`;


/** A whole-number option within bounds, else a usage error in both languages. */
function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} 须为 ${min} 到 ${max} 之间的整数（收到 "${value}"）\n         ${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openPreparedDatabase>>) => Promise<T>, opts: { figures?: boolean } = {}): Promise<T> {
  const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`), opts);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config) {
  const { buildServer } = await import('../platform/http/server.js');
  if (!existsSync(resolve(config.webDist, 'index.html'))) {
    process.stderr.write('building the web app (first start)…\n');
    const { build } = await import('vite');
    await build({ configFile: resolve('web/vite.config.ts'), logLevel: 'warn' });
  }
  const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`));
  await prepareNewInstallation(database, config.demo, (line) => console.log(line), { cases: config.demoHistoryCases, months: config.demoHistoryMonths });
  const demoUsers = await listDemoUsernames(database.db);
  const app = await buildServer({ database, config });
  const notifier = startNotificationDispatcher(app);
  const stop = async () => {
    await notifier.stop();
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
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'init':
      return withDatabase(config, async (database) => {
        if ((await countUsers(database.db)) > 0) throw new UsageError('this database is already initialised (it has users)');
        const admin = await createFirstAdmin(database);
        console.log(`Initialised ${database.describe()}. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
        return 0;
      });
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { cases: { type: 'string' }, months: { type: 'string' }, seed: { type: 'string' } }, strict: true, allowPositionals: false });
      if (values.cases === undefined && (values.months !== undefined || values.seed !== undefined)) {
        throw new UsageError('--months 和 --seed 须与 --cases 一起使用\n         --months and --seed go with --cases');
      }
      const history = values.cases === undefined ? null : {
        cases: wholeNumber('--cases', values.cases, 1, HISTORY_LIMITS.cases),
        months: values.months === undefined ? 12 : wholeNumber('--months', values.months, 1, HISTORY_LIMITS.months),
        seed: values.seed === undefined ? undefined : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1),
      };
      return withDatabase(config, async (database) => {
        // History goes into a new database (after the demo data) or one that already has the demo organisation.
        if (!history || (await countUsers(database.db)) === 0) {
          const logins = await loadDemo(database);
          console.log(`Demo data loaded into ${database.describe()}. Log-ins: ${logins.map((l) => l.username).join(', ')} / ${logins[0].password}`);
        } else if (!(await findDemoOrganisation(database.db))) {
          throw badRequest('not_demo_database', '此数据库没有演示单位，演示历史只能生成在演示数据库中', 'This database has no demo organisation: demo history goes only into a demo database');
        }
        if (history) console.log(describeHistory(await loadDemoHistory(database, history)));
        return 0;
      });
    }
    case 'users': {
      const [sub, ...args] = rest;
      if (sub !== 'create') throw new UsageError(`unknown users command: ${sub ?? '(none)'}`);
      const { values } = parseArgs({ args, options: {
        username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, office: { type: 'string' },
      }, strict: true });
      for (const k of ['username', 'password', 'name', 'roles'] as const) if (!values[k]) throw new UsageError(`--${k} is required`);
      const office = values.office === undefined ? null : Number(values.office);
      if (office !== null && !Number.isInteger(office)) throw new UsageError(`--office must be an office id (a number), got ${values.office}`);
      return withDatabase(config, async (database) => {
        const user = await createUser(database.db, operatorActor(), {
          username: values.username!, password: values.password!, name: values.name!, roles: values.roles!.split(',').map((r) => r.trim()), officeId: office,
        });
        console.log(`created user ${user.username} (id ${user.id}, roles ${user.roles.join(',')}${user.officeName ? `, office ${user.officeName}` : ''})`);
        return 0;
      });
    }
    case 'calendar':
      return withDatabase(config, (database) => calendarCommand(database, rest));
    case 'audit': {
      if (rest[0] !== 'verify') throw new UsageError(`unknown audit command: ${rest[0] ?? '(none)'}`);
      return withDatabase(config, async (database) => {
        const result = await verifyAuditTrail(database.db, progressBar('verifying audit trail').update);
        const cases = await verifyCaseChains(database.db, progressBar('verifying case timelines').update);
        if (result.ok) console.log(`audit trail intact: ${result.events} events, hash chain verified`);
        else {
          console.log(`audit trail BROKEN: ${result.problems.length} problem(s) in ${result.events} events`);
          for (const p of result.problems) console.log(`  event ${p.seq}: ${p.kind} — ${p.message}`);
        }
        if (cases.ok) console.log(`case timelines intact: ${cases.events} events in ${cases.cases} cases`);
        else {
          console.log(`case timelines BROKEN: ${cases.problems.length} problem(s)`);
          for (const p of cases.problems) console.log(`  ${p.message}`);
        }
        return result.ok && cases.ok ? 0 : 1;
      });
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) throw new UsageError(`${command} needs a FILE`);
      return withDatabase(config, async (database) => {
        const log = (table: string, rows: number) => process.stderr.write(`  ${table}: ${rows} rows\n`);
        const r = command === 'backup' ? await backupDatabase(database, file, log) : await restoreDatabase(database, file, log);
        console.log(`${command === 'backup' ? 'backed up' : 'restored'} ${r.rows} rows in ${r.tables} tables ${command === 'backup' ? 'to' : 'from'} ${file}`);
        return 0;
      });
    }
    case 'cases': {
      if (rest[0] !== 'sweep') throw new UsageError(`unknown cases command: ${rest[0] ?? '(none)'}`);
      return withDatabase(config, async (database) => {
        const r = await sweepDeadlines(database.db);
        console.log(`deadline sweep: ${r.checked} running cases checked, ${r.recomputed} deadlines recomputed, ${r.dueSoon} now due soon, ${r.overdue} now overdue`);
        return 0;
      });
    }
    case 'rollups': {
      if (rest[0] !== 'rebuild' && rest[0] !== 'fold') throw new UsageError(`unknown rollups command: ${rest[0] ?? '(none)'} (rebuild or fold)`);
      return withDatabase(config, async (database) => {
        const started = Date.now();
        if (rest[0] === 'fold') {
          const r = await foldFigureDeltas(database.db);
          console.log(`rollups fold: ${r.monthRows} monthly and ${r.dayRows} daily delta rows folded in ${Date.now() - started} ms`);
          return 0;
        }
        const bar = progressBar('rebuilding figures');
        const r = await rebuildRollups(database.db, (done, total) => bar.update(done, total));
        console.log(`rollups rebuild: ${r.cases} cases, ${r.events} events → ${r.monthRows} monthly and ${r.dayRows} daily rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
      }, { figures: rest[0] !== 'rebuild' });
    }
    case 'migrate':
      return withDatabase(config, async () => 0);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
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
