/** Reading visits and plans as far as the reader may (the lifecycle's readers, in SQL), and their views. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { actionsFor, canRead } from '../platform/lifecycle/index.js';
import { findOffice } from '../offices/queries.js';
import { toLocalDate } from '../calendar/rules.js';
import { VISIT_STATUS_NAMES, type VisitStatus, type VisitView } from './contract.js';
import { PLAN_LIFECYCLE, visitLifecycle, type PlanRow, type VisitRow } from './lifecycle.js';
import { filedInYear, PLAN_STORE, PLANS, regionPrefix, VISIT_STORE, VISITS } from './store.js';
import { filingLate, inServiceWeek, serviceWeekOf, unscanned } from './rules.js';
import type { VisitSettings } from './settings.js';

const STAFF_ROLES = ['handler', 'supervisor', 'leader'];

/**
 * The visits (alias `v`) the actor may read, as a condition — the SQL form of the lifecycle's
 * readers (the escalation roles are staff roles: config.ts) —, or null when they may read none.
 */
export async function visibleVisits(db: Db, actor: Actor): Promise<SQL | null> {
  const parts: SQL[] = [];
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) parts.push(sql`v.uscc = ${actor.enterpriseUscc}`);
  if (actor.officePath && actor.officeId !== null) {
    if (actor.roles.some((r) => STAFF_ROLES.includes(r))) {
      parts.push(sql`exists (select 1 from offices vo where vo.id = v.office_id and vo.path like ${`${actor.officePath}%`})`);
    }
    const own = await findOffice(db, actor.officeId);
    if (own?.kind === 'business_environment_office' && actor.roles.some((r) => STAFF_ROLES.includes(r))) parts.push(sql`v.region_code like ${`${regionPrefix(own.regionCode)}%`}`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

export interface VisitFilter {
  status?: VisitStatus[];
  officeId?: number;
  uscc?: string;
  year?: number;
  month?: string;
  /** Planned in these months (YYYY-MM), as the figures count them. */
  monthFrom?: string;
  monthTo?: string;
  flag?: 'unscanned' | 'late_filing' | 'escalated' | 'outside_service_week' | 'joint';
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The conditions of a filter (today decides unscanned and late filing). */
/** Filed after its last working day, or still not filed after it. */
export const lateFiling = (today: string, offsetMinutes: number) =>
  sql`(v.filing_due_on is not null and (v.filed_at is null and v.filing_due_on < ${today}::date or ${localDateOf('v.filed_at', offsetMinutes)} > v.filing_due_on))`;

/** A timestamp column's local date in the office's time zone. */
export const localDateOf = (column: string, offsetMinutes: number) => sql`((${sql.raw(column)} at time zone 'UTC') + make_interval(mins => ${offsetMinutes}))::date`;

export function filterConditions(f: VisitFilter, today: string, offsetMinutes: number): SQL[] {
  const where: SQL[] = [];
  if (f.status?.length) where.push(sql`v.status = any(${`{${f.status.join(',')}}`}::text[])`);
  if (f.officeId) where.push(sql`exists (select 1 from offices fo, offices fv where fo.id = ${f.officeId} and fv.id = v.office_id and fv.path like fo.path || '%')`);
  if (f.uscc) where.push(sql`v.uscc = ${f.uscc}`);
  if (f.year) where.push(sql`extract(year from v.planned_date) = ${f.year}`);
  if (f.month) where.push(sql`to_char(v.planned_date, 'YYYY-MM') = ${f.month}`);
  if (f.monthFrom) where.push(sql`to_char(v.planned_date, 'YYYY-MM') >= ${f.monthFrom}`);
  if (f.monthTo) where.push(sql`to_char(v.planned_date, 'YYYY-MM') <= ${f.monthTo}`);
  if (f.q?.trim()) where.push(sql`(v.enterprise_name like ${`%${f.q.trim().replace(/[\\%_]/g, '\\$&')}%`} or v.purpose like ${`%${f.q.trim().replace(/[\\%_]/g, '\\$&')}%`})`);
  switch (f.flag) {
    case 'unscanned': where.push(sql`v.status = 'approved' and v.planned_date < ${today}::date`); break;
    case 'late_filing': where.push(lateFiling(today, offsetMinutes)); break;
    case 'escalated': where.push(sql`cardinality(v.escalation) > 0`); break;
    case 'outside_service_week': where.push(sql`'outside_service_week' = any(v.escalation)`); break;
    case 'joint': where.push(sql`v.joint_visit_id is not null`); break;
  }
  return where;
}

/** A visit as the viewer may see it: the code for those who show or scan it, the rating for the enterprise alone. */
export async function visitView(db: Db, actor: Actor, settings: VisitSettings, row: VisitRow, publicUrl: string): Promise<VisitView> {
  const lifecycle = visitLifecycle(settings.policy);
  const relations = await VISIT_STORE.relationsOf(db, actor, row);
  const { actions, blockedActions } = actionsFor(lifecycle, row, actor.roles, relations);
  const today = toLocalDate(new Date(), settings.officeHours);
  const office = await findOffice(db, row.officeId);
  const isEnterprise = relations.includes('enterprise');
  let rating: VisitView['rating'] = null;
  if (isEnterprise && row.status === 'rated') {
    const [r] = await queryRows<{ conduct: number; burden: number; usefulness: number; comment: string | null; complaint: boolean; complaint_text: string | null }>(db,
      sql`select conduct, burden, usefulness, comment, complaint, complaint_text from visit_ratings where visit_id = ${row.id}`);
    if (r) rating = { conduct: r.conduct, burden: r.burden, usefulness: r.usefulness, comment: r.comment ?? undefined, complaint: r.complaint, complaintText: r.complaint_text ?? undefined };
  }
  const showsCode = row.code && row.status === 'approved' && (relations.includes('department') || isEnterprise);
  const filedOn = row.filedAt ? toLocalDate(row.filedAt, settings.officeHours) : null;
  return {
    id: row.id, officeId: row.officeId, officeName: office?.name ?? '', uscc: row.uscc, enterpriseName: row.enterpriseName, purpose: row.purpose, kind: row.kind,
    plannedDate: row.plannedDate, members: row.members, status: row.status, statusName: VISIT_STATUS_NAMES[row.status],
    serviceWeek: serviceWeekOf(settings.calendar, row.plannedDate, settings.policy.serviceWeekDays),
    inServiceWeek: inServiceWeek(settings.calendar, row.plannedDate, settings.policy.serviceWeekDays),
    escalation: row.escalation, exception: row.exception, exceptionReason: row.exceptionReason, emergency: row.emergency, emergencyReason: row.emergencyReason,
    approvedAt: row.approvedAt?.toISOString() ?? null, approvedBy: row.approvedBy, escalatedApprovedBy: row.escalatedApprovedBy,
    filingDueOn: row.filingDueOn, filedAt: row.filedAt?.toISOString() ?? null, filingLate: filingLate(row.filingDueOn, filedOn, today),
    scannedAt: row.scannedAt?.toISOString() ?? null, unscanned: unscanned(row.status, row.plannedDate, today), jointVisitId: row.jointVisitId,
    code: showsCode ? row.code : null, codeUrl: showsCode ? `${publicUrl}/public/visit-codes/${row.code}` : null,
    rating, version: row.version, actions, blockedActions,
  };
}

/** One visit, or 404 when it does not exist or the actor may not read it. */
export async function readVisit(db: Db, actor: Actor, settings: VisitSettings, id: number): Promise<VisitRow> {
  const row = await VISITS.load(db, id);
  const lifecycle = visitLifecycle(settings.policy);
  if (!row || !canRead(lifecycle, actor.roles, await VISIT_STORE.relationsOf(db, actor, row))) throw notFound(lifecycle.label, id);
  return row;
}

export async function listVisits(db: Db, actor: Actor, settings: VisitSettings, f: VisitFilter, publicUrl: string): Promise<{ items: VisitView[]; total: number; page: number; pageSize: number }> {
  const today = toLocalDate(new Date(), settings.officeHours);
  const where = sql.join([(await visibleVisits(db, actor)) ?? sql`false`, ...filterConditions(f, today, settings.officeHours.timeZoneOffsetMinutes)], sql` and `);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const [rows, [{ total }]] = await Promise.all([
    queryRows<Record<string, unknown>>(db, sql`select ${VISITS.select} from visits v where ${where} order by v.planned_date desc, v.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from visits v where ${where}`),
  ]);
  const items: VisitView[] = [];
  for (const r of rows) items.push(await visitView(db, actor, settings, VISITS.toRow(r), publicUrl));
  return { items, total, page, pageSize };
}

export interface PlanView extends PlanRow {
  officeName: string;
  /** Visits the department has filed this year that count against the plan, inspections on site included. */
  filed: number;
  actions: string[];
}

export async function planView(db: Db, actor: Actor, row: PlanRow): Promise<PlanView> {
  const relations = await PLAN_STORE.relationsOf(db, actor, row);
  const filed = await filedInYear(db, row.officeId, row.year);
  return { ...row, officeName: (await findOffice(db, row.officeId))?.name ?? '', filed, actions: actionsFor(PLAN_LIFECYCLE, row, actor.roles, relations).actions };
}

export async function readPlan(db: Db, actor: Actor, id: number): Promise<PlanRow> {
  const row = await PLANS.load(db, id);
  if (!row || !canRead(PLAN_LIFECYCLE, actor.roles, await PLAN_STORE.relationsOf(db, actor, row))) throw notFound(PLAN_LIFECYCLE.label, id);
  return row;
}

/** Plans of the year the actor may read: their subtree's, and for a business-environment office its region's. */
export async function listPlans(db: Db, actor: Actor, year: number | undefined): Promise<PlanView[]> {
  if (!actor.officePath || !actor.roles.some((r) => STAFF_ROLES.includes(r))) return [];
  const own = actor.officeId !== null ? await findOffice(db, actor.officeId) : null;
  const region = own?.kind === 'business_environment_office' ? sql` or po.region_code like ${`${regionPrefix(own.regionCode)}%`}` : sql``;
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${PLANS.select} from visit_plans p join offices po on po.id = p.office_id
    where (po.path like ${`${actor.officePath}%`}${region}) ${year ? sql`and p.year = ${year}` : sql``} order by p.year desc, po.name`);
  const views: PlanView[] = [];
  for (const r of rows) views.push(await planView(db, actor, PLANS.toRow(r)));
  return views;
}
