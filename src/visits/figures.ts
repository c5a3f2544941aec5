/**
 * Visit figures (入企统计) for the offices the reader oversees: per department and month, visits
 * against the same month last year (seed 004: down by more than half), outside the service week,
 * escalated, late filings, unscanned, rated; per department the ratings, only over at least k
 * rated visits; for the enterprises, how often they were visited with a joint visit counted once.
 * Inspections on site (visit_inspections) are visits: once per inspecting department in its rows,
 * once for the enterprise however many departments inspected it together.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { tableWorkbook } from '../platform/export/table.js';
import { toLocalDate } from '../calendar/rules.js';
import type { RatingAggregate } from './contract.js';
import { filterConditions, lateFiling, visibleVisits } from './queries.js';
import { aggregateRatings, changeAgainst } from './rules.js';
import type { VisitSettings } from './settings.js';

export interface FigureRow {
  officeId: number;
  officeName: string;
  /** YYYY-MM. */
  month: string;
  visits: number;
  /** Of the visits, the inspections on site (双随机 抽查入企). */
  inspections: number;
  lastYear: number;
  /** Change against the same month last year, as a fraction; null when last year had none. */
  change: number | null;
  outsideServiceWeek: number;
  escalated: number;
  lateFilings: number;
  unscanned: number;
  rated: number;
  /** The visit list behind the row. */
  drillDown: string;
}

export interface VisitFigures {
  year: number;
  rows: FigureRow[];
  totals: Omit<FigureRow, 'officeId' | 'officeName' | 'month' | 'drillDown'> & { enterpriseVisits: number };
  ratings: (RatingAggregate & { officeId: number; officeName: string })[];
}

/** Visits that happened or may still happen; refused, revoked and cancelled ones are not visits. */
export const LIVE_STATUSES = ['filed', 'escalating', 'approved', 'visited', 'rated'] as const;
const LIVE = sql`v.status = any(${`{${LIVE_STATUSES.join(',')}}`}::text[])`;

export async function visitFigures(db: Db, actor: Actor, settings: VisitSettings, f: { year: number; officeId?: number }): Promise<VisitFigures> {
  const visible = (await visibleVisits(db, actor)) ?? sql`false`;
  const today = toLocalDate(new Date(), settings.officeHours);
  const offset = settings.officeHours.timeZoneOffsetMinutes;
  const scope = sql.join([visible, LIVE, ...filterConditions({ officeId: f.officeId }, today, offset)], sql` and `);
  const rows = await queryRows<{ officeId: number; officeName: string; month: string; visits: number; lastYear: number; outside: number; escalated: number; late: number; unscanned: number; rated: number }>(db, sql`
    select v.office_id as "officeId", o.name as "officeName", ${f.year}::text || '-' || to_char(v.planned_date, 'MM') as month,
      count(*) filter (where extract(year from v.planned_date) = ${f.year})::int as visits,
      count(*) filter (where extract(year from v.planned_date) = ${f.year - 1})::int as "lastYear",
      count(*) filter (where extract(year from v.planned_date) = ${f.year} and 'outside_service_week' = any(v.escalation))::int as outside,
      count(*) filter (where extract(year from v.planned_date) = ${f.year} and cardinality(v.escalation) > 0)::int as escalated,
      count(*) filter (where extract(year from v.planned_date) = ${f.year} and ${lateFiling(today, offset)})::int as late,
      count(*) filter (where extract(year from v.planned_date) = ${f.year} and v.status = 'approved' and v.planned_date < ${today}::date)::int as unscanned,
      count(*) filter (where extract(year from v.planned_date) = ${f.year} and v.status = 'rated')::int as rated
    from visits v join offices o on o.id = v.office_id
    where ${scope} and extract(year from v.planned_date) in (${f.year}, ${f.year - 1})
    group by v.office_id, o.name, to_char(v.planned_date, 'MM') order by o.name, month`);
  // The inspections' rows have the columns the reader's scope and the office filter name (office_id, uscc, region_code).
  const inspectionScope = sql.join([visible, sql`v.status <> 'cancelled'`, ...filterConditions({ officeId: f.officeId }, today, offset)], sql` and `);
  const inspections = await queryRows<{ officeId: number; officeName: string; month: string; visits: number; lastYear: number }>(db, sql`
    select v.office_id as "officeId", o.name as "officeName", ${f.year}::text || '-' || to_char(v.visit_date, 'MM') as month,
      count(*) filter (where extract(year from v.visit_date) = ${f.year})::int as visits,
      count(*) filter (where extract(year from v.visit_date) = ${f.year - 1})::int as "lastYear"
    from visit_inspections v join offices o on o.id = v.office_id
    where ${inspectionScope} and extract(year from v.visit_date) in (${f.year}, ${f.year - 1})
    group by v.office_id, o.name, to_char(v.visit_date, 'MM')`);
  const byMonth = new Map(rows.map((r) => [`${r.officeId}|${r.month}`, { ...r, inspections: 0 }]));
  for (const i of inspections) {
    const key = `${i.officeId}|${i.month}`;
    const r = byMonth.get(key) ?? { ...i, visits: 0, lastYear: 0, outside: 0, escalated: 0, late: 0, unscanned: 0, rated: 0, inspections: 0 };
    byMonth.set(key, { ...r, visits: r.visits + i.visits, lastYear: r.lastYear + i.lastYear, inspections: i.visits });
  }
  const merged = [...byMonth.values()].sort((a, b) => (a.officeName === b.officeName ? (a.month < b.month ? -1 : 1) : a.officeName < b.officeName ? -1 : 1));
  const figureRows: FigureRow[] = merged.map((r) => ({
    officeId: r.officeId, officeName: r.officeName, month: r.month, visits: r.visits, inspections: r.inspections, lastYear: r.lastYear, change: changeAgainst(r.visits, r.lastYear),
    outsideServiceWeek: r.outside, escalated: r.escalated, lateFilings: r.late, unscanned: r.unscanned, rated: r.rated,
    drillDown: `/api/visits?officeId=${r.officeId}&month=${r.month}`,
  }));
  const sum = (k: 'visits' | 'inspections' | 'lastYear' | 'outsideServiceWeek' | 'escalated' | 'lateFilings' | 'unscanned' | 'rated') => figureRows.reduce((s, r) => s + r[k], 0);
  const [{ enterpriseVisits }] = await queryRows<{ enterpriseVisits: number }>(db, sql`select
      (select count(distinct coalesce('j' || v.joint_visit_id, 'v' || v.id)) from visits v where ${scope} and extract(year from v.planned_date) = ${f.year})
    + (select count(distinct v.inspection_visit_id) from visit_inspections v where ${inspectionScope} and extract(year from v.visit_date) = ${f.year}) as "enterpriseVisits"`);
  const ratingRows = await queryRows<{ officeId: number; officeName: string; conduct: number; burden: number; usefulness: number; complaint: boolean }>(db, sql`
    select r.office_id as "officeId", o.name as "officeName", r.conduct, r.burden, r.usefulness, r.complaint
    from visit_ratings r join visits v on v.id = r.visit_id join offices o on o.id = r.office_id
    where ${scope} and extract(year from v.planned_date) = ${f.year}`);
  const byOffice = new Map<number, { officeName: string; list: typeof ratingRows }>();
  for (const r of ratingRows) {
    const entry = byOffice.get(r.officeId) ?? { officeName: r.officeName, list: [] };
    entry.list.push(r);
    byOffice.set(r.officeId, entry);
  }
  return {
    year: f.year,
    rows: figureRows,
    totals: {
      visits: sum('visits'), inspections: sum('inspections'), lastYear: sum('lastYear'), change: changeAgainst(sum('visits'), sum('lastYear')), outsideServiceWeek: sum('outsideServiceWeek'),
      escalated: sum('escalated'), lateFilings: sum('lateFilings'), unscanned: sum('unscanned'), rated: sum('rated'), enterpriseVisits: Number(enterpriseVisits),
    },
    ratings: [...byOffice].map(([officeId, e]) => ({ officeId, officeName: e.officeName, ...aggregateRatings(e.list, settings.policy.ratingMinVisits) })),
  };
}

export function figuresWorkbook(figures: VisitFigures): Promise<Buffer> {
  return tableWorkbook<FigureRow>({
    title: `${figures.year} 年入企统计（较上年同期：${figures.totals.change === null ? '—' : `${Math.round(figures.totals.change * 1000) / 10}%`}）`,
    sheet: `入企统计${figures.year}`,
    columns: [
      { header: '部门', width: 32, value: (r) => r.officeName },
      { header: '月份', width: 10, value: (r) => r.month },
      { header: '入企次数', width: 10, value: (r) => r.visits },
      { header: '其中抽查入企', width: 12, value: (r) => r.inspections },
      { header: '上年同期', width: 10, value: (r) => r.lastYear },
      { header: '同比', width: 10, percent: true, value: (r) => r.change },
      { header: '服务周外', width: 10, value: (r) => r.outsideServiceWeek },
      { header: '提级审批', width: 10, value: (r) => r.escalated },
      { header: '逾期备案', width: 10, value: (r) => r.lateFilings },
      { header: '未扫码', width: 10, value: (r) => r.unscanned },
      { header: '已评价', width: 10, value: (r) => r.rated },
    ],
    rows: figures.rows,
  });
}
