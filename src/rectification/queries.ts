/**
 * What the ledger shows: one case's plan and progress, and the ledger of enterprise cases in
 * scope. The ledger is a list of cases (today's only subject) with their plans, so it reads the
 * case table beside the plans, within the case module's scope rule and masking.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import { containing, startingWith } from '../platform/db/like.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { actionsFor, canRead, mayCreate } from '../platform/lifecycle/index.js';
import { toLocalDate } from '../calendar/rules.js';
import type { OfficeHours } from '../calendar/contract.js';
import { workingCalendar } from '../calendar/store.js';
import { officeNames } from '../offices/subtree.js';
import { findOffice } from '../offices/queries.js';
import type { CaseStatus } from '../cases/contract.js';
import { caseScope, relationsTo } from '../cases/access.js';
import type { CaseRow } from '../cases/record.js';
import { loadCase } from '../cases/store.js';
import { draftPlan, RECTIFICATION_LIFECYCLE, SUBJECT_RULES, type PlanStatus } from './lifecycle.js';
import { daysOverdue, isoWeekOf, ledgerStatus, visibleProgressKinds } from './rules.js';
import { listProgress, planOf } from './store.js';
import { caseSubject } from './subjects.js';
import type { LedgerItem, LedgerPage, LedgerStatusFilter, PlanView, ProgressKind, RectificationView } from './contract.js';

/** A plan as the ledger reads it: instants as ISO text, the responsible office named. */
interface PlanRecord {
  measures: string; responsiblePerson: string; responsibleOfficeId: number; responsibleOfficeName: string; deadline: string; status: PlanStatus;
  completedAt: string | null; createdAt: string; updatedAt: string; version: number;
}

export function planView(plan: PlanRecord, today: string, officeHours: OfficeHours): PlanView {
  const state = { status: plan.status, deadline: plan.deadline, completedOn: plan.completedAt ? toLocalDate(new Date(plan.completedAt), officeHours) : null };
  return {
    measures: plan.measures, responsiblePerson: plan.responsiblePerson, responsibleOfficeId: plan.responsibleOfficeId,
    responsibleOfficeName: plan.responsibleOfficeName, deadline: plan.deadline, status: plan.status,
    ledgerStatus: ledgerStatus(state, today), daysOverdue: daysOverdue(state, today),
    completedAt: plan.completedAt, createdAt: plan.createdAt, updatedAt: plan.updatedAt, version: plan.version,
  };
}

/** One case's plan and progress as the actor may see them; a case they may not see is "not found". */
export async function getRectification(db: Db, actor: Actor, caseId: number, now = new Date()): Promise<RectificationView> {
  const row = await loadCase(db, caseId);
  const relations = row ? await relationsTo(db, actor, row) : [];
  if (!row || !canRead(RECTIFICATION_LIFECYCLE, actor.roles, relations)) throw notFound(SUBJECT_RULES.case.label, caseId);
  const calendar = await workingCalendar(db);
  const today = toLocalDate(now, calendar.officeHours);
  const subject = caseSubject(row);
  const applicable = subject.uscc !== null;
  const plan = applicable ? await planOf(db, 'case', caseId) : null;
  const progress = plan ? await listProgress(db, plan.id, visibleProgressKinds(relations, actor.roles)) : [];
  const open = plan ? actionsFor(RECTIFICATION_LIFECYCLE, { ...plan, subject }, actor.roles, relations).actions : [];
  const iso = (d: Date | null) => d && d.toISOString();
  return {
    caseId: row.id, caseCode: row.code, caseVersion: row.version, caseStatus: row.status, title: row.title, applicable,
    enterprise: { name: applicable ? row.requesterName : null, uscc: subject.uscc },
    plan: plan && planView({
      ...plan, responsibleOfficeName: (await officeNames(db, [plan.responsibleOfficeId])).get(plan.responsibleOfficeId) ?? '',
      completedAt: iso(plan.completedAt), createdAt: plan.createdAt.toISOString(), updatedAt: plan.updatedAt.toISOString(),
    }, today, calendar.officeHours),
    progress: progress.map((p) => ({ ...p, week: isoWeekOf(p.weekStart) })),
    actions: {
      editPlan: plan ? open.includes('revise') : applicable && mayCreate(RECTIFICATION_LIFECYCLE, draftPlan(subject), actor.roles, relations),
      addProgress: open.includes('add-progress'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The ledger

/** What the ledger takes once the query string is parsed (the web's LedgerFilter is the query it sends). */
export interface LedgerFilter {
  /** Cases led by this office or an office below it. */
  officeId?: number;
  status?: LedgerStatusFilter[];
  /** Taken in on or after this date (YYYY-MM-DD, office time). */
  from?: string;
  /** Taken in on or before this date (inclusive). */
  to?: string;
  /** Words in the problem, case code, measures, responsible person or (where visible) the enterprise's name or code. */
  q?: string;
  page?: number;
  pageSize?: number;
}

interface LedgerRecord {
  caseId: number; code: string; type: CaseRow['type']; caseStatus: CaseStatus; acceptedAt: string; title: string;
  requesterName: string | null; requesterUscc: string | null; leadOfficeId: number | null; leadOfficeName: string | null;
  planId: number | null; measures: string; responsiblePerson: string; responsibleOfficeId: number; responsibleOfficeName: string;
  deadline: string; planStatus: PlanStatus; completedAt: string | null; planCreatedAt: string; planUpdatedAt: string; planVersion: number;
  progressNote: string | null; progressWeek: string | null; progressKind: ProgressKind | null; progressAt: string | null;
}

/** The most an export carries; beyond it the caller narrows the filters. */
export const EXPORT_MAX_ROWS = 20_000;

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The start of a local date as an instant, in the office's time zone. */
function localDayStart(date: string, officeHours: OfficeHours): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - officeHours.timeZoneOffsetMinutes * 60_000;
  return new Date(ms).toISOString();
}

interface Prepared {
  condition: SQL;
  select: SQL;
  today: string;
  officeHours: OfficeHours;
}

async function prepare(db: Db, actor: Actor, f: LedgerFilter, now: Date): Promise<Prepared> {
  const standing = await caseScope(db, actor);
  const scope = standing.visible;
  if (!scope) throw forbidden('您的角色不能查看企业问题台账', 'Your roles do not give access to the enterprise problem ledger');
  const calendar = await workingCalendar(db);
  const today = toLocalDate(now, calendar.officeHours);

  // The enterprise cases a plan can be made for (subjects.ts caseSubject): a protected requester's case has no entry.
  const where: SQL[] = [scope, sql`c.requester_kind = 'enterprise'`, sql`c.requester_uscc is not null`, sql`not (c.type = 'report' or c.confidential)`, sql`c.status <> 'merged'`];
  if (f.officeId !== undefined) {
    const office = await findOffice(db, f.officeId);
    if (!office) throw badRequest('unknown_office', `单位 ${f.officeId} 不存在`, `Office ${f.officeId} does not exist`);
    where.push(sql`c.lead_office_id in (select o.id from offices o where o.path like ${startingWith(office.path)})`);
  }
  if (f.from) where.push(sql`c.accepted_at >= ${localDayStart(f.from, calendar.officeHours)}::timestamptz`);
  if (f.to) {
    const next = new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    where.push(sql`c.accepted_at < ${localDayStart(next, calendar.officeHours)}::timestamptz`);
  }
  if (f.status?.length) {
    const open = sql`r.status <> 'done'`;
    const byStatus: Record<LedgerStatusFilter, SQL> = {
      none: sql`r.id is null`,
      done: sql`r.status = 'done'`,
      overdue: sql`(${open} and r.deadline < ${today}::date)`,
      planned: sql`(r.status = 'planned' and r.deadline >= ${today}::date)`,
      in_progress: sql`(r.status = 'in_progress' and r.deadline >= ${today}::date)`,
    };
    where.push(sql`(${sql.join([...new Set(f.status)].map((s) => byStatus[s]), sql` or `)})`);
  }
  const q = f.q?.trim();
  if (q) {
    const p = containing(q);
    where.push(sql`(c.title ilike ${p} or c.code like ${p} or r.measures ilike ${p} or r.responsible_person ilike ${p}
      or c.requester_name ilike ${p} or c.requester_uscc ilike ${p})`);
  }

  // Staff see every note as the latest; an enterprise only the progress reports (not supervision notes).
  const kinds = actor.officePath !== null ? '{progress,supervision}' : '{progress}';
  const select = sql`select c.id as "caseId", c.code, c.type, c.status as "caseStatus", ${ts('c.accepted_at')} as "acceptedAt", c.title,
      c.requester_name as "requesterName", c.requester_uscc as "requesterUscc",
      c.lead_office_id as "leadOfficeId", lo.name as "leadOfficeName",
      r.id as "planId", r.measures, r.responsible_person as "responsiblePerson", r.responsible_office_id as "responsibleOfficeId",
      ro.name as "responsibleOfficeName", to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.status as "planStatus", ${ts('r.completed_at')} as "completedAt",
      ${ts('r.created_at')} as "planCreatedAt", ${ts('r.updated_at')} as "planUpdatedAt", r.version as "planVersion",
      lp.note as "progressNote", to_char(lp.week_start, 'YYYY-MM-DD') as "progressWeek", lp.kind as "progressKind", ${ts('lp.recorded_at')} as "progressAt"
    from cases c
    left join offices lo on lo.id = c.lead_office_id
    left join rectifications r on r.subject_type = 'case' and r.subject_id = c.id
    left join offices ro on ro.id = r.responsible_office_id
    left join lateral (select p.note, p.week_start, p.kind, p.recorded_at from rectification_progress p
      where p.rectification_id = r.id and p.kind = any(${kinds}::text[]) order by p.week_start desc, p.id desc limit 1) lp on true`;
  return { condition: sql.join(where, sql` and `), select, today, officeHours: calendar.officeHours };
}

function toItem(r: LedgerRecord, p: Prepared): LedgerItem {
  const plan: PlanView | null = r.planId === null ? null : planView({
    measures: r.measures, responsiblePerson: r.responsiblePerson, responsibleOfficeId: r.responsibleOfficeId,
    responsibleOfficeName: r.responsibleOfficeName, deadline: r.deadline, status: r.planStatus, completedAt: r.completedAt,
    createdAt: r.planCreatedAt, updatedAt: r.planUpdatedAt, version: r.planVersion,
  }, p.today, p.officeHours);
  return {
    caseId: r.caseId, code: r.code, type: r.type, caseStatus: r.caseStatus, acceptedAt: r.acceptedAt, title: r.title,
    enterprise: { name: r.requesterName, uscc: r.requesterUscc },
    leadOfficeId: r.leadOfficeId, leadOfficeName: r.leadOfficeName, plan,
    ledgerStatus: plan?.ledgerStatus ?? 'none', daysOverdue: plan?.daysOverdue ?? 0,
    latestProgress: r.progressNote === null ? null : {
      note: r.progressNote, week: isoWeekOf(r.progressWeek!), weekStart: r.progressWeek!, kind: r.progressKind!,
      date: toLocalDate(new Date(r.progressAt!), p.officeHours), recordedAt: r.progressAt!,
    },
  };
}

const ORDER = sql`order by c.accepted_at desc, c.id desc`;

/** The ledger: enterprise cases the actor may see (merged duplicates left out), filtered, newest first, a page at a time. */
export async function listLedger(db: Db, actor: Actor, f: LedgerFilter, now = new Date()): Promise<LedgerPage> {
  const p = await prepare(db, actor, f, now);
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, f.pageSize ?? 20));
  const [rows, [{ total }]] = await Promise.all([
    queryRows<LedgerRecord>(db, sql`${p.select} where ${p.condition} ${ORDER} limit ${pageSize} offset ${(page - 1) * pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases c
      left join rectifications r on r.subject_type = 'case' and r.subject_id = c.id where ${p.condition}`),
  ]);
  return { items: rows.map((r) => toItem(r, p)), total, page, pageSize, today: p.today };
}

/** Every ledger row matching the filters, for an export: a protected requester's identity is never in it. */
export async function ledgerForExport(db: Db, actor: Actor, f: LedgerFilter, now = new Date()): Promise<{ items: LedgerItem[]; today: string }> {
  const p = await prepare(db, actor, f, now);
  const rows = await queryRows<LedgerRecord>(db, sql`${p.select} where ${p.condition} ${ORDER} limit ${EXPORT_MAX_ROWS + 1}`);
  if (rows.length > EXPORT_MAX_ROWS) {
    throw badRequest('export_too_large', `符合条件的记录超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围（单位、日期、状态）后再导出`,
      `More than ${EXPORT_MAX_ROWS} rows match; narrow the filters (office, dates, status) and export again`);
  }
  return { items: rows.map((r) => toItem(r, p)), today: p.today };
}
