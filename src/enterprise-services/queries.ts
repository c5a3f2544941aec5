/** Reading service visits: the scoped list, one visit with its matters' cases and actions, its events, and the year's figures. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { actionsFor, canRead, listEvents, type ChainedEvent } from '../platform/lifecycle/index.js';
import { startingWith } from '../platform/db/like.js';
import { seesEverything } from '../auth/permissions.js';
import { casesRaisedBy, solvedRaisedCount } from '../cases/origins.js';
import { SERVICE_VISIT_LIFECYCLE, relationsTo, type ServiceVisitItem, type ServiceVisitRow } from './lifecycle.js';
import { SERVICE_VISIT_CHAIN, SERVICE_VISIT_SOURCE, SERVICE_VISITS, withStanding } from './store.js';
import type { ServiceVisitFigures, ServiceVisitKind, ServiceVisitStatus, ServiceVisitSummary, ServiceVisitView } from './contract.js';

const LABEL = SERVICE_VISIT_LIFECYCLE.label;

const ORGANISER_READERS = new Set(SERVICE_VISIT_LIFECYCLE.readers.filter((p) => p.relation === 'organiser').map((p) => p.role));

/** The visits the actor may read, as SQL over `service_visits v`: the lifecycle's readers, mirrored. */
export function visibleServiceVisits(actor: Actor): SQL {
  if (seesEverything(actor)) return sql`true`;
  const parts: SQL[] = [];
  if (actor.officePath && actor.roles.some((r) => ORGANISER_READERS.has(r))) {
    parts.push(sql`exists (select 1 from offices o where o.id = v.office_id and o.path like ${startingWith(actor.officePath)})`);
  }
  if (actor.roles.includes('leader') && actor.userId !== null) parts.push(sql`v.leader_user_id = ${actor.userId}`);
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) parts.push(sql`v.uscc = ${actor.enterpriseUscc}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

async function readable(db: Db, actor: Actor, id: number): Promise<ServiceVisitItem> {
  const row = await SERVICE_VISITS.load(db, id);
  const item = row && await withStanding(db, row);
  if (!item || !canRead(SERVICE_VISIT_LIFECYCLE, actor.roles, relationsTo(actor, item))) throw notFound(LABEL, id);
  return item;
}

async function names(db: Db, v: ServiceVisitRow): Promise<{ officeName: string; leaderName: string | null }> {
  const [r] = await queryRows<{ office: string; leader: string | null }>(db, sql`
    select o.name as office, u.name as leader from offices o left join users u on u.id = ${v.leaderUserId} where o.id = ${v.officeId}`);
  return { officeName: r.office, leaderName: r.leader };
}

export async function serviceVisitView(db: Db, actor: Actor, item: ServiceVisitItem): Promise<ServiceVisitView> {
  const raised = new Map(((await casesRaisedBy(db, SERVICE_VISIT_SOURCE, [item.id])).get(item.id) ?? []).map((c) => [c.key, c]));
  // An enterprise reads the visit to itself; its own cases it may follow on its portal.
  const matters = item.matters.map((m) => {
    const c = raised.get(m.key);
    return { ...m, case: c ? { id: c.caseId, code: c.code, status: c.status, statusName: c.statusName, solved: c.solved } : null };
  });
  const problems = matters.filter((m) => m.kind === 'problem');
  return {
    id: item.id, status: item.status, version: item.version, kind: item.kind, uscc: item.uscc, enterpriseName: item.enterpriseName,
    officeId: item.officeId, ...(await names(db, item)), leaderUserId: item.leaderUserId, plannedOn: item.plannedOn, heldOn: item.heldOn,
    members: item.members, purpose: item.purpose, summary: item.summary, matters,
    problems: problems.length, solved: problems.filter((m) => m.case?.solved).length, createdAt: item.createdAt.toISOString(),
    ...actionsFor(SERVICE_VISIT_LIFECYCLE, item, actor.roles, relationsTo(actor, item)),
  };
}

export async function getServiceVisit(db: Db, actor: Actor, id: number): Promise<ServiceVisitView> {
  return serviceVisitView(db, actor, await readable(db, actor, id));
}

export async function serviceVisitEvents(db: Db, actor: Actor, id: number): Promise<ChainedEvent[]> {
  await readable(db, actor, id);
  return listEvents(db, SERVICE_VISIT_CHAIN, id);
}

export interface ServiceVisitQuery {
  status?: ServiceVisitStatus;
  kind?: ServiceVisitKind;
  uscc?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** Problems raised and how many of their cases have their answer, per visit (one grouped read). */
const PROBLEM_COUNTS = sql`
  (select count(*)::int from jsonb_array_elements(v.matters) m where m->>'kind' = 'problem') as problems,
  ${solvedRaisedCount(SERVICE_VISIT_SOURCE, sql`v.id`)} as solved`;

export async function listServiceVisits(db: Db, actor: Actor, q: ServiceVisitQuery): Promise<{ items: ServiceVisitSummary[]; total: number; page: number; pageSize: number }> {
  const where = [visibleServiceVisits(actor)];
  if (q.status) where.push(sql`v.status = ${q.status}`);
  if (q.kind) where.push(sql`v.kind = ${q.kind}`);
  if (q.uscc) where.push(sql`v.uscc = ${q.uscc}`);
  if (q.from) where.push(sql`v.planned_on >= ${q.from}::date`);
  if (q.to) where.push(sql`v.planned_on <= ${q.to}::date`);
  const cond = sql.join(where, sql` and `);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from service_visits v where ${cond}`);
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select ${SERVICE_VISITS.select}, o.name as "officeName", u.name as "leaderName", ${PROBLEM_COUNTS}
    from service_visits v join offices o on o.id = v.office_id left join users u on u.id = v.leader_user_id
    where ${cond} order by v.planned_on desc, v.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`);
  const items = rows.map((r) => {
    const v = SERVICE_VISITS.toRow(r);
    return {
      id: v.id, status: v.status, version: v.version, kind: v.kind, uscc: v.uscc, enterpriseName: v.enterpriseName, officeId: v.officeId,
      officeName: r.officeName as string, leaderUserId: v.leaderUserId, leaderName: (r.leaderName as string | null) ?? null, plannedOn: v.plannedOn,
      heldOn: v.heldOn, problems: Number(r.problems), solved: Number(r.solved), createdAt: v.createdAt.toISOString(),
    };
  });
  return { items, total, page, pageSize };
}

/** A year's visits by organising office, as far as the actor may read them: visits, held, problems (线索) and solved, needs and suggestions. */
export async function serviceVisitFigures(db: Db, actor: Actor, year: number): Promise<ServiceVisitFigures> {
  const rows = await queryRows<ServiceVisitFigures['rows'][number]>(db, sql`
    with visits as (
      select v.office_id, v.status, v.matters, ${PROBLEM_COUNTS} from service_visits v
      where ${visibleServiceVisits(actor)} and v.status <> 'cancelled' and v.planned_on >= ${`${year}-01-01`}::date and v.planned_on <= ${`${year}-12-31`}::date)
    select o.id as "officeId", o.name as "officeName", count(*)::int as visits,
      count(*) filter (where s.status in ('held', 'closed'))::int as held, coalesce(sum(s.problems), 0)::int as problems, coalesce(sum(s.solved), 0)::int as solved,
      coalesce(sum((select count(*) from jsonb_array_elements(s.matters) m where m->>'kind' = 'need')), 0)::int as needs,
      coalesce(sum((select count(*) from jsonb_array_elements(s.matters) m where m->>'kind' = 'suggestion')), 0)::int as suggestions
    from visits s join offices o on o.id = s.office_id group by o.id, o.name order by o.name`);
  return { year, rows };
}
