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
import { DEFAULT_OFFICE_HOURS } from '../../calendar/rules.js';
import type { TableFile } from '../../platform/export/table.js';
import { figureRow } from './figures.js';
import { REVIEW_GRADE_NAMES, REVIEW_GRADES, type ApprovalFigureCounts, type ApprovalFigureRow, type ApprovalFigures, type ReviewGrade } from './contract.js';

export const FIGURE_ROLES: readonly Role[] = ['window_agent', 'reviewer', 'leader'];
export const FIGURE_DIMENSIONS = ['item', 'office', 'region', 'month'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** The month an application was received in, in the offices' time zone (as a case's day is: DEFAULT_OFFICE_HOURS). */
const MONTH = sql.raw(`to_char(a.received_at at time zone 'UTC' + interval '${DEFAULT_OFFICE_HOURS.timeZoneOffsetMinutes} minutes', 'YYYY-MM')`);

const COMPLETED = sql`a.decided_at is not null`;

/**
 * Each counted figure as a condition over `applications a`. The two judged on the clock read the
 * judgement stored when the application was decided (judgements.ts).
 */
const FIGURE_SQL = {
  received: sql`true`, accepted: sql`a.accepted_at is not null`, acceptedDeficient: sql`a.deficiency_promise is not null`, completed: COMPLETED,
  completedWithinCommitted: sql`${COMPLETED} and a.judged_within_committed`, completedWithinStatutory: sql`${COMPLETED} and a.judged_within_statutory`,
  refusals: sql`a.status = 'refused'`, greenChannel: sql`a.green_channel_at is not null`, reviews: sql`a.review_grade is not null`,
};

/** The figures a drill-down can list the applications of. */
export const DRILLABLE_FIGURES = Object.keys(FIGURE_SQL) as (keyof typeof FIGURE_SQL)[];
export type ApprovalFigure = (typeof DRILLABLE_FIGURES)[number];

/** The list filters of the figures' drill-down, as SQL over `applications a`. */
export function drillDown(q: { monthFrom?: string; monthTo?: string; officeId?: number; regionCode?: string; figure?: ApprovalFigure }): SQL[] {
  const where: SQL[] = [];
  if (q.monthFrom) where.push(sql`${MONTH} >= ${q.monthFrom}`);
  if (q.monthTo) where.push(sql`${MONTH} <= ${q.monthTo}`);
  if (q.officeId) where.push(sql`exists (select 1 from offices o, offices p where o.id = a.office_id and p.id = ${q.officeId} and o.path like p.path || '%')`);
  if (q.regionCode) where.push(sql`exists (select 1 from offices o where o.id = a.office_id and o.region_code like ${`${q.regionCode.replace(/(00)+$/, '')}%`})`);
  if (q.figure) where.push(FIGURE_SQL[q.figure]);
  return where;
}

/** A group's key and name per dimension, over `a`, its version `v`, office `o` and region `r`. */
const KEY: Record<FigureDimension, { key: SQL; name: SQL }> = {
  item: { key: sql`a.service_item_id::text`, name: sql`v.name` },
  office: { key: sql`a.office_id::text`, name: sql`o.name` },
  region: { key: sql`o.region_code`, name: sql`coalesce(r.name, o.region_code)` },
  month: { key: MONTH, name: MONTH },
};

const COUNTED = Object.entries(FIGURE_SQL).filter(([f]) => f !== 'received') as [keyof ApprovalFigureCounts, SQL][];

type GroupRow = { key: string | null; name: string; daysTaken: number; statutoryDays: number; p90Days: number | null } & ApprovalFigureCounts & Record<`grade_${ReviewGrade}`, number>;

/**
 * The figures for months `from`..`to` (YYYY-MM), grouped `by`, over the applications the actor
 * may read: one statement, each group and the total (a grouping set), named as its first
 * application names it.
 */
export async function approvalFigures(db: Db, actor: Actor, visible: SQL, q: { from: string; to: string; by: FigureDimension }): Promise<ApprovalFigures> {
  requireRole(actor, FIGURE_ROLES, { zh: '查看审批统计', en: 'read the approvals figures' });
  if (q.from > q.to) throw badRequest('invalid_period', `起始月 ${q.from} 晚于截止月 ${q.to}`, `The first month ${q.from} is after the last ${q.to}`);
  const { key, name } = KEY[q.by];
  const rows = await queryRows<GroupRow>(db, sql`with f as (
      select ${key} as key, ${name} as name, a.id, ${sql.join(COUNTED.map(([f, cond]) => sql`${cond} as "${sql.raw(f)}"`), sql`, `)},
        a.review_grade, a.judged_days_taken, a.judged_statutory_limit,
        (select count(*) from application_events e where e.application_id = a.id and e.action in ('supplement', 'supply', 'supply-deficient')) as supplements
      from applications a join service_item_versions v on v.id = a.version_id join offices o on o.id = a.office_id left join regions r on r.code = o.region_code
      where ${visible} and ${MONTH} between ${q.from} and ${q.to})
    select key, (array_agg(name order by id))[1] as name, count(*)::int as received,
      ${sql.join(COUNTED.map(([f]) => sql`(count(*) filter (where "${sql.raw(f)}"))::int as "${sql.raw(f)}"`), sql`, `)},
      coalesce(sum(supplements), 0)::int as supplements,
      ${sql.join(REVIEW_GRADES.map((g) => sql`(count(*) filter (where review_grade = ${g}))::int as "${sql.raw(`grade_${g}`)}"`), sql`, `)},
      coalesce(sum(judged_days_taken) filter (where completed), 0)::float8 as "daysTaken",
      coalesce(sum(judged_statutory_limit) filter (where completed), 0)::float8 as "statutoryDays",
      (percentile_disc(0.9) within group (order by judged_days_taken) filter (where completed))::float8 as "p90Days"
    from f group by grouping sets ((key), ())`);
  const made = rows.map((r) => ({
    key: r.key, row: figureRow(r.key ?? 'total', r.key === null ? '合计' : r.name, {
      counts: {
        received: r.received, accepted: r.accepted, acceptedDeficient: r.acceptedDeficient, completed: r.completed, completedWithinCommitted: r.completedWithinCommitted,
        completedWithinStatutory: r.completedWithinStatutory, supplements: r.supplements, refusals: r.refusals, greenChannel: r.greenChannel, reviews: r.reviews,
      },
      reviewsByGrade: Object.fromEntries(REVIEW_GRADES.map((g) => [g, r[`grade_${g}`]])) as Record<ReviewGrade, number>,
      daysTaken: r.daysTaken, statutoryDays: r.statutoryDays, p90Days: r.p90Days,
    }),
  }));
  // The empty grouping set answers a row even over no applications: the total is always there.
  const total = made.find((m) => m.key === null)!.row;
  const out = made.filter((m) => m.key !== null).map((m) => m.row)
    .sort((a, b) => (q.by === 'month' ? a.key.localeCompare(b.key) : b.counts.received - a.counts.received || a.name.localeCompare(b.name, 'zh')));
  return { from: q.from, to: q.to, by: q.by, rows: out, total };
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
