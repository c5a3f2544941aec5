import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinArrangements } from './builtin.js';
import {
  addWorkingDays,
  addWorkingHours,
  arrangementsFromDays,
  CalendarInputError,
  createWorkingCalendar,
  dayInfo,
  DEFAULT_OFFICE_HOURS,
  isWorkingDay,
  lastWorkingDaysOfMonth,
  toLocalDate,
  workingDaysBetween,
  workingDaysBetweenInstants,
  workingMinutesBetween,
  type YearArrangement,
} from './rules.js';
import type { IsoDate } from './contract.js';

const DAY_MS = 86_400_000;
const official = createWorkingCalendar(builtinArrangements());
const weekendsOnly = createWorkingCalendar([]);

const isoOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfIso = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
/** An instant given as Beijing wall-clock time. */
const beijing = (local: string): Date => new Date(`${local}+08:00`);

// Dates from 2004 (first built-in year) to 2035 (well into the weekends-only fallback).
const anyDate = fc.integer({ min: dayOfIso('2004-01-01'), max: dayOfIso('2035-12-31') }).map(isoOfDay);
const anyInstant = fc.integer({ min: Date.parse('2004-01-01T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') }).map((ms) => new Date(ms));

function expectInputError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarInputError);
    expect((e as CalendarInputError).code).toBe(code);
    expect((e as CalendarInputError).messageZh).not.toBe('');
    expect((e as CalendarInputError).messageEn).not.toBe('');
    return;
  }
  throw new Error(`expected a CalendarInputError ${code}`);
}

function arrangement(year: number, holidays: IsoDate[], makeUps: IsoDate[] = [], extra: Partial<YearArrangement> = {}): YearArrangement {
  return {
    year,
    source: 'test',
    holidays: Object.fromEntries(holidays.map((d) => [d, '测试节'])),
    makeUpWorkdays: Object.fromEntries(makeUps.map((d) => [d, '测试节'])),
    ...extra,
  };
}

describe('dayInfo and isWorkingDay', () => {
  it('tells the kind, name and data availability of a day', () => {
    expect(dayInfo(official, '2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', workingDay: false, dataAvailable: true });
    expect(dayInfo(official, '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节', workingDay: true, dataAvailable: true });
    expect(dayInfo(official, '2026-10-11')).toEqual({ date: '2026-10-11', kind: 'weekend', workingDay: false, dataAvailable: true });
    expect(dayInfo(official, '2026-10-12')).toEqual({ date: '2026-10-12', kind: 'workday', workingDay: true, dataAvailable: true });
  });

  it('falls back to weekends only for a year without an arrangement and says so', () => {
    expect(dayInfo(official, '2030-10-01')).toEqual({ date: '2030-10-01', kind: 'workday', workingDay: true, dataAvailable: false });
    expect(isWorkingDay(official, '2030-10-05')).toBe(false); // Saturday
  });

  it('is unaffected by the machine time zone', () => {
    const before = process.env.TZ;
    const sample = () => [
      isWorkingDay(official, '2026-10-10'),
      addWorkingDays(official, '2026-09-30', 5).date,
      toLocalDate(new Date('2026-03-15T16:30:00Z')),
      addWorkingHours(official, beijing('2026-09-30T17:00:00'), 1).at.toISOString(),
    ];
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = sample();
      process.env.TZ = 'Pacific/Kiritimati';
      expect(sample()).toEqual(west);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of acceptance', () => {
    expect(addWorkingDays(official, '2026-03-16', 1).date).toBe('2026-03-17'); // Mon → Tue
    expect(addWorkingDays(official, '2026-03-14', 1).date).toBe('2026-03-16'); // Sat → Mon
  });

  it('returns the date itself for n = 0, even on a non-working day', () => {
    expect(addWorkingDays(official, '2026-10-01', 0)).toEqual({ date: '2026-10-01', fallbackYears: [] });
  });

  it('skips the National Day break and counts the make-up Saturday', () => {
    // Oct 1–7 off; Oct 8 Thu (1), Oct 9 Fri (2), Oct 10 Sat make-up (3), Oct 12 Mon (4), Oct 13 Tue (5).
    expect(addWorkingDays(official, '2026-09-30', 5)).toEqual({ date: '2026-10-13', fallbackYears: [] });
  });

  it('counts backwards for negative n: the |n|-th working day strictly before the date', () => {
    expect(addWorkingDays(official, '2026-10-08', -1).date).toBe('2026-09-30');
    expect(addWorkingDays(official, '2026-10-13', -5).date).toBe('2026-09-30');
    expect(addWorkingDays(official, '2026-03-15', -1).date).toBe('2026-03-13'); // Sun → Fri
  });

  it('lists the years without data that the count ran through', () => {
    expect(addWorkingDays(official, '2026-12-30', 3)).toEqual({ date: '2027-01-04', fallbackYears: [2027] });
    expect(addWorkingDays(official, '2027-01-04', -3)).toEqual({ date: '2026-12-30', fallbackYears: [2027] });
    expect(addWorkingDays(official, '2026-12-01', 10).fallbackYears).toEqual([]);
  });

  it('takes microseconds for a 20-day limit', () => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) addWorkingDays(official, '2026-09-15', 20);
    // Far below 10 µs a call; the bound is loose so a busy machine does not fail it.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects malformed dates and counts', () => {
    expectInputError(() => addWorkingDays(official, '2026-02-30', 1), 'invalid_date');
    expectInputError(() => addWorkingDays(official, '2026-1-1', 1), 'invalid_date');
    expectInputError(() => addWorkingDays(official, '2026-01-01T00:00', 1), 'invalid_date');
    expectInputError(() => addWorkingDays(official, '1899-12-31', 1), 'date_out_of_range');
    expectInputError(() => addWorkingDays(official, '2026-01-01', 1.5), 'invalid_integer');
    expectInputError(() => addWorkingDays(official, '2026-01-01', Number.NaN), 'invalid_integer');
    expectInputError(() => addWorkingDays(official, '2026-01-01', 1e9), 'invalid_integer');
    expectInputError(() => addWorkingDays(official, '2999-12-30', 5), 'date_out_of_range');
  });

  it('gives a working day for any n ≥ 1', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (d, n) => isWorkingDay(official, addWorkingDays(official, d, n).date)));
  });

  it('is undone by workingDaysBetween: between(d, d + n) = n', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (d, n) => {
        expect(workingDaysBetween(official, d, addWorkingDays(official, d, n).date).days).toBe(n);
      }),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 100 }), (d, n, k) => {
        expect(addWorkingDays(official, d, n).date < addWorkingDays(official, d, n + k).date).toBe(true);
      }),
    );
  });

  it('steps back n working days to a working day from which n steps forward return to a working date', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 300 }), (d, n) => {
        const back = addWorkingDays(official, d, -n).date;
        expect(back < d).toBe(true);
        expect(isWorkingDay(official, back)).toBe(true);
        // n − 1 working days lie strictly between the result and d.
        expect(workingDaysBetween(official, back, d).days - (isWorkingDay(official, d) ? 1 : 0)).toBe(n - 1);
        if (isWorkingDay(official, d)) expect(addWorkingDays(official, back, n).date).toBe(d);
      }),
    );
  });

  it('gives the plain weekend result in a year without data, and flags it', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOfIso('2027-01-01'), max: dayOfIso('2035-12-31') }).map(isoOfDay), fc.integer({ min: 1, max: 200 }), (d, n) => {
        const result = addWorkingDays(official, d, n);
        expect(result.date).toBe(addWorkingDays(weekendsOnly, d, n).date);
        expect(result.fallbackYears).toContain(Number(result.date.slice(0, 4)));
      }),
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts working days d with from < d ≤ to', () => {
    expect(workingDaysBetween(official, '2026-09-30', '2026-10-13')).toEqual({ days: 5, fallbackYears: [] });
    expect(workingDaysBetween(official, '2026-10-13', '2026-09-30')).toEqual({ days: -5, fallbackYears: [] });
    expect(workingDaysBetween(official, '2026-10-01', '2026-10-01').days).toBe(0);
    // 2027 (no data) is 52 weeks plus a Friday: 261 weekdays; 1 Jan 2028 is a Saturday.
    expect(workingDaysBetween(official, '2026-12-31', '2028-01-01')).toEqual({ days: 261, fallbackYears: [2027, 2028] });
  });

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        const ab = workingDaysBetween(official, a, b).days;
        expect(workingDaysBetween(official, b, a).days + ab).toBe(0);
        expect(ab + workingDaysBetween(official, b, c).days).toBe(workingDaysBetween(official, a, c).days);
      }),
    );
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 800 }), (from, span) => {
        let count = 0;
        for (let day = dayOfIso(from) + 1; day <= dayOfIso(from) + span; day++) if (isWorkingDay(official, isoOfDay(day))) count++;
        expect(workingDaysBetween(official, from, isoOfDay(dayOfIso(from) + span)).days).toBe(count);
      }),
    );
  });

  it('rejects a malformed date naming the argument', () => {
    expectInputError(() => workingDaysBetween(official, '2026-13-01', '2026-01-01'), 'invalid_date');
    expect(() => workingDaysBetween(official, '2026-01-01', 'tomorrow')).toThrow(/to is not a valid date/);
  });
});

describe('lastWorkingDaysOfMonth', () => {
  it('gives the service week, skipping holidays and counting make-up days', () => {
    // Mid-Autumn 25–27 Sep 2026 off.
    expect(lastWorkingDaysOfMonth(official, 2026, 9, 5)).toEqual(['2026-09-23', '2026-09-24', '2026-09-28', '2026-09-29', '2026-09-30']);
    // Saturday 28 Feb 2026 is a make-up working day.
    expect(lastWorkingDaysOfMonth(official, 2026, 2, 5)).toEqual(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
  });

  it('returns all working days of a month that has fewer than asked', () => {
    const allOff = arrangement(2030, Array.from({ length: 28 }, (_, i) => `2030-02-${String(i + 1).padStart(2, '0')}`).filter((d) => d !== '2030-02-27'));
    expect(lastWorkingDaysOfMonth(createWorkingCalendar([allOff]), 2030, 2, 5)).toEqual(['2030-02-27']);
  });

  it('rejects a bad month or count', () => {
    expectInputError(() => lastWorkingDaysOfMonth(official, 2026, 13, 5), 'invalid_month');
    expectInputError(() => lastWorkingDaysOfMonth(official, 2026, 9, 0), 'invalid_integer');
  });
});

describe('createWorkingCalendar', () => {
  it('lets a later arrangement for a year replace an earlier one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 10 }),
        (off, on) => {
          const start = dayOfIso('2025-01-01');
          const holidays = off.map((i) => isoOfDay(start + i));
          const makeUps = on.map((i) => isoOfDay(start + i)).filter((d) => !holidays.includes(d));
          const cal = createWorkingCalendar([...builtinArrangements(), arrangement(2025, holidays, makeUps)]);
          for (let i = 0; i < 365; i++) {
            const d = isoOfDay(start + i);
            const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
            const expected = makeUps.includes(d) || (!holidays.includes(d) && !weekend);
            expect(isWorkingDay(cal, d)).toBe(expected);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('applies a partial arrangement without replacing or covering the year', () => {
    const partial2027 = arrangement(2027, [], ['2027-12-25'], { partial: true }); // a Saturday
    const cal = createWorkingCalendar([...builtinArrangements(), arrangement(2026, [], ['2026-12-26'], { partial: true }), partial2027]);
    expect(dayInfo(cal, '2026-12-26')).toMatchObject({ kind: 'makeup_workday', workingDay: true, dataAvailable: true });
    expect(dayInfo(cal, '2026-10-01').kind).toBe('holiday'); // the rest of 2026 is kept
    expect(dayInfo(cal, '2027-12-25')).toMatchObject({ kind: 'makeup_workday', dataAvailable: false });
    expect(cal.coveredYears).not.toContain(2027);
    expect(addWorkingDays(cal, '2027-12-24', 1)).toEqual({ date: '2027-12-25', fallbackYears: [2027] });
  });

  it('keeps partial dates when a complete arrangement for the year arrives later, unless it lists them', () => {
    const spill = arrangement(2026, [], ['2026-12-26'], { partial: true });
    const later = arrangement(2026, ['2026-10-01'], []);
    expect(isWorkingDay(createWorkingCalendar([spill, later]), '2026-12-26')).toBe(true);
    const overriding = arrangement(2026, ['2026-10-01', '2026-12-26'], []);
    expect(isWorkingDay(createWorkingCalendar([spill, overriding]), '2026-12-26')).toBe(false);
  });

  it('rejects inconsistent arrangements and office hours', () => {
    expectInputError(() => createWorkingCalendar([arrangement(2026, ['2027-01-01'])]), 'invalid_arrangement');
    expectInputError(() => createWorkingCalendar([arrangement(2026, ['2026-10-10'], ['2026-10-10'])]), 'invalid_arrangement');
    expectInputError(() => createWorkingCalendar([arrangement(2026.5, [])]), 'invalid_arrangement');
    const hours = (periods: { start: string; end: string }[], offset = 480) => () => createWorkingCalendar([], { timeZoneOffsetMinutes: offset, periods });
    expectInputError(hours([]), 'invalid_office_hours');
    expectInputError(hours([{ start: '9:00', end: '12:00' }]), 'invalid_office_hours');
    expectInputError(hours([{ start: '12:00', end: '09:00' }]), 'invalid_office_hours');
    expectInputError(hours([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }]), 'invalid_office_hours');
    expectInputError(hours([{ start: '09:00', end: '12:00' }], 1000), 'invalid_office_hours');
  });
});

describe('arrangementsFromDays', () => {
  it('marks a year holding only December dates next to the following year as spill-over', () => {
    const result = arrangementsFromDays(
      [
        { date: '2011-12-31', kind: 'makeup_workday', name: '元旦' },
        { date: '2012-01-02', kind: 'holiday', name: '元旦' },
        { date: '2012-10-01', kind: 'holiday', name: '国庆节' },
      ],
      'test',
    );
    expect(result.map((a) => [a.year, a.partial ?? false])).toEqual([
      [2011, true],
      [2012, false],
    ]);
  });
});

describe('instants and office hours', () => {
  it('takes the office-local date of an instant', () => {
    expect(toLocalDate(new Date('2026-03-15T16:30:00Z'))).toBe('2026-03-16');
    expect(toLocalDate(new Date('2026-03-15T15:59:59Z'))).toBe('2026-03-15');
    expect(toLocalDate(new Date('2026-03-15T16:30:00Z'), { ...DEFAULT_OFFICE_HOURS, timeZoneOffsetMinutes: 0 })).toBe('2026-03-15');
    expectInputError(() => toLocalDate(new Date('nonsense')), 'invalid_instant');
  });

  it('counts office time only, on working days', () => {
    const at = (from: string, hours: number) => addWorkingHours(official, beijing(from), hours).at;
    expect(at('2026-03-16T09:00:00', 3)).toEqual(beijing('2026-03-16T12:00:00')); // lands on a period end and stays
    expect(at('2026-03-16T09:00:00', 3.5)).toEqual(beijing('2026-03-16T14:00:00'));
    expect(at('2026-03-16T12:00:00', 0.5)).toEqual(beijing('2026-03-16T14:00:00'));
    expect(at('2026-03-14T10:00:00', 1)).toEqual(beijing('2026-03-16T10:00:00')); // Saturday start waits for Monday
    expect(at('2026-03-16T07:00:00', 0.25)).toEqual(beijing('2026-03-16T09:15:00'));
    expect(at('2026-09-30T17:00:00', 1)).toEqual(beijing('2026-10-08T09:30:00')); // across National Day
    expect(at('2026-03-16T08:00:00', 0)).toEqual(beijing('2026-03-16T08:00:00'));
  });

  it('flags deadlines computed in a year without data', () => {
    expect(addWorkingHours(official, beijing('2026-12-31T17:00:00'), 1)).toEqual({ at: beijing('2027-01-01T09:30:00'), fallbackYears: [2027] });
  });

  it('measures office minutes between instants', () => {
    const minutes = (a: string, b: string) => workingMinutesBetween(official, beijing(a), beijing(b)).minutes;
    expect(minutes('2026-03-16T08:00:00', '2026-03-16T18:00:00')).toBe(420);
    expect(minutes('2026-03-16T11:00:00', '2026-03-16T14:00:00')).toBe(90);
    expect(minutes('2026-03-13T17:00:00', '2026-03-16T09:30:00')).toBe(60); // over a weekend
    expect(minutes('2026-09-30T00:00:00', '2026-10-09T00:00:00')).toBe(840); // Sep 30 and Oct 8
    expect(minutes('2026-03-16T18:00:00', '2026-03-16T08:00:00')).toBe(0);
  });

  it('round-trips: office minutes from a start to start + h working hours are h·60', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 60 * 400 }), (from, minutes) => {
        const { at } = addWorkingHours(official, from, minutes / 60);
        expect(workingMinutesBetween(official, from, at).minutes).toBe(minutes);
      }),
    );
  });

  it('ends a positive duration inside an office period of a working day', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 60 * 100 }), (from, minutes) => {
        const { at } = addWorkingHours(official, from, minutes / 60);
        const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
        expect(isWorkingDay(official, local.slice(0, 10))).toBe(true);
        // Compared to the millisecond: a start 1 ms past the minute ends 1 ms past it too.
        const clock = local.slice(11, 23);
        expect((clock > '09:00:00.000' && clock <= '12:00:00.000') || (clock > '13:30:00.000' && clock <= '17:30:00.000')).toBe(true);
      }),
    );
  });

  it('counts working days between instants by their local dates', () => {
    // 16:30 UTC on 15 Mar is already Monday 16 Mar in Beijing.
    expect(workingDaysBetweenInstants(official, new Date('2026-03-13T10:00:00Z'), new Date('2026-03-15T16:30:00Z')).days).toBe(1);
  });

  it('rejects bad instants and hours', () => {
    expectInputError(() => addWorkingHours(official, new Date(Number.NaN), 1), 'invalid_instant');
    expectInputError(() => addWorkingHours(official, new Date(), -1), 'invalid_hours');
    expectInputError(() => addWorkingHours(official, new Date(), Number.POSITIVE_INFINITY), 'invalid_hours');
    expectInputError(() => workingMinutesBetween(official, new Date(), new Date(Number.NaN)), 'invalid_instant');
  });
});
