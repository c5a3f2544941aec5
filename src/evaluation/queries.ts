/**
 * The figures as people read them: tables by dimension, the weekly trend, the leader's
 * dashboard and the month's ranking, each limited to the offices the reader may see.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { canSeeOfficePath, requireRole, seesEverything } from '../auth/permissions.js';
import { findOffice, listOffices, OFFICE } from '../offices/queries.js';
import type { OfficeView } from '../offices/contract.js';
import { inSubtree } from '../offices/rules.js';
import { regionsWithAncestors } from '../regions/queries.js';
import { listCategories } from '../cases/catalogue.js';
import { CHANNEL_NAMES } from '../cases/record.js';
import { TYPE_NAMES } from '../cases/deadlines.js';
import { overdueNowByOffice } from '../cases/queries.js';
import type { Dashboard, Dimension, EvaluationSettings, FigureCounts, FigureRow, FigureTable, Ranking, TrendPoint } from './contract.js';
import { addCounts, monthStart, monthsBetween, nextMonthStart, peerGroupOf, rankOffices, rates, weekStart, zeroCounts } from './rules.js';
import { dayFlow, monthFigures, type MonthGroupColumn, type MonthGroupRow } from './rollups.js';
import { evaluationSettings } from './settings.js';
import { beijingToday } from '../platform/dates.js';

/** Who reads figures: the people who answer for offices' performance, and the system administrator. */
const READERS = ['leader', 'supervisor', 'dispatcher', 'admin'] as const;
const READ = { zh: '查看考评数据', en: 'read evaluation figures' };

export interface Period {
  from: string; // YYYY-MM
  to: string; // YYYY-MM
}

const MAX_PERIOD_MONTHS = 120;

export function checkPeriod(p: Period): void {
  if (p.from > p.to) throw badRequest('invalid_period', `起始月份 ${p.from} 晚于结束月份 ${p.to}`, `The period starts (${p.from}) after it ends (${p.to})`);
  if (monthsBetween(p.from, p.to).length > MAX_PERIOD_MONTHS) {
    throw badRequest('period_too_long', `统计期间最长 ${MAX_PERIOD_MONTHS} 个月`, `A period is at most ${MAX_PERIOD_MONTHS} months`);
  }
}

/** The office whose subtree the figures cover, and the offices in it (null ids: everything, for the system administrator). */
export interface Scope {
  office: OfficeView | null;
  offices: OfficeView[];
  officeIds: number[] | null;
}

async function resolveScope(db: Db, actor: Actor, scopeOfficeId?: number): Promise<Scope> {
  requireRole(actor, [...READERS], READ);
  const visible = await listOffices(db, actor);
  const id = scopeOfficeId ?? actor.officeId;
  if (id === null || id === undefined) {
    if (!seesEverything(actor)) throw forbidden('您的账号不属于任何单位，无法查看考评数据', 'Your account belongs to no office, so there are no figures for you to read');
    return { office: null, offices: visible, officeIds: null };
  }
  const office = await findOffice(db, id);
  if (!office || !canSeeOfficePath(actor, office.path)) throw notFound(OFFICE, id);
  const offices = visible.filter((o) => inSubtree(o.path, office.path));
  return { office, offices, officeIds: offices.map((o) => o.id) };
}

const rowOf = (key: string, name: string, parentKey: string | null, counts: FigureCounts, w: number): FigureRow => ({ key, name, parentKey, counts, rates: rates(counts, w) });

function sumRows(rows: MonthGroupRow[], where: (r: MonthGroupRow) => boolean = () => true): FigureCounts {
  const c = zeroCounts();
  for (const r of rows) if (where(r)) addCounts(c, r.counts);
  return c;
}

/** Each office of the scope with its subtree's figures (rows grouped by office id). */
function officeRows(scope: Scope, rows: MonthGroupRow[], w: number, only?: (o: OfficeView) => boolean): FigureRow[] {
  const pathOf = new Map(scope.offices.map((o) => [o.id, o.path]));
  const ids = new Set(scope.offices.map((o) => o.id));
  return scope.offices.filter(only ?? (() => true)).map((o) => rowOf(String(o.id), o.name, o.parentId !== null && ids.has(o.parentId) ? String(o.parentId) : null,
    sumRows(rows, (r) => inSubtree(pathOf.get(r.officeId!) ?? '', o.path)), w));
}

/** A tree dimension (regions, categories): each node with everything below it; cases without one under 「未注明」. */
function treeRows<K extends string | number>(
  rows: MonthGroupRow[], keyOf: (r: MonthGroupRow) => K | null | undefined,
  nodes: { key: K; name: string; parent: K | null }[], w: number, none: { zh: string },
): FigureRow[] {
  const parent = new Map(nodes.map((n) => [n.key, n.parent]));
  const totals = new Map<K, FigureCounts>();
  let unassigned: FigureCounts | null = null;
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null || k === undefined) { unassigned = addCounts(unassigned ?? zeroCounts(), r.counts); continue; }
    for (let at: K | null | undefined = k; at !== null && at !== undefined; at = parent.get(at)) {
      totals.set(at, addCounts(totals.get(at) ?? zeroCounts(), r.counts));
    }
  }
  const out = nodes.filter((n) => totals.has(n.key)).map((n) => rowOf(String(n.key), n.name, n.parent !== null && totals.has(n.parent) ? String(n.parent) : null, totals.get(n.key)!, w));
  if (unassigned) out.push(rowOf('none', none.zh, null, unassigned, w));
  return out;
}

async function regionRows(db: Db, rows: MonthGroupRow[], w: number): Promise<FigureRow[]> {
  const codes = [...new Set(rows.map((r) => r.regionCode).filter((c): c is string => !!c))];
  const regions = await regionsWithAncestors(db, codes);
  return treeRows(rows, (r) => r.regionCode, regions.map((g) => ({ key: g.code, name: g.name, parent: g.parentCode })), w, { zh: '未注明区划' });
}

async function categoryRows(db: Db, rows: MonthGroupRow[], w: number): Promise<FigureRow[]> {
  const categories = await listCategories(db);
  return treeRows(rows, (r) => r.categoryId, categories.map((c) => ({ key: c.id, name: c.name, parent: c.parentId })), w, { zh: '未分类' });
}

const channelRow = (r: MonthGroupRow, w: number) => rowOf(r.channel!, CHANNEL_NAMES[r.channel as keyof typeof CHANNEL_NAMES]?.zh ?? r.channel!, null, r.counts, w);

const GROUP_FOR: Record<Dimension, MonthGroupColumn> = { office: 'office_id', region: 'region_code', category: 'category_id', channel: 'channel', type: 'type', month: 'month' };

export async function figureTable(db: Db, actor: Actor, q: Period & { by: Dimension; scope?: number }): Promise<FigureTable> {
  checkPeriod(q);
  const scope = await resolveScope(db, actor, q.scope);
  const { basicallySatisfiedWeight: w } = await evaluationSettings(db);
  const grouped = await monthFigures(db, { fromMonth: monthStart(q.from), toMonth: monthStart(q.to), officeIds: scope.officeIds }, q.by === 'office' ? ['office_id'] : [GROUP_FOR[q.by]]);
  let rows: FigureRow[];
  switch (q.by) {
    case 'office': rows = officeRows(scope, grouped, w); break;
    case 'region': rows = await regionRows(db, grouped, w); break;
    case 'category': rows = await categoryRows(db, grouped, w); break;
    case 'channel': rows = grouped.map((r) => channelRow(r, w)); break;
    case 'type': rows = grouped.map((r) => rowOf(r.type!, TYPE_NAMES[r.type as keyof typeof TYPE_NAMES]?.zh ?? r.type!, null, r.counts, w)); break;
    case 'month': {
      const byMonth = new Map(grouped.map((r) => [r.month!, r.counts]));
      rows = monthsBetween(q.from, q.to).map((m) => rowOf(m, m, null, byMonth.get(m) ?? zeroCounts(), w));
      break;
    }
  }
  if (q.by === 'channel' || q.by === 'type') rows.sort((a, b) => b.counts.received - a.counts.received);
  return { from: q.from, to: q.to, by: q.by, rows, total: rowOf('total', '合计', null, sumRows(grouped), w), basicallySatisfiedWeight: w };
}

/** Cases received and completed per ISO week (weeks that overlap the period, cut to it, up to this week: no empty weeks to come). */
async function trendFor(db: Db, scope: Scope, p: Period, now = new Date()): Promise<TrendPoint[]> {
  const days = await dayFlow(db, monthStart(p.from), nextMonthStart(p.to), scope.officeIds);
  const weeks = new Map<string, TrendPoint>();
  const first = weekStart(monthStart(p.from));
  const thisWeek = new Date(`${weekStart(beijingToday(now))}T00:00:00Z`).getTime();
  for (let t = new Date(`${first}T00:00:00Z`).getTime(), end = new Date(`${nextMonthStart(p.to)}T00:00:00Z`).getTime(); t < end && t <= thisWeek; t += 7 * 86_400_000) {
    const w = new Date(t).toISOString().slice(0, 10);
    weeks.set(w, { weekStart: w, received: 0, completed: 0 });
  }
  for (const d of days) {
    const point = weeks.get(weekStart(d.day));
    if (!point) continue;
    point.received += d.received;
    point.completed += d.completed;
  }
  return [...weeks.values()];
}

export async function trend(db: Db, actor: Actor, q: Period & { scope?: number }): Promise<TrendPoint[]> {
  checkPeriod(q);
  return trendFor(db, await resolveScope(db, actor, q.scope), q);
}

/** Everything the leader's dashboard draws, from one pass over the rollups of the period. */
export async function dashboard(db: Db, actor: Actor, q: Period & { scope?: number }): Promise<Dashboard> {
  checkPeriod(q);
  const scope = await resolveScope(db, actor, q.scope);
  const { basicallySatisfiedWeight: w } = await evaluationSettings(db);
  const filter = { fromMonth: monthStart(q.from), toMonth: monthStart(q.to), officeIds: scope.officeIds };
  const [grouped, byChannel] = await Promise.all([monthFigures(db, filter, ['office_id', 'region_code', 'category_id']), monthFigures(db, filter, ['channel'])]);
  const top = scope.office ? (o: OfficeView) => o.parentId === scope.office!.id : (o: OfficeView) => o.parentId === null;
  const categories = await categoryRows(db, grouped, w);
  const [trendPoints, overdue] = await Promise.all([trendFor(db, scope, q), overdueNowByOffice(db, scope.officeIds)]);
  const names = new Map(scope.offices.map((o) => [o.id, o.name]));
  return {
    from: q.from, to: q.to, scopeOfficeId: scope.office?.id ?? null,
    total: rowOf('total', '合计', null, sumRows(grouped), w),
    trend: trendPoints,
    offices: officeRows(scope, grouped, w, top).filter((r) => r.counts.received > 0).sort((a, b) => b.counts.received - a.counts.received),
    regions: await regionRows(db, grouped, w),
    topCategories: categories.filter((c) => c.parentKey === null).sort((a, b) => b.counts.received - a.counts.received).slice(0, 10),
    channels: byChannel.map((r) => channelRow(r, w)).sort((a, b) => b.counts.received - a.counts.received),
    overdueNow: overdue.map((o) => ({ officeId: o.officeId, name: names.get(o.officeId) ?? String(o.officeId), count: o.count })).sort((a, b) => b.count - a.count),
    overdueNowTotal: overdue.reduce((n, o) => n + o.count, 0),
  };
}

/**
 * The month's ranking of the scope office's direct sub-offices (each with its subtree), within
 * peer groups, as it stands now; publishing freezes one (commands/publishList.ts).
 */
export async function ranking(db: Db, actor: Actor, q: { month: string; scope?: number }, settings?: EvaluationSettings): Promise<Ranking> {
  checkPeriod({ from: q.month, to: q.month });
  const scope = await resolveScope(db, actor, q.scope);
  if (!scope.office) throw badRequest('scope_required', '请指定排名的单位范围（scope，例如热线中心）', 'Say whose offices to rank (scope, e.g. a hotline centre)');
  const s = settings ?? await evaluationSettings(db);
  const grouped = await monthFigures(db, { fromMonth: monthStart(q.month), toMonth: monthStart(q.month), officeIds: scope.officeIds }, ['office_id']);
  const children = officeRows(scope, grouped, s.basicallySatisfiedWeight, (o) => o.parentId === scope.office!.id && peerGroupOf(o.kind) !== null);
  const kindOf = new Map(scope.offices.map((o) => [String(o.id), o.kind]));
  const ranked = rankOffices(children.map((r) => ({ officeId: Number(r.key), name: r.name, peerGroup: peerGroupOf(kindOf.get(r.key)!)!, counts: r.counts })), s);
  const groups = (['county', 'department'] as const).map((g) => ({ peerGroup: g, offices: ranked.filter((o) => o.peerGroup === g) })).filter((g) => g.offices.length > 0);
  return {
    month: q.month, scopeOfficeId: scope.office.id, scopeOfficeName: scope.office.name, settings: s, groups,
    total: rowOf('total', '合计', null, sumRows(grouped), s.basicallySatisfiedWeight),
  };
}
