/**
 * The approvals figures per item, department, region or month (by month of receipt), over the
 * applications the actor may read; and the list filters that drill down to the applications a
 * figure counted.
 */
import { type SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor, Role } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { workingCalendar } from '../../calendar/store.js';
import { DEFAULT_OFFICE_HOURS } from '../../calendar/rules.js';
import type { TableFile } from '../../platform/export/table.js';
import { foldFacts, type ApplicationFacts } from './figures.js';
import { applicationClock, clockInputOf, statutoryLimitOf, type StoredPause } from './rules.js';
import { APPLICATION_DUE_SOON } from './type.js';
import { REVIEW_GRADE_NAMES, REVIEW_GRADES, type ApprovalFigureRow, type ApprovalFigures, type ReviewGrade } from './contract.js';

export const FIGURE_ROLES: readonly Role[] = ['window_agent', 'reviewer', 'leader'];
export const FIGURE_DIMENSIONS = ['item', 'office', 'region', 'month'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** The month an application was received in, in the offices' time zone (as a case's day is: DEFAULT_OFFICE_HOURS). */
const MONTH = sql.raw(`to_char(a.received_at at time zone 'UTC' + interval '${DEFAULT_OFFICE_HOURS.timeZoneOffsetMinutes} minutes', 'YYYY-MM')`);

const FIGURE_SQL = {
  received: sql`true`, accepted: sql`a.accepted_at is not null`, acceptedDeficient: sql`a.deficiency_promise is not null`, completed: sql`a.decided_at is not null`,
  refusals: sql`a.status = 'refused'`, greenChannel: sql`a.green_channel_at is not null`, reviews: sql`a.review_grade is not null`,
};
/** The figures judged on the clock, not in SQL: the drill-down lists the completed ones the figures' own judgement keeps. */
const CLOCK_FIGURES = {
  completedWithinCommitted: (f: ApplicationFacts) => f.withinCommitted,
  completedWithinStatutory: (f: ApplicationFacts) => f.withinStatutory,
};
type ClockFigure = keyof typeof CLOCK_FIGURES;

/** The figures a drill-down can list the applications of. */
export const DRILLABLE_FIGURES = [...Object.keys(FIGURE_SQL), ...Object.keys(CLOCK_FIGURES)] as (keyof typeof FIGURE_SQL | ClockFigure)[];
export type ApprovalFigure = (typeof DRILLABLE_FIGURES)[number];

const isClockFigure = (f: ApprovalFigure | undefined): f is ClockFigure => f !== undefined && f in CLOCK_FIGURES;

/** The list filters of the figures' drill-down, as SQL over `applications a`. */
export function drillDown(q: { monthFrom?: string; monthTo?: string; officeId?: number; regionCode?: string; figure?: ApprovalFigure }): SQL[] {
  const where: SQL[] = [];
  if (q.monthFrom) where.push(sql`${MONTH} >= ${q.monthFrom}`);
  if (q.monthTo) where.push(sql`${MONTH} <= ${q.monthTo}`);
  if (q.officeId) where.push(sql`exists (select 1 from offices o, offices p where o.id = a.office_id and p.id = ${q.officeId} and o.path like p.path || '%')`);
  if (q.regionCode) where.push(sql`exists (select 1 from offices o where o.id = a.office_id and o.region_code like ${`${q.regionCode.replace(/(00)+$/, '')}%`})`);
  if (q.figure) where.push(isClockFigure(q.figure) ? FIGURE_SQL.completed : FIGURE_SQL[q.figure]);
  return where;
}

/**
 * For a figure judged on the clock, the condition that keeps, of the applications `where`
 * selects, those the figure counts (judged as the figures judge them, at `now`); none otherwise.
 */
export async function judgedOnTheClock(db: Db, where: SQL, figure: ApprovalFigure | undefined, now = new Date()): Promise<SQL | null> {
  if (!isClockFigure(figure)) return null;
  const cal = await workingCalendar(db);
  const ids = (await factRows(db, where)).filter((r) => CLOCK_FIGURES[figure](factsOf(r, cal, now))).map((r) => Number(r.id));
  return sql`a.id = any(${`{${ids.join(',')}}`}::int[])`;
}

interface FactRow {
  id: number;
  serviceItemId: number;
  itemName: string;
  officeId: number;
  officeName: string;
  regionCode: string;
  regionName: string | null;
  month: string;
  status: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  deficient: boolean;
  statutoryLimit: number;
  committedLimit: number;
  extensionDays: number;
  pauses: StoredPause[];
  greenChannelAt: string | null;
  grade: ReviewGrade | null;
  supplements: number;
  widestStage: number;
}

const KEY: Record<FigureDimension, (r: FactRow) => [string, string]> = {
  item: (r) => [String(r.serviceItemId), r.itemName],
  office: (r) => [String(r.officeId), r.officeName],
  region: (r) => [r.regionCode, r.regionName ?? r.regionCode],
  month: (r) => [r.month, r.month],
};

/** The figures for months `from`..`to` (YYYY-MM), grouped `by`, over the applications the actor may read. */
export async function approvalFigures(db: Db, actor: Actor, visible: SQL, q: { from: string; to: string; by: FigureDimension }, now = new Date()): Promise<ApprovalFigures> {
  requireRole(actor, FIGURE_ROLES, { zh: '查看审批统计', en: 'read the approvals figures' });
  if (q.from > q.to) throw badRequest('invalid_period', `起始月 ${q.from} 晚于截止月 ${q.to}`, `The first month ${q.from} is after the last ${q.to}`);
  const cal = await workingCalendar(db);
  const rows = await factRows(db, sql`${visible} and ${MONTH} between ${q.from} and ${q.to}`);
  const groups = new Map<string, { name: string; facts: ApplicationFacts[] }>();
  const all: ApplicationFacts[] = [];
  for (const r of rows) {
    const f = factsOf(r, cal, now);
    all.push(f);
    const [key, name] = KEY[q.by](r);
    const g = groups.get(key) ?? { name, facts: [] };
    g.facts.push(f);
    groups.set(key, g);
  }
  const out = [...groups.entries()].map(([key, g]) => foldFacts(key, g.name, g.facts)).sort((a, b) => (q.by === 'month' ? a.key.localeCompare(b.key) : b.counts.received - a.counts.received || a.name.localeCompare(b.name, 'zh')));
  return { from: q.from, to: q.to, by: q.by, rows: out, total: foldFacts('total', '合计', all) };
}

/** What the figures read of the applications `where` selects (over `applications a`). */
function factRows(db: Db, where: SQL): Promise<FactRow[]> {
  return queryRows<FactRow>(db, sql`select a.id, a.service_item_id as "serviceItemId", v.name as "itemName", a.office_id as "officeId", o.name as "officeName",
      o.region_code as "regionCode", r.name as "regionName", ${MONTH} as month, a.status,
      to_char(a.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt",
      to_char(a.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "decidedAt",
      a.deficiency_promise is not null as deficient, v.statutory_limit::float8 as "statutoryLimit", v.committed_limit::float8 as "committedLimit",
      a.extension_days as "extensionDays", a.pauses,
      to_char(a.green_channel_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "greenChannelAt", a.review_grade as grade,
      (select count(*)::int from application_events e where e.application_id = a.id and e.action in ('supplement', 'supply', 'supply-deficient')) as supplements,
      coalesce((select max(n)::int from (select count(*) as n from application_branches b where b.application_id = a.id group by b.stage_no) s), 0) as "widestStage"
    from applications a join service_item_versions v on v.id = a.version_id join offices o on o.id = a.office_id left join regions r on r.code = o.region_code
    where ${where}
    order by a.id`);
}

function factsOf(r: FactRow, cal: Awaited<ReturnType<typeof workingCalendar>>, now: Date): ApplicationFacts {
  const stages = r.widestStage >= 2 ? [{ branches: [0, 1] }] : [];
  const decidedAt = r.decidedAt ? new Date(r.decidedAt) : null;
  const clock = r.acceptedAt
    ? applicationClock(cal, APPLICATION_DUE_SOON, clockInputOf({
      acceptedAt: new Date(r.acceptedAt), statutoryLimit: r.statutoryLimit, committedLimit: r.committedLimit, extensionDays: r.extensionDays,
      pauses: r.pauses, stages, greenChannelAt: r.greenChannelAt ? new Date(r.greenChannelAt) : null,
    }, decidedAt), now)
    : null;
  const completed = decidedAt !== null && clock !== null;
  return {
    accepted: r.acceptedAt !== null, acceptedDeficient: r.deficient, completed, refused: r.status === 'refused',
    withinCommitted: completed && clock!.state !== 'overdue', withinStatutory: completed && !clock!.statutoryOverdue,
    workingDaysTaken: clock?.workingDaysTaken ?? 0, statutoryLimit: statutoryLimitOf(r.statutoryLimit, r.widestStage >= 2),
    supplements: r.supplements, greenChannel: r.greenChannelAt !== null, grade: r.grade,
  };
}

const DIMENSION_NAMES: Record<FigureDimension, string> = { item: '事项', office: '实施部门', region: '行政区划', month: '月份' };

/** The figures as a workbook: one row per group and the total, Chinese headers. */
export function approvalFiguresFile(f: ApprovalFigures): TableFile<ApprovalFigureRow> {
  const count = (header: string, key: keyof ApprovalFigureRow['counts']) => ({ header, width: Math.max(8, header.length * 2 + 2), value: (r: ApprovalFigureRow) => r.counts[key] });
  return {
    title: `审批办件统计（按${DIMENSION_NAMES[f.by]}，收件月份 ${f.from === f.to ? f.from : `${f.from} 至 ${f.to}`}）`,
    sheet: `审批统计${f.from}`,
    columns: [
      { header: DIMENSION_NAMES[f.by], width: 34, wrap: true, value: (r) => r.name },
      count('收件', 'received'), count('受理', 'accepted'), count('容缺受理', 'acceptedDeficient'), count('办结', 'completed'),
      count('承诺时限内办结', 'completedWithinCommitted'), count('法定时限内办结', 'completedWithinStatutory'),
      { header: '平均用时（工作日）', width: 16, value: (r) => r.averageDays }, { header: 'P90 用时（工作日）', width: 16, value: (r) => r.p90Days },
      { header: '较法定时限压缩', width: 14, percent: true, value: (r) => r.timeSaved },
      count('补正次数', 'supplements'), count('不予许可', 'refusals'), count('绿色通道', 'greenChannel'), count('评价数', 'reviews'),
      ...REVIEW_GRADES.map((g) => ({ header: REVIEW_GRADE_NAMES[g].zh, width: 10, value: (r: ApprovalFigureRow) => r.reviewsByGrade[g] })),
    ],
    rows: [...f.rows, f.total],
  };
}
