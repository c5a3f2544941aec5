import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { workingCalendar } from '../../calendar/store.js';
import { computeDue } from '../../calendar/working-time.js';
import { casePolicy } from '../settings.js';
import { appendCaseEvent, CASE_SELECT, toCaseRow } from '../store.js';
import { currentDeadline } from '../view.js';
import type { CaseRow } from '../record.js';
import { SUPERVISION_LEVELS } from '../contract.js';
import { replyDue } from './clock.js';

/** The sweep acts as the system, recorded as such on every case it touches. */
const SWEEP_ACTOR: Actor = { userId: null, name: 'system:deadline-sweep', roles: [], officeId: null, officePath: null };

const PAGE = 500;
const LEVELS: readonly string[] = SUPERVISION_LEVELS;

export interface SweepResult {
  checked: number;
  recomputed: number;
  dueSoon: number;
  overdue: number;
}

/**
 * Walks every running case: recomputes its deadlines from the calendar in force (so a calendar
 * change reaches open cases), marks it due soon or overdue, and raises supervision on its own —
 * a yellow card before the deadline, a red one after. Cases being changed right now are skipped
 * (locked) and picked up by the next sweep.
 */
export async function sweepDeadlines(db: Db, now = new Date()): Promise<SweepResult> {
  const cal = await workingCalendar(db);
  const { policy } = await casePolicy(db);
  const result: SweepResult = { checked: 0, recomputed: 0, dueSoon: 0, overdue: 0 };
  for (let cursor = 0; ;) {
    const done = await db.transaction(async (tx) => {
      const rows = (await queryRows<Record<string, unknown>>(tx, sql`select ${CASE_SELECT} from cases c
        where c.status in ('dispatched', 'handling') and c.id > ${cursor} order by c.id limit ${PAGE} for update skip locked`)).map(toCaseRow);
      for (const row of rows) {
        result.checked++;
        const changes = sweepChanges(row, cal, policy, now);
        if (changes.signDueAt || changes.replyDueAt) result.recomputed++;
        if (Object.keys(changes).length === 0) continue;
        if (changes.dueState === 'due_soon') result.dueSoon++;
        if (changes.dueState === 'overdue') result.overdue++;
        const data = { dueState: changes.dueState ?? row.dueState, supervisionLevel: changes.supervisionLevel ?? null, signDueAt: changes.signDueAt?.toISOString() ?? null, replyDueAt: changes.replyDueAt?.toISOString() ?? null };
        await appendCaseEvent(tx, row, changes, { at: now.toISOString(), action: 'deadline', actor: SWEEP_ACTOR, data }, { bumpVersion: false });
      }
      if (rows.length) cursor = rows.at(-1)!.id;
      return rows.length < PAGE;
    });
    if (done) break;
  }
  return result;

  function sweepChanges(row: CaseRow, calendar: typeof cal, p: typeof policy, at: Date): Partial<CaseRow> {
    const changes: Partial<CaseRow> = {};
    if (row.status === 'dispatched' && row.dispatchedAt && row.signDueAt) {
      const sign = computeDue(calendar, { start: row.dispatchedAt, limit: p.sign[row.priority] }).at;
      if (sign.getTime() !== row.signDueAt.getTime()) changes.signDueAt = sign;
    }
    if (row.clockStartedAt && row.replyDueAt) {
      const reply = replyDue({ calendar, policy: p, now: at }, row);
      if (reply.getTime() !== row.replyDueAt.getTime()) changes.replyDueAt = reply;
    }
    const deadline = currentDeadline(calendar, p, { ...row, ...changes }, at);
    const state = deadline?.state ?? 'on_time';
    if (state !== row.dueState) {
      changes.dueState = state;
      if (state === 'overdue') changes.wasOverdue = true;
      const wanted = state === 'overdue' ? 'red' : state === 'due_soon' ? 'yellow' : null;
      if (wanted && LEVELS.indexOf(wanted) > LEVELS.indexOf(row.supervisionLevel ?? 'normal')) changes.supervisionLevel = wanted;
    }
    return changes;
  }
}
