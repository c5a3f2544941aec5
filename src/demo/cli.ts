import { parseArgs } from 'node:util';
import type { CliCommand } from '../platform/manifest.js';
import { badRequest } from '../platform/errors.js';
import { UsageError } from '../cli/usage-error.js';
import { describeHistory, loadDemo, loadDemoHistory } from './load.js';
import { countUsers } from '../people/queries.js';
import { findDemoOrganisation } from './organisation.js';
import { HISTORY_LIMITS } from './history.js';

/** A whole-number option within bounds, else a usage error in both languages. */
function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} 须为 ${min} 到 ${max} 之间的整数（收到 "${value}"）\n         ${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export const demoCli: CliCommand[] = [{
  name: 'demo', args: '[--cases N [--months M] [--seed S]]',
  summary: 'load the demo organisation and log-ins into a new database; with --cases, and generate N cases of history over the last M months (default 12) through the real commands',
  run(args, { withDatabase, modules, out, ...terminal }) {
    const { values } = parseArgs({ args, options: { cases: { type: 'string' }, months: { type: 'string' }, seed: { type: 'string' } }, strict: true, allowPositionals: false });
    if (values.cases === undefined && (values.months !== undefined || values.seed !== undefined)) {
      throw new UsageError('--months 和 --seed 须与 --cases 一起使用\n         --months and --seed go with --cases');
    }
    const history = values.cases === undefined ? null : {
      cases: wholeNumber('--cases', values.cases, 1, HISTORY_LIMITS.cases),
      months: values.months === undefined ? 12 : wholeNumber('--months', values.months, 1, HISTORY_LIMITS.months),
      seed: values.seed === undefined ? undefined : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1),
    };
    return withDatabase(async (database) => {
      // History goes into a new database (after the demo data) or one that already has the demo organisation.
      if (!history || (await countUsers(database.db)) === 0) {
        const logins = await loadDemo(database, modules, terminal);
        out(`Demo data loaded into ${database.describe()}. Log-ins: ${logins.map((l) => l.username).join(', ')} / ${logins[0].password}`);
      } else if (!(await findDemoOrganisation(database.db))) {
        throw badRequest('not_demo_database', '此数据库没有演示单位，演示历史只能生成在演示数据库中', 'This database has no demo organisation: demo history goes only into a demo database');
      }
      if (history) out(describeHistory(await loadDemoHistory(database, history, terminal)));
      return 0;
    });
  },
}];
