import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWorkingCalendar, isWorkingDay } from '../calendar/rules.js';
import { builtinArrangements } from '../calendar/builtin.js';
import { dutyRoster, halfDayBounds, matterProblems, serviceDayOf, thirdWeekOf } from './rules.js';

// The official calendar as shipped (chinese-days), not a hand-made sample.
const cal = createWorkingCalendar(builtinArrangements());

describe('the enterprise service day (企业服务日)', () => {
  it('is the 15th when that is a working day, else the next working day after the holiday', () => {
    expect(serviceDayOf(cal, 2026, 10, 15)).toBe('2026-10-15');
    // 2026-03-15 is a Sunday.
    expect(serviceDayOf(cal, 2026, 3, 15)).toBe('2026-03-16');
    // Spring Festival 2026 runs 15–23 February.
    expect(serviceDayOf(cal, 2026, 2, 15)).toBe('2026-02-24');
    // A make-up Saturday is a working day and keeps it: 14 February 2026.
    expect(serviceDayOf(cal, 2026, 2, 14)).toBe('2026-02-14');
    // The configured day past a month's end means its last day (30 February is 28 February, a make-up Saturday in 2026).
    expect(serviceDayOf(cal, 2026, 2, 30)).toBe('2026-02-28');
  });
});

describe('the third week and the leaders\' hotline duty (领导坐班)', () => {
  it('takes the week holding the 15th, Monday to Sunday, however the month begins', () => {
    expect(thirdWeekOf(2026, 2)).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-15']);
    // August 2026 opens on a Saturday: weeks 1–2, 3–9, 10–16.
    expect(thirdWeekOf(2026, 8)[0]).toBe('2026-08-10');
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const week = thirdWeekOf(y, m);
      expect(week).toContain(`${y}-${String(m).padStart(2, '0')}-15`);
      expect(new Date(`${week[0]}T00:00:00Z`).getUTCDay()).toBe(1);
    }));
  });

  it('gives each leader half a day on the week\'s working days in turn, make-up days included, holidays never', () => {
    const roster = dutyRoster(cal, 2026, 2, [11, 12, 13]);
    expect(roster).toEqual([
      { date: '2026-02-09', half: 'am', leaderUserId: 11 }, { date: '2026-02-09', half: 'pm', leaderUserId: 12 }, { date: '2026-02-10', half: 'am', leaderUserId: 13 },
    ]);
    // Twelve half days that week (Monday to the make-up Saturday): a thirteenth leader starts a second turn.
    const many = dutyRoster(cal, 2026, 2, Array.from({ length: 13 }, (_, i) => i + 1));
    expect(many[11]).toEqual({ date: '2026-02-14', half: 'pm', leaderUserId: 12 });
    expect(many[12]).toEqual({ date: '2026-02-09', half: 'am', leaderUserId: 13 });
    for (const month of [1, 2, 5, 10]) for (const s of dutyRoster(cal, 2026, month, [1, 2, 3, 4, 5])) expect(isWorkingDay(cal, s.date), s.date).toBe(true);
    expect(dutyRoster(cal, 2026, 2, [])).toEqual([]);
  });

  it('bounds a half day by the office periods, in the offices\' time zone', () => {
    expect(halfDayBounds(cal, '2026-02-09', 'am')).toEqual({ from: new Date('2026-02-09T01:00:00Z'), to: new Date('2026-02-09T04:00:00Z') });
    expect(halfDayBounds(cal, '2026-02-09', 'pm')).toEqual({ from: new Date('2026-02-09T05:30:00Z'), to: new Date('2026-02-09T09:30:00Z') });
  });
});

describe('what a visit records (问题、需求、建议)', () => {
  it('names each bad entry by its place', () => {
    expect(matterProblems([{ kind: 'problem', text: '厂区道路积水' }, { kind: 'need', text: '融资对接' }])).toEqual([]);
    const problems = matterProblems([{ kind: 'problem', text: '   ' }, { kind: 'wish' as never, text: '更多补贴' }, { kind: 'suggestion', text: '长'.repeat(1001) }]);
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(problems[0].en).toBe('Entry 1 is empty');
    expect(matterProblems(Array.from({ length: 51 }, () => ({ kind: 'need' as const, text: 'x' })))[0].en).toContain('At most 50');
  });
});
