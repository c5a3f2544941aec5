// Parses an admin's holiday-arrangement file into year arrangements. Pure: takes the file's
// text, returns arrangements and warnings, throws CalendarInputError naming the bad line/entry.
//
// Formats:
// - simple-json: { year, source?, holidays: [{date, name}], makeUpWorkdays?: [{date, name}] }
//   or an array of those; every date must lie in its entry's year.
// - csv: header `date,kind,name` (or 日期,类型,名称); kind is holiday / 休 / 假日 or
//   makeup_workday / 班 / 调休上班.
// - holiday-cn (NateScarlet/holiday-cn): { year, papers, days: [{name, date, isOffDay}] };
//   isOffDay false marks a make-up working day. The file may hold December dates of the
//   previous year and January dates of the next: each date goes to its own year, and those
//   neighbour years come back with `partial: true`.
import {
  arrangementsFromDays,
  CalendarInputError,
  dayOfWeek,
  isValidIsoDate,
  type CalendarErrorCode,
  type DatedEntry,
  type YearArrangement,
} from './rules.js';
import type { ImportFormat, IsoDate } from './contract.js';

export interface ImportWarning {
  code: 'duplicate_date' | 'makeup_not_weekend';
  messageZh: string;
  messageEn: string;
}

export interface ImportResult {
  format: ImportFormat;
  /** One per year touched, ascending; check `partial` before treating a year as covered. */
  arrangements: YearArrangement[];
  warnings: ImportWarning[];
}

/** Where in the file something is, for messages. */
interface Where {
  zh: string;
  en: string;
}

type Kind = DatedEntry['kind'];

const KIND_ZH: Record<Kind, string> = { holiday: '放假日', makeup_workday: '调休上班日' };
const KIND_EN: Record<Kind, string> = { holiday: 'holiday', makeup_workday: 'make-up working day' };

function importError(code: CalendarErrorCode, where: Where, zh: string, en: string): CalendarInputError {
  return new CalendarInputError(code, `${where.zh}：${zh}`, `${where.en}: ${en}`);
}

const FILE: Where = { zh: '文件', en: 'file' };

/** Gathers dated entries, rejecting conflicts and noting what deserves a second look. */
class EntryCollector {
  private readonly byDate = new Map<IsoDate, { entry: DatedEntry; where: Where }>();
  readonly warnings: ImportWarning[] = [];

  add(where: Where, date: unknown, kind: Kind, name: string, declaredYear?: number): void {
    if (!isValidIsoDate(date)) {
      throw importError('invalid_date', where, `日期无效（应为 YYYY-MM-DD）：${String(date)}`, `invalid date (expected YYYY-MM-DD): ${String(date)}`);
    }
    if (declaredYear !== undefined && Number(date.slice(0, 4)) !== declaredYear) {
      throw importError(
        'import_date_outside_year',
        where,
        `${date} 不在本条声明的 ${declaredYear} 年内`,
        `${date} is outside the declared year ${declaredYear}`,
      );
    }
    const previous = this.byDate.get(date);
    if (previous) {
      if (previous.entry.kind !== kind) {
        throw importError(
          'import_conflicting_kinds',
          where,
          `${date} 在此列为${KIND_ZH[kind]}，但在${previous.where.zh}列为${KIND_ZH[previous.entry.kind]}`,
          `${date} is listed as a ${KIND_EN[kind]} here but as a ${KIND_EN[previous.entry.kind]} at ${previous.where.en}`,
        );
      }
      this.warnings.push({
        code: 'duplicate_date',
        messageZh: `${where.zh}：${date} 与${previous.where.zh}重复，只取第一次出现`,
        messageEn: `${where.en}: ${date} repeats ${previous.where.en}; the first listing is kept`,
      });
      return;
    }
    const weekday = dayOfWeek(date);
    if (kind === 'makeup_workday' && weekday !== 0 && weekday !== 6) {
      // Harmless for the arithmetic (a weekday works anyway) but usually a typo for another date.
      this.warnings.push({
        code: 'makeup_not_weekend',
        messageZh: `${where.zh}：调休上班日 ${date} 不是周末`,
        messageEn: `${where.en}: make-up working day ${date} is not on a weekend`,
      });
    }
    this.byDate.set(date, { entry: { date, kind, name }, where });
  }

  entries(): DatedEntry[] {
    return [...this.byDate.values()].map((v) => v.entry);
  }
}

/** A complete year without a single day off cannot be a published arrangement. */
function requireHolidays(arrangements: YearArrangement[], where: Where): YearArrangement[] {
  for (const a of arrangements) {
    if (!a.partial && Object.keys(a.holidays).length === 0) {
      throw importError('import_no_holidays', where, `${a.year} 年没有任何放假日`, `the year ${a.year} has no holidays`);
    }
  }
  return arrangements;
}

function stripBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(stripBom(content));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw importError('import_syntax', FILE, `不是有效的 JSON（${detail}）`, `not valid JSON (${detail})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missing(where: Where, field: string, wantZh: string, wantEn: string): CalendarInputError {
  return importError('import_missing_field', where, `缺少或错误的字段 ${field}（应为${wantZh}）`, `missing or wrong field ${field} (expected ${wantEn})`);
}

function requireYear(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > 2999) {
    throw missing(where, 'year', '1900–2999 的整数年份', 'an integer year from 1900 to 2999');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// simple-json

function parseSimpleJson(content: string): ImportResult {
  const data = parseJson(content);
  const items = Array.isArray(data) ? data : [data];
  if (items.length === 0) throw importError('import_syntax', FILE, '数组为空', 'the array is empty');
  const arrangements: YearArrangement[] = [];
  const warnings: ImportWarning[] = [];
  const seenYears = new Set<number>();
  items.forEach((item, i) => {
    const entry: Where = Array.isArray(data) ? { zh: `第 ${i + 1} 项`, en: `entry ${i + 1}` } : FILE;
    const here = (path: string): Where => (entry === FILE ? { zh: path, en: path } : { zh: `${entry.zh} ${path}`, en: `${entry.en} ${path}` });
    if (!isRecord(item)) throw importError('import_syntax', entry, '应为对象', 'expected an object');
    const year = requireYear(item.year, here('year'));
    if (seenYears.has(year)) {
      throw importError('import_duplicate_year', here('year'), `${year} 年出现了不止一次`, `the year ${year} appears more than once`);
    }
    seenYears.add(year);
    const collector = new EntryCollector();
    const lists: [string, Kind, unknown][] = [
      ['holidays', 'holiday', item.holidays],
      ['makeUpWorkdays', 'makeup_workday', item.makeUpWorkdays ?? []],
    ];
    for (const [field, kind, list] of lists) {
      if (!Array.isArray(list)) throw missing(here(field), field, '数组', 'an array');
      list.forEach((day, j) => {
        const where = here(`${field}[${j}]`);
        if (!isRecord(day)) throw missing(where, 'date', '含 date 和 name 的对象', 'an object with date and name');
        if (day.name !== undefined && typeof day.name !== 'string') throw missing(where, 'name', '字符串', 'a string');
        collector.add(where, day.date, kind, day.name ?? '', year);
      });
    }
    const entries = collector.entries();
    if (!entries.some((e) => e.kind === 'holiday')) {
      throw importError('import_no_holidays', here('holidays'), `${year} 年没有任何放假日`, `the year ${year} has no holidays`);
    }
    const source = typeof item.source === 'string' && item.source.trim() ? item.source.trim() : 'import:simple-json';
    arrangements.push(...arrangementsFromDays(entries, source, year));
    warnings.push(...collector.warnings);
  });
  arrangements.sort((a, b) => a.year - b.year);
  return { format: 'simple-json', arrangements, warnings };
}

// ---------------------------------------------------------------------------------------------
// csv

const CSV_KINDS: Record<string, Kind> = {
  holiday: 'holiday',
  休: 'holiday',
  假日: 'holiday',
  makeup_workday: 'makeup_workday',
  班: 'makeup_workday',
  调休上班: 'makeup_workday',
};

const CSV_COLUMNS: Record<string, 'date' | 'kind' | 'name'> = {
  date: 'date',
  日期: 'date',
  kind: 'kind',
  类型: 'kind',
  name: 'name',
  名称: 'name',
};

/** Splits one CSV line; fields may be double-quoted (as spreadsheets write names with commas). */
function splitCsvLine(line: string, where: Where): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  if (quoted) throw importError('import_syntax', where, '引号未闭合', 'unterminated quote');
  fields.push(field.trim());
  return fields;
}

function parseCsv(content: string): ImportResult {
  const lines = stripBom(content).split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw importError('import_syntax', FILE, '文件为空', 'the file is empty');
  const headerWhere: Where = { zh: `第 ${headerIndex + 1} 行`, en: `line ${headerIndex + 1}` };
  const header = splitCsvLine(lines[headerIndex], headerWhere).map((h) => CSV_COLUMNS[h.toLowerCase()]);
  const column = { date: header.indexOf('date'), kind: header.indexOf('kind'), name: header.indexOf('name') };
  if (column.date < 0 || column.kind < 0) {
    throw importError('import_syntax', headerWhere, '表头应为 date,kind,name', 'the header must be date,kind,name');
  }
  const collector = new EntryCollector();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const where: Where = { zh: `第 ${i + 1} 行`, en: `line ${i + 1}` };
    const fields = splitCsvLine(lines[i], where);
    if (fields.length !== header.length) {
      throw importError('import_syntax', where, `应有 ${header.length} 列，实有 ${fields.length} 列`, `expected ${header.length} columns, found ${fields.length}`);
    }
    const kindText = fields[column.kind];
    const kind = CSV_KINDS[kindText.toLowerCase()];
    if (!kind) {
      throw importError(
        'import_invalid_kind',
        where,
        `类型“${kindText}”无效（应为 holiday/休/假日 或 makeup_workday/班/调休上班）`,
        `invalid kind "${kindText}" (expected holiday/休/假日 or makeup_workday/班/调休上班)`,
      );
    }
    collector.add(where, fields[column.date], kind, column.name >= 0 ? fields[column.name] : '');
  }
  if (collector.entries().length === 0) throw importError('import_no_holidays', FILE, '没有任何日期', 'no dates at all');
  return {
    format: 'csv',
    arrangements: requireHolidays(arrangementsFromDays(collector.entries(), 'import:csv'), FILE),
    warnings: collector.warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// holiday-cn

function parseHolidayCn(content: string): ImportResult {
  const data = parseJson(content);
  if (!isRecord(data)) throw importError('import_syntax', FILE, '应为对象', 'expected an object');
  const year = requireYear(data.year, FILE);
  const papers = data.papers ?? [];
  if (!Array.isArray(papers) || !papers.every((p) => typeof p === 'string')) throw missing(FILE, 'papers', '字符串数组', 'an array of strings');
  if (!Array.isArray(data.days)) throw missing(FILE, 'days', '数组', 'an array');
  if (data.days.length === 0) {
    // holiday-cn publishes such an empty file for a year before the State Council announces it.
    throw importError('import_no_holidays', FILE, `${year} 年的 days 为空（可能是尚未公布的年份）`, `days is empty for ${year} (perhaps not announced yet)`);
  }
  const collector = new EntryCollector();
  data.days.forEach((day, i) => {
    const where: Where = { zh: `days[${i}]`, en: `days[${i}]` };
    if (!isRecord(day)) throw missing(where, 'date', '含 name、date、isOffDay 的对象', 'an object with name, date, isOffDay');
    if (typeof day.name !== 'string') throw missing(where, 'name', '字符串', 'a string');
    if (typeof day.isOffDay !== 'boolean') throw missing(where, 'isOffDay', 'true 或 false', 'true or false');
    const date = day.date;
    const spillOver = typeof date === 'string' && (date.startsWith(`${year - 1}-12-`) || date.startsWith(`${year + 1}-01-`));
    collector.add(where, date, day.isOffDay ? 'holiday' : 'makeup_workday', day.name, spillOver ? undefined : year);
  });
  const source = papers.length > 0 ? `holiday-cn: ${papers.join(' ')}` : 'holiday-cn';
  return {
    format: 'holiday-cn',
    arrangements: requireHolidays(arrangementsFromDays(collector.entries(), source, year), FILE),
    warnings: collector.warnings,
  };
}

// ---------------------------------------------------------------------------------------------

function formatOfJson(data: unknown): ImportFormat {
  if (Array.isArray(data)) return 'simple-json';
  if (isRecord(data) && Array.isArray(data.days)) return 'holiday-cn';
  if (isRecord(data) && 'holidays' in data) return 'simple-json';
  throw importError(
    'import_unknown_format',
    FILE,
    '无法识别的 JSON（应含 holidays 或 days 字段）',
    'unrecognised JSON (expected a holidays or days field)',
  );
}

/** Tells the format from the file's extension and content. */
export function detectFormat(fileName: string, content: string): ImportFormat {
  const extension = fileName.toLowerCase().split('.').pop();
  const text = stripBom(content).trimStart();
  if (extension === 'csv') return 'csv';
  if (extension === 'json' || text.startsWith('{') || text.startsWith('[')) return formatOfJson(parseJson(text));
  const firstLine = text.split(/\r?\n/, 1)[0].toLowerCase();
  if (/(date|日期)/.test(firstLine) && /(kind|类型)/.test(firstLine)) return 'csv';
  throw importError(
    'import_unknown_format',
    FILE,
    '无法识别文件格式（支持 JSON、CSV、holiday-cn JSON）',
    'unrecognised file format (supported: JSON, CSV, holiday-cn JSON)',
  );
}

/** Parses an import file; without a format, the content decides. */
export function parseArrangementFile(content: string, format: ImportFormat = detectFormat('', content)): ImportResult {
  switch (format) {
    case 'simple-json':
      return parseSimpleJson(content);
    case 'csv':
      return parseCsv(content);
    case 'holiday-cn':
      return parseHolidayCn(content);
  }
}
