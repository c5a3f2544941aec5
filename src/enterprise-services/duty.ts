/**
 * The leaders' hotline duty (领导坐班接听): each leader of an office sits half a day on the hotline
 * in the month's third week (rules.ts). An administrator or leader of the office draws up the
 * month's roster from its leaders; the roster shows the calls each leader took in their half day.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { badRequest, notFound } from '../platform/errors.js';
import { requireOfficeInScope, requireRole, seesEverything } from '../auth/permissions.js';
import { recordAudit } from '../audit/record.js';
import { workingCalendar } from '../calendar/store.js';
import { findOffice } from '../offices/queries.js';
import { leaderHotlineCalls } from '../cases/leader-calls.js';
import { dutyRoster, halfDayBounds } from './rules.js';
import type { DutyHalf, DutySlotView } from './contract.js';

const MANAGERS: readonly Role[] = ['admin', 'leader'];
const READERS: readonly Role[] = ['admin', 'leader', 'supervisor', 'agent', 'dispatcher'];
const OFFICE = { zh: '单位', en: 'office' };

const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return { year: y, month: m, first: `${month}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
};

async function officeFor(db: Db, actor: Actor, officeId: number, roles: readonly Role[], what: { zh: string; en: string }) {
  requireRole(actor, roles, what);
  const office = await findOffice(db, officeId);
  if (!office) throw notFound(OFFICE, officeId);
  if (!seesEverything(actor)) requireOfficeInScope(actor, office.path, office.name);
  return office;
}

/** The month's roster of an office, each half day with the calls its leader took then. */
export async function dutyMonth(db: Db, actor: Actor, officeId: number, month: string): Promise<{ officeId: number; officeName: string; month: string; slots: DutySlotView[] }> {
  const office = await officeFor(db, actor, officeId, READERS, { zh: '查看领导坐班表', en: 'read the leaders\' hotline duty roster' });
  const { first, last } = monthBounds(month);
  const rows = await queryRows<{ id: number; date: string; half: DutyHalf; leaderUserId: number; leaderName: string }>(db, sql`
    select s.id, to_char(s.duty_on, 'YYYY-MM-DD') as date, s.half, s.leader_user_id as "leaderUserId", u.name as "leaderName"
    from leader_duty_slots s join users u on u.id = s.leader_user_id
    where s.office_id = ${officeId} and s.duty_on between ${first}::date and ${last}::date order by s.duty_on, s.half, u.name`);
  const cal = await workingCalendar(db);
  const slots = await Promise.all(rows.map(async (r) => {
    const { from, to } = halfDayBounds(cal, r.date, r.half);
    const calls = await leaderHotlineCalls(db, [r.leaderUserId], from, to);
    return { ...r, id: Number(r.id), calls: calls.map(({ leaderUserId: _, ...c }) => c) };
  }));
  return { officeId, officeName: office.name, month, slots };
}

/**
 * Draws up the month's roster from the office's active leaders, replacing the month's earlier
 * roster of that office (audited with both).
 */
export async function scheduleDuty(db: Db, actor: Actor, officeId: number, month: string) {
  const office = await officeFor(db, actor, officeId, MANAGERS, { zh: '安排领导坐班', en: 'draw up the leaders\' hotline duty' });
  const { year, month: m, first, last } = monthBounds(month);
  const cal = await workingCalendar(db);
  const leaders = await queryRows<{ id: number }>(db, sql`
    select id from users where office_id = ${officeId} and active and 'leader' = any(roles) order by name, id`);
  if (!leaders.length) throw badRequest('no_leaders', `${office.name} 没有在岗的领导，无法安排坐班`, `${office.name} has no active leaders to put on duty`);
  const roster = dutyRoster(cal, year, m, leaders.map((l) => Number(l.id)));
  if (!roster.length) throw badRequest('no_duty_days', `${month} 第三周没有工作日，无法安排坐班`, `The third week of ${month} has no working day to put leaders on duty`);
  await db.transaction(async (tx) => {
    const before = await queryRows<{ date: string; half: string; leaderUserId: number }>(tx, sql`
      delete from leader_duty_slots where office_id = ${officeId} and duty_on between ${first}::date and ${last}::date
      returning to_char(duty_on, 'YYYY-MM-DD') as date, half, leader_user_id as "leaderUserId"`);
    for (const s of roster) {
      await tx.execute(sql`insert into leader_duty_slots (office_id, duty_on, half, leader_user_id) values (${officeId}, ${s.date}::date, ${s.half}, ${s.leaderUserId})`);
    }
    await recordAudit(tx, actor, { action: 'leader_duty.schedule', entityType: 'leader_duty', entityId: `${officeId}:${month}`, before: before.length ? before : null, after: roster });
  });
  return dutyMonth(db, actor, officeId, month);
}
