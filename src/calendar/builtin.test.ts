import { describe, expect, it } from 'vitest';
import { BUILTIN_YEARS, builtinArrangements } from './builtin.js';
import { createWorkingCalendar, dayInfo, dayOfWeek } from './rules.js';
import type { IsoDate } from './contract.js';

const cal = createWorkingCalendar(builtinArrangements());

const range = (from: IsoDate, days: number): IsoDate[] =>
  Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

// Published State Council arrangements; each was checked against chinese-days' data file.
const SATURDAY = 6;
const SUNDAY = 0;
const makeUpDays: [IsoDate, number][] = [
  ['2024-02-04', SUNDAY],
  ['2024-02-18', SUNDAY],
  ['2024-10-12', SATURDAY],
  ['2025-01-26', SUNDAY],
  ['2025-02-08', SATURDAY],
  ['2025-04-27', SUNDAY],
  ['2025-09-28', SUNDAY],
  ['2025-10-11', SATURDAY],
  ['2026-01-04', SUNDAY],
  ['2026-02-14', SATURDAY],
  ['2026-02-28', SATURDAY],
  ['2026-05-09', SATURDAY],
  ['2026-09-20', SUNDAY],
  ['2026-10-10', SATURDAY],
];
const nationalDayBreaks: [IsoDate, number][] = [
  ['2024-10-01', 7],
  ['2025-10-01', 8],
  ['2026-10-01', 7],
];

describe('built-in arrangements from chinese-days', () => {
  it('cover 2004 to 2026, one complete arrangement per year', () => {
    expect(BUILTIN_YEARS).toEqual({ first: 2004, last: 2026 });
    const years = builtinArrangements().map((a) => a.year);
    expect(years).toEqual(range('2004-01-01', 23).map((_, i) => 2004 + i));
    expect(builtinArrangements().every((a) => !a.partial && a.source === 'chinese-days')).toBe(true);
  });

  it.each(makeUpDays)('make %s (a weekend day) a make-up working day', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
    expect(dayInfo(cal, date)).toMatchObject({ kind: 'makeup_workday', workingDay: true, dataAvailable: true });
  });

  it.each(nationalDayBreaks)('give the National Day break from %s for %i days, then work', (first, days) => {
    const dates = range(first, days + 1);
    for (const date of dates.slice(0, days)) expect(dayInfo(cal, date)).toMatchObject({ kind: 'holiday', workingDay: false });
    expect(dayInfo(cal, dates[days]).workingDay).toBe(true);
  });

  it('name each day off after its festival, Mid-Autumn inside the 2025 National Day break included', () => {
    expect(dayInfo(cal, '2025-10-01').name).toBe('国庆节');
    expect(dayInfo(cal, '2025-10-06').name).toBe('中秋');
  });

  it('uses the Chinese festival names', () => {
    expect(dayInfo(cal, '2026-02-17').name).toBe('春节');
    expect(dayInfo(cal, '2026-01-04').name).toBe('元旦');
    expect(dayInfo(cal, '2015-09-03').name).toBe('中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日');
  });

  it('keep a make-up day decided with the next New Year in its own calendar year', () => {
    // The 2012 New Year arrangement made Saturday 31 Dec 2011 a working day.
    expect(dayInfo(cal, '2011-12-31')).toMatchObject({ kind: 'makeup_workday', name: '元旦', dataAvailable: true });
  });

  it('hand out copies that callers cannot use to alter the cache', () => {
    const first = builtinArrangements();
    delete first[first.length - 1].holidays['2026-10-01'];
    expect(builtinArrangements().at(-1)!.holidays['2026-10-01']).toBe('国庆节');
  });
});
