/**
 * Supervision of proactive tasks as of cases: running tasks are marked due soon or overdue
 * against their deadline on the working clock, each change an event (`deadline`, which leaves the
 * version alone) that the notifications follow. Each task is its own transaction; one being
 * changed right now is skipped (locked) for the next sweep, so several processes may sweep at once.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { appendEvent } from '../platform/lifecycle/index.js';
import { workingCalendar } from '../calendar/store.js';
import { dueState, type DueSoonRule } from '../calendar/working-time.js';
import { TASKS } from './store.js';
import { TASK_TYPE } from './type.js';

const SWEEP_ACTOR: Actor = { userId: null, name: 'system:proactive-sweep', roles: [], officeId: null, officePath: null };
/** Due soon with a fifth of the time left, or one office day (7 h), whichever is more. */
export const TASK_DUE_SOON: DueSoonRule = { fraction: 0.2, minMinutes: 7 * 60 };

export async function sweepTasks(db: Db, now = new Date()): Promise<{ checked: number; changed: number }> {
  const cal = await workingCalendar(db);
  const open = await queryRows<{ id: number }>(db, sql`select id::int as id from proactive_tasks where status <> 'finished' order by id`);
  let changed = 0;
  for (const { id } of open) {
    await db.transaction(async (tx) => {
      const [locked] = await queryRows(tx, sql`select id from proactive_tasks where id = ${id} for update skip locked`);
      if (!locked) return;
      const row = (await TASKS.lock(tx, id))!;
      if (row.status === 'finished') return;
      const { state } = dueState(cal, TASK_DUE_SOON, { startedAt: row.createdAt, dueAt: row.dueAt }, now);
      if (state === row.dueState) return;
      await appendEvent(tx, TASK_TYPE, row, { dueState: state, wasOverdue: row.wasOverdue || state === 'overdue' }, {
        at: now.toISOString(), action: 'deadline', actor: SWEEP_ACTOR, data: { dueState: state },
      }, { bumpVersion: false });
      changed++;
    });
  }
  return { checked: open.length, changed };
}
