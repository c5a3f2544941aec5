import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinArrangements } from '../calendar/builtin.js';
import { createWorkingCalendar, DEFAULT_OFFICE_HOURS, isWorkingDay } from '../calendar/rules.js';
import {
  aggregateRatings, assessVisit, changeAgainst, codeExpiry, DEFAULT_VISIT_POLICY, filingDueOn, filingLate, inServiceWeek, quietDay, serviceWeek, unscanned,
  type VisitFacts,
} from './rules.js';

const official = createWorkingCalendar(builtinArrangements());
const facts = (f: Partial<VisitFacts>): VisitFacts => ({ plannedDate: '2026-11-30', today: '2026-11-02', exception: null, emergency: false, usedThisYear: 0, plan: { plannedVisits: 10, filed: 0 }, ...f });

describe('the service week (企业服务周): the last 5 working days of the month on the official calendar', () => {
  it('counts the make-up Saturday at the end of the Spring Festival month (February 2026)', () => {
    expect(serviceWeek(official, 2026, 2, 5)).toEqual(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(inServiceWeek(official, '2026-02-28', 5)).toBe(true);
    // The festival's days off (15th–23rd) are not working days, whatever day of the week.
    expect(inServiceWeek(official, '2026-02-23', 5)).toBe(false);
  });

  it('skips the Mid-Autumn days off just before National Day (September 2026)', () => {
    expect(serviceWeek(official, 2026, 9, 5)).toEqual(['2026-09-23', '2026-09-24', '2026-09-28', '2026-09-29', '2026-09-30']);
    expect(inServiceWeek(official, '2026-09-25', 5)).toBe(false);
  });

  it('runs over a weekend in December, and the filing deadline runs into January past the New Year holiday', () => {
    expect(serviceWeek(official, 2026, 12, 5)).toEqual(['2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    // 2026-01-01..03 are days off and Sunday the 4th a make-up working day: two working days after New Year's Eve is the 5th.
    expect(filingDueOn(official, '2025-12-31', 2)).toBe('2026-01-05');
  });

  it('marks a month of a year without an official arrangement provisional', () => {
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2027-01-29', today: '2026-12-01' })).provisional).toBe(true);
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({})).provisional).toBe(false);
  });

  it('is always the month\'s last working days, ascending, each one a working day (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 2005, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 10 }), (year, month, n) => {
      const week = serviceWeek(official, year, month, n);
      expect(week.length).toBe(n);
      expect([...week].sort()).toEqual(week);
      for (const d of week) expect(isWorkingDay(official, d) && d.startsWith(`${year}-${String(month).padStart(2, '0')}`)).toBe(true);
      const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      for (let d = week.at(-1)!; d < last;) {
        d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(isWorkingDay(official, d)).toBe(false);
      }
    }));
  });
});

describe('assessing a visit before filing', () => {
  it('needs no escalation inside the service week and within the plan', () => {
    const a = assessVisit(official, DEFAULT_VISIT_POLICY, facts({}));
    expect(a).toMatchObject({ inServiceWeek: true, escalation: [], refusal: null, remaining: 2, limit: 2 });
  });

  it('escalates a date outside the service week and a visit beyond the plan, or without one', () => {
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-10' })).escalation).toEqual(['outside_service_week']);
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plan: { plannedVisits: 3, filed: 3 } })).escalation).toEqual(['beyond_plan']);
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-10', plan: null })).escalation).toEqual(['outside_service_week', 'beyond_plan']);
  });

  it('refuses the third visit of a year, but for a listed exception', () => {
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ usedThisYear: 1 })).remaining).toBe(1);
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ usedThisYear: 2 })).refusal?.code).toBe('frequency_limit');
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ usedThisYear: 2, exception: 'safety' })).refusal).toBeNull();
    expect(assessVisit(official, { ...DEFAULT_VISIT_POLICY, yearlyLimit: 3 }, facts({ usedThisYear: 2 })).refusal).toBeNull();
  });

  it('keeps routine visits out of a configured quiet period (Hunan: days 1–20), exceptions apart', () => {
    const hunan = { ...DEFAULT_VISIT_POLICY, quietDays: { from: 1, to: 20 } };
    expect(quietDay(hunan, '2026-11-20')).toBe(true);
    expect(quietDay(hunan, '2026-11-21')).toBe(false);
    expect(assessVisit(official, hunan, facts({ plannedDate: '2026-11-12' })).refusal?.code).toBe('quiet_period');
    expect(assessVisit(official, hunan, facts({ plannedDate: '2026-11-12', exception: 'statutory_recheck' })).refusal).toBeNull();
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-12' })).refusal).toBeNull();
  });

  it('files a past date only as an emergency, approved afterwards, and an emergency never for the future', () => {
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-01', today: '2026-11-02' })).refusal?.code).toBe('date_in_past');
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-01', today: '2026-11-02', emergency: true })).refusal).toBeNull();
    expect(assessVisit(official, DEFAULT_VISIT_POLICY, facts({ plannedDate: '2026-11-30', today: '2026-11-02', emergency: true })).refusal?.code).toBe('emergency_in_future');
  });
});

describe('filing, the code window and unscanned visits', () => {
  it('flags a filing made after its last working day, or missing after it', () => {
    // Approved on 30 September 2026: National Day's week off comes first, the make-up Saturday of 10 October counts.
    const due = filingDueOn(official, '2026-09-30', 2);
    expect(due).toBe('2026-10-09');
    expect(filingLate(due, '2026-10-09', '2026-10-20')).toBe(false);
    expect(filingLate(due, '2026-10-10', '2026-10-20')).toBe(true);
    expect(filingLate(due, null, '2026-10-09')).toBe(false);
    expect(filingLate(due, null, '2026-10-10')).toBe(true);
    expect(filingLate(null, null, '2030-01-01')).toBe(false);
  });

  it('lets a code be scanned until the end of the day after the planned day, Beijing time', () => {
    expect(codeExpiry('2026-11-30', DEFAULT_OFFICE_HOURS).toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('flags an approved visit not scanned once its day has passed', () => {
    expect(unscanned('approved', '2026-11-30', '2026-11-30')).toBe(false);
    expect(unscanned('approved', '2026-11-30', '2026-12-01')).toBe(true);
    expect(unscanned('visited', '2026-11-30', '2026-12-01')).toBe(false);
  });
});

describe('ratings the department sees', () => {
  const r = (conduct: number, complaint = false) => ({ conduct, burden: 4, usefulness: 5, complaint });
  it('withholds averages below k rated visits and shows them from k on', () => {
    expect(aggregateRatings([r(5), r(1)], 3)).toMatchObject({ visits: 2, shown: false, conduct: null, complaints: null });
    expect(aggregateRatings([r(5), r(1), r(3, true)], 3)).toMatchObject({ visits: 3, shown: true, conduct: 3, burden: 4, usefulness: 5, complaints: 1 });
    expect(aggregateRatings([], 1)).toMatchObject({ shown: false });
  });
  it('compares with last year as a fraction', () => {
    expect(changeAgainst(5, 10)).toBe(-0.5);
    expect(changeAgainst(3, 0)).toBeNull();
  });
});
