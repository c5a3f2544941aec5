import { sql, queryRows, type Db } from '../../../platform/db/engine.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import { toLocalDate } from '../../../calendar/rules.js';
import { workingCalendar } from '../../../calendar/store.js';
import { appendCaseEvent } from '../../store.js';
import { isoWeekOf, mayAddProgress, mondayOf, parseWeek, progressKind, PROGRESS_STATUSES, statusAfterProgress, type ProgressKind } from '../rules.js';
import { loadPlan } from '../store.js';
import type { ProgressInput } from '../../contract.js';
import { lockVisibleCase, refuseRole, requireEnterpriseCase, requireStatus } from './guard.js';

/** A weekly progress note (每周进展) on a case's rectification plan, or a supervisor's note on it (督办意见): the contract's ProgressInput. */
export type AddProgressInput = ProgressInput;

export interface AddProgressResult {
  id: number;
  kind: ProgressKind;
  weekStart: string;
  week: string;
  /** True when this first progress report moved the plan from planned to in progress (its version moved). */
  planStatusChanged: boolean;
}

const WHAT = { zh: '填报整改进展', en: 'add a progress note' };

/**
 * Adds a note to the plan until the case is closed: a handler of the lead office reports progress;
 * a supervisor of the intake centre or the lead office adds a supervision note. The note and the
 * `rectification-progress` event on the case's timeline are written in one transaction. The first
 * progress report starts a planned plan (in progress, new version).
 */
export async function addProgress(db: Db, actor: Actor, caseId: number, input: AddProgressInput): Promise<AddProgressResult> {
  const calendar = await workingCalendar(db);
  return db.transaction(async (tx) => {
    const { row, relations } = await lockVisibleCase(tx, actor, caseId);
    if (!mayAddProgress(actor.roles, relations)) {
      throw refuseRole(WHAT, ['handler', 'supervisor'], { zh: '由您的单位主办（督办员也可在受理中心）', en: 'in the office leading the case (or, for a supervisor, the intake centre)' });
    }
    requireEnterpriseCase(row);
    requireStatus(row, PROGRESS_STATUSES, WHAT);
    const plan = await loadPlan(tx, caseId, { forUpdate: true });
    if (!plan) throw conflict('no_rectification_plan', `诉求 ${row.code} 还没有整改方案，请主办单位先制定`, `Case ${row.code} has no rectification plan yet; the lead office draws it up first`);

    const note = input.note.trim();
    if (!note) throw badRequest('invalid_note', '进展内容不能为空', 'The note must not be empty');
    const now = new Date();
    const thisWeek = mondayOf(toLocalDate(now, calendar.officeHours));
    let weekStart = thisWeek;
    if (input.week !== undefined) {
      const parsed = parseWeek(input.week.trim());
      if ('error' in parsed) {
        throw badRequest('invalid_week', `周次格式不对：${input.week}（应为 2026-W48 或该周内的日期 2026-11-23）`,
          `Not a week: ${input.week} (give an ISO week such as 2026-W48 or a date in the week such as 2026-11-23)`);
      }
      weekStart = parsed.monday;
    }
    if (weekStart > thisWeek) throw badRequest('week_in_future', `不能填报未来的周次（${isoWeekOf(weekStart)}）`, `You cannot report on a future week (${isoWeekOf(weekStart)})`);
    const caseWeek = mondayOf(toLocalDate(row.acceptedAt, calendar.officeHours));
    if (weekStart < caseWeek) {
      throw badRequest('week_before_case', `周次 ${isoWeekOf(weekStart)} 早于诉求受理所在周（${isoWeekOf(caseWeek)}）`,
        `The week ${isoWeekOf(weekStart)} is before the week the case was taken in (${isoWeekOf(caseWeek)})`);
    }

    const kind = progressKind(actor.roles, relations);
    const seq = row.eventCount + 1;
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into case_rectification_progress
        (case_id, week_start, kind, note, author_user_id, author_name, author_office_id, recorded_at, event_seq)
      values (${caseId}, ${weekStart}::date, ${kind}, ${note}, ${actor.userId}, ${actor.name}, ${actor.officeId}, ${now.toISOString()}::timestamptz, ${seq})
      returning id`);
    const nextStatus = kind === 'progress' ? statusAfterProgress(plan.status) : plan.status;
    const planStatusChanged = nextStatus !== plan.status;
    if (planStatusChanged) {
      await tx.execute(sql`update case_rectifications set status = ${nextStatus}, updated_by = ${actor.userId}, updated_at = ${now.toISOString()}::timestamptz,
          version = version + 1 where case_id = ${caseId}`);
    }
    const week = isoWeekOf(weekStart);
    await appendCaseEvent(tx, row, {}, {
      at: now.toISOString(), action: 'rectification-progress', actor,
      data: { progressId: id, kind, week, weekStart, note, ...(planStatusChanged ? { planStatus: { from: plan.status, to: nextStatus }, planVersion: plan.version + 1 } : {}) },
    });
    return { id, kind, weekStart, week, planStatusChanged };
  });
}
