// Working-day (工作日) arithmetic on the official Chinese calendar. Pure: no I/O, no clock.
// Dates are handled as UTC day numbers (days since 1970-01-01) so that no result depends on
// the machine's time zone.
import type { CalendarDay, IsoDate, OfficeHours } from './contract.js';

/** One year of the State Council's published arrangement (节假日安排). */
export interface YearArrangement {
  year: number;
  source: string;
  /** Days off (放假), festival name by date, e.g. '国庆节'. */
  holidays: Record<IsoDate, string>;
  /** Make-up working days (调休上班日) that fall on a weekend. */
  makeUpWorkdays: Record<IsoDate, string>;
  /**
   * True when the arrangement only holds dates that a neighbouring year's announcement placed in
   * this year (e.g. a 31 December make-up day decided with the next New Year). Its dates apply,
   * but the year still counts as having no published arrangement, and it never replaces one.
   */
  partial?: boolean;
}

/** Asia/Shanghai is UTC+8 all year: China has not observed daylight saving time since 1991. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  timeZoneOffsetMinutes: 480,
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

export type CalendarErrorCode =
  | 'invalid_date'
  | 'date_out_of_range'
  | 'invalid_integer'
  | 'invalid_hours'
  | 'invalid_instant'
  | 'invalid_month'
  | 'invalid_office_hours'
  | 'invalid_arrangement'
  | 'import_unknown_format'
  | 'import_syntax'
  | 'import_missing_field'
  | 'import_invalid_kind'
  | 'import_conflicting_kinds'
  | 'import_date_outside_year'
  | 'import_duplicate_year'
  | 'import_no_holidays';

/** Bad input from a caller or an import file; the HTTP layer answers it with 400. */
export class CalendarInputError extends Error {
  readonly code: CalendarErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: CalendarErrorCode, messageZh: string, messageEn: string) {
    super(messageEn);
    this.name = 'CalendarInputError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }
}

interface SpecialDay {
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

interface PeriodMs {
  start: number;
  end: number;
}

/** Build with createWorkingCalendar; the lookup structures are immutable once built. */
export interface WorkingCalendar {
  readonly officeHours: OfficeHours;
  /** Years with a complete published arrangement, ascending. */
  readonly coveredYears: readonly number[];
  readonly covered: ReadonlySet<number>;
  /** Holidays and make-up days by day number. */
  readonly special: ReadonlyMap<number, SpecialDay>;
  /** Sorted special day numbers and the running sum of how each shifts a Mon–Fri count. */
  readonly specialDays: Int32Array;
  readonly specialShiftPrefix: Int32Array;
  readonly periodsMs: readonly PeriodMs[];
  readonly officeMsPerDay: number;
}

// Inputs are kept in this range so every result still prints as a 4-digit year.
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const MAX_WORKING_DAYS = 10_000;
const MAX_WORKING_HOURS = 100_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Day numbers (proleptic Gregorian, H. Hinnant's civil-from-days algorithms)

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function yearOfDay(day: number): number {
  return civilFromDays(day).y;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(date: unknown, field = 'date'): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
      if (y < MIN_YEAR || y > MAX_YEAR) {
        throw new CalendarInputError(
          'date_out_of_range',
          `${field} 超出支持的年份范围 ${MIN_YEAR}–${MAX_YEAR}：${date}`,
          `${field} is outside the supported years ${MIN_YEAR}–${MAX_YEAR}: ${date}`,
        );
      }
      return daysFromCivil(y, m, d);
    }
  }
  throw new CalendarInputError(
    'invalid_date',
    `${field} 不是有效日期（应为 YYYY-MM-DD）：${String(date)}`,
    `${field} is not a valid date (expected YYYY-MM-DD): ${String(date)}`,
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDay(day: number): IsoDate {
  const { y, m, d } = civilFromDays(day);
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new CalendarInputError(
      'date_out_of_range',
      `计算结果超出支持的年份范围 ${MIN_YEAR}–${MAX_YEAR}`,
      `The result falls outside the supported years ${MIN_YEAR}–${MAX_YEAR}`,
    );
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** True for a real calendar date written YYYY-MM-DD within the supported years. */
export function isValidIsoDate(value: unknown): value is IsoDate {
  try {
    parseDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfDay(parseDay(date));
}

function assertInteger(value: unknown, field: string, maxAbs: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > maxAbs) {
    throw new CalendarInputError(
      'invalid_integer',
      `${field} 必须是绝对值不超过 ${maxAbs} 的整数：${String(value)}`,
      `${field} must be an integer no larger than ${maxAbs} in absolute value: ${String(value)}`,
    );
  }
  return value;
}

function instantMs(value: unknown, field: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) {
    throw new CalendarInputError('invalid_instant', `${field} 不是有效时间`, `${field} is not a valid instant`);
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Building the calendar

const HH_MM = /^(\d{2}):(\d{2})$/;

function officeHoursError(detail: string, detailEn: string): CalendarInputError {
  return new CalendarInputError('invalid_office_hours', `办公时间设置有误：${detail}`, `Invalid office hours: ${detailEn}`);
}

function parseClock(value: unknown): number {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) {
    throw officeHoursError(`时刻应为 HH:MM：${String(value)}`, `a time must be HH:MM: ${String(value)}`);
  }
  return minutes * MINUTE_MS;
}

function offsetMs(officeHours: OfficeHours): number {
  const offset = officeHours.timeZoneOffsetMinutes;
  if (!Number.isInteger(offset) || offset < -720 || offset > 840) {
    throw officeHoursError(`时区偏移应为 -720 到 840 之间的整数分钟：${offset}`, `the UTC offset must be whole minutes in -720..840: ${offset}`);
  }
  return offset * MINUTE_MS;
}

function compileOfficeHours(officeHours: OfficeHours): PeriodMs[] {
  offsetMs(officeHours);
  if (!Array.isArray(officeHours.periods) || officeHours.periods.length === 0) {
    throw officeHoursError('至少需要一个办公时段', 'at least one office period is needed');
  }
  const periods = officeHours.periods.map((p) => ({ start: parseClock(p.start), end: parseClock(p.end) }));
  periods.forEach((p, i) => {
    if (p.start >= p.end || (i > 0 && p.start < periods[i - 1].end)) {
      throw officeHoursError(
        `时段须按时间先后排列且互不重叠：第 ${i + 1} 段`,
        `periods must be ascending and must not overlap: period ${i + 1}`,
      );
    }
  });
  return periods;
}

function arrangementError(year: unknown, detail: string, detailEn: string): CalendarInputError {
  return new CalendarInputError('invalid_arrangement', `${String(year)} 年节假日安排有误：${detail}`, `Arrangement for ${String(year)}: ${detailEn}`);
}

function checkArrangement(a: YearArrangement): void {
  if (!Number.isInteger(a.year) || a.year < MIN_YEAR || a.year > MAX_YEAR) {
    throw arrangementError(a.year, '年份无效', 'the year is not valid');
  }
  for (const map of [a.holidays, a.makeUpWorkdays]) {
    for (const date of Object.keys(map)) {
      if (!isValidIsoDate(date) || Number(date.slice(0, 4)) !== a.year) {
        throw arrangementError(a.year, `日期无效或不属于该年：${date}`, `date is invalid or not in that year: ${date}`);
      }
    }
  }
  for (const date of Object.keys(a.makeUpWorkdays)) {
    if (date in a.holidays) {
      throw arrangementError(a.year, `${date} 同时被列为放假日和调休上班日`, `${date} is listed both as a holiday and as a make-up working day`);
    }
  }
}

function specialsOf(a: YearArrangement): Map<number, SpecialDay> {
  const days = new Map<number, SpecialDay>();
  for (const [date, name] of Object.entries(a.holidays)) days.set(parseDay(date), { kind: 'holiday', name });
  for (const [date, name] of Object.entries(a.makeUpWorkdays)) days.set(parseDay(date), { kind: 'makeup_workday', name });
  return days;
}

/** How a special day changes a plain Mon–Fri count. */
function shiftOf(day: number, special: SpecialDay): number {
  if (special.kind === 'holiday') return isWeekendDay(day) ? 0 : -1;
  return isWeekendDay(day) ? 1 : 0;
}

/**
 * Builds a calendar from yearly arrangements. A later complete arrangement for a year replaces
 * earlier ones (so admin-imported years override the built-in data). A partial arrangement's
 * dates are laid over whatever complete one the year has, because they come from the
 * neighbouring year's announcement and a complete arrangement does not speak for them; where
 * both list the same date, the later entry wins.
 */
export function createWorkingCalendar(
  years: readonly YearArrangement[],
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): WorkingCalendar {
  const periodsMs = compileOfficeHours(officeHours);
  // Per year: the latest complete arrangement with its position, and partial dates with theirs.
  const complete = new Map<number, { index: number; days: Map<number, SpecialDay> }>();
  const partialDays = new Map<number, { index: number; special: SpecialDay }>();
  years.forEach((a, index) => {
    checkArrangement(a);
    if (a.partial) {
      for (const [day, special] of specialsOf(a)) partialDays.set(day, { index, special });
    } else {
      complete.set(a.year, { index, days: specialsOf(a) });
    }
  });

  const special = new Map<number, SpecialDay>();
  for (const { days } of complete.values()) for (const [day, s] of days) special.set(day, s);
  for (const [day, p] of partialDays) {
    const base = complete.get(yearOfDay(day));
    if (!base || !base.days.has(day) || p.index > base.index) special.set(day, p.special);
  }

  const specialDays = Int32Array.from(special.keys()).sort();
  const specialShiftPrefix = new Int32Array(specialDays.length + 1);
  specialDays.forEach((day, i) => {
    specialShiftPrefix[i + 1] = specialShiftPrefix[i] + shiftOf(day, special.get(day)!);
  });

  const coveredYears = [...complete.keys()].sort((a, b) => a - b);
  return {
    officeHours,
    coveredYears,
    covered: new Set(coveredYears),
    special,
    specialDays,
    specialShiftPrefix,
    periodsMs,
    officeMsPerDay: periodsMs.reduce((sum, p) => sum + p.end - p.start, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Days

function isWorkingDayNumber(cal: WorkingCalendar, day: number): boolean {
  const special = cal.special.get(day);
  if (special) return special.kind === 'makeup_workday';
  return !isWeekendDay(day);
}

/** Years in [firstDay, lastDay] that have no complete arrangement, ascending. */
function fallbackYearsIn(cal: WorkingCalendar, firstDay: number, lastDay: number): number[] {
  const years: number[] = [];
  if (lastDay < firstDay) return years;
  for (let y = yearOfDay(firstDay), last = yearOfDay(lastDay); y <= last; y++) {
    if (!cal.covered.has(y)) years.push(y);
  }
  return years;
}

export function dayInfo(cal: WorkingCalendar, date: IsoDate): CalendarDay {
  const day = parseDay(date);
  const dataAvailable = cal.covered.has(yearOfDay(day));
  const special = cal.special.get(day);
  if (special) {
    return { date, kind: special.kind, name: special.name, workingDay: special.kind === 'makeup_workday', dataAvailable };
  }
  const weekend = isWeekendDay(day);
  return { date, kind: weekend ? 'weekend' : 'workday', workingDay: !weekend, dataAvailable };
}

export function isWorkingDay(cal: WorkingCalendar, date: IsoDate): boolean {
  return isWorkingDayNumber(cal, parseDay(date));
}

export interface DateResult {
  date: IsoDate;
  /** Years counted over that have no published arrangement: flag the result as provisional. */
  fallbackYears: number[];
}

/**
 * The n-th working day after `date`; the day itself is not counted (行政许可法 Art. 82), so
 * n = 0 returns `date` unchanged even when it is not a working day. A negative n counts
 * backwards: the |n|-th working day strictly before `date`.
 */
export function addWorkingDays(cal: WorkingCalendar, date: IsoDate, n: number): DateResult {
  const start = parseDay(date);
  assertInteger(n, 'n', MAX_WORKING_DAYS);
  const step = n < 0 ? -1 : 1;
  let day = start;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(cal, day)) left--;
  }
  const result = formatDay(day);
  const fallbackYears = n === 0 ? [] : fallbackYearsIn(cal, Math.min(start + step, day), Math.max(start + step, day));
  return { date: result, fallbackYears };
}

/** Mon–Fri days among day numbers [0, x) for any integer x (negative x counts backwards). */
// Day 0 is a Thursday, so a week counted from it runs Thu Fri Sat Sun Mon Tue Wed; entry r is
// the number of Mon–Fri days among its first r days.
const WEEKDAYS_IN_FIRST = [0, 1, 2, 2, 2, 3, 4];

function weekdaysBefore(x: number): number {
  const weeks = Math.floor(x / 7);
  return weeks * 5 + WEEKDAYS_IN_FIRST[x - weeks * 7];
}

/** Index of the first special day number >= day. */
function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days among day numbers [first, last], in O(log specials). */
function countWorkingDays(cal: WorkingCalendar, first: number, last: number): number {
  if (last < first) return 0;
  const shift = cal.specialShiftPrefix[lowerBound(cal.specialDays, last + 1)] - cal.specialShiftPrefix[lowerBound(cal.specialDays, first)];
  return weekdaysBefore(last + 1) - weekdaysBefore(first) + shift;
}

export interface DaysResult {
  days: number;
  fallbackYears: number[];
}

/**
 * Working days d with from < d ≤ to; when to < from, minus the count of d with to < d ≤ from,
 * so that swapping the arguments flips the sign.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: IsoDate, to: IsoDate): DaysResult {
  const a = parseDay(from, 'from');
  const b = parseDay(to, 'to');
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const count = countWorkingDays(cal, lo + 1, hi);
  // `0 - count` rather than `-count`: no negative zero when nothing lies between.
  return { days: b >= a ? count : 0 - count, fallbackYears: fallbackYearsIn(cal, lo + 1, hi) };
}

/**
 * The last `count` working days of a month, ascending — the service week (企业服务周) is the
 * last 5. A month with fewer working days returns all of them.
 */
export function lastWorkingDaysOfMonth(cal: WorkingCalendar, year: number, month: number, count: number): IsoDate[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError('date_out_of_range', `年份超出支持范围：${year}`, `Year outside the supported range: ${year}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new CalendarInputError('invalid_month', `月份应为 1–12：${month}`, `Month must be 1–12: ${month}`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 31) {
    throw new CalendarInputError('invalid_integer', `count 应为 1–31 的整数：${count}`, `count must be an integer from 1 to 31: ${count}`);
  }
  const first = daysFromCivil(year, month, 1);
  const dates: IsoDate[] = [];
  for (let day = first + daysInMonth(year, month) - 1; day >= first && dates.length < count; day--) {
    if (isWorkingDayNumber(cal, day)) dates.push(formatDay(day));
  }
  return dates.reverse();
}

// ---------------------------------------------------------------------------------------------
// Instants and office hours

/** The office's local date of an instant. */
export function toLocalDate(instant: Date, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): IsoDate {
  return formatDay(Math.floor((instantMs(instant, 'instant') + offsetMs(officeHours)) / DAY_MS));
}

export interface InstantResult {
  at: Date;
  fallbackYears: number[];
}

/**
 * The instant at which `hours` of office time on working days have passed since `from`.
 * Starting outside office hours, the clock starts at the next period's start; a deadline that
 * lands exactly on a period's end stays there. 0 hours returns `from` unchanged.
 */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number): InstantResult {
  const fromMs = instantMs(from, 'from');
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_WORKING_HOURS) {
    throw new CalendarInputError(
      'invalid_hours',
      `小时数应为 0 到 ${MAX_WORKING_HOURS} 之间的数：${String(hours)}`,
      `hours must be a number from 0 to ${MAX_WORKING_HOURS}: ${String(hours)}`,
    );
  }
  let remaining = Math.round(hours * 3_600_000);
  if (remaining === 0) return { at: new Date(fromMs), fallbackYears: [] };
  const offset = offsetMs(cal.officeHours);
  const startDay = Math.floor((fromMs + offset) / DAY_MS);
  let day = startDay;
  let time = fromMs + offset - day * DAY_MS;
  for (;;) {
    if (isWorkingDayNumber(cal, day)) {
      for (const p of cal.periodsMs) {
        if (time >= p.end) continue;
        const begin = Math.max(time, p.start);
        if (remaining <= p.end - begin) {
          const at = day * DAY_MS + begin + remaining - offset;
          formatDay(day); // throws when the deadline runs past the supported years
          return { at: new Date(at), fallbackYears: fallbackYearsIn(cal, startDay, day) };
        }
        remaining -= p.end - begin;
        time = p.end;
      }
    }
    day++;
    time = 0;
  }
}

/** Office time on working days between two office-local instants, in ms. */
function officeMsBetween(cal: WorkingCalendar, fromDay: number, fromTime: number, toDay: number, toTime: number): number {
  const within = (day: number, begin: number, end: number): number => {
    if (!isWorkingDayNumber(cal, day)) return 0;
    let sum = 0;
    for (const p of cal.periodsMs) sum += Math.max(0, Math.min(end, p.end) - Math.max(begin, p.start));
    return sum;
  };
  if (fromDay === toDay) return within(fromDay, fromTime, toTime);
  return (
    within(fromDay, fromTime, DAY_MS) +
    countWorkingDays(cal, fromDay + 1, toDay - 1) * cal.officeMsPerDay +
    within(toDay, 0, toTime)
  );
}

export interface MinutesResult {
  minutes: number;
  fallbackYears: number[];
}

/** Minutes of office time on working days between two instants; 0 when to ≤ from. */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): MinutesResult {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return { minutes: 0, fallbackYears: [] };
  const offset = offsetMs(cal.officeHours);
  const fromDay = Math.floor((fromMs + offset) / DAY_MS);
  const toDay = Math.floor((toMs + offset) / DAY_MS);
  formatDay(fromDay);
  formatDay(toDay);
  const ms = officeMsBetween(cal, fromDay, fromMs + offset - fromDay * DAY_MS, toDay, toMs + offset - toDay * DAY_MS);
  return { minutes: ms / MINUTE_MS, fallbackYears: fallbackYearsIn(cal, fromDay, toDay) };
}

/** workingDaysBetween on the office-local dates of two instants. */
export function workingDaysBetweenInstants(cal: WorkingCalendar, from: Date, to: Date): DaysResult {
  return workingDaysBetween(cal, toLocalDate(from, cal.officeHours), toLocalDate(to, cal.officeHours));
}

// ---------------------------------------------------------------------------------------------
// Grouping dated entries into years

export interface DatedEntry {
  date: IsoDate;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

/**
 * One arrangement per calendar year of the entries' dates, ascending. Given the year a source
 * declares, its other years are partial (spill-over). Without one, a year is partial when all
 * its dates sit in December and the next year is present, or all in January and the previous
 * year is present: such dates belong to the neighbour's announcement, and treating them as a
 * full year would wipe that year's real arrangement. Entries must be valid and not conflict.
 */
export function arrangementsFromDays(entries: readonly DatedEntry[], source: string, declaredYear?: number): YearArrangement[] {
  const byYear = new Map<number, YearArrangement>();
  const months = new Map<number, Set<number>>();
  for (const { date, kind, name } of entries) {
    const year = Number(date.slice(0, 4));
    let a = byYear.get(year);
    if (!a) {
      a = { year, source, holidays: {}, makeUpWorkdays: {} };
      byYear.set(year, a);
      months.set(year, new Set());
    }
    (kind === 'holiday' ? a.holidays : a.makeUpWorkdays)[date] = name;
    months.get(year)!.add(Number(date.slice(5, 7)));
  }
  const onlyIn = (year: number, month: number) => {
    const m = months.get(year)!;
    return m.size === 1 && m.has(month);
  };
  return [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map((a) => {
      const partial =
        declaredYear !== undefined
          ? a.year !== declaredYear
          : (onlyIn(a.year, 12) && byYear.has(a.year + 1)) || (onlyIn(a.year, 1) && byYear.has(a.year - 1));
      return partial ? { ...a, partial } : a;
    });
}
