import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { builtinArrangements, BUILTIN_YEARS } from './builtin.js';
import { createWorkingCalendar, type WorkingCalendar, type YearArrangement } from './rules.js';
import type { CalendarYear, OfficeHours, OfficeHoursSetting } from './contract.js';

/**
 * The working calendar in force: chinese-days' built-in years, overlaid by the years an
 * administrator imported or entered, with the configured office hours. Each process keeps it
 * in memory and rebuilds it when the stored revision moves (checked at most every few seconds,
 * so a change made through another process applies there shortly after).
 */
const RECHECK_MS = 5_000;

interface Cached {
  revision: number;
  checkedAt: number;
  calendar: WorkingCalendar;
  stored: StoredYear[];
  officeHoursVersion: number;
}

export interface StoredYear {
  year: number;
  source: 'imported' | 'entered';
  fileName: string | null;
}

const cache = new WeakMap<Db, Cached>();

async function revisionOf(db: Db): Promise<{ revision: number; officeHours: OfficeHours; version: number }> {
  const [row] = await queryRows<{ revision: number; office_hours: OfficeHours; version: number }>(db,
    sql`select revision, office_hours, version from calendar_settings where id = 1`);
  return { revision: row.revision, officeHours: row.office_hours, version: row.version };
}

async function build(db: Db): Promise<Cached> {
  const settings = await revisionOf(db);
  const days = await queryRows<{ date: string; kind: 'holiday' | 'makeup_workday'; name: string }>(db,
    sql`select date, kind, name from calendar_days order by date`);
  const years = await queryRows<{ year: number; source: 'imported' | 'entered'; file_name: string | null }>(db,
    sql`select year, source, file_name from calendar_years order by year`);
  const announced = new Set(years.map((y) => y.year));
  const byYear = new Map<number, YearArrangement>();
  for (const d of days) {
    const year = Number(d.date.slice(0, 4));
    let a = byYear.get(year);
    if (!a) byYear.set(year, (a = { year, source: 'stored', holidays: {}, makeUpWorkdays: {}, partial: !announced.has(year) }));
    (d.kind === 'holiday' ? a.holidays : a.makeUpWorkdays)[d.date] = d.name;
  }
  const sourceOf = new Map(years.map((y) => [y.year, y.source]));
  const stored = [...byYear.values()].map((a) => ({ ...a, source: sourceOf.get(a.year) ?? 'imported' }));
  return {
    revision: settings.revision,
    checkedAt: Date.now(),
    calendar: createWorkingCalendar([...builtinArrangements(), ...stored], settings.officeHours),
    stored: years.map((y) => ({ year: y.year, source: y.source, fileName: y.file_name })),
    officeHoursVersion: settings.version,
  };
}

async function current(db: Db): Promise<Cached> {
  let entry = cache.get(db);
  if (!entry) {
    entry = await build(db);
  } else if (Date.now() - entry.checkedAt > RECHECK_MS) {
    const { revision } = await revisionOf(db);
    entry = revision === entry.revision ? { ...entry, checkedAt: Date.now() } : await build(db);
  }
  cache.set(db, entry);
  return entry;
}

export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  return (await current(db)).calendar;
}

/** The calendar in force with its revision: what a judgement made on it records, to be made again once the revision moves. */
export async function calendarInForce(db: Db): Promise<{ calendar: WorkingCalendar; revision: number }> {
  const entry = await current(db);
  return { calendar: entry.calendar, revision: entry.revision };
}

export async function officeHoursSetting(db: Db): Promise<OfficeHoursSetting> {
  const entry = await current(db);
  return { ...entry.calendar.officeHours, version: entry.officeHoursVersion };
}

/** Called by commands after they change the calendar, inside their transaction. */
export async function bumpRevision(tx: Db): Promise<void> {
  await tx.execute(sql`update calendar_settings set revision = revision + 1 where id = 1`);
}

/** Drops this process's copy so the next read rebuilds (after a committed change). */
export function forgetCalendar(db: Db): void {
  cache.delete(db);
}

/** Coverage of every year from the first built-in one to next year, so a missing year shows. */
export async function calendarCoverage(db: Db, today = new Date()): Promise<CalendarYear[]> {
  const entry = await current(db);
  const cal = entry.calendar;
  const storedSource = new Map(entry.stored.map((s) => [s.year, s.source]));
  const last = Math.max(today.getUTCFullYear() + 1, BUILTIN_YEARS.last, ...entry.stored.map((s) => s.year));
  const counts = new Map<number, { holidays: number; makeUpWorkdays: number }>();
  for (const [dayNumber, day] of cal.special) {
    const year = new Date(dayNumber * 86_400_000).getUTCFullYear();
    const c = counts.get(year) ?? { holidays: 0, makeUpWorkdays: 0 };
    if (day.kind === 'holiday') c.holidays++;
    else c.makeUpWorkdays++;
    counts.set(year, c);
  }
  const out: CalendarYear[] = [];
  for (let year = BUILTIN_YEARS.first; year <= last; year++) {
    const { holidays, makeUpWorkdays } = counts.get(year) ?? { holidays: 0, makeUpWorkdays: 0 };
    const covered = cal.covered.has(year);
    const source = storedSource.get(year) ?? (covered ? 'chinese-days' : 'none');
    out.push({ year, source, holidays, makeUpWorkdays, partial: !covered && holidays + makeUpWorkdays > 0 });
  }
  return out;
}
