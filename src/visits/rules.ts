/**
 * The rules of official visits to enterprises (入企), as pure functions of the official working
 * calendar and the policy in force: the service week, the quiet period, the yearly limit and the
 * plan, escalated approval and its filing deadline, the code's window, unscanned visits and the
 * ratings a department may see. No I/O: the server and the web form read the same answers.
 */
import { addWorkingDays, lastWorkingDaysOfMonth, type WorkingCalendar } from '../calendar/rules.js';
import type { OfficeHours } from '../calendar/contract.js';
import type { EscalationReason, RatingAggregate, VisitAssessment, VisitException, VisitPolicy } from './contract.js';

export const DEFAULT_VISIT_POLICY: VisitPolicy = {
  serviceWeekDays: 5, yearlyLimit: 2, escalationRoles: ['leader'], filingWorkingDays: 2, quietDays: null, ratingMinVisits: 3,
};

const monthOf = (date: string) => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });

/** The service week (企业服务周) of a month: its last `days` working days, make-up days counted, holidays not. */
export function serviceWeek(cal: WorkingCalendar, year: number, month: number, days: number): string[] {
  return lastWorkingDaysOfMonth(cal, year, month, days);
}

/** The service week of the month a date falls in. */
export function serviceWeekOf(cal: WorkingCalendar, date: string, days: number): string[] {
  const { year, month } = monthOf(date);
  return serviceWeek(cal, year, month, days);
}

export const inServiceWeek = (cal: WorkingCalendar, date: string, days: number) => serviceWeekOf(cal, date, days).includes(date);

/** Whether weekends alone decided a month's days (no official arrangement for its year): results are provisional. */
export const provisionalYear = (cal: WorkingCalendar, date: string) => !cal.covered.has(Number(date.slice(0, 4)));

/** A routine visit may not fall on a quiet day (企业安静期, e.g. Hunan's days 1–20 of each month). */
export function quietDay(policy: Pick<VisitPolicy, 'quietDays'>, date: string): boolean {
  if (!policy.quietDays) return false;
  const day = Number(date.slice(8, 10));
  return day >= policy.quietDays.from && day <= policy.quietDays.to;
}

export interface VisitFacts {
  plannedDate: string;
  /** Today in the office's time zone. */
  today: string;
  exception: VisitException | null;
  emergency: boolean;
  /** Visits of this department to this enterprise this year that count (not refused, revoked or cancelled, no exception). */
  usedThisYear: number;
  /** The department's yearly plan: its planned number of visits and how many it has filed this year; null without a plan. */
  plan: { plannedVisits: number; filed: number } | null;
}

/**
 * Whether a visit may be filed and what approval it needs: refused for a date in the past (but
 * an emergency, approved afterwards), on a quiet day or beyond the yearly limit (but a listed
 * exception); escalated when outside the service week or beyond (or without) the yearly plan.
 */
export function assessVisit(cal: WorkingCalendar, policy: VisitPolicy, f: VisitFacts): VisitAssessment {
  const week = serviceWeekOf(cal, f.plannedDate, policy.serviceWeekDays);
  const inWeek = week.includes(f.plannedDate);
  const quiet = quietDay(policy, f.plannedDate);
  const escalation: EscalationReason[] = [];
  if (!inWeek) escalation.push('outside_service_week');
  if (!f.plan || f.plan.filed >= f.plan.plannedVisits) escalation.push('beyond_plan');
  const remaining = Math.max(0, policy.yearlyLimit - f.usedThisYear);
  let refusal: VisitAssessment['refusal'] = null;
  if (!f.emergency && f.plannedDate < f.today) {
    refusal = { code: 'date_in_past', zh: `计划入企日期 ${f.plannedDate} 早于今天（${f.today}）；事后报批仅限紧急入企`, en: `The planned date ${f.plannedDate} is before today (${f.today}); only an emergency visit is approved afterwards` };
  } else if (f.emergency && f.plannedDate > f.today) {
    refusal = { code: 'emergency_in_future', zh: '紧急入企是已经发生的入企，日期不能晚于今天', en: 'An emergency visit has already happened; its date cannot be after today' };
  } else if (quiet && !f.exception && !f.emergency) {
    refusal = { code: 'quiet_period', zh: `${f.plannedDate} 在企业安静期内（每月 ${policy.quietDays!.from}–${policy.quietDays!.to} 日），除安全生产、投诉举报核查、法定复查外不得入企`,
      en: `${f.plannedDate} is in the quiet period (days ${policy.quietDays!.from}–${policy.quietDays!.to} of the month): no visits but for safety, complaints and statutory re-checks` };
  } else if (!f.exception && remaining === 0) {
    refusal = { code: 'frequency_limit', zh: `本部门今年已对该企业入企 ${f.usedThisYear} 次，达到每年 ${policy.yearlyLimit} 次的上限（安全生产、投诉举报核查、法定复查除外，须说明理由）`,
      en: `Your department has visited this enterprise ${f.usedThisYear} times this year, the yearly limit of ${policy.yearlyLimit} (safety, complaints and statutory re-checks excepted, with a reason)` };
  }
  return { plannedDate: f.plannedDate, serviceWeek: week, inServiceWeek: inWeek, quietDay: quiet, escalation, remaining, limit: policy.yearlyLimit, refusal, provisional: provisionalYear(cal, f.plannedDate) };
}

/** The last day to file an escalated visit with the business-environment office: N working days after its approval (the day itself not counted). */
export const filingDueOn = (cal: WorkingCalendar, approvedOn: string, days: number) => addWorkingDays(cal, approvedOn, days).date;

/** A filing is late when made after its last day, or not made by then. */
export function filingLate(dueOn: string | null, filedOn: string | null, today: string): boolean {
  if (!dueOn) return false;
  return filedOn ? filedOn > dueOn : today > dueOn;
}

/** A visit code can be scanned until the end of the day after the planned day, in the office's time. */
export function codeExpiry(plannedDate: string, officeHours: OfficeHours): Date {
  const midnightUtc = Date.parse(`${plannedDate}T00:00:00Z`) + 2 * 86_400_000;
  return new Date(midnightUtc - officeHours.timeZoneOffsetMinutes * 60_000);
}

/** An approved visit not scanned by the end of its planned day is flagged (未扫码). */
export const unscanned = (status: string, plannedDate: string, today: string) => status === 'approved' && today > plannedDate;

/** The service week a date's visit would share with other departments' visits: the month's week when the date is in it. */
export function sharedServiceWeek(cal: WorkingCalendar, date: string, days: number): string | null {
  const week = serviceWeekOf(cal, date, days);
  return week.includes(date) ? date.slice(0, 7) : null;
}

/** Ratings averaged, or withheld when fewer than k visits are rated, so one rating cannot be traced to its visit. */
export function aggregateRatings(ratings: readonly { conduct: number; burden: number; usefulness: number; complaint: boolean }[], k: number): RatingAggregate {
  const n = ratings.length;
  const mean = (f: (r: (typeof ratings)[number]) => number) => Math.round((ratings.reduce((s, r) => s + f(r), 0) / n) * 100) / 100;
  if (n < k || n === 0) return { visits: n, conduct: null, burden: null, usefulness: null, complaints: null, shown: false, minimum: k };
  return { visits: n, conduct: mean((r) => r.conduct), burden: mean((r) => r.burden), usefulness: mean((r) => r.usefulness), complaints: ratings.filter((r) => r.complaint).length, shown: true, minimum: k };
}

/** Change against last year as a fraction (−0.5: half as many), null when last year had none. */
export const changeAgainst = (now: number, before: number): number | null => (before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000);
