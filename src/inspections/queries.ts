/** What staff, enterprises and the public read of random inspections: lists, tasks with their visits, published results, the draw document, figures. */
import type { SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { actionsFor, canRead } from '../platform/lifecycle/index.js';
import { hasAnyRole, seesEverything } from '../auth/permissions.js';
import { startingWith } from '../platform/db/like.js';
import { officeNames } from '../offices/subtree.js';
import { planStatusesOf } from '../rectification/store.js';
import { listOfficeAccountsWithRole } from '../people/queries.js';
import { KEEP_INSPECTORS, requireListEditor } from './access.js';
import {
  INSPECTION_RESULT_NAMES, RESULTS_WITH_FINDINGS, type InspectionFigures, type InspectionItemView, type InspectionPlanView, type InspectorView, type PublicTask,
  type PublishedDraw, type TaskView, type VisitView,
} from './contract.js';
import { drawDocument } from './draw.js';
import { visitsSavedByJoining } from './rules.js';
import { LIST_READERS, TASK_LIFECYCLE, VISIT_LIFECYCLE, type TaskRow, type VisitItem, type VisitRow } from './lifecycle.js';
import { loadTask, ownCertificates, TASK_STORE, TASKS, visitRelations, VISITS } from './store.js';

const TASK = TASK_LIFECYCLE.label;

/** Offices `o` in the actor's subtree, as SQL; everything for the system administrator. */
function officeScope(actor: Actor): SQL {
  if (seesEverything(actor)) return sql`true`;
  if (actor.officePath === null) return sql`false`;
  return sql`o.path like ${startingWith(actor.officePath)}`;
}

function requireReader(actor: Actor) {
  if (!hasAnyRole(actor, LIST_READERS)) throw forbidden('您的角色不能查看双随机抽查', 'Your roles give no access to random inspections');
}

/**
 * Every department's items, for every staff reader: the item lists are published (抽查事项清单向社会公开),
 * and a department planning a joint inspection picks the joining departments' items from them.
 */
export async function listItems(db: Db, actor: Actor, f: { officeId?: number; active?: boolean }): Promise<InspectionItemView[]> {
  requireReader(actor);
  return queryRows<InspectionItemView>(db, sql`select i.id, i.office_id as "officeId", o.name as "officeName", i.code, i.name, i.legal_basis as "legalBasis",
      i.target_kind as "targetKind", i.method, i.default_basis_points as "defaultBasisPoints", i.active, i.version
    from inspection_items i join offices o on o.id = i.office_id
    where true ${f.officeId ? sql`and i.office_id = ${f.officeId}` : sql``} ${f.active === undefined ? sql`` : sql`and i.active = ${f.active}`}
    order by o.name, i.code`);
}

export async function listInspectors(db: Db, actor: Actor, f: { officeId?: number; active?: boolean }): Promise<InspectorView[]> {
  requireReader(actor);
  return queryRows<InspectorView>(db, sql`select i.id, i.office_id as "officeId", o.name as "officeName", i.name, i.certificate_no as "certificateNo",
      i.qualifications, i.user_id as "userId", i.active, i.conflicts, i.version
    from inspectors i join offices o on o.id = i.office_id
    where ${officeScope(actor)} ${f.officeId ? sql`and i.office_id = ${f.officeId}` : sql``} ${f.active === undefined ? sql`` : sql`and i.active = ${f.active}`}
    order by o.name, i.certificate_no`);
}

/** The inspector log-ins of a department whose roster the actor keeps. */
export async function inspectorAccounts(db: Db, actor: Actor, officeId: number): Promise<{ id: number; username: string; name: string }[]> {
  await requireListEditor(db, actor, officeId, KEEP_INSPECTORS);
  return listOfficeAccountsWithRole(db, officeId, 'inspector');
}

export async function listPlans(db: Db, actor: Actor, f: { officeId?: number; year?: number }): Promise<InspectionPlanView[]> {
  requireReader(actor);
  return queryRows<InspectionPlanView>(db, sql`select p.id, p.office_id as "officeId", o.name as "officeName", p.year, p.title, p.batches, p.version,
      (select count(*)::int from inspection_tasks t where t.plan_id = p.id) as tasks
    from inspection_plans p join offices o on o.id = p.office_id
    where ${officeScope(actor)} ${f.officeId ? sql`and p.office_id = ${f.officeId}` : sql``} ${f.year ? sql`and p.year = ${f.year}` : sql``}
    order by p.year desc, o.name, p.id`);
}

export async function getPlan(db: Db, actor: Actor, id: number): Promise<InspectionPlanView> {
  const plan = (await listPlans(db, actor, {})).find((p) => p.id === id);
  if (!plan) throw notFound({ zh: '抽查计划', en: 'inspection plan' }, id);
  return plan;
}

/** Inspector names by certificate number, for the teams. */
async function inspectorNames(db: Db, certificates: readonly string[]): Promise<Map<string, string>> {
  if (!certificates.length) return new Map();
  const rows = await queryRows<{ no: string; name: string }>(db, sql`select certificate_no as no, name from inspectors where certificate_no = any(${`{${[...new Set(certificates)].join(',')}}`}::text[])`);
  return new Map(rows.map((r) => [r.no, r.name]));
}

function visitView(v: VisitRow, taskCode: string, names: Map<string, string>, offices: Map<number, string>, actions: VisitView['actions']): VisitView {
  return {
    id: v.id, taskId: v.taskId, taskCode, uscc: v.uscc, enterpriseName: v.enterpriseName, stratum: v.stratum, rank: v.rank,
    teams: v.teams.map((t) => ({
      departmentId: Number(t.department), departmentName: offices.get(Number(t.department)) ?? t.department,
      inspectors: t.inspectors.map((no) => ({ certificateNo: no, name: names.get(no) ?? no })),
    })),
    recusals: v.recusals.map((r) => ({ inspector: r.inspector, replacement: r.replacement, departmentId: Number(r.department), reason: r.reason, askedBy: r.askedBy, at: r.at })),
    status: v.status, result: v.result, findings: v.findings, firstOffenceNoPenalty: v.firstOffenceNoPenalty, inspectedOn: v.inspectedOn,
    rectificationDeadline: v.rectificationDeadline, createdAt: v.createdAt.toISOString(), version: v.version, actions,
  };
}

async function visitsOf(db: Db, taskId: number): Promise<VisitRow[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${VISITS.select} from inspection_visits v where v.task_id = ${taskId} and v.status <> 'cancelled'
    order by v.stratum, v.rank`);
  return rows.map(VISITS.toRow);
}

async function itemsOf(db: Db, ids: readonly number[]) {
  return queryRows<{ id: number; code: string; name: string; officeId: number }>(db,
    sql`select id, code, name, office_id as "officeId" from inspection_items where id = any(${`{${ids.join(',')}}`}::int[]) order by office_id, code`);
}

/** A task as staff see it: the server random only once drawn, its visits with the actions open to the viewer. */
export async function getTask(db: Db, actor: Actor, id: number): Promise<TaskView> {
  const task = await loadTask(db, id);
  if (!task) throw notFound(TASK, id);
  const relations = await TASK_STORE.relationsOf(db, actor, task);
  if (!canRead(TASK_LIFECYCLE, actor.roles, relations)) throw notFound(TASK, id);
  const visits = await visitsOf(db, id);
  const names = await inspectorNames(db, visits.flatMap((v) => v.teams.flatMap((t) => t.inspectors)));
  const offices = await officeNames(db, task.officeIds);
  const visitTask = { code: task.code, status: task.status, leadOfficeId: task.leadOfficeId, officeIds: task.officeIds, periodFrom: task.periodFrom, periodTo: task.periodTo,
    rosters: task.rosters!, seed: task.seed!, result: task.result! };
  const views: VisitView[] = [];
  for (const v of visits) {
    const item: VisitItem = { ...v, task: visitTask };
    views.push(visitView(v, task.code, names, offices, actionsFor(VISIT_LIFECYCLE, item, actor.roles, await visitRelations(db, actor, item)).actions));
  }
  return {
    ...taskSummary(task, offices, await itemsOf(db, task.itemIds)), visits: views,
    actions: actionsFor(TASK_LIFECYCLE, task, actor.roles, relations).actions,
  };
}

function taskSummary(t: TaskRow, offices: Map<number, string>, items: TaskView['items']): Omit<TaskView, 'visits' | 'actions'> {
  const drawn = t.seed !== null;
  return {
    id: t.id, code: t.code, planId: t.planId, batch: t.batch, title: t.title, leadOfficeId: t.leadOfficeId,
    departments: t.officeIds.map((id) => ({ id, name: offices.get(id) ?? String(id) })), items, filters: t.filters, strata: t.strata, perDepartment: t.perDepartment,
    periodFrom: t.periodFrom, periodTo: t.periodTo, publicationDue: t.publicationDue, dueState: t.dueState, seedSource: { zh: t.seedSourceZh, en: t.seedSourceEn },
    status: t.status, commitment: t.commitment, committedAt: t.committedAt?.toISOString() ?? null, serverRandomHash: t.serverRandomHash,
    serverRandom: drawn ? t.serverRandom : null, witnessValue: t.witnessValue, seed: t.seed, drawnAt: t.drawnAt?.toISOString() ?? null,
    publishedAt: t.publishedAt?.toISOString() ?? null, publishedOnTime: t.publishedOnTime, redraws: t.redraws, candidates: t.rosters?.targets.length ?? null, version: t.version,
  };
}

/** Tasks any of whose departments is in the actor's subtree, newest first. */
/** `leadOfficeId` and `year` (of the period's end) are the figures' drill-down: the tasks a department's figures count. */
export async function listTasks(db: Db, actor: Actor, f: { planId?: number; status?: string; leadOfficeId?: number; year?: number }): Promise<Omit<TaskView, 'visits' | 'actions'>[]> {
  if (!TASK_LIFECYCLE.readers.some((p) => actor.roles.includes(p.role as never))) throw forbidden('您的角色不能查看抽查任务', 'Your roles give no access to inspection tasks');
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${TASKS.select} from inspection_tasks t
    where exists (select 1 from offices o where o.id = any(t.office_ids) and ${officeScope(actor)})
      ${f.planId ? sql`and t.plan_id = ${f.planId}` : sql``} ${f.status ? sql`and t.status = ${f.status}` : sql``}
      ${f.leadOfficeId ? sql`and t.lead_office_id = ${f.leadOfficeId}` : sql``} ${f.year ? sql`and extract(year from t.period_to) = ${f.year}` : sql``}
    order by t.id desc limit 500`);
  const tasks = rows.map(TASKS.toRow);
  const offices = await officeNames(db, tasks.flatMap((t) => t.officeIds));
  return tasks.map((t) => taskSummary(t, offices, []));
}

/** The inspector's own visits (on a team), or the enterprise's visits of itself; newest first. */
export async function myVisits(db: Db, actor: Actor): Promise<VisitView[]> {
  let where: SQL;
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) where = sql`v.uscc = ${actor.enterpriseUscc}`;
  else {
    const mine = await ownCertificates(db, actor);
    if (!mine.length) throw forbidden('只有检查组成员或被检查企业可以查看', 'Only inspectors on a team or the enterprise inspected may see these');
    where = sql`exists (select 1 from jsonb_array_elements(v.teams) t, jsonb_array_elements_text(t -> 'inspectors') i where i = any(${`{${mine.join(',')}}`}::text[]))`;
  }
  return visitsWhere(db, actor, where);
}

/** One visit as the viewer may see it (after a recusal or a result: the enterprise reads no task). */
export async function getVisit(db: Db, actor: Actor, id: number): Promise<VisitView> {
  const [view] = await visitsWhere(db, actor, sql`v.id = ${id}`);
  if (!view) throw notFound(VISIT_LIFECYCLE.label, id);
  return view;
}

/** The visits matching `where` that the viewer may read, newest first, with the actions open to them. */
export async function visitsWhere(db: Db, actor: Actor, where: SQL): Promise<VisitView[]> {
  const rows = await queryRows<Record<string, unknown> & { taskCode: string }>(db, sql`select ${VISITS.select}, t.code as "taskCode" from inspection_visits v join inspection_tasks t on t.id = v.task_id
    where v.status <> 'cancelled' and ${where} order by v.id desc limit 500`);
  const visits = rows.map((r) => ({ row: VISITS.toRow(r), taskCode: r.taskCode }));
  const names = await inspectorNames(db, visits.flatMap((v) => v.row.teams.flatMap((t) => t.inspectors)));
  const offices = await officeNames(db, visits.flatMap((v) => v.row.teams.map((t) => Number(t.department))));
  const out: VisitView[] = [];
  for (const { row, taskCode } of visits) {
    const task = (await loadTask(db, row.taskId))!;
    const item: VisitItem = { ...row, task: { code: task.code, status: task.status, leadOfficeId: task.leadOfficeId, officeIds: task.officeIds, periodFrom: task.periodFrom,
      periodTo: task.periodTo, rosters: task.rosters!, seed: task.seed!, result: task.result! } };
    const relations = await visitRelations(db, actor, item);
    if (!canRead(VISIT_LIFECYCLE, actor.roles, relations)) continue;
    out.push(visitView(row, taskCode, names, offices, actionsFor(VISIT_LIFECYCLE, item, actor.roles, relations).actions));
  }
  return out;
}

/** Published tasks with their results, newest first; `uscc` keeps one enterprise's (its page of inspections of itself). */
export async function publicResults(db: Db, f: { uscc?: string; q?: string }): Promise<PublicTask[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${TASKS.select} from inspection_tasks t where t.status = 'published'
    ${f.uscc ? sql`and exists (select 1 from inspection_visits v where v.task_id = t.id and v.uscc = ${f.uscc} and v.status = 'done')` : sql``}
    ${f.q?.trim() ? sql`and t.title like ${`%${f.q.trim().replace(/[\\%_]/g, '\\$&')}%`}` : sql``}
    order by t.published_at desc limit 200`);
  const tasks = rows.map(TASKS.toRow);
  const offices = await officeNames(db, tasks.flatMap((t) => t.officeIds));
  const out: PublicTask[] = [];
  for (const t of tasks) {
    const visits = (await visitsOf(db, t.id)).filter((v) => !f.uscc || v.uscc === f.uscc);
    const departments = t.officeIds.map((id) => offices.get(id) ?? String(id));
    out.push({
      id: t.id, code: t.code, title: t.title, departments, items: (await itemsOf(db, t.itemIds)).map((i) => i.name), periodFrom: t.periodFrom, periodTo: t.periodTo,
      publishedAt: t.publishedAt!.toISOString(), commitment: t.commitment!,
      results: visits.map((v) => ({
        uscc: v.uscc, enterpriseName: v.enterpriseName, result: v.result!, resultName: INSPECTION_RESULT_NAMES[v.result!], findings: v.findings,
        firstOffenceNoPenalty: v.firstOffenceNoPenalty, inspectedOn: v.inspectedOn!, departments,
      })),
    });
  }
  return out;
}

/** The draw document of a committed task: public from the commit on (the commitment is the point), the seed and result once drawn. */
export async function publicDraw(db: Db, taskId: number): Promise<PublishedDraw> {
  const t = await TASKS.load(db, taskId);
  if (!t || t.status === 'draft') throw notFound(TASK, taskId);
  const recusals = (await visitsOf(db, taskId)).flatMap((v) => v.recusals.map((r) => ({ target: v.uscc, inspector: r.inspector, department: r.department, replacement: r.replacement })));
  return drawDocument({
    taskId: t.id, taskCode: t.code, title: t.title, rosters: t.rosters!, commitment: t.commitment!, committedAt: t.committedAt!.toISOString(),
    serverRandomHash: t.serverRandomHash!, seedSource: { zh: t.seedSourceZh, en: t.seedSourceEn },
    drawn: t.seed ? { serverRandom: t.serverRandom!, witnessValue: t.witnessValue!, seed: t.seed, at: t.drawnAt!.toISOString(), result: t.result! } : null,
    recusals, redraws: t.redraws,
  });
}

/**
 * The figures per lead department (and the total first): tasks, targets drawn, inspected,
 * problems found, rectified (plans done), published and on time, visits saved by joining.
 */
export async function inspectionFigures(db: Db, actor: Actor, f: { year?: number; officeId?: number }): Promise<InspectionFigures[]> {
  requireReader(actor);
  const rows = await queryRows<{ officeId: number; officeName: string; tasks: number; published: number; publishedOnTime: number }>(db, sql`select t.lead_office_id as "officeId", o.name as "officeName",
      count(*)::int as tasks, count(*) filter (where t.status = 'published')::int as published, count(*) filter (where t.published_on_time)::int as "publishedOnTime"
    from inspection_tasks t join offices o on o.id = t.lead_office_id
    where ${officeScope(actor)} ${f.year ? sql`and extract(year from t.period_to) = ${f.year}` : sql``} ${f.officeId ? sql`and t.lead_office_id = ${f.officeId}` : sql``}
    group by t.lead_office_id, o.name order by o.name`);
  const visits = await queryRows<{ id: number; officeId: number; status: string; result: string | null; departments: number }>(db, sql`select v.id, t.lead_office_id as "officeId", v.status, v.result,
      cardinality(t.office_ids) as departments
    from inspection_visits v join inspection_tasks t on t.id = v.task_id join offices o on o.id = t.lead_office_id
    where v.status <> 'cancelled' and ${officeScope(actor)} ${f.year ? sql`and extract(year from t.period_to) = ${f.year}` : sql``} ${f.officeId ? sql`and t.lead_office_id = ${f.officeId}` : sql``}`);
  const plans = await planStatusesOf(db, 'inspection', visits.map((v) => Number(v.id)));
  const figures = rows.map((r): InspectionFigures => {
    const own = visits.filter((v) => v.officeId === r.officeId);
    return {
      ...r, targetsDrawn: own.length, inspected: own.filter((v) => v.status === 'done').length,
      problemsFound: own.filter((v) => v.result && (RESULTS_WITH_FINDINGS as readonly string[]).includes(v.result)).length,
      rectified: own.filter((v) => plans.get(Number(v.id)) === 'done').length,
      visitsSavedByJoining: own.reduce((n, v) => n + visitsSavedByJoining(v.departments), 0),
    };
  });
  const total = figures.reduce((sum, x) => {
    for (const k of ['tasks', 'targetsDrawn', 'inspected', 'problemsFound', 'rectified', 'publishedOnTime', 'published', 'visitsSavedByJoining'] as const) sum[k] += x[k];
    return sum;
  }, { officeId: null, officeName: '合计', tasks: 0, targetsDrawn: 0, inspected: 0, problemsFound: 0, rectified: 0, publishedOnTime: 0, published: 0, visitsSavedByJoining: 0 } as InspectionFigures);
  return [total, ...figures];
}
