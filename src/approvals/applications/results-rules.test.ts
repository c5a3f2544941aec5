import { describe, expect, it } from 'vitest';
import { builtinArrangements } from '../../calendar/builtin.js';
import { createWorkingCalendar } from '../../calendar/rules.js';
import { applicationClock, clockInputOf, isJointHandling, maxExtensionDays, sameDayDueAt, statutoryLimitOf } from './rules.js';
import { authorisationStanding, bestStanding, type Authorisation } from './agency.js';
import { BAD_GRADES, isBadReview } from './reviews.js';
import { figureRow } from './figures.js';
import { foldFacts, percentile, type ApplicationFacts } from '../../../test/support/approval-figures.js';
import { REVIEW_GRADES } from './contract.js';

const cal = createWorkingCalendar(builtinArrangements());
const beijing = (local: string) => new Date(`${local}+08:00`);
const RULE = { fraction: 0.2, minMinutes: 120 };

describe('joint handling (联合办理): 45 working days, +15 with the head\'s approval (Art. 42)', () => {
  const one = { branches: [1] };
  const two = { branches: [1, 2] };
  it('is joint once a stage sends the application to two or more departments', () => {
    expect(isJointHandling([])).toBe(false);
    expect(isJointHandling([one, one])).toBe(false);
    expect(isJointHandling([one, two])).toBe(true);
  });

  it('binds 45 working days (or the item\'s own, if longer) and allows an extension of 15 instead of 10', () => {
    expect(statutoryLimitOf(20, false)).toBe(20);
    expect(statutoryLimitOf(20, true)).toBe(45);
    expect(statutoryLimitOf(60, true)).toBe(60);
    expect(maxExtensionDays(false)).toBe(10);
    expect(maxExtensionDays(true)).toBe(15);
  });

  it('runs the joint clock across the National Day week: 45 working days from 2026-09-28, +15 extended', () => {
    const acceptedAt = beijing('2026-09-28T10:00:00');
    const base = { acceptedAt, statutoryLimit: 20, committedLimit: 10, extensionDays: 0, pauses: [], greenChannelAt: null };
    const single = applicationClock(cal, RULE, clockInputOf({ ...base, stages: [one] }, null), acceptedAt);
    const joint = applicationClock(cal, RULE, clockInputOf({ ...base, stages: [two] }, null), acceptedAt);
    // 20 working days after 28 September: National Day (1–7 October) left out, Saturday 10 October a make-up working day counted.
    expect(single.statutoryDueAt).toBe(beijing('2026-10-30T17:30:00').toISOString());
    expect(joint.statutoryDueAt).toBe(beijing('2026-12-04T17:30:00').toISOString());
    const extended = applicationClock(cal, RULE, clockInputOf({ ...base, stages: [two], extensionDays: 15 }, null), acceptedAt);
    expect(extended.statutoryDueAt).toBe(beijing('2026-12-25T17:30:00').toISOString());
    // 44 working days in, a joint application is not statutorily overdue; a single one long is.
    const later = beijing('2026-12-03T12:00:00');
    expect(applicationClock(cal, RULE, clockInputOf({ ...base, stages: [two] }, null), later).statutoryOverdue).toBe(false);
    expect(applicationClock(cal, RULE, clockInputOf({ ...base, stages: [one] }, null), later).statutoryOverdue).toBe(true);
  });
});

describe('the green channel (绿色通道): due by the close of office the same working day', () => {
  it('is due at the close of office of a working day accepted before closing', () => {
    expect(sameDayDueAt(cal, beijing('2026-12-03T09:15:00'))).toEqual(beijing('2026-12-03T17:30:00'));
    expect(sameDayDueAt(cal, beijing('2026-12-03T17:29:00'))).toEqual(beijing('2026-12-03T17:30:00'));
  });

  it('moves to the next working day after closing, over a weekend and a holiday, and keeps a make-up Saturday', () => {
    expect(sameDayDueAt(cal, beijing('2026-12-03T18:00:00'))).toEqual(beijing('2026-12-04T17:30:00'));
    expect(sameDayDueAt(cal, beijing('2026-12-04T19:00:00'))).toEqual(beijing('2026-12-07T17:30:00'));
    expect(sameDayDueAt(cal, beijing('2026-09-30T18:00:00'))).toEqual(beijing('2026-10-08T17:30:00'));
    // 2026-10-10 (Saturday) is a make-up working day.
    expect(sameDayDueAt(cal, beijing('2026-10-10T10:00:00'))).toEqual(beijing('2026-10-10T17:30:00'));
  });

  it('sets the committed target of the clock from acceptance, or from the flag when it came later, pauses pushing it out', () => {
    const acceptedAt = beijing('2026-12-03T09:00:00');
    const base = { acceptedAt, statutoryLimit: 20, committedLimit: 10, extensionDays: 0, pauses: [], stages: [] };
    const flaggedFirst = applicationClock(cal, RULE, clockInputOf({ ...base, greenChannelAt: beijing('2026-12-02T16:00:00') }, null), beijing('2026-12-03T10:00:00'));
    expect(flaggedFirst.committedDueAt).toBe(beijing('2026-12-03T17:30:00').toISOString());
    expect(flaggedFirst.statutoryDueAt).toBe(beijing('2026-12-31T17:30:00').toISOString());
    const flaggedLater = applicationClock(cal, RULE, clockInputOf({ ...base, greenChannelAt: beijing('2026-12-04T11:00:00') }, null), beijing('2026-12-04T12:00:00'));
    expect(flaggedLater.committedDueAt).toBe(beijing('2026-12-04T17:30:00').toISOString());
    const paused = applicationClock(cal, RULE, clockInputOf({
      ...base, greenChannelAt: acceptedAt, pauses: [{ reason: 'testing', note: '检测', from: beijing('2026-12-03T10:00:00').toISOString(), to: beijing('2026-12-03T11:00:00').toISOString() }],
    }, null), beijing('2026-12-03T16:00:00'));
    // An hour paused: the hour after the close is the first office hour of the next day.
    expect(paused.committedDueAt).toBe(beijing('2026-12-04T10:00:00').toISOString());
    const late = applicationClock(cal, RULE, clockInputOf({ ...base, greenChannelAt: acceptedAt }, null), beijing('2026-12-04T09:00:00'));
    expect(late.state).toBe('overdue');
  });
});

describe('good/bad reviews (好差评)', () => {
  it('has the five national grades, the last two bad', () => {
    expect(REVIEW_GRADES).toHaveLength(5);
    expect(BAD_GRADES).toEqual(['dissatisfied', 'very_dissatisfied']);
    expect(REVIEW_GRADES.filter(isBadReview)).toEqual(['dissatisfied', 'very_dissatisfied']);
  });
});

describe('help-and-agency authorisations (帮办代办)', () => {
  const auth = (over: Partial<Authorisation> = {}): Authorisation => ({ id: 1, agentUserId: 7, enterpriseUscc: 'X', serviceItemId: null, validUntil: '2026-12-31', revokedAt: null, ...over });
  it('holds for every item or its one item, through its last day, until revoked', () => {
    expect(authorisationStanding(auth(), 5, '2026-12-31')).toBe('valid');
    expect(authorisationStanding(auth(), 5, '2027-01-01')).toBe('expired');
    expect(authorisationStanding(auth({ serviceItemId: 5 }), 5, '2026-12-03')).toBe('valid');
    expect(authorisationStanding(auth({ serviceItemId: 4 }), 5, '2026-12-03')).toBe('other_item');
    expect(authorisationStanding(auth({ revokedAt: new Date() }), 5, '2026-12-03')).toBe('revoked');
  });
  it('takes the best of several: one valid authorisation is enough', () => {
    expect(bestStanding([auth({ revokedAt: new Date() }), auth({ id: 2, serviceItemId: 5 })], 5, '2026-12-03')?.standing).toBe('valid');
    expect(bestStanding([auth({ validUntil: '2026-01-01' }), auth({ id: 2, serviceItemId: 4 })], 5, '2026-12-03')?.standing).toBe('other_item');
    expect(bestStanding([], 5, '2026-12-03')).toBeNull();
  });
});

describe('approvals figures (the old fold, the oracle of the figures in SQL, and the row made of SQL\'s totals)', () => {
  const fact = (over: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
    id: 1, accepted: true, acceptedDeficient: false, completed: true, refused: false, withinCommitted: true, withinStatutory: true, workingDaysTaken: 2,
    statutoryLimit: 20, supplements: 0, greenChannel: false, grade: null, ...over,
  });
  it('takes the nearest-rank 90th percentile', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });
  it('counts each step, averages and saves time only over completed applications', () => {
    const row = foldFacts('k', 'n', [
      fact({ workingDaysTaken: 1, grade: 'very_satisfied' }), fact({ workingDaysTaken: 5, withinCommitted: false, grade: 'dissatisfied', supplements: 2 }),
      fact({ completed: false, workingDaysTaken: 30, acceptedDeficient: true }), fact({ accepted: false, completed: false, supplements: 1 }),
      fact({ refused: true, workingDaysTaken: 3, greenChannel: true, statutoryLimit: 45 }),
    ]);
    expect(row.counts).toEqual({
      received: 5, accepted: 4, acceptedDeficient: 1, completed: 3, completedWithinCommitted: 2, completedWithinStatutory: 3, supplements: 3, refusals: 1, greenChannel: 1, reviews: 2,
    });
    expect(row.reviewsByGrade).toMatchObject({ very_satisfied: 1, dissatisfied: 1, satisfied: 0 });
    expect(row.averageDays).toBe(3);
    expect(row.p90Days).toBe(5);
    expect(row.timeSaved).toBe(Math.round((1 - 9 / 85) * 10000) / 10000);
    expect(foldFacts('e', 'empty', [])).toMatchObject({ averageDays: null, p90Days: null, timeSaved: null });
  });
  it('makes the same row of the totals SQL counts as the fold makes of the facts', () => {
    const facts = [fact({ workingDaysTaken: 1 }), fact({ workingDaysTaken: 2, statutoryLimit: 0.5 }), fact({ workingDaysTaken: 2, withinCommitted: false }), fact({ completed: false })];
    const folded = foldFacts('k', 'n', facts);
    const done = facts.filter((f) => f.completed);
    const row = figureRow('k', 'n', {
      counts: folded.counts, reviewsByGrade: folded.reviewsByGrade, daysTaken: done.reduce((s, f) => s + f.workingDaysTaken, 0),
      statutoryDays: done.reduce((s, f) => s + f.statutoryLimit, 0), p90Days: 2,
    });
    expect(row).toEqual(folded);
    // 5 / 3 = 1.666…: rounded to 1.7 as the fold rounds it; 1 − 5 / 40.5 to four places.
    expect(row.averageDays).toBe(1.7);
    expect(row.timeSaved).toBe(0.8765);
    expect(figureRow('e', 'empty', { ...row, counts: { ...row.counts, completed: 0 }, daysTaken: 0, statutoryDays: 0, p90Days: null })).toMatchObject({ averageDays: null, p90Days: null, timeSaved: null });
  });
});
