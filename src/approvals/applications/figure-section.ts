/**
 * The approvals figures on the evaluation dashboard: the module's own figures (figure-queries.ts)
 * over the applications the viewer may read, each cell drilling down to the applications list
 * filtered to exactly what it counted.
 */
import { sql } from '../../platform/db/engine.js';
import type { FigureSection } from '../../platform/manifest.js';
import type { FigureDefinition, FigureGroupBy, FigureSectionRow } from '../../platform/contract.js';
import { approvalFigures, drillDown, DRILLABLE_FIGURES, FIGURE_ROLES, type FigureDimension } from './figure-queries.js';
import { visibleApplications } from './queries.js';
import { REVIEW_GRADE_NAMES, REVIEW_GRADES, type ApprovalFigureRow } from './contract.js';

const LIST = '/approvals/applications';

const FIGURES: FigureDefinition[] = [
  { code: 'received', label: { zh: '收件', en: 'received' }, kind: 'count', headline: true },
  { code: 'accepted', label: { zh: '受理', en: 'accepted' }, kind: 'count' },
  { code: 'acceptedDeficient', label: { zh: '容缺受理', en: 'accepted with deficiency' }, kind: 'count' },
  { code: 'completed', label: { zh: '办结', en: 'completed' }, kind: 'count', headline: true },
  { code: 'completedWithinCommitted', label: { zh: '承诺时限内办结', en: 'within committed limit' }, kind: 'count', headline: true },
  { code: 'completedWithinStatutory', label: { zh: '法定时限内办结', en: 'within statutory limit' }, kind: 'count' },
  { code: 'averageDays', label: { zh: '平均用时', en: 'average days' }, kind: 'days', headline: true },
  { code: 'p90Days', label: { zh: 'P90 用时', en: 'p90 days' }, kind: 'days' },
  { code: 'timeSaved', label: { zh: '较法定时限压缩', en: 'time saved vs statutory' }, kind: 'ratio', headline: true },
  { code: 'supplements', label: { zh: '补正次数', en: 'supplements' }, kind: 'count' },
  { code: 'refusals', label: { zh: '不予许可', en: 'refusals' }, kind: 'count' },
  { code: 'greenChannel', label: { zh: '绿色通道', en: 'green channel' }, kind: 'count' },
  { code: 'reviews', label: { zh: '评价数', en: 'reviews' }, kind: 'count' },
  ...REVIEW_GRADES.map((g): FigureDefinition => ({ code: `review.${g}`, label: REVIEW_GRADE_NAMES[g], kind: 'count' })),
];

const DIMENSION: Record<FigureGroupBy, FigureDimension> = { office: 'office', region: 'region', month: 'month', item: 'item' };

/** The list's filters for a row's group (a county's region only: a city row counts its own offices, the list's region filter those under it too). */
function groupFilter(groupBy: FigureGroupBy | null, key: string): Record<string, string> | null {
  switch (groupBy) {
    case null: return {};
    case 'office': return { officeId: key };
    case 'item': return { serviceItemId: key };
    case 'month': return { monthFrom: key, monthTo: key };
    case 'region': return key.endsWith('00') ? null : { regionCode: key };
  }
}

function rowOf(r: ApprovalFigureRow, groupBy: FigureGroupBy | null, q: { from: string; to: string; scope?: number }): FigureSectionRow {
  const group = groupFilter(groupBy, r.key);
  const base = { monthFrom: q.from, monthTo: q.to, ...(q.scope ? { officeId: String(q.scope) } : {}), ...group };
  return {
    key: r.key, name: r.name,
    values: {
      ...r.counts, averageDays: r.averageDays, p90Days: r.p90Days, timeSaved: r.timeSaved,
      ...Object.fromEntries(REVIEW_GRADES.map((g) => [`review.${g}`, r.reviewsByGrade[g]])),
    },
    drillDown: group ? Object.fromEntries(DRILLABLE_FIGURES.map((f) => [f, `${LIST}?${new URLSearchParams({ figure: f, ...base })}`])) : {},
  };
}

export const approvalsFigureSection: FigureSection = {
  code: 'approvals',
  title: { zh: '审批办件', en: 'Approvals' },
  note: {
    zh: '按收件月份统计可查看的办件；用时为受理至办结的工作日，暂停时间不计。',
    en: 'The applications you may read, by month of receipt; days are working days from acceptance to decision, pauses left out.',
  },
  order: 10,
  roles: FIGURE_ROLES,
  figures: FIGURES,
  groupBy: ['office', 'item', 'region', 'month'],
  listPath: LIST,
  async load(db, actor, q) {
    const visible = sql.join([visibleApplications(actor), ...drillDown({ officeId: q.scope })], sql` and `);
    const f = await approvalFigures(db, actor, visible, { from: q.from, to: q.to, by: DIMENSION[q.groupBy] });
    return { rows: f.rows.map((r) => rowOf(r, q.groupBy, q)), total: rowOf(f.total, null, q) };
  },
};
