/** Scoped reads of hotspots and tasks: lists, views with their actions, trend, cases, effect, repeat callers. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { actionsFor, canRead, listEvents } from '../platform/lifecycle/index.js';
import { officeNames, officePaths, subtreeOfficeIds } from '../offices/subtree.js';
import { inSubtree } from '../offices/rules.js';
import { findRegion } from '../regions/queries.js';
import { listCategories } from '../cases/catalogue.js';
import { repeatCallers, seriesCases, seriesWeeklyCounts, type SeriesCase } from '../cases/series.js';
import { toLocalDate } from '../calendar/rules.js';
import { effectOf, isoWeekLabel, mondayOf, weekOfDate, weekOfMonday } from './detection.js';
import type { EffectView, HotspotPage, HotspotView, RepeatCallerView, TaskNote, TaskPage, TaskView, TrendPoint, HotspotStatus, TaskStatus } from './contract.js';
import { HOTSPOT_LIFECYCLE, TASK_LIFECYCLE, type HotspotRow, type TaskRow } from './lifecycle.js';
import { HOTSPOTS, hotspotRelations, TASK_STORE, taskRelations, TASKS } from './store.js';
import { caseListQuery, seriesOf } from './hotspot-cases.js';

/** Weeks of history the trend shows before the week flagged. */
export const TREND_WEEKS = 26;
/** Weeks before a task and after its finish the effect compares. */
export const EFFECT_WEEKS = 8;

const WATCHING_ROLES = ['supervisor', 'leader'] as const;

/**
 * The offices whose hotspots the viewer sees: their subtree (or, with `scope`, the subtree of an
 * office in it). Someone who watches none is refused: hotspots are the supervisors' and leaders'.
 */
async function watchedOffices(db: Db, actor: Actor, scope: number | undefined): Promise<number[]> {
  if (actor.officePath === null || !actor.roles.some((r) => (WATCHING_ROLES as readonly string[]).includes(r))) {
    throw forbidden('查看热点需要 督办员 或 领导 角色（限本单位及下级）', 'Hotspots need the role supervisor or leader (of your office and those below it)');
  }
  if (scope === undefined) return subtreeOfficeIds(db, actor.officePath);
  const path = (await officePaths(db, [scope])).get(scope);
  if (!path || !inSubtree(path, actor.officePath)) throw notFound({ zh: '单位', en: 'office' }, scope);
  return subtreeOfficeIds(db, path);
}

const intArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

export interface HotspotFilter {
  from?: string;
  to?: string;
  scope?: number;
  status?: HotspotStatus;
  page?: number;
  pageSize?: number;
}

async function hotspotViews(db: Db, actor: Actor, rows: HotspotRow[]): Promise<HotspotView[]> {
  const names = await officeNames(db, [...new Set(rows.map((r) => r.officeId))]);
  const categories = new Map((await listCategories(db)).map((c) => [c.id, c.name]));
  const regions = new Map<string, string | null>();
  for (const code of new Set(rows.map((r) => r.regionCode).filter((c): c is string => c !== null))) regions.set(code, (await findRegion(db, code))?.name ?? null);
  const views: HotspotView[] = [];
  for (const r of rows) {
    const relations = await hotspotRelations(db, actor, r);
    views.push({
      id: r.id, officeId: r.officeId, officeName: names.get(r.officeId) ?? '', kind: r.kind, categoryId: r.categoryId,
      categoryName: r.categoryId === null ? null : categories.get(r.categoryId) ?? null, regionCode: r.regionCode, regionName: r.regionCode === null ? null : regions.get(r.regionCode) ?? null,
      address: r.address, uscc: r.uscc, weekStart: r.weekStart, week: isoWeekLabel(weekOfMonday(r.weekStart)), observed: r.observed, basis: r.basis,
      caseIds: r.caseIds, caseListQuery: caseListQuery(r), terms: r.terms, why: { zh: r.whyZh, en: r.whyEn }, status: r.status, dismissedReason: r.dismissedReason, taskId: r.taskId,
      detectedAt: r.detectedAt.toISOString(), version: r.version, actions: actionsFor(HOTSPOT_LIFECYCLE, r, actor.roles, relations).actions,
    });
  }
  return views;
}

/** `GET /api/hotspots`: the hotspots of the viewer's offices (or `scope`'s) whose week lies between `from` and `to` (dates), newest week first. */
export async function listHotspots(db: Db, actor: Actor, f: HotspotFilter): Promise<HotspotPage> {
  const offices = await watchedOffices(db, actor, f.scope);
  const parts: SQL[] = [sql`h.office_id = any(${intArray(offices)})`];
  // A week belongs to the span when any of its days does.
  if (f.from) parts.push(sql`h.week_start + 6 >= ${f.from}::date`);
  if (f.to) parts.push(sql`h.week_start <= ${f.to}::date`);
  if (f.status) parts.push(sql`h.status = ${f.status}`);
  const where = sql.join(parts, sql` and `);
  const pageSize = f.pageSize ?? 50;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from hotspots h where ${where}`);
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${HOTSPOTS.select} from hotspots h where ${where}
    order by h.week_start desc, h.observed desc, h.id desc limit ${pageSize} offset ${((f.page ?? 1) - 1) * pageSize}`);
  return { total, items: await hotspotViews(db, actor, rows.map(HOTSPOTS.toRow)) };
}

/** A hotspot the viewer watches, or 404. */
export async function readHotspot(db: Db, actor: Actor, id: number): Promise<HotspotRow> {
  const row = await HOTSPOTS.load(db, id);
  if (!row || !canRead(HOTSPOT_LIFECYCLE, actor.roles, await hotspotRelations(db, actor, row))) throw notFound(HOTSPOT_LIFECYCLE.label, id);
  return row;
}

export async function hotspotView(db: Db, actor: Actor, row: HotspotRow): Promise<HotspotView> {
  return (await hotspotViews(db, actor, [row]))[0];
}

/** The weeks a hotspot's trend and cases span: half a year before its week to now (a cluster's: its window). */
function hotspotSpan(row: HotspotRow, now: Date): { from: number; to: number } {
  const week = weekOfMonday(row.weekStart);
  const current = weekOfDate(toLocalDate(now));
  return row.kind === 'text_cluster' ? { from: week - Math.ceil(Number(row.basis.windowDays ?? 14) / 7), to: Math.max(week, current) } : { from: week - TREND_WEEKS, to: Math.max(week, current) };
}

/** The trend chart: the series' appeals each week, and the same week a year earlier. */
export async function hotspotTrend(db: Db, row: HotspotRow, now = new Date()): Promise<TrendPoint[]> {
  const { from, to } = hotspotSpan(row, now);
  const counts = await seriesWeeklyCounts(db, seriesOf(row), mondayOf(from - 52), mondayOf(to));
  const points: TrendPoint[] = [];
  for (let w = from; w <= to; w++) points.push({ weekStart: mondayOf(w), week: isoWeekLabel(w), count: counts.get(mondayOf(w)) ?? 0, lastYear: counts.get(mondayOf(w - 52)) ?? 0 });
  return points;
}

/** The drill-down: the series' cases the viewer may see, in the week flagged (or `weekStart`), or a cluster's. */
export async function hotspotCases(db: Db, actor: Actor, row: HotspotRow, weekStart: string | undefined, limit: number): Promise<{ total: number; items: SeriesCase[] }> {
  if (row.kind === 'text_cluster') {
    const { from, to } = hotspotSpan(row, new Date());
    return seriesCases(db, actor, seriesOf(row), mondayOf(from), mondayOf(to), limit);
  }
  const week = weekStart ?? row.weekStart;
  return seriesCases(db, actor, seriesOf(row), week, week, limit);
}

export interface TaskFilter {
  status?: TaskStatus;
  topicMonth?: string;
  topicsOnly?: boolean;
  page?: number;
  pageSize?: number;
}

/**
 * The tasks the viewer may read (the lifecycle's readers as SQL: supervising, owning or assisting
 * offices in their subtree, each with the roles the lifecycle names).
 */
async function taskScope(db: Db, actor: Actor): Promise<SQL | null> {
  if (actor.officePath === null) return null;
  const ids = intArray(await subtreeOfficeIds(db, actor.officePath));
  const parts: SQL[] = [];
  const rolesFor = (relation: string) => TASK_LIFECYCLE.readers.filter((p) => p.relation === relation).map((p) => p.role);
  const holds = (relation: string) => actor.roles.some((r) => rolesFor(relation).includes(r));
  if (holds('supervising')) parts.push(sql`t.scope_office_id = any(${ids})`);
  if (holds('owner')) parts.push(sql`t.owner_office_id = any(${ids})`);
  if (holds('assisting')) parts.push(sql`t.assisting_office_ids && ${ids}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

export async function listTasks(db: Db, actor: Actor, f: TaskFilter): Promise<TaskPage> {
  const scope = await taskScope(db, actor);
  if (!scope) throw forbidden('查看主动治理任务需要 承办人、督办员 或 领导 角色', 'Proactive tasks need the role handler, supervisor or leader');
  const parts: SQL[] = [scope];
  if (f.status) parts.push(sql`t.status = ${f.status}`);
  if (f.topicMonth) parts.push(sql`t.topic_month = ${f.topicMonth}`);
  if (f.topicsOnly) parts.push(sql`t.topic_month is not null`);
  const where = sql.join(parts, sql` and `);
  const pageSize = f.pageSize ?? 50;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from proactive_tasks t where ${where}`);
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${TASKS.select} from proactive_tasks t where ${where}
    order by t.topic_month desc nulls last, t.created_at desc, t.id desc limit ${pageSize} offset ${((f.page ?? 1) - 1) * pageSize}`);
  const items: TaskView[] = [];
  for (const r of rows) items.push(await taskView(db, actor, TASKS.toRow(r), { withNotes: false }));
  return { total, items };
}

export async function readTask(db: Db, actor: Actor, id: number): Promise<TaskRow> {
  const row = await TASKS.load(db, id);
  if (!row || !canRead(TASK_LIFECYCLE, actor.roles, await taskRelations(db, actor, row))) throw notFound(TASK_LIFECYCLE.label, id);
  return row;
}

/** A finished task's effect on its hotspot's series: the weeks before it was set against those from its finish, and the same weeks a year earlier. */
export async function taskEffect(db: Db, row: TaskRow, now = new Date()): Promise<EffectView | null> {
  if (row.status !== 'finished' || row.hotspotId === null || row.finishedAt === null) return null;
  const hotspot = (await HOTSPOTS.load(db, row.hotspotId))!;
  const start = weekOfDate(toLocalDate(row.createdAt));
  const finish = weekOfDate(toLocalDate(row.finishedAt));
  const current = weekOfDate(toLocalDate(now));
  const counts = await seriesWeeklyCounts(db, seriesOf(hotspot), mondayOf(start - EFFECT_WEEKS - 52), mondayOf(Math.max(current, finish)));
  const byWeek = new Map([...counts].map(([monday, n]) => [weekOfMonday(monday), n]));
  return effectOf(byWeek, start, finish, current, EFFECT_WEEKS);
}

export async function taskView(db: Db, actor: Actor, row: TaskRow, opts: { withNotes?: boolean } = {}): Promise<TaskView> {
  const relations = await taskRelations(db, actor, row);
  const names = await officeNames(db, [row.scopeOfficeId, row.ownerOfficeId, ...row.assistingOfficeIds]);
  let notes: TaskNote[] = [];
  if (opts.withNotes !== false) {
    const events = (await listEvents(db, TASK_STORE.chain, row.id)).filter((e) => e.action === 'add-note' || e.action === 'supervise');
    const officeOf = await officeNames(db, [...new Set(events.map((e) => e.actorOfficeId).filter((o): o is number => o !== null))]);
    notes = events.map((e) => {
      const data = e.data as { note: string; level?: string };
      return {
        seq: e.seq, at: e.at, action: e.action as TaskNote['action'], actorName: e.actorName, officeName: e.actorOfficeId === null ? null : officeOf.get(e.actorOfficeId) ?? null,
        note: data.note, ...(data.level ? { level: data.level } : {}),
      };
    });
  }
  return {
    id: row.id, scopeOfficeId: row.scopeOfficeId, scopeOfficeName: names.get(row.scopeOfficeId) ?? '', ownerOfficeId: row.ownerOfficeId,
    ownerOfficeName: names.get(row.ownerOfficeId) ?? '', assistingOffices: row.assistingOfficeIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    hotspotId: row.hotspotId, title: row.title, description: row.description, caseIds: row.caseIds, limitDays: row.limitDays, dueAt: row.dueAt.toISOString(),
    dueState: row.dueState, wasOverdue: row.wasOverdue, topicMonth: row.topicMonth, result: row.result, finishedAt: row.finishedAt?.toISOString() ?? null,
    status: row.status, createdAt: row.createdAt.toISOString(), version: row.version, actions: actionsFor(TASK_LIFECYCLE, row, actor.roles, relations).actions,
    notes, effect: await taskEffect(db, row),
  };
}

/** The figure table: every finished task the viewer may read that came from a hotspot, with its effect. */
export async function effectTable(db: Db, actor: Actor): Promise<TaskView[]> {
  const scope = await taskScope(db, actor);
  if (!scope) throw forbidden('查看主动治理成效需要 承办人、督办员 或 领导 角色', 'The effect of proactive tasks needs the role handler, supervisor or leader');
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${TASKS.select} from proactive_tasks t
    where ${scope} and t.status = 'finished' and t.hotspot_id is not null order by t.finished_at desc, t.id desc limit 1000`);
  const views: TaskView[] = [];
  for (const r of rows) views.push(await taskView(db, actor, TASKS.toRow(r), { withNotes: false }));
  return views;
}

/** Repeat callers for the intake centre (403 for anyone else), with category names. */
export async function repeatCallerViews(db: Db, actor: Actor, days: number, minCount: number): Promise<RepeatCallerView[]> {
  const rows = await repeatCallers(db, actor, new Date(Date.now() - days * 86_400_000), minCount, 200);
  if (rows === null) throw forbidden('重复来电只向受理中心的话务员、派单员、督办员和领导显示', 'Repeat callers are shown to the intake centre\'s agents, dispatchers, supervisors and leaders only');
  const categories = new Map((await listCategories(db)).map((c) => [c.id, c.name]));
  return rows.map((r) => ({ ...r, categoryName: r.categoryId === null ? null : categories.get(r.categoryId) ?? null, cases: r.cases.map((c) => ({ ...c, id: Number(c.id) })) }));
}
