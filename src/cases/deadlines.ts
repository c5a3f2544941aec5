/**
 * Deadlines of a case in working time (pure). The policy says how long each step may take, by
 * appeal type and priority; the calendar turns that into instants. The clock pauses while the
 * case waits on the requester or on an excluded step, and the paused office time is added back.
 */
import {
  addWorkingDays, addWorkingHours, toLocalDate, workingMinutesBetween, type WorkingCalendar,
} from '../calendar/rules.js';
import { CASE_TYPES, PRIORITIES, type CaseType, type DueState, type Priority } from './contract.js';

// The vocabulary is the contract's, shared with the web app; the policy and the arithmetic are here.
export { CASE_TYPES, DUE_STATES, PRIORITIES, TYPE_NAMES } from './contract.js';
export type { CaseType, DueState, Priority } from './contract.js';

export interface Limit {
  amount: number;
  unit: 'working_days' | 'working_hours';
}

export interface DeadlinePolicy {
  /** From dispatch to signing (签收). */
  sign: Record<Priority, Limit>;
  /** From dispatch to reply (答复), by type; urgent cases use `urgentReply` when it is shorter. */
  reply: Record<CaseType, Limit>;
  urgentReply: Limit;
  /** Extensions a supervisor may grant; beyond this a leader must approve again. */
  maxExtensions: number;
  maxExtensionDays: number;
  /** Yellow warning (临期) once the office time left is at most this share of the whole, or this many minutes. */
  dueSoon: { fraction: number; minMinutes: number };
}

/**
 * The default policy (README "Deadlines"): urgent cases signed within 2 working hours, others
 * within 1 working day; consultations replied within 1 working day, every other type within 5;
 * urgent cases within 1; one extension of at most 10 working days unless a leader approves more.
 */
export const DEFAULT_POLICY: DeadlinePolicy = {
  sign: { normal: { amount: 1, unit: 'working_days' }, urgent: { amount: 2, unit: 'working_hours' } },
  reply: {
    consultation: { amount: 1, unit: 'working_days' },
    help: { amount: 5, unit: 'working_days' },
    complaint: { amount: 5, unit: 'working_days' },
    report: { amount: 5, unit: 'working_days' },
    suggestion: { amount: 5, unit: 'working_days' },
    praise: { amount: 5, unit: 'working_days' },
  },
  urgentReply: { amount: 1, unit: 'working_days' },
  maxExtensions: 1,
  maxExtensionDays: 10,
  dueSoon: { fraction: 0.2, minMinutes: 120 },
};

/** A Shanghai street office's published limits (RULES.md): consultation and suggestion 1 working day, help and complaint 5. */
export const POLICY_PRESETS: Record<string, DeadlinePolicy> = {
  default: DEFAULT_POLICY,
  'shanghai-street': {
    ...DEFAULT_POLICY,
    reply: { ...DEFAULT_POLICY.reply, suggestion: { amount: 1, unit: 'working_days' } },
  },
};

/** The end of the last office period of a working date, as an instant. */
export function endOfOfficeDay(cal: WorkingCalendar, date: string): Date {
  const last = cal.officeHours.periods.at(-1)!.end;
  const [h, m] = last.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) + (h * 60 + m - cal.officeHours.timeZoneOffsetMinutes) * 60_000);
}

function limitMinutes(limit: Limit): number | null {
  return limit.unit === 'working_hours' ? limit.amount * 60 : null;
}

export interface DeadlineInput {
  start: Date;
  limit: Limit;
  /** Working days granted by approved extensions. */
  extensionDays?: number;
  /** Office minutes the clock stood still. */
  pausedMinutes?: number;
}

/**
 * When a step is due: N working days end at the close of office on the Nth working day after
 * the start (the start day not counted); N working hours are counted in office time. Extension
 * days and paused time push it out. `fallbackYears` names years with no official calendar.
 */
export function computeDue(cal: WorkingCalendar, input: DeadlineInput): { at: Date; fallbackYears: number[] } {
  const fallback = new Set<number>();
  let at: Date;
  const minutes = limitMinutes(input.limit);
  if (minutes !== null) {
    const r = addWorkingHours(cal, input.start, minutes / 60);
    r.fallbackYears.forEach((y) => fallback.add(y));
    at = r.at;
  } else {
    const r = addWorkingDays(cal, toLocalDate(input.start, cal.officeHours), input.limit.amount);
    r.fallbackYears.forEach((y) => fallback.add(y));
    at = endOfOfficeDay(cal, r.date);
  }
  if (input.extensionDays) {
    const r = addWorkingDays(cal, toLocalDate(new Date(at.getTime() - 1), cal.officeHours), input.extensionDays);
    r.fallbackYears.forEach((y) => fallback.add(y));
    at = endOfOfficeDay(cal, r.date);
  }
  if (input.pausedMinutes) {
    const r = addWorkingHours(cal, at, input.pausedMinutes / 60);
    r.fallbackYears.forEach((y) => fallback.add(y));
    at = r.at;
  }
  return { at, fallbackYears: [...fallback].sort() };
}

/** The reply limit of a case: urgent cases take the shorter of their type's and the urgent limit. */
export function replyLimit(policy: DeadlinePolicy, type: CaseType, priority: Priority): Limit {
  const byType = policy.reply[type];
  if (priority !== 'urgent') return byType;
  const asMinutes = (l: Limit) => (l.unit === 'working_hours' ? l.amount * 60 : l.amount * 480);
  return asMinutes(policy.urgentReply) < asMinutes(byType) ? policy.urgentReply : byType;
}

/**
 * Where a running step stands: overdue after its deadline; due soon when little office time is
 * left; time left in office minutes (negative once overdue). A paused clock is judged at the
 * moment it stopped.
 */
export function dueState(cal: WorkingCalendar, policy: DeadlinePolicy, step: { startedAt: Date; dueAt: Date; pausedAt?: Date | null }, now: Date): { state: DueState; minutesLeft: number } {
  const at = step.pausedAt ?? now;
  if (at.getTime() > step.dueAt.getTime()) {
    return { state: 'overdue', minutesLeft: -workingMinutesBetween(cal, step.dueAt, at).minutes };
  }
  const left = workingMinutesBetween(cal, at, step.dueAt).minutes;
  const total = workingMinutesBetween(cal, step.startedAt, step.dueAt).minutes;
  const threshold = Math.max(policy.dueSoon.minMinutes, policy.dueSoon.fraction * total);
  return { state: left <= threshold ? 'due_soon' : 'on_time', minutesLeft: left };
}

/** Checks a policy an administrator submits; returns the problems in both languages. */
export function policyProblems(policy: DeadlinePolicy): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  const check = (label: string, l: Limit) => {
    const max = l.unit === 'working_hours' ? 2000 : 250;
    if (!Number.isFinite(l.amount) || l.amount <= 0 || l.amount > max || (l.unit === 'working_days' && !Number.isInteger(l.amount))) {
      problems.push({ zh: `${label} 时限须为正数（工作日须为整数，且不超过 ${max}）`, en: `${label}: the limit must be positive (whole working days, at most ${max})` });
    }
  };
  PRIORITIES.forEach((p) => check(`sign.${p}`, policy.sign[p]));
  CASE_TYPES.forEach((t) => check(`reply.${t}`, policy.reply[t]));
  check('urgentReply', policy.urgentReply);
  if (!Number.isInteger(policy.maxExtensions) || policy.maxExtensions < 0 || policy.maxExtensions > 5) problems.push({ zh: 'maxExtensions 须为 0–5 的整数', en: 'maxExtensions must be a whole number 0–5' });
  if (!Number.isInteger(policy.maxExtensionDays) || policy.maxExtensionDays < 1 || policy.maxExtensionDays > 60) problems.push({ zh: 'maxExtensionDays 须为 1–60 的整数', en: 'maxExtensionDays must be a whole number 1–60' });
  if (!(policy.dueSoon.fraction >= 0 && policy.dueSoon.fraction < 1) || !(policy.dueSoon.minMinutes >= 0)) problems.push({ zh: 'dueSoon 设置有误', en: 'dueSoon is invalid' });
  return problems;
}
