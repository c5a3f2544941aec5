/**
 * Joint visits (联合入企): several departments' visits to one enterprise in one service week are
 * proposed as one; accepting merges them into one joint visit on one day, which counts once for
 * the enterprise (and once for each department against its own yearly limit).
 */
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, notFound } from '../platform/errors.js';
import { canRead, runAction } from '../platform/lifecycle/index.js';
import { IsoDate, Version } from '../platform/http/schemas.js';
import { isValidIsoDate, toLocalDate } from '../calendar/rules.js';
import { visibleVisits } from './queries.js';
import { VISIT_STORE, VISITS } from './store.js';
import { serviceWeekOf } from './rules.js';
import type { VisitType } from './type.js';
import type { VisitSettings } from './settings.js';
import type { VisitRow } from './lifecycle.js';

/** Visits that may still be merged: not yet happened or ended, not joint already. */
const OPEN = sql`v.status in ('filed', 'escalating', 'approved') and v.joint_visit_id is null and v.service_week is not null`;

export interface JointProposal {
  uscc: string;
  enterpriseName: string;
  /** YYYY-MM: the month whose service week they share. */
  month: string;
  serviceWeek: string[];
  /** The earliest of their days: a day in the service week they all keep. */
  proposedDate: string;
  visits: { id: number; officeId: number; officeName: string; plannedDate: string; status: string; version: number }[];
}

/** The proposals among the visits the actor may read: one enterprise, one service week, two departments or more. */
export async function jointProposals(db: Db, actor: Actor, settings: VisitSettings): Promise<JointProposal[]> {
  const visible = (await visibleVisits(db, actor)) ?? sql`false`;
  const rows = await queryRows<{ id: number; officeId: number; officeName: string; uscc: string; enterpriseName: string; plannedDate: string; status: string; version: number; serviceWeek: string }>(db,
    sql`select v.id, v.office_id as "officeId", o.name as "officeName", v.uscc, v.enterprise_name as "enterpriseName", to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate",
        v.status, v.version, v.service_week as "serviceWeek"
      from visits v join offices o on o.id = v.office_id
      where ${OPEN} and ${visible} and (v.uscc, v.service_week) in (
        select w.uscc, w.service_week from visits w where w.status in ('filed', 'escalating', 'approved') and w.joint_visit_id is null and w.service_week is not null
        group by w.uscc, w.service_week having count(distinct w.office_id) > 1)
      order by v.uscc, v.service_week, v.planned_date, v.id`);
  const groups = new Map<string, JointProposal>();
  for (const r of rows) {
    const key = `${r.uscc}|${r.serviceWeek}`;
    const g = groups.get(key) ?? { uscc: r.uscc, enterpriseName: r.enterpriseName, month: r.serviceWeek, serviceWeek: serviceWeekOf(settings.calendar, `${r.serviceWeek}-01`, settings.policy.serviceWeekDays), proposedDate: r.plannedDate, visits: [] };
    g.visits.push({ id: r.id, officeId: r.officeId, officeName: r.officeName, plannedDate: r.plannedDate, status: r.status, version: r.version });
    groups.set(key, g);
  }
  // The reader may see only one department's visit of a group: nothing to merge from where they stand.
  return [...groups.values()].filter((g) => new Set(g.visits.map((v) => v.officeId)).size > 1);
}

export const JointBody = Type.Object({
  visits: Type.Array(Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }), version: Version }, { additionalProperties: false }), { minItems: 2, maxItems: 20 }),
  plannedDate: Type.String({ ...IsoDate, description: 'The joint visit\'s day, in the service week the visits share' }),
}, { additionalProperties: false });

/**
 * Merges the visits into one joint visit, all or none, in one transaction: each visit's own
 * `join` action on the kernel (its checks: who may, its version, its status), after the checks
 * the merge needs of them together — one enterprise, two departments or more, the day in their
 * shared service week.
 */
export async function acceptJointVisit(db: Db, type: VisitType, actor: Actor, settings: VisitSettings, input: { visits: { id: number; version: number }[]; plannedDate: string }): Promise<VisitRow[]> {
  if (!isValidIsoDate(input.plannedDate)) throw badRequest('invalid_date', `日期无效：${input.plannedDate}`, `Not a valid date: ${input.plannedDate}`);
  const today = toLocalDate(new Date(), settings.officeHours);
  if (input.plannedDate < today) throw badRequest('date_in_past', `联合入企日期 ${input.plannedDate} 早于今天（${today}）`, `The joint visit's day ${input.plannedDate} is before today (${today})`);
  const ids = [...new Set(input.visits.map((v) => v.id))];
  if (ids.length !== input.visits.length) throw badRequest('duplicate_visit', '同一入企列了两次', 'A visit is listed twice');
  return db.transaction(async (tx) => {
    const rows = (await queryRows<Record<string, unknown>>(tx, sql`select ${VISITS.select} from visits v where v.id = any(${`{${ids.join(',')}}`}::bigint[]) order by v.id`)).map(VISITS.toRow);
    // Nothing is said about visits out of the actor's sight, before anything is said about them together.
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row || !canRead(type.lifecycle, actor.roles, await VISIT_STORE.relationsOf(tx, actor, row))) throw notFound(type.lifecycle.label, id);
    }
    if (new Set(rows.map((r) => r.uscc)).size > 1) throw badRequest('joint_different_enterprises', '联合入企只能合并对同一企业的入企', 'A joint visit merges visits to one enterprise only');
    if (new Set(rows.map((r) => r.officeId)).size < 2) throw badRequest('joint_one_department', '联合入企须由两个以上部门参加', 'A joint visit needs two departments or more');
    const week = serviceWeekOf(settings.calendar, input.plannedDate, settings.policy.serviceWeekDays);
    if (!week.includes(input.plannedDate) || rows.some((r) => r.serviceWeek !== input.plannedDate.slice(0, 7))) {
      throw badRequest('joint_outside_service_week', `联合入企日期须在这些入企共同的企业服务周内（${week.join('、')}）`, `The joint visit's day must be in the service week the visits share (${week.join(', ')})`);
    }
    const [{ id: jointVisitId }] = await queryRows<{ id: number }>(tx, sql`insert into joint_visits (uscc, planned_date, created_by, created_at)
      values (${rows[0].uscc}, ${input.plannedDate}::date, ${actor.userId}, now()) returning id`);
    const joined: VisitRow[] = [];
    for (const v of input.visits) joined.push(await runAction(tx, type, actor, { id: v.id, action: 'join', version: v.version, input: { jointVisitId: Number(jointVisitId), plannedDate: input.plannedDate } }));
    return joined;
  });
}
