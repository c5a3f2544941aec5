// The official arrangements shipped in the chinese-days package (2004 onwards), used unless an
// admin imports a year. Later years fall back to weekends only until imported.
import { createRequire } from 'node:module';
import { arrangementsFromDays, type DatedEntry, type YearArrangement } from './rules.js';

interface ChineseDaysData {
  holidays: Record<string, string>;
  /** Make-up working days (调休上班日). */
  workdays: Record<string, string>;
  // inLieuDays (调休 days off) are already among the holidays, so they are not read.
}

// Values read "National Day,国庆节,3": English name, Chinese name, statutory days.
function chineseName(value: string): string {
  const [english, chinese] = value.split(',');
  return chinese || english;
}

function load(): YearArrangement[] {
  // The package has no "exports" map, so its data file can be required by subpath.
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const entries: DatedEntry[] = [
    ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: 'holiday' as const, name: chineseName(v) })),
    ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: 'makeup_workday' as const, name: chineseName(v) })),
  ];
  return arrangementsFromDays(entries, 'chinese-days');
}

const arrangements = load();
const complete = arrangements.filter((a) => !a.partial).map((a) => a.year);

/** First and last year with a complete built-in arrangement. */
export const BUILTIN_YEARS: { readonly first: number; readonly last: number } = {
  first: Math.min(...complete),
  last: Math.max(...complete),
};

/** Built-in arrangements, one per year, ascending; copies, so callers cannot alter the cache. */
export function builtinArrangements(): YearArrangement[] {
  return arrangements.map((a) => ({ ...a, holidays: { ...a.holidays }, makeUpWorkdays: { ...a.makeUpWorkdays } }));
}
