/** Reading and writing visits and plans, and how an actor stands to them (I/O; the rules live in rules.ts and lifecycle.ts). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { itemTable, type ColumnMap, type ItemStore } from '../platform/lifecycle/index.js';
import { findOffice } from '../offices/queries.js';
import { officePaths } from '../offices/subtree.js';
import { inSubtree } from '../offices/rules.js';
import type { PlanRelation, PlanRow, VisitRelation, VisitRow } from './lifecycle.js';
import { COUNTED_STATUSES } from './contract.js';

const COUNTED = sql`status = any(${`{${COUNTED_STATUSES.join(',')}}`}::text[])`;

const VISIT_COLUMNS: ColumnMap<VisitRow> = {
  id: ['id', 'int'], officeId: ['office_id', 'int'], regionCode: ['region_code', 'text'], uscc: ['uscc', 'text'], enterpriseName: ['enterprise_name', 'text'],
  purpose: ['purpose', 'text'], kind: ['kind', 'text'], plannedDate: ['planned_date', 'date'], serviceWeek: ['service_week', 'text'], members: ['members', 'textarr'], status: ['status', 'text'],
  escalation: ['escalation', 'textarr'], exception: ['exception', 'text'], exceptionReason: ['exception_reason', 'text'], emergency: ['emergency', 'bool'],
  emergencyReason: ['emergency_reason', 'text'], approvedAt: ['approved_at', 'ts'], approvedBy: ['approved_by', 'text'], escalatedApprovedAt: ['escalated_approved_at', 'ts'],
  escalatedApprovedBy: ['escalated_approved_by', 'text'], filingDueOn: ['filing_due_on', 'date'], filedAt: ['filed_at', 'ts'], code: ['code', 'text'],
  scannedAt: ['scanned_at', 'ts'], unscannedAt: ['unscanned_at', 'ts'], jointVisitId: ['joint_visit_id', 'int'], decisionNote: ['decision_note', 'text'],
  filedBy: ['filed_by', 'int'], createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'], version: ['version', 'int'], eventCount: ['event_count', 'int'],
  lastEventHash: ['last_event_hash', 'text'],
};
export const VISITS = itemTable<VisitRow>('visits', 'v', VISIT_COLUMNS);

const PLAN_COLUMNS: ColumnMap<PlanRow> = {
  id: ['id', 'int'], officeId: ['office_id', 'int'], year: ['year', 'int'], plannedVisits: ['planned_visits', 'int'], targets: ['targets', 'text'], reason: ['reason', 'text'],
  status: ['status', 'text'], createdBy: ['created_by', 'int'], createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'], version: ['version', 'int'],
  eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
};
export const PLANS = itemTable<PlanRow>('visit_plans', 'p', PLAN_COLUMNS);

/** A region code's prefix that the codes of the regions under it share (GB/T 2260: 411700 → 4117). */
export const regionPrefix = (code: string) => code.replace(/(00)+$/, '');

/** How the actor's office stands to a department's office. */
async function officeRelations(tx: Db, actor: Actor, officeId: number, regionCode: string): Promise<('department' | 'above' | 'business_office')[]> {
  if (actor.officeId === null || actor.officePath === null) return [];
  const relations: ('department' | 'above' | 'business_office')[] = [];
  const path = (await officePaths(tx, [officeId])).get(officeId);
  if (path && inSubtree(path, actor.officePath)) relations.push('department');
  if (path && path !== actor.officePath && inSubtree(path, actor.officePath)) relations.push('above');
  const own = await findOffice(tx, actor.officeId);
  if (own?.kind === 'business_environment_office' && regionCode.startsWith(regionPrefix(own.regionCode))) relations.push('business_office');
  return relations;
}

export async function visitRelations(tx: Db, actor: Actor, v: Pick<VisitRow, 'officeId' | 'regionCode' | 'uscc'>): Promise<VisitRelation[]> {
  const relations: VisitRelation[] = await officeRelations(tx, actor, v.officeId, v.regionCode);
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc === v.uscc) relations.push('enterprise');
  return relations;
}

export const VISIT_STORE: ItemStore<VisitRow, VisitRelation> = {
  chain: { events: 'visit_events', itemColumn: 'visit_id', items: 'visits' },
  lock: VISITS.lock,
  relationsOf: visitRelations,
  update: VISITS.update,
  insert: VISITS.insert,
  state: VISITS.state,
};

export const PLAN_STORE: ItemStore<PlanRow, PlanRelation> = {
  chain: { events: 'visit_plan_events', itemColumn: 'visit_plan_id', items: 'visit_plans' },
  lock: PLANS.lock,
  relationsOf: async (tx, actor, p) => {
    const office = await findOffice(tx, p.officeId);
    return office ? officeRelations(tx, actor, p.officeId, office.regionCode) : [];
  },
  update: PLANS.update,
  insert: PLANS.insert,
  state: PLANS.state,
};

export async function planOf(db: Db, officeId: number, year: number): Promise<PlanRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`select ${PLANS.select} from visit_plans p where p.office_id = ${officeId} and p.year = ${year}`);
  return r ? PLANS.toRow(r) : null;
}

/**
 * Takes the department × enterprise × year lock (a row of its own, created on first use) for
 * the rest of the transaction: filings for the same place wait here, one after the other.
 */
export async function lockQuota(tx: Db, officeId: number, uscc: string, year: number): Promise<void> {
  await tx.execute(sql`insert into visit_quota_locks (office_id, uscc, year) values (${officeId}, ${uscc}, ${year}) on conflict do nothing`);
  await tx.execute(sql`select 1 from visit_quota_locks where office_id = ${officeId} and uscc = ${uscc} and year = ${year} for update`);
}

/** Inspections on site (src/visits/inspection-visits.ts) of the department in the year that were not set aside. */
const inspectionsOf = (officeId: number, year: number) => sql`select 1 from visit_inspections
    where office_id = ${officeId} and extract(year from visit_date) = ${year} and status <> 'cancelled'`;

/**
 * Visits of the department to the enterprise in the year that take a place of its limit: its own
 * (not refused, revoked, cancelled; no listed exception) and the inspections on site it took part in.
 */
export async function placesTaken(db: Db, officeId: number, uscc: string, year: number): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select (select count(*) from visits
      where office_id = ${officeId} and uscc = ${uscc} and extract(year from planned_date) = ${year} and ${COUNTED} and exception is null)
    + (select count(*) from (${inspectionsOf(officeId, year)} and uscc = ${uscc}) i) as n`);
  return Number(n);
}

/** Visits the department filed in the year that count against its plan, with the inspections on site it took part in. */
export async function filedInYear(db: Db, officeId: number, year: number): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select (select count(*) from visits
      where office_id = ${officeId} and extract(year from planned_date) = ${year} and ${COUNTED})
    + (select count(*) from (${inspectionsOf(officeId, year)}) i) as n`);
  return Number(n);
}
