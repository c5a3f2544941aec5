import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Database } from '../platform/db/engine.js';
import type { CliCommand, CliContext } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { calendarCoverage, workingCalendar } from './store.js';
import { addWorkingDays, dayInfo } from './rules.js';
import { detectFormat, parseArrangementFile } from './import-formats.js';
import { saveArrangements } from './commands/saveArrangements.js';
import { UsageError } from '../cli/usage-error.js';

const KIND_TEXT = { workday: '工作日 / working day', weekend: '周末 / weekend', holiday: '节假日 / public holiday', makeup_workday: '调休上班日 / make-up working day' };

function warnFallback(years: readonly number[], err: CliContext['err']) {
  if (years.length) {
    err(`warning: no official arrangement for ${years.join(', ')} — weekends alone decided (警告：${years.join('、')} 年无官方节假日安排，仅按周末计算)\n`);
  }
}

/** `qinqing calendar …`: answers on stdout, warnings on stderr; returns the exit code. */
async function calendarCommand(database: Database, args: string[], { out, err, cwd }: CliContext): Promise<number> {
  const [sub, ...rest] = args;
  const cal = () => workingCalendar(database.db);
  switch (sub) {
    case 'is-working-day': {
      if (rest.length !== 1) throw new UsageError('usage: qinqing calendar is-working-day YYYY-MM-DD');
      const info = dayInfo(await cal(), rest[0]);
      out(`${info.date} ${info.workingDay ? 'yes' : 'no'} — ${KIND_TEXT[info.kind]}${info.name ? ` (${info.name})` : ''}`);
      warnFallback(info.dataAvailable ? [] : [Number(info.date.slice(0, 4))], err);
      return info.workingDay ? 0 : 1;
    }
    case 'add-working-days': {
      if (rest.length !== 2 || !/^-?\d+$/.test(rest[1])) throw new UsageError('usage: qinqing calendar add-working-days YYYY-MM-DD N');
      const r = addWorkingDays(await cal(), rest[0], Number(rest[1]));
      out(r.date);
      warnFallback(r.fallbackYears, err);
      return 0;
    }
    case 'years': {
      for (const y of await calendarCoverage(database.db)) {
        out(`${y.year}  ${y.source.padEnd(12)} holidays ${String(y.holidays).padStart(3)}  make-up ${String(y.makeUpWorkdays).padStart(2)}${y.source === 'none' ? '  (weekends only)' : ''}${y.partial ? '  (partial)' : ''}`);
      }
      return 0;
    }
    case 'import': {
      if (rest.length !== 1) throw new UsageError('usage: qinqing calendar import FILE');
      const content = readFileSync(resolve(cwd, rest[0]), 'utf8');
      const parsed = parseArrangementFile(content, detectFormat(rest[0], content));
      for (const w of parsed.warnings) err(`warning: ${w.messageEn} (${w.messageZh})\n`);
      const saved = await saveArrangements(database.db, operatorActor(), { arrangements: parsed.arrangements, source: 'imported', fileName: basename(rest[0]) });
      out(`imported ${saved.days} days for ${saved.years.join(', ')} (${parsed.format})`);
      return 0;
    }
    default:
      throw new UsageError(`unknown calendar command: ${sub ?? '(none)'} (is-working-day, add-working-days, years, import)`);
  }
}

/** The calendar's commands as the CLI lists them; each runs `calendarCommand`. */
export const calendarCli: CliCommand[] = [
  { name: 'calendar is-working-day', args: 'DATE', summary: '`yes`/`no` with the kind of day (exit 0 working, 1 not)' },
  { name: 'calendar add-working-days', args: 'DATE N', summary: 'the date N working days later (ISO)' },
  { name: 'calendar years', summary: 'which years have official data, and from where' },
  { name: 'calendar import', args: 'FILE', summary: 'simple JSON, CSV (date,kind,name) or holiday-cn JSON' },
].map((c) => ({ ...c, run: (args, ctx) => ctx.withDatabase((database) => calendarCommand(database, [c.name.split(' ')[1], ...args], ctx)) }));
