/**
 * The deadline policy of a case (pure): how long each step may take, by appeal type and
 * priority. The working-time arithmetic (due instants, pauses, due state) is the calendar's
 * (src/calendar/working-time.ts), shared with every other kind of work item.
 */
import type { WorkingCalendar } from '../calendar/rules.js';
import { limitOfficeMinutes, type DueSoonRule, type WorkingLimit } from '../calendar/working-time.js';
import { CASE_TYPES, PRIORITIES, type CaseType, type Priority } from './contract.js';

// The vocabulary is the contract's, shared with the web app; the policy is here.
export { CASE_TYPES, DUE_STATES, PRIORITIES, TYPE_NAMES } from './contract.js';
export type { CaseType, DueState, Priority } from './contract.js';

export interface DeadlinePolicy {
  /** From dispatch to signing (签收). */
  sign: Record<Priority, WorkingLimit>;
  /** From dispatch to reply (答复), by type; urgent cases use `urgentReply` when it is shorter. */
  reply: Record<CaseType, WorkingLimit>;
  urgentReply: WorkingLimit;
  /** Extensions a supervisor may grant; beyond this a leader must approve again. */
  maxExtensions: number;
  maxExtensionDays: number;
  /** Yellow warning (临期). */
  dueSoon: DueSoonRule;
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

/**
 * The reply limit of a case: urgent cases take the shorter of their type's and the urgent limit,
 * a working day weighing as long as the calendar's office day.
 */
export function replyLimit(cal: WorkingCalendar, policy: DeadlinePolicy, type: CaseType, priority: Priority): WorkingLimit {
  const byType = policy.reply[type];
  if (priority !== 'urgent') return byType;
  return limitOfficeMinutes(cal, policy.urgentReply) < limitOfficeMinutes(cal, byType) ? policy.urgentReply : byType;
}

/** Checks a policy an administrator submits; returns the problems in both languages. */
export function policyProblems(policy: DeadlinePolicy): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  const check = (label: string, l: WorkingLimit) => {
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
