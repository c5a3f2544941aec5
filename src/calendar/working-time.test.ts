import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinArrangements } from './builtin.js';
import type { IsoDate, OfficeHours } from './contract.js';
import {
  addWorkingDays, createWorkingCalendar, DEFAULT_OFFICE_HOURS, isWorkingDay, workingMinutesBetween, type WorkingCalendar,
} from './rules.js';
import {
  computeDue, dueState, endOfOfficeDay, limitOfficeMinutes, officeDayMinutes, pausedOfficeMinutes, type DueState, type PauseLedger,
} from './working-time.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const official = createWorkingCalendar(builtinArrangements());
/** An instant given as Beijing wall-clock time. */
const beijing = (local: string): Date => new Date(`${local}+08:00`);
const isoOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfIso = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 8:30–12:00 and 14:00–18:00: a 7.5-hour office day. */
const LONG_DAY: OfficeHours = { timeZoneOffsetMinutes: 480, periods: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }] };

/** Office hours of one to three periods on quarter-hour boundaries, up to midnight, in Beijing time. */
const anyOfficeHours: fc.Arbitrary<OfficeHours> = fc.constantFrom(1, 2, 3)
  .chain((n) => fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2 * n, maxLength: 2 * n }))
  .map((quarters) => {
    const bounds = [...quarters].sort((a, b) => a - b).map((q) => hhmm(q * 15));
    const periods = [];
    for (let i = 0; i < bounds.length; i += 2) periods.push({ start: bounds[i], end: bounds[i + 1] });
    return { timeZoneOffsetMinutes: 480, periods };
  });
const someOfficeHours = fc.oneof(fc.constant(DEFAULT_OFFICE_HOURS), fc.constant(LONG_DAY), anyOfficeHours);

const calendars = new Map<string, WorkingCalendar>();
/** The official calendar with the given office hours (built once per distinct hours). */
function calendarWith(hours: OfficeHours): WorkingCalendar {
  const key = JSON.stringify(hours);
  if (!calendars.has(key)) calendars.set(key, createWorkingCalendar(builtinArrangements(), hours));
  return calendars.get(key)!;
}

/** The configured day length, summed from the HH:MM periods as an administrator writes them. */
const dayLengthOf = (hours: OfficeHours) => hours.periods.reduce((sum, p) => sum + clockMinutes(p.end) - clockMinutes(p.start), 0);

/**
 * Spans around the 2025 and 2026 Spring Festival and National Day breaks, from one Beijing
 * midnight to another, with the number of working days in them (make-up days included).
 */
const BREAKS = [
  { name: '2025 Spring Festival', first: '2025-01-25', last: '2025-02-09', workingDays: 6 }, // make-up Sun 26 Jan and Sat 8 Feb
  { name: '2025 National Day', first: '2025-09-27', last: '2025-10-12', workingDays: 6 }, // make-up Sun 28 Sep and Sat 11 Oct
  { name: '2026 Spring Festival', first: '2026-02-08', last: '2026-03-01', workingDays: 11 }, // make-up Sat 14 and Sat 28 Feb
  { name: '2026 National Day', first: '2026-09-19', last: '2026-10-11', workingDays: 11 }, // make-up Sun 20 Sep and Sat 10 Oct
] as const;
const anyBreak = fc.constantFrom(...BREAKS);

/** Office minutes of a ledger counted minute by minute: independent of the calendar's interval arithmetic. */
function officeMinutesByMinute(cal: WorkingCalendar, hours: OfficeHours, windowStart: Date, spans: { from: number; to: number }[]): number {
  const offsetMinutes = hours.timeZoneOffsetMinutes;
  const open = new Uint8Array(24 * 60);
  for (const p of hours.periods) open.fill(1, clockMinutes(p.start), clockMinutes(p.end));
  const end = Math.max(0, ...spans.map((s) => s.to));
  const working = new Map<number, boolean>();
  const isWorking = (day: number) => working.get(day) ?? working.set(day, isWorkingDay(cal, isoOfDay(day))).get(day)!;
  let count = 0;
  for (let m = 0; m < end; m++) {
    if (!spans.some((s) => s.from <= m && m < s.to)) continue;
    const localMinute = windowStart.getTime() / MINUTE_MS + m + offsetMinutes;
    const day = Math.floor(localMinute / (24 * 60));
    if (open[localMinute - day * 24 * 60] && isWorking(day)) count++;
  }
  return count;
}

describe('office-day length', () => {
  it('is the sum of the configured office periods, not a fixed 8 hours', () => {
    expect(officeDayMinutes(official)).toBe(420);
    expect(officeDayMinutes(calendarWith(LONG_DAY))).toBe(450);
    expect(limitOfficeMinutes(calendarWith(LONG_DAY), { amount: 2, unit: 'working_days' })).toBe(900);
    expect(limitOfficeMinutes(calendarWith(LONG_DAY), { amount: 2, unit: 'working_hours' })).toBe(120);
  });

  it('makes a 1-working-day limit as long as the configured day, for any office hours', () => {
    fc.assert(fc.property(someOfficeHours, (hours) => {
      const cal = calendarWith(hours);
      expect(officeDayMinutes(cal)).toBe(dayLengthOf(hours));
      expect(limitOfficeMinutes(cal, { amount: 1, unit: 'working_days' })).toBe(dayLengthOf(hours));
    }));
  });

  it('gives N working days of office time from the close of office to the due instant', () => {
    fc.assert(fc.property(
      someOfficeHours,
      fc.integer({ min: dayOfIso('2025-01-01'), max: dayOfIso('2026-12-10') }),
      fc.integer({ min: 0, max: DAY_MS / MINUTE_MS - 1 }),
      fc.integer({ min: 1, max: 15 }),
      (hours, day, minute, n) => {
        const cal = calendarWith(hours);
        const start = new Date(day * DAY_MS - 8 * 3_600_000 + minute * MINUTE_MS);
        const due = computeDue(cal, { start, limit: { amount: n, unit: 'working_days' } }).at;
        // The rest of the start day (nothing when it is not a working day) plus n full office days.
        const restOfDay = workingMinutesBetween(cal, start, endOfOfficeDay(cal, isoOfDay(day))).minutes;
        expect(workingMinutesBetween(cal, start, due).minutes).toBe(restOfDay + n * dayLengthOf(hours));
      },
    ));
  });
});

describe('due instants', () => {
  it('ends N working days at close of office on the Nth working day, the start day not counted', () => {
    // Dispatched Wednesday 30 September 2026 10:00 Beijing: 5 working days → Tuesday 13 October, 17:30.
    const due = computeDue(official, { start: new Date('2026-09-30T10:00:00+08:00'), limit: { amount: 5, unit: 'working_days' } });
    expect(due.at.toISOString()).toBe('2026-10-13T09:30:00.000Z');
    expect(due.fallbackYears).toEqual([]);
    // The close of office is the configured one.
    expect(computeDue(calendarWith(LONG_DAY), { start: beijing('2026-09-30T10:00:00'), limit: { amount: 5, unit: 'working_days' } }).at).toEqual(beijing('2026-10-13T18:00:00'));
  });

  it('counts urgent signing in working hours across lunch and the night', () => {
    const due = computeDue(official, { start: new Date('2026-10-09T16:45:00+08:00'), limit: { amount: 2, unit: 'working_hours' } });
    // 45 minutes on Friday, then Saturday 10 October is a make-up working day: 09:00 + 75 minutes.
    expect(due.at.toISOString()).toBe('2026-10-10T02:15:00.000Z');
  });

  it('adds extension days from the day the deadline falls on, skipping the holiday and counting make-up days', () => {
    // Due Wednesday 30 September 2026 at close; 5 more working days: 8, 9, 10 (make-up Saturday), 12, 13 October.
    const due = computeDue(official, { start: beijing('2026-09-29T10:00:00'), limit: { amount: 1, unit: 'working_days' }, extensionDays: 5 });
    expect(due.at).toEqual(beijing('2026-10-13T17:30:00'));
  });

  it('flags a deadline counted into a year without an official calendar', () => {
    expect(computeDue(official, { start: beijing('2026-12-30T10:00:00'), limit: { amount: 5, unit: 'working_days' } }).fallbackYears).toEqual([2027]);
  });

  it('moves the deadline out by exactly the paused office time and the granted days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 400 }), (startOffsetHours, extra, paused) => {
      const start = new Date(Date.parse('2026-03-02T01:00:00Z') + startOffsetHours * 3_600_000);
      const base = computeDue(official, { start, limit: { amount: 5, unit: 'working_days' }, extensionDays: extra }).at;
      const withPause = computeDue(official, { start, limit: { amount: 5, unit: 'working_days' }, extensionDays: extra, pausedMinutes: paused }).at;
      expect(workingMinutesBetween(official, base, withPause).minutes).toBe(paused);
    }));
  });
});

describe('the pause ledger', () => {
  // Instants are whole minutes after the break's first Beijing midnight, so sums stay exact.
  const ledgerIn = (minutes: number) => fc.array(
    fc.tuple(fc.integer({ min: 0, max: minutes }), fc.integer({ min: 0, max: minutes }), fc.boolean(), fc.constantFrom('awaiting_requester', 'excluded_step')),
    { minLength: 1, maxLength: 4 },
  );

  it('counts only office time on working days, across holiday breaks and make-up days, for any office hours', () => {
    fc.assert(fc.property(someOfficeHours, anyBreak.chain((b) => {
      const minutes = (dayOfIso(b.last) - dayOfIso(b.first) + 1) * 24 * 60;
      return fc.tuple(fc.constant(b), ledgerIn(minutes), fc.integer({ min: 0, max: minutes }));
    }), (hours, [b, entries, nowMinute]) => {
      const cal = calendarWith(hours);
      const windowStart = beijing(`${b.first}T00:00:00`);
      const at = (m: number) => new Date(windowStart.getTime() + m * MINUTE_MS);
      const ledger: PauseLedger = entries.map(([a, c, open, reason]) => ({ from: at(Math.min(a, c)), to: open ? null : at(Math.max(a, c)), reason }));
      const spans = entries.map(([a, c, open]) => ({ from: Math.min(a, c), to: open ? nowMinute : Math.max(a, c) }));
      expect(pausedOfficeMinutes(cal, ledger, at(nowMinute)).minutes).toBe(officeMinutesByMinute(cal, hours, windowStart, spans));
    }), { numRuns: 60 });
  });

  it('adds nothing for the days of a break and a full office day for each make-up day', () => {
    fc.assert(fc.property(someOfficeHours, anyBreak, fc.integer({ min: 0, max: DAY_MS - 1 }), fc.integer({ min: 0, max: DAY_MS - 1 }), (hours, b, fromMs, toMs) => {
      // From any moment of the break's first day to any moment of its last: both are days off.
      const cal = calendarWith(hours);
      const from = new Date(beijing(`${b.first}T00:00:00`).getTime() + fromMs);
      const to = new Date(beijing(`${b.last}T00:00:00`).getTime() + toMs);
      const paused = pausedOfficeMinutes(cal, [{ from, to, reason: 'awaiting_requester' }], to);
      expect(paused).toEqual({ minutes: b.workingDays * dayLengthOf(hours), fallbackYears: [] });
    }));
  });

  it('counts a pause inside a holiday break as nothing, and a pause over a make-up Saturday as a working day', () => {
    const pause = (from: string, to: string) => pausedOfficeMinutes(official, [{ from: beijing(from), to: beijing(to), reason: 'excluded_step' }], beijing(to)).minutes;
    expect(pause('2026-10-01T08:00:00', '2026-10-07T20:00:00')).toBe(0);
    expect(pause('2026-10-09T17:00:00', '2026-10-12T09:30:00')).toBe(30 + 420 + 30); // Fri close, Sat 10 (make-up), Mon opening
    expect(pause('2025-01-27T17:00:00', '2025-02-05T10:00:00')).toBe(30 + 60); // over the 2025 Spring Festival
  });

  it('is the same however a pause is split, ordered or recorded twice', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
      fc.integer({ min: 1, max: 40 * DAY_MS }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (fromMs, length, cut) => {
        const from = new Date(fromMs);
        const to = new Date(fromMs + length);
        const mid = new Date(fromMs + Math.floor(length * cut));
        const whole = pausedOfficeMinutes(official, [{ from, to, reason: 'excluded_step' }], to).minutes;
        expect(whole).toBe(workingMinutesBetween(official, from, to).minutes);
        const split = pausedOfficeMinutes(official, [{ from: mid, to, reason: 'excluded_step' }, { from, to: mid, reason: 'awaiting_requester' }], to).minutes;
        expect(split).toBeCloseTo(whole, 6);
        const twice = pausedOfficeMinutes(official, [{ from, to, reason: 'excluded_step' }, { from, to: mid, reason: 'excluded_step' }], to).minutes;
        expect(twice).toBe(whole);
      },
    ));
  });

  it('runs an open pause to now, and counts nothing for a pause not yet begun', () => {
    const ledger: PauseLedger<'awaiting_requester'> = [{ from: beijing('2026-03-16T10:00:00'), to: null, reason: 'awaiting_requester' }];
    expect(pausedOfficeMinutes(official, ledger, beijing('2026-03-16T14:00:00')).minutes).toBe(120 + 30);
    expect(pausedOfficeMinutes(official, ledger, beijing('2026-03-16T09:00:00')).minutes).toBe(0);
    expect(pausedOfficeMinutes(official, [], beijing('2026-03-16T09:00:00'))).toEqual({ minutes: 0, fallbackYears: [] });
  });

  it('pushes a deadline past a holiday by the paused office time only', () => {
    fc.assert(fc.property(someOfficeHours, anyBreak, fc.integer({ min: 0, max: DAY_MS - 1 }), fc.integer({ min: 0, max: DAY_MS - 1 }), fc.integer({ min: 1, max: 5 }), (hours, b, fromMs, toMs, n) => {
      // Dispatched at the close of the working day before the break's span; paused over the whole span.
      const cal = calendarWith(hours);
      const start = endOfOfficeDay(cal, addWorkingDays(cal, b.first, -1).date);
      const from = new Date(beijing(`${b.first}T00:00:00`).getTime() + fromMs);
      const to = new Date(beijing(`${b.last}T00:00:00`).getTime() + toMs);
      const paused = pausedOfficeMinutes(cal, [{ from, to, reason: 'awaiting_requester' }], to).minutes;
      const due = computeDue(cal, { start, limit: { amount: n, unit: 'working_days' }, pausedMinutes: paused }).at;
      // The n working days and the paused days are both counted from the same close of office.
      expect(workingMinutesBetween(cal, start, due).minutes).toBe((n + b.workingDays) * dayLengthOf(hours));
    }));
  });
});

describe('due state', () => {
  const rule = { fraction: 0.2, minMinutes: 120 };

  it('is due soon in the last fifth of the office time (at least two hours), overdue after, and frozen while paused', () => {
    const step = { startedAt: new Date('2026-10-12T01:00:00Z'), dueAt: new Date('2026-10-16T09:30:00Z') };
    expect(dueState(official, rule, step, new Date('2026-10-12T02:00:00Z')).state).toBe('on_time');
    expect(dueState(official, rule, step, new Date('2026-10-16T06:00:00Z')).state).toBe('due_soon');
    const late = dueState(official, rule, step, new Date('2026-10-19T02:00:00Z'));
    expect(late.state).toBe('overdue');
    expect(late.minutesLeft).toBeLessThan(0);
    expect(dueState(official, rule, { ...step, pausedAt: new Date('2026-10-12T02:00:00Z') }, new Date('2026-10-30T02:00:00Z')).state).toBe('on_time');
  });

  it('takes the minimum when the fraction of a short limit is smaller', () => {
    // 1 working day of 7.5 hours: a fifth is 90 minutes, so the 120-minute minimum decides.
    const cal = calendarWith(LONG_DAY);
    const step = { startedAt: beijing('2026-03-16T08:30:00'), dueAt: beijing('2026-03-16T18:00:00') };
    expect(dueState(cal, rule, step, beijing('2026-03-16T15:59:00'))).toEqual({ state: 'on_time', minutesLeft: 121 });
    expect(dueState(cal, rule, step, beijing('2026-03-16T16:00:00'))).toEqual({ state: 'due_soon', minutesLeft: 120 });
  });

  it('never goes back from overdue or due soon as time passes, and tells the office minutes left', () => {
    const order: DueState[] = ['on_time', 'due_soon', 'overdue'];
    fc.assert(fc.property(
      someOfficeHours,
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-11-01T00:00:00Z') }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 30 * DAY_MS }),
      fc.integer({ min: 0, max: 30 * DAY_MS }),
      (hours, startMs, n, a, b) => {
        const cal = calendarWith(hours);
        const startedAt = new Date(startMs);
        const dueAt = computeDue(cal, { start: startedAt, limit: { amount: n, unit: 'working_days' } }).at;
        const early = dueState(cal, rule, { startedAt, dueAt }, new Date(startMs + Math.min(a, b)));
        const later = new Date(startMs + Math.max(a, b));
        const late = dueState(cal, rule, { startedAt, dueAt }, later);
        expect(order.indexOf(late.state)).toBeGreaterThanOrEqual(order.indexOf(early.state));
        expect(late.state === 'overdue').toBe(later > dueAt);
        expect(Math.abs(late.minutesLeft)).toBe(later > dueAt ? workingMinutesBetween(cal, dueAt, later).minutes : workingMinutesBetween(cal, later, dueAt).minutes);
      },
    ));
  });
});
