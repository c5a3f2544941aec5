/**
 * Leaders assigned to key enterprises (包联): a leader answers for an enterprise over a period and
 * visits it on the service day. An administrator or leader assigns the leaders of their office
 * and the offices under it; those and the assigned leader read the assignment, and the
 * enterprise reads who its leader is. Each change is audited.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { badRequest, forbidden, notFound, staleVersion } from '../platform/errors.js';
import { startingWith } from '../platform/db/like.js';
import { hasAnyRole, requireRole, seesEverything } from '../auth/permissions.js';
import { recordAudit } from '../audit/record.js';
import { isValidIsoDate } from '../calendar/rules.js';
import { findUser } from '../people/queries.js';
import { findOffice } from '../offices/queries.js';
import { findEnterprise, findEnterprisesByUscc, normaliseUscc } from '../enterprises/index.js';
import type { LeaderAssignmentView } from './contract.js';

const ASSIGNMENT = { zh: '包联关系', en: 'leader assignment' };
const MANAGERS: readonly Role[] = ['admin', 'leader'];
const READERS: readonly Role[] = ['admin', 'leader', 'supervisor'];

/** The assignments the actor may read, as SQL over `leader_assignments a` joined to the leader `u`. */
function visibleAssignments(actor: Actor): SQL {
  if (seesEverything(actor)) return sql`true`;
  const parts: SQL[] = [];
  if (actor.officePath && hasAnyRole(actor, READERS)) {
    parts.push(sql`exists (select 1 from offices o where o.id = u.office_id and o.path like ${startingWith(actor.officePath)})`);
  }
  if (actor.userId !== null) parts.push(sql`a.leader_user_id = ${actor.userId}`);
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) parts.push(sql`a.uscc = ${actor.enterpriseUscc}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const SELECT = sql`a.id, a.version, a.leader_user_id as "leaderUserId", u.name as "leaderName", u.office_id as "leaderOfficeId", a.uscc,
  to_char(a.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') as "endsOn", a.note`;
const FROM = sql`leader_assignments a join users u on u.id = a.leader_user_id`;

type AssignmentRow = Omit<LeaderAssignmentView, 'enterpriseName'>;

/** The enterprises' names, as the registry holds them now. */
async function named(db: Db, rows: AssignmentRow[]): Promise<LeaderAssignmentView[]> {
  const enterprises = await findEnterprisesByUscc(db, [...new Set(rows.map((r) => r.uscc))]);
  return rows.map((r) => ({ ...r, id: Number(r.id), enterpriseName: enterprises.get(r.uscc)?.name ?? r.uscc }));
}

export async function listLeaderAssignments(db: Db, actor: Actor, q: { uscc?: string; leaderUserId?: number; activeOn?: string }): Promise<LeaderAssignmentView[]> {
  const where = [visibleAssignments(actor)];
  if (q.uscc) where.push(sql`a.uscc = ${normaliseUscc(q.uscc)}`);
  if (q.leaderUserId) where.push(sql`a.leader_user_id = ${q.leaderUserId}`);
  if (q.activeOn) where.push(sql`a.starts_on <= ${q.activeOn}::date and (a.ends_on is null or a.ends_on >= ${q.activeOn}::date)`);
  return named(db, await queryRows<AssignmentRow>(db, sql`select ${SELECT} from ${FROM} where ${sql.join(where, sql` and `)} order by u.name, a.uscc, a.id`));
}

async function loadAssignment(db: Db, id: number, lock = false): Promise<LeaderAssignmentView | null> {
  const rows = await queryRows<AssignmentRow>(db, sql`select ${SELECT} from ${FROM} where a.id = ${id}${lock ? sql` for update of a` : sql``}`);
  return rows.length ? (await named(db, rows))[0] : null;
}

/** The leader may be assigned by this actor: an active leader of the actor's office or one under it. */
async function checkLeader(db: Db, actor: Actor, leaderUserId: number): Promise<void> {
  const leader = await findUser(db, leaderUserId);
  if (!leader || !leader.active || !leader.roles.includes('leader') || leader.officeId === null) {
    throw badRequest('not_a_leader', `用户 ${leaderUserId} 不是在岗的单位领导`, `User ${leaderUserId} is not an active leader of an office`);
  }
  if (seesEverything(actor)) return;
  const office = await findOffice(db, leader.officeId);
  if (!actor.officePath || !office!.path.startsWith(actor.officePath)) {
    throw forbidden(`${leader.name} 不是本单位或下级单位的领导，不能由您安排包联`, `${leader.name} is not a leader of your office or one under it; you cannot assign them`);
  }
}

function checkDates(startsOn: string, endsOn: string | null): void {
  for (const d of [startsOn, endsOn]) if (d !== null && !isValidIsoDate(d)) throw badRequest('invalid_date', `日期 ${d} 不存在`, `There is no date ${d}`);
  if (endsOn !== null && endsOn < startsOn) throw badRequest('ends_before_start', '结束日期早于开始日期', 'The end date is before the start date');
}

export interface AssignmentInput {
  leaderUserId: number;
  uscc: string;
  startsOn: string;
  endsOn?: string | null;
  note?: string | null;
}

export async function assignLeader(db: Db, actor: Actor, input: AssignmentInput): Promise<LeaderAssignmentView> {
  requireRole(actor, MANAGERS, { zh: '安排包联', en: 'assign leaders to enterprises' });
  const endsOn = input.endsOn ?? null;
  checkDates(input.startsOn, endsOn);
  const uscc = normaliseUscc(input.uscc);
  return db.transaction(async (tx) => {
    await checkLeader(tx, actor, input.leaderUserId);
    const enterprise = await findEnterprise(tx, uscc, { lock: true });
    if (!enterprise) throw badRequest('unknown_enterprise', `企业库中没有统一社会信用代码为 ${uscc} 的企业`, `The enterprise registry holds no enterprise ${uscc}`);
    if (!enterprise.keyEnterprise) {
      throw badRequest('not_key_enterprise', `${enterprise.name} 不是重点企业：包联只安排给重点企业（先在企业库中标记）`, `${enterprise.name} is not a key enterprise: leaders are assigned to key enterprises (mark it in the registry first)`);
    }
    const [overlap] = await queryRows<{ id: number }>(tx, sql`select id from leader_assignments where leader_user_id = ${input.leaderUserId} and uscc = ${uscc}
      and (ends_on is null or ends_on >= ${input.startsOn}::date) and (${endsOn}::date is null or starts_on <= ${endsOn}::date)`);
    if (overlap) throw badRequest('assignment_overlaps', `该领导在这段时间已包联 ${enterprise.name}（#${overlap.id}）`, `This leader is already assigned to ${enterprise.name} for part of that period (#${overlap.id})`);
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into leader_assignments (leader_user_id, uscc, starts_on, ends_on, note)
      values (${input.leaderUserId}, ${uscc}, ${input.startsOn}::date, ${endsOn}::date, ${input.note?.trim() || null}) returning id`);
    const created = (await loadAssignment(tx, Number(id)))!;
    await recordAudit(tx, actor, { action: 'leader_assignment.create', entityType: 'leader_assignment', entityId: created.id, after: created });
    return created;
  });
}

export async function changeLeaderAssignment(db: Db, actor: Actor, id: number, input: { version: number; endsOn?: string | null; note?: string | null }): Promise<LeaderAssignmentView> {
  requireRole(actor, MANAGERS, { zh: '修改包联', en: 'change leader assignments' });
  return db.transaction(async (tx) => {
    const before = await loadAssignment(tx, id, true);
    const [visible] = before ? await queryRows<{ ok: boolean }>(tx, sql`select true as ok from ${FROM} where a.id = ${id} and ${visibleAssignments(actor)}`) : [];
    if (!before || !visible) throw notFound(ASSIGNMENT, id);
    await checkLeader(tx, actor, before.leaderUserId);
    if (before.version !== input.version) throw staleVersion(ASSIGNMENT, before.version);
    const endsOn = input.endsOn === undefined ? before.endsOn : input.endsOn;
    checkDates(before.startsOn, endsOn);
    const note = input.note === undefined ? before.note : input.note?.trim() || null;
    await tx.execute(sql`update leader_assignments set ends_on = ${endsOn}::date, note = ${note}, version = version + 1 where id = ${id}`);
    const after = (await loadAssignment(tx, id))!;
    await recordAudit(tx, actor, { action: 'leader_assignment.update', entityType: 'leader_assignment', entityId: id, before, after });
    return after;
  });
}

/** The leaders this actor may assign: active leaders of their office and the offices under it (all, for the system administrator). */
export async function assignableLeaders(db: Db, actor: Actor): Promise<{ id: number; name: string; officeId: number; officeName: string }[]> {
  requireRole(actor, MANAGERS, { zh: '安排包联', en: 'assign leaders to enterprises' });
  const scope = seesEverything(actor) ? sql`true` : actor.officePath ? sql`o.path like ${startingWith(actor.officePath)}` : sql`false`;
  const rows = await queryRows<{ id: number; name: string; officeId: number; officeName: string }>(db, sql`
    select u.id, u.name, u.office_id as "officeId", o.name as "officeName" from users u join offices o on o.id = u.office_id
    where u.active and 'leader' = any(u.roles) and ${scope} order by o.path, u.name`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
