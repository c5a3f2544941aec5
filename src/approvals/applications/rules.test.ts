import { describe, expect, it } from 'vitest';
import { builtinArrangements } from '../../calendar/builtin.js';
import { createWorkingCalendar } from '../../calendar/rules.js';
import {
  applicationClock, checkCompleteness, deemedAcceptedOnReceipt, deficiencyRefusal, maxSupplementDays, noticeDueDate, supplementDueAt, togglePause,
  type ChecklistMaterial, type ClockInput,
} from './rules.js';

/** The official calendar the calendar module ships (chinese-days), in Beijing office hours 9:00–12:00, 13:30–17:30. */
const cal = createWorkingCalendar(builtinArrangements());
const beijing = (local: string) => new Date(`${local}+08:00`);
const closeOfOffice = (date: string) => beijing(`${date}T17:30:00`).toISOString();
const RULE = { fraction: 0.2, minMinutes: 120 };

const MATERIALS: ChecklistMaterial[] = [
  { id: 1, name: '申请表', required: true, deficiency: false },
  { id: 2, name: '规划许可证', required: true, deficiency: false },
  { id: 3, name: '施工合同', required: true, deficiency: true },
  { id: 4, name: '资金承诺书', required: true, deficiency: true },
  { id: 5, name: '质量安全措施', required: false, deficiency: false },
];

const clockOf = (c: Partial<ClockInput> & { acceptedAt: Date }, now: Date) =>
  applicationClock(cal, RULE, { statutoryLimit: 20, committedLimit: 5, extensionDays: 0, pauses: [], stoppedAt: null, ...c }, now);

describe('completeness and the one-time notice (一次告知)', () => {
  it('lists every missing required material at once, main and deficiency-allowed apart, and never an optional one', () => {
    const c = checkCompleteness(MATERIALS, [1]);
    expect(c.complete).toBe(false);
    expect(c.missing.map((m) => m.id)).toEqual([2, 3, 4]);
    expect(c.missingMain.map((m) => m.id)).toEqual([2]);
    expect(c.missingDeficiency.map((m) => m.id)).toEqual([3, 4]);
    expect(checkCompleteness(MATERIALS, [1, 2, 3, 4]).complete).toBe(true);
  });

  it('counts the application as accepted on receipt once 5 natural days pass untold (Art. 32), holidays included', () => {
    expect(noticeDueDate('2026-09-30')).toBe('2026-10-05');
    expect(deemedAcceptedOnReceipt('2026-09-30', '2026-10-05')).toBe(false);
    expect(deemedAcceptedOnReceipt('2026-09-30', '2026-10-06')).toBe(true);
    expect(deemedAcceptedOnReceipt('2026-12-29', '2027-01-04')).toBe(true);
  });
});

describe('deficiency acceptance (容缺受理)', () => {
  const base = { completeness: checkCompleteness(MATERIALS, [1, 2]), promise: '申请人承诺 10 个工作日内补齐', credit: { bad: false, source: 'window_agent' as const }, supplementDays: 3, committedLimit: 7 };

  it('goes ahead with the main materials present, a signed promise and a deadline within the limits', () => {
    expect(deficiencyRefusal(base)).toBeNull();
  });

  it('is refused for a bad credit flag, a missing main material, nothing missing, or no promise', () => {
    expect(deficiencyRefusal({ ...base, credit: { bad: true, source: 'window_agent' } })?.code).toBe('bad_credit');
    expect(deficiencyRefusal({ ...base, completeness: checkCompleteness(MATERIALS, [1, 3]) })).toMatchObject({ code: 'main_materials_missing', details: { missing: [2] } });
    expect(deficiencyRefusal({ ...base, completeness: checkCompleteness(MATERIALS, [1, 2, 3, 4]) })?.code).toBe('nothing_deficient');
    expect(deficiencyRefusal({ ...base, promise: '  ' })?.code).toBe('promise_missing');
  });

  it('keeps the supplement deadline at most 20 working days and at least 2 shorter than the committed limit', () => {
    expect(maxSupplementDays(7)).toBe(5);
    expect(maxSupplementDays(30)).toBe(20);
    expect(maxSupplementDays(2)).toBe(0);
    expect(deficiencyRefusal({ ...base, supplementDays: 5 })).toBeNull();
    expect(deficiencyRefusal({ ...base, supplementDays: 6 })).toMatchObject({ code: 'supplement_deadline_too_long', details: { maxDays: 5 } });
    expect(deficiencyRefusal({ ...base, committedLimit: 40, supplementDays: 21 })?.code).toBe('supplement_deadline_too_long');
    expect(deficiencyRefusal({ ...base, committedLimit: 2, supplementDays: 1 })?.code).toBe('committed_limit_too_short');
  });

  it('sets the supplement deadline in working days over the Spring Festival break and its make-up Saturdays', () => {
    // Sat 14 Feb 2026 is a make-up working day, 15–23 Feb the holiday.
    expect(supplementDueAt(cal, beijing('2026-02-13T10:00:00'), 3).toISOString()).toBe(closeOfOffice('2026-02-25'));
  });
});

describe('the clock', () => {
  it('counts the committed and statutory limits from the day after acceptance across the National Day week', () => {
    // 1–7 Oct 2026 are holidays, Sat 10 Oct a make-up working day.
    const clock = clockOf({ acceptedAt: beijing('2026-09-30T10:00:00') }, beijing('2026-10-09T10:00:00'));
    expect(clock.acceptedOn).toBe('2026-09-30');
    expect(clock.committedDueAt).toBe(closeOfOffice('2026-10-13'));
    expect(clock.statutoryDueAt).toBe(closeOfOffice('2026-11-03'));
    expect(clock.workingDaysTaken).toBe(2);
    expect(clock.state).toBe('on_time');
  });

  it('counts across the Spring Festival with its make-up Saturdays, and an extension of 10 working days from the deadline', () => {
    const acceptedAt = beijing('2026-02-13T10:00:00');
    expect(clockOf({ acceptedAt }, acceptedAt).committedDueAt).toBe(closeOfOffice('2026-02-27'));
    const extended = clockOf({ acceptedAt, extensionDays: 10 }, acceptedAt);
    expect(extended.committedDueAt).toBe(closeOfOffice('2026-03-12'));
  });

  it('stands still during an Art. 45 pause, counting only office time on working days', () => {
    const acceptedAt = beijing('2026-09-28T09:00:00');
    const pauses = togglePause(togglePause([], 'expert_review', '专家评审', beijing('2026-09-29T09:00:00')), 'expert_review', '', beijing('2026-10-09T09:00:00'));
    expect(pauses).toEqual([{ reason: 'expert_review', note: '专家评审', from: beijing('2026-09-29T09:00:00').toISOString(), to: beijing('2026-10-09T09:00:00').toISOString() }]);
    // Paused through 29 Sep, 30 Sep and 8 Oct: three office days; the holiday week adds nothing.
    const clock = clockOf({ acceptedAt, pauses }, beijing('2026-10-09T10:00:00'));
    expect(clock.pausedMinutes).toBe(3 * 420);
    expect(clock.committedDueAt).toBe(closeOfOffice('2026-10-14'));
    expect(clock.paused).toBe(false);
  });

  it('is judged at the moment it stopped while paused, and due soon then overdue against the committed limit', () => {
    const acceptedAt = beijing('2026-09-28T09:00:00');
    const open = togglePause([], 'testing', '检测', beijing('2026-10-10T16:00:00'));
    const paused = clockOf({ acceptedAt, pauses: open }, beijing('2026-10-30T10:00:00'));
    expect(paused).toMatchObject({ paused: true, state: 'due_soon' });
    expect(clockOf({ acceptedAt }, beijing('2026-10-12T10:00:00'))).toMatchObject({ state: 'overdue', statutoryOverdue: false });
    expect(clockOf({ acceptedAt }, beijing('2026-10-30T10:00:00'))).toMatchObject({ state: 'overdue', statutoryOverdue: false });
    expect(clockOf({ acceptedAt }, beijing('2026-11-02T10:00:00'))).toMatchObject({ state: 'overdue', statutoryOverdue: true });
  });

  it('counts a half-day committed limit in office hours', () => {
    const clock = clockOf({ acceptedAt: beijing('2026-10-09T09:00:00'), committedLimit: 0.5, statutoryLimit: 1 }, beijing('2026-10-09T09:00:00'));
    expect(clock.committedDueAt).toBe(beijing('2026-10-09T14:00:00').toISOString());
  });

  it('stops at the decision', () => {
    const clock = clockOf({ acceptedAt: beijing('2026-09-28T09:00:00'), stoppedAt: beijing('2026-10-08T11:00:00') }, beijing('2026-12-01T10:00:00'));
    expect(clock).toMatchObject({ workingDaysTaken: 3, state: 'on_time' });
  });
});
