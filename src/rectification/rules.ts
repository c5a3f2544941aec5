/**
 * The rectification ledger's pure rules beyond the lifecycle (lifecycle.ts): what kind of note
 * a writer adds and who sees which, how a plan's shown status (overdue included) and its days
 * overdue are derived, what a change of the plan changed, and ISO weeks — the weekly notes are
 * filed by week.
 */
import { isValidIsoDate } from '../calendar/rules.js';
import type { ActingRole } from '../platform/lifecycle/index.js';
import { PROGRESS_KINDS, type LedgerStatus, type PlanStatus, type ProgressKind } from './contract.js';
import { mayEditPlan, type PlanRow, type Relation } from './lifecycle.js';

/** A handler of the lead office reports progress; anyone else allowed to write adds a supervision note (督办意见). */
export function progressKind(roles: readonly ActingRole[], relations: readonly Relation[]): ProgressKind {
  return mayEditPlan(roles, relations) ? 'progress' : 'supervision';
}

/** Supervision notes are the government's own correspondence: the enterprise sees the progress reports only. */
export function visibleProgressKinds(relations: readonly Relation[], roles: readonly ActingRole[]): readonly ProgressKind[] {
  const staff = relations.some((r) => r !== 'requester') && roles.some((r) => r !== 'enterprise' && r !== 'public');
  return staff ? PROGRESS_KINDS : ['progress'];
}

/** The fields a handler sets on a plan. */
export type PlanFields = Pick<PlanRow, 'measures' | 'responsiblePerson' | 'responsibleOfficeId' | 'deadline' | 'status'>;
const PLAN_FIELDS = ['measures', 'responsiblePerson', 'responsibleOfficeId', 'deadline', 'status'] as const;

/** What a change of the plan changed, field by field (`{deadline: {from, to}}`); empty when nothing did. */
export function planChanges(before: PlanFields, next: PlanFields): Partial<Record<keyof PlanFields, { from: unknown; to: unknown }>> {
  return Object.fromEntries(PLAN_FIELDS.filter((f) => before[f] !== next[f]).map((f) => [f, { from: before[f], to: next[f] }]));
}

// ---------------------------------------------------------------------------------------------
// Dates and ISO weeks (all dates are YYYY-MM-DD in the office's time zone)

const DAY_MS = 86_400_000;
const toMs = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
const isoDow = (date: string) => new Date(toMs(date)).getUTCDay() || 7;

/** The Monday of the ISO week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoDow(date));
}

/** The ISO week of a date, e.g. 2026-11-23 → 2026-W48 (the ISO year may differ from the calendar year). */
export function isoWeekOf(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The number of ISO weeks in a year: 53 when 28 December falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).endsWith('W53') ? 53 : 52;
}

export type WeekParse = { monday: string } | { error: 'format' | 'week_number' };

/**
 * A week given as an ISO week (`2026-W48`) or as any date in it (`2026-11-25`), as its Monday.
 * A date outside the supported calendar years is a format error.
 */
export function parseWeek(value: string): WeekParse {
  const iso = /^(\d{4})-W(\d{2})$/.exec(value);
  if (iso) {
    const year = Number(iso[1]);
    const week = Number(iso[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return { error: 'week_number' };
    const monday = addDays(mondayOf(`${iso[1]}-01-04`), (week - 1) * 7);
    return isValidIsoDate(monday) ? { monday } : { error: 'format' };
  }
  if (isValidIsoDate(value)) return { monday: mondayOf(value) };
  return { error: 'format' };
}

// ---------------------------------------------------------------------------------------------
// Derived status

export interface PlanState {
  status: PlanStatus;
  deadline: string;
  /** Local date the plan was marked done, if it was. */
  completedOn: string | null;
}

/** Overdue (已逾期) when the deadline has passed and the plan is not done; otherwise the stored status. */
export function ledgerStatus(plan: PlanState, today: string): LedgerStatus {
  if (plan.status !== 'done' && plan.deadline < today) return 'overdue';
  return plan.status;
}

/**
 * Days past the deadline: for an open plan, up to today; for a done one, how late it was
 * completed. Zero when on time. The deadline day itself is still on time.
 */
export function daysOverdue(plan: PlanState, today: string): number {
  const end = plan.status === 'done' ? plan.completedOn ?? plan.deadline : today;
  return Math.max(0, daysBetween(plan.deadline, end));
}

/** The first progress note moves a plan that has not started into progress. */
export function statusAfterProgress(status: PlanStatus): PlanStatus {
  return status === 'planned' ? 'in_progress' : status;
}
