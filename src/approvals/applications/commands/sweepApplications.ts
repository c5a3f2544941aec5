import { sql, queryRows, type Db } from '../../../platform/db/engine.js';
import type { Actor } from '../../../platform/actor.js';
import { appendEvent } from '../../../platform/lifecycle/index.js';
import { workingCalendar } from '../../../calendar/store.js';
import { toLocalDate } from '../../../calendar/rules.js';
import { moveStage } from '../join.js';
import { currentStage } from '../lifecycle.js';
import { applicationClock, clockInputOf, deemedAcceptedOnReceipt } from '../rules.js';
import { APPLICATION_STORE, saveStage } from '../store.js';
import { APPLICATION_DUE_SOON, APPLICATION_TYPE } from '../type.js';
import { closePauses } from './stages.js';

/** The sweep acts as the system, recorded as such on every application it touches. */
const SWEEP_ACTOR: Actor = { userId: null, name: 'system:application-sweep', roles: [], officeId: null, officePath: null };

export interface ApplicationSweepResult {
  /** Received, told nothing within 5 days: accepted on receipt (行政许可法 Art. 32). */
  deemedAccepted: number;
  /** Materials owed under deficiency acceptance past their deadline: the application ends. */
  ended: number;
  /** Running applications whose clock moved to due soon or overdue (or back, after an extension). */
  dueStateChanged: number;
}

/**
 * Walks the applications whose time has run out on their own: those told nothing within 5 days
 * of receipt count as accepted on receipt; those whose deficiency supplements missed their
 * deadline end, every open branch closed; running ones are marked due soon or overdue against
 * their committed limit (as cases are). Each is its own transaction, and one being changed
 * right now is skipped (locked) for the next sweep.
 */
export async function sweepApplications(db: Db, now = new Date()): Promise<ApplicationSweepResult> {
  const cal = await workingCalendar(db);
  const result: ApplicationSweepResult = { deemedAccepted: 0, ended: 0, dueStateChanged: 0 };
  // A 6-day look-back bounds the received ones to those that could be due; each is judged on its local dates below.
  const candidates = await queryRows<{ id: number }>(db, sql`select id from applications
    where (status = 'received' and notice_at is null and received_at < ${new Date(now.getTime() - 5 * 86_400_000).toISOString()}::timestamptz)
       or (status in ('accepted', 'in_review', 'approved') and deficiency_materials <> '{}' and supplement_due_at < ${now.toISOString()}::timestamptz)
       or status in ('accepted', 'in_review')
    order by id`);
  for (const { id } of candidates) {
    await db.transaction(async (tx) => {
      const [locked] = await queryRows<{ id: number }>(tx, sql`select id from applications where id = ${Number(id)} for update skip locked`);
      if (!locked) return;
      const row = (await APPLICATION_STORE.lock(tx, Number(id)))!;
      const at = { at: now.toISOString(), actor: SWEEP_ACTOR };
      if (row.status === 'received' && row.noticeAt === null
        && deemedAcceptedOnReceipt(toLocalDate(row.receivedAt, cal.officeHours), toLocalDate(now, cal.officeHours))) {
        await appendEvent(tx, APPLICATION_TYPE, row, { status: 'accepted', acceptedAt: row.receivedAt, deemedAccepted: true }, {
          ...at, action: 'deemed-accepted', data: { acceptedAt: row.receivedAt.toISOString() },
        });
        result.deemedAccepted++;
        return;
      }
      if (['accepted', 'in_review', 'approved'].includes(row.status) && row.deficiencyMaterials.length && row.supplementDueAt && row.supplementDueAt < now) {
        const stage = currentStage(row);
        if (stage?.status === 'open') {
          const moved = moveStage(stage, { action: 'withdraw' });
          if (moved.ok) await saveStage(tx, row.id, stage, moved.stage, now, SWEEP_ACTOR.name);
        }
        await appendEvent(tx, APPLICATION_TYPE, row, { status: 'ended', pauses: closePauses(row.pauses, now) }, {
          ...at, action: 'supplement-missed', data: { owed: row.deficiencyMaterials, supplementDueAt: row.supplementDueAt.toISOString() },
        });
        result.ended++;
        return;
      }
      if (row.status === 'accepted' || row.status === 'in_review') {
        const { state } = applicationClock(cal, APPLICATION_DUE_SOON, clockInputOf({ ...row, acceptedAt: row.acceptedAt! }, null), now);
        if (state === row.dueState) return;
        // Nobody's copy goes stale over the clock: the version stays.
        await appendEvent(tx, APPLICATION_TYPE, row, { dueState: state }, { ...at, action: 'deadline', data: { dueState: state } }, { bumpVersion: false });
        result.dueStateChanged++;
      }
    });
  }
  return result;
}
