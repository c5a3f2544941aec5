// Working time of any work item (cases today; approvals, visits, inspections alike): limits in
// working days or hours, the paused office time, extensions and where a running step stands.
// Pure: no I/O, no clock; every function takes the calendar (and the moment) it judges by.
import type { IsoDate } from './contract.js';
import {
  addWorkingDays, addWorkingHours, toLocalDate, workingMinutesBetween, type InstantResult, type MinutesResult, type WorkingCalendar,
} from './rules.js';

const MINUTE_MS = 60_000;

export interface WorkingLimit {
  amount: number;
  unit: 'working_days' | 'working_hours';
}

/** Office minutes of one working day: the sum of the configured office periods (7 h by default). */
export function officeDayMinutes(cal: WorkingCalendar): number {
  return cal.officeMsPerDay / MINUTE_MS;
}

/** A limit's length in office minutes, a working day counting as one full office day; for comparing limits. */
export function limitOfficeMinutes(cal: WorkingCalendar, limit: WorkingLimit): number {
  return limit.unit === 'working_hours' ? limit.amount * 60 : limit.amount * officeDayMinutes(cal);
}

/** The end of the last office period of a date, as an instant. */
export function endOfOfficeDay(cal: WorkingCalendar, date: IsoDate): Date {
  const dayStart = Date.parse(`${date}T00:00:00Z`) - cal.officeHours.timeZoneOffsetMinutes * MINUTE_MS;
  return new Date(dayStart + cal.periodsMs.at(-1)!.end);
}

export interface DueInput {
  start: Date;
  limit: WorkingLimit;
  /** Working days granted by approved extensions. */
  extensionDays?: number;
  /** Office minutes the clock stood still (see pausedOfficeMinutes). */
  pausedMinutes?: number;
}

/**
 * When a step is due: N working days end at the close of office on the Nth working day after
 * the start (the start day not counted, 行政许可法 Art. 82); N working hours are counted in office
 * time. Extension days and paused time push it out. `fallbackYears` names years with no
 * official calendar that the count ran through.
 */
export function computeDue(cal: WorkingCalendar, input: DueInput): InstantResult {
  const fallback = new Set<number>();
  const note = (years: number[]) => years.forEach((y) => fallback.add(y));
  let at: Date;
  if (input.limit.unit === 'working_hours') {
    const r = addWorkingHours(cal, input.start, input.limit.amount);
    note(r.fallbackYears);
    at = r.at;
  } else {
    const r = addWorkingDays(cal, toLocalDate(input.start, cal.officeHours), input.limit.amount);
    note(r.fallbackYears);
    at = endOfOfficeDay(cal, r.date);
  }
  if (input.extensionDays) {
    // From the date the deadline falls in: 1 ms back, so a deadline at midnight (a period ending
    // 24:00) stays on its own day.
    const r = addWorkingDays(cal, toLocalDate(new Date(at.getTime() - 1), cal.officeHours), input.extensionDays);
    note(r.fallbackYears);
    at = endOfOfficeDay(cal, r.date);
  }
  if (input.pausedMinutes) {
    const r = addWorkingHours(cal, at, input.pausedMinutes / 60);
    note(r.fallbackYears);
    at = r.at;
  }
  return { at, fallbackYears: [...fallback].sort() };
}

/** A stretch of time during which the clock stood still. */
export interface PauseSpan {
  from: Date;
  /** Null while the pause still runs. */
  to: Date | null;
}

/** A ledger entry: the span and why (waiting on the requester, an excluded step…). */
export interface PauseEntry<Reason extends string = string> extends PauseSpan {
  reason: Reason;
}

export type PauseLedger<Reason extends string = string> = readonly PauseEntry<Reason>[];

/**
 * Office minutes the clock stood still: only office time on working days counts, so a pause
 * across a weekend or a holiday break adds nothing for those days, while a make-up working day
 * adds a full office day. An open pause runs to `now`. Overlapping entries count once. The
 * reason does not change the count, so bare spans (a pause known only by its start) do as well.
 */
export function pausedOfficeMinutes(cal: WorkingCalendar, ledger: PauseLedger | readonly PauseSpan[], now: Date): MinutesResult {
  const spans = ledger
    .map((e) => ({ from: e.from.getTime(), to: (e.to ?? now).getTime() }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  const fallback = new Set<number>();
  let minutes = 0;
  for (const s of merged) {
    const r = workingMinutesBetween(cal, new Date(s.from), new Date(s.to));
    minutes += r.minutes;
    r.fallbackYears.forEach((y) => fallback.add(y));
  }
  return { minutes, fallbackYears: [...fallback].sort() };
}

import type { DueState } from './contract.js';

export type { DueState };

/** Due soon (临期) once the office time left is at most this share of the whole, or this many minutes. */
export interface DueSoonRule {
  fraction: number;
  minMinutes: number;
}

export interface RunningStep {
  startedAt: Date;
  dueAt: Date;
  /** Set while the clock is paused. */
  pausedAt?: Date | null;
}

/**
 * Where a running step stands: overdue after its deadline; due soon when little office time is
 * left; time left in office minutes (negative once overdue). A paused clock is judged at the
 * moment it stopped, since the paused time will be added to the deadline.
 */
export function dueState(cal: WorkingCalendar, rule: DueSoonRule, step: RunningStep, now: Date): { state: DueState; minutesLeft: number } {
  const at = step.pausedAt ?? now;
  if (at.getTime() > step.dueAt.getTime()) {
    return { state: 'overdue', minutesLeft: -workingMinutesBetween(cal, step.dueAt, at).minutes };
  }
  const left = workingMinutesBetween(cal, at, step.dueAt).minutes;
  const total = workingMinutesBetween(cal, step.startedAt, step.dueAt).minutes;
  const threshold = Math.max(rule.minMinutes, rule.fraction * total);
  return { state: left <= threshold ? 'due_soon' : 'on_time', minutesLeft: left };
}
