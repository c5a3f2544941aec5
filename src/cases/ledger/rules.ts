/**
 * The enterprise problem ledger (企业问题台账 / 整改台账) as pure rules: who may change a case's
 * rectification plan or add a weekly progress note, in which case status, how a plan's status
 * (overdue included) is derived, and ISO weeks. The commands apply these; the web client can
 * show the same buttons.
 */
import type { Role } from '../../platform/actor.js';
import { isValidIsoDate } from '../../calendar/rules.js';
import { OPEN_STATUSES, type CaseStatus, type Relation } from '../lifecycle.js';
import { PROGRESS_KINDS, type LedgerStatus, type PlanStatus, type ProgressKind } from '../contract.js';

// The vocabulary is the contract's, shared with the web app; the rules below are the server's.
export { LEDGER_FILTER_STATUSES, LEDGER_STATUS_NAMES, LEDGER_STATUSES, PLAN_STATUSES, PROGRESS_KINDS } from '../contract.js';
export type { LedgerStatus, LedgerStatusFilter, PlanStatus, ProgressKind } from '../contract.js';

export const LEDGER_ACTION_NAMES = {
  'rectification-plan': { zh: '整改方案', en: 'rectification plan' },
  'rectification-progress': { zh: '整改进展', en: 'rectification progress' },
} as const;
export type LedgerAction = keyof typeof LEDGER_ACTION_NAMES;

/** A plan is drawn up and changed while the lead office has the case. */
export const PLAN_EDIT_STATUSES: readonly CaseStatus[] = ['dispatched', 'handling', 'replied', 'reviewed'];
/** Progress and supervision notes may be added until the case is closed (or merged away). */
export const PROGRESS_STATUSES: readonly CaseStatus[] = OPEN_STATUSES;

type Pair = { role: Role; relation: Relation };

export const PLAN_EDITORS: readonly Pair[] = [{ role: 'handler', relation: 'lead' }];
export const PROGRESS_WRITERS: readonly Pair[] = [
  { role: 'handler', relation: 'lead' },
  { role: 'supervisor', relation: 'intake' },
  { role: 'supervisor', relation: 'lead' },
];

const holds = (pairs: readonly Pair[], roles: readonly (Role | 'public')[], relations: readonly Relation[]) =>
  pairs.some((p) => roles.includes(p.role) && relations.includes(p.relation));

export const mayEditPlan = (roles: readonly (Role | 'public')[], relations: readonly Relation[]) => holds(PLAN_EDITORS, roles, relations);
export const mayAddProgress = (roles: readonly (Role | 'public')[], relations: readonly Relation[]) => holds(PROGRESS_WRITERS, roles, relations);

/** A handler of the lead office reports progress; anyone else allowed to write adds a supervision note (督办意见). */
export function progressKind(roles: readonly (Role | 'public')[], relations: readonly Relation[]): ProgressKind {
  return holds(PLAN_EDITORS, roles, relations) ? 'progress' : 'supervision';
}

/** Supervision notes are the government's own correspondence: the enterprise sees the progress reports only. */
export function visibleProgressKinds(relations: readonly Relation[], roles: readonly (Role | 'public')[]): readonly ProgressKind[] {
  const staff = relations.some((r) => r !== 'requester') && roles.some((r) => r !== 'enterprise' && r !== 'public');
  return staff ? PROGRESS_KINDS : ['progress'];
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
