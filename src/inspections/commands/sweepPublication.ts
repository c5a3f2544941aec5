import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { appendEvent } from '../../platform/lifecycle/index.js';
import { workingCalendar } from '../../calendar/store.js';
import { toLocalDate } from '../../calendar/rules.js';
import { publicationDueState } from '../rules.js';
import { TASK_STORE } from '../store.js';
import { TASK_TYPE } from '../type.js';

/** The sweep acts as the system, recorded as such on every task it touches. */
const SWEEP_ACTOR: Actor = { userId: null, name: 'system:inspection-sweep', roles: [], officeId: null, officePath: null };

/**
 * Marks committed and drawn tasks due soon (3 working days before) or overdue against the
 * publication due date (20 working days after the period), each an event of its own with the
 * version kept, so nobody's copy goes stale over the clock. A task locked right now waits for
 * the next sweep.
 */
export async function sweepPublication(db: Db, now = new Date()): Promise<{ dueStateChanged: number }> {
  const cal = await workingCalendar(db);
  const today = toLocalDate(now, cal.officeHours);
  const open = await queryRows<{ id: number }>(db, sql`select id from inspection_tasks where status in ('committed', 'drawn') order by id`);
  let dueStateChanged = 0;
  for (const { id } of open) {
    await db.transaction(async (tx) => {
      const [locked] = await queryRows<{ id: number }>(tx, sql`select id from inspection_tasks where id = ${Number(id)} for update skip locked`);
      if (!locked) return;
      const row = (await TASK_STORE.lock(tx, Number(id)))!;
      const state = publicationDueState(cal, row.publicationDue, today);
      if (state === row.dueState) return;
      await appendEvent(tx, TASK_TYPE, row, { dueState: state }, { at: now.toISOString(), actor: SWEEP_ACTOR, action: 'deadline', data: { dueState: state, publicationDue: row.publicationDue } }, { bumpVersion: false });
      dueStateChanged++;
    });
  }
  return { dueStateChanged };
}
