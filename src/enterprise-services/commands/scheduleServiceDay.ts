/**
 * The monthly enterprise service day (企业服务日): every leader visits the enterprises assigned to
 * them (包联). Scheduling plans one visit per assignment in force that day, on the service day
 * (rules.ts), organised by the leader's office — once: scheduling the month again plans only
 * what is missing.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { requireRole } from '../../auth/permissions.js';
import { workingCalendar } from '../../calendar/store.js';
import { serviceDayOf } from '../rules.js';
import { listLeaderAssignments } from '../assignments.js';
import { planServiceVisit } from '../type.js';

export interface ServiceDaySchedule {
  month: string;
  serviceDay: string;
  planned: number[];
  alreadyPlanned: number;
}

export async function scheduleServiceDay(db: Db, actor: Actor, month: string, dayOfMonth: number): Promise<ServiceDaySchedule> {
  requireRole(actor, ['admin', 'leader'], { zh: '安排企业服务日走访', en: 'schedule the enterprise service day' });
  const [year, m] = month.split('-').map(Number);
  const serviceDay = serviceDayOf(await workingCalendar(db), year, m, dayOfMonth);
  // The assignments the actor may read whose leader belongs to the actor's subtree: planning checks that again, per visit.
  const assignments = await listLeaderAssignments(db, actor, { activeOn: serviceDay });
  const scheduled = new Set((await queryRows<{ assignment_id: number }>(db, sql`
    select assignment_id from service_visits where service_month = ${month} and assignment_id is not null`)).map((r) => Number(r.assignment_id)));
  const planned: number[] = [];
  for (const a of assignments.filter((x) => !scheduled.has(x.id))) {
    const visit = await planServiceVisit(db, actor, {
      kind: 'service_day', uscc: a.uscc, officeId: a.leaderOfficeId, leaderUserId: a.leaderUserId, plannedOn: serviceDay,
      purpose: `企业服务日包联走访（${year}年${m}月）`,
    }, { assignmentId: a.id, serviceMonth: month });
    planned.push(visit.id);
  }
  return { month, serviceDay, planned, alreadyPlanned: assignments.length - planned.length };
}
