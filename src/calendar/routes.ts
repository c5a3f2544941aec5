import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../platform/errors.js';
import { IsoDate } from '../platform/http/schemas.js';
import { calendarCoverage, officeHoursSetting, workingCalendar } from './store.js';
import {
  addWorkingDays, addWorkingHours, dayInfo, DEFAULT_OFFICE_HOURS, workingDaysBetween, workingDaysBetweenInstants, workingMinutesBetween,
} from './rules.js';
import type { AddWorkingDaysResult, CalendarDay, CalendarDays, CalendarImport, Fallback } from './contract.js';
import { detectFormat, parseArrangementFile } from './import-formats.js';
import { saveArrangements } from './commands/saveArrangements.js';
import { setOfficeHours } from './commands/setOfficeHours.js';

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant, e.g. 2026-10-08T09:30:00+08:00' });
const DateOrInstant = Type.String({ minLength: 10, maxLength: 40, description: 'YYYY-MM-DD, or an ISO 8601 instant' });
const DayEntry = Type.Object({ date: IsoDate, name: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const Period = Type.Object({ start: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }), end: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$' }) }, { additionalProperties: false });
const MAX_RANGE_DAYS = 400;

// Exported for the contract's drift check (contract.test.ts).
export const YearEntryBody = Type.Object({ holidays: Type.Array(DayEntry, { minItems: 1, maxItems: 60 }), makeUpWorkdays: Type.Array(DayEntry, { maxItems: 30 }) }, { additionalProperties: false });
export const ImportBody = Type.Object({ fileName: Type.String({ maxLength: 200 }), content: Type.String({ minLength: 1, maxLength: 1_000_000 }) }, { additionalProperties: false });
export const OfficeHoursBody = Type.Object({ version: Type.Integer({ minimum: 1 }), timeZoneOffsetMinutes: Type.Integer({ minimum: -720, maximum: 840 }), periods: Type.Array(Period, { minItems: 1, maxItems: 6 }) }, { additionalProperties: false });

/** A year's result says so when weekends alone decided it (no official arrangement published). */
const flag = (fallbackYears: number[]): Fallback => ({ fallbackYears, fallback: fallbackYears.length > 0 });

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/calendar/years', { schema: { tags: ['calendar'], summary: 'Which years have an official arrangement, and from where' } },
    async () => ({ items: await calendarCoverage(db) }));

  app.get('/calendar/days', {
    schema: { tags: ['calendar'], summary: `Every day in a range (at most ${MAX_RANGE_DAYS}) with its kind`, querystring: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }) },
  }, async (request): Promise<CalendarDays> => {
    const cal = await workingCalendar(db);
    const { from, to } = request.query;
    const span = workingSpan(from, to);
    const items: CalendarDay[] = [];
    for (let i = 0; i <= span; i++) items.push(dayInfo(cal, new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10)));
    return { items, fallbackYears: [...new Set(items.filter((d) => !d.dataAvailable).map((d) => Number(d.date.slice(0, 4))))] };
  });

  app.get('/calendar/is-working-day', {
    schema: { tags: ['calendar'], summary: 'Is this date a working day (工作日)?', querystring: Type.Object({ date: IsoDate }, { additionalProperties: false }) },
  }, async (request) => {
    const info = dayInfo(await workingCalendar(db), request.query.date);
    return { ...info, ...flag(info.dataAvailable ? [] : [Number(info.date.slice(0, 4))]) };
  });

  app.get('/calendar/add-working-days', {
    schema: {
      tags: ['calendar'], summary: 'The date N working days after a date (the start day not counted)',
      querystring: Type.Object({ date: IsoDate, days: Type.Integer({ minimum: -10000, maximum: 10000 }) }, { additionalProperties: false }),
    },
  }, async (request): Promise<AddWorkingDaysResult> => {
    const r = addWorkingDays(await workingCalendar(db), request.query.date, request.query.days);
    return { date: r.date, ...flag(r.fallbackYears) };
  });

  app.get('/calendar/working-days-between', {
    schema: { tags: ['calendar'], summary: 'Working days d with from < d ≤ to (dates or instants)', querystring: Type.Object({ from: DateOrInstant, to: DateOrInstant }, { additionalProperties: false }) },
  }, async (request) => {
    const cal = await workingCalendar(db);
    const { from, to } = request.query;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
    const r = dateOnly.test(from) && dateOnly.test(to) ? workingDaysBetween(cal, from, to) : workingDaysBetweenInstants(cal, instant(from, cal.officeHours.timeZoneOffsetMinutes), instant(to, cal.officeHours.timeZoneOffsetMinutes));
    return { days: r.days, ...flag(r.fallbackYears) };
  });

  app.get('/calendar/add-working-hours', {
    schema: {
      tags: ['calendar'], summary: 'The instant reached after N office hours on working days (a deadline in working hours)',
      querystring: Type.Object({ from: Instant, hours: Type.Number({ minimum: 0, maximum: 100000 }) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const r = addWorkingHours(await workingCalendar(db), instant(request.query.from), request.query.hours);
    return { at: r.at.toISOString(), ...flag(r.fallbackYears) };
  });

  app.get('/calendar/working-minutes-between', {
    schema: { tags: ['calendar'], summary: 'Office minutes on working days between two instants', querystring: Type.Object({ from: Instant, to: Instant }, { additionalProperties: false }) },
  }, async (request) => {
    const r = workingMinutesBetween(await workingCalendar(db), instant(request.query.from), instant(request.query.to));
    return { minutes: r.minutes, ...flag(r.fallbackYears) };
  });

  app.get('/calendar/office-hours', { schema: { tags: ['calendar'], summary: 'Office hours that working-hour deadlines count in' } },
    async () => officeHoursSetting(db));

  app.put('/calendar/office-hours', {
    schema: {
      tags: ['calendar'], summary: 'Change the office hours (system administrator)',
      body: OfficeHoursBody,
    },
  }, async (request) => setOfficeHours(db, request.actor!, request.body));

  app.post('/calendar/import', {
    bodyLimit: 2 * 1024 * 1024,
    schema: {
      tags: ['calendar'], summary: 'Import an arrangement file: simple JSON, CSV (date,kind,name) or holiday-cn JSON (system administrator)',
      body: ImportBody,
    },
  }, async (request): Promise<CalendarImport> => {
    const { fileName, content } = request.body;
    const parsed = parseArrangementFile(content, detectFormat(fileName, content));
    const saved = await saveArrangements(db, request.actor!, { arrangements: parsed.arrangements, source: 'imported', fileName });
    return { ...saved, format: parsed.format, warnings: parsed.warnings.map((w) => (/^\s*en/i.test(String(request.headers['accept-language'] ?? '')) ? w.messageEn : w.messageZh)) };
  });

  app.put('/calendar/years/:year', {
    schema: {
      tags: ['calendar'], summary: "Enter a year's arrangement by hand (system administrator)",
      params: Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2999 }) }),
      body: YearEntryBody,
    },
  }, async (request) => {
    // The same checks as an import file: one path for every way a year arrives.
    const parsed = parseArrangementFile(JSON.stringify({ year: request.params.year, ...request.body }), 'simple-json');
    return saveArrangements(db, request.actor!, { arrangements: parsed.arrangements, source: 'entered' });
  });
};

/** An instant, or a date taken as the start of that day in the office's time zone. */
function instant(value: string, offsetMinutes = DEFAULT_OFFICE_HOURS.timeZoneOffsetMinutes): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(Date.parse(`${value}T00:00:00Z`) - offsetMinutes * 60_000) : new Date(value);
  if (Number.isNaN(d.getTime())) throw badRequest('invalid_instant', `无法识别的时间：${value}`, `Not a date or instant: ${value}`);
  return d;
}

function workingSpan(from: string, to: string): number {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!Number.isFinite(span) || span < 0 || span > MAX_RANGE_DAYS) {
    throw badRequest('invalid_range', `日期范围须从早到晚且不超过 ${MAX_RANGE_DAYS} 天`, `The range must run forwards and span at most ${MAX_RANGE_DAYS} days`);
  }
  return span;
}
