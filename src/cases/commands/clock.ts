/** Deadline bookkeeping shared by the actions that start, move or stop a case's clock. */
import { computeDue, pausedOfficeMinutes } from '../../calendar/working-time.js';
import { replyLimit } from '../deadlines.js';
import type { CaseRow } from '../record.js';
import type { CaseActionContext } from './actionDef.js';

/** What deadline arithmetic needs: the calendar and policy in force, and the moment of the change. */
export type ClockContext = Pick<CaseActionContext, 'calendar' | 'policy' | 'now'>;

/** The signing deadline of a (re)dispatch made now. */
export function signDue(ctx: ClockContext, row: CaseRow): Date {
  return computeDue(ctx.calendar, { start: ctx.now, limit: ctx.policy.sign[row.priority] }).at;
}

/** The reply deadline from the clock's start, with granted extensions and paused time added. */
export function replyDue(ctx: ClockContext, row: Pick<CaseRow, 'type' | 'priority' | 'clockStartedAt' | 'extensionDays' | 'pausedMinutes'>): Date {
  return computeDue(ctx.calendar, {
    start: row.clockStartedAt ?? ctx.now,
    limit: replyLimit(ctx.calendar, ctx.policy, row.type, row.priority),
    extensionDays: row.extensionDays,
    pausedMinutes: row.pausedMinutes,
  }).at;
}

/**
 * Office minutes of the pause still running, 0 when the clock runs. A case keeps its pause
 * ledger folded: closed pauses summed in `pausedMinutes`, the open one as `clockPausedAt` (its
 * reason is in the pause-clock event). Whole minutes, as paused_minutes is an integer column
 * and a pause rarely starts on the minute.
 */
export function openPauseMinutes(ctx: ClockContext, row: Pick<CaseRow, 'clockPausedAt'>): number {
  if (!row.clockPausedAt) return 0;
  return Math.round(pausedOfficeMinutes(ctx.calendar, [{ from: row.clockPausedAt, to: null }], ctx.now).minutes);
}
