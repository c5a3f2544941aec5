/**
 * The visit figures on the evaluation dashboard: the module's own figures (figures.ts, per
 * department and month) for each year the period touches, kept to the period's months and summed
 * by department or by month; each cell of what the visit list holds drills down to it filtered to
 * what it counted. The visits include the inspections on site (visit_inspections), which the list
 * does not: the filed ones drill down, the totals and last year's do not.
 */
import type { FigureSection } from '../platform/manifest.js';
import type { FigureDefinition, FigureGroupBy, FigureSectionRow } from '../platform/contract.js';
import { visitSettings } from './settings.js';
import { LIVE_STATUSES, visitFigures, type FigureRow } from './figures.js';
import { changeAgainst } from './rules.js';

const LIST = '/visits';
const COUNTS = ['visits', 'inspections', 'lastYear', 'outsideServiceWeek', 'escalated', 'lateFilings', 'unscanned', 'rated'] as const;
type Count = (typeof COUNTS)[number];

const FIGURES: FigureDefinition[] = [
  { code: 'visits', label: { zh: '入企次数', en: 'visits' }, kind: 'count', headline: true },
  { code: 'filed', label: { zh: '其中备案入企', en: 'of them filed visits' }, kind: 'count' },
  { code: 'inspections', label: { zh: '其中抽查入企', en: 'of them inspections on site' }, kind: 'count' },
  { code: 'lastYear', label: { zh: '上年同期', en: 'same months last year' }, kind: 'count' },
  { code: 'change', label: { zh: '同比', en: 'change on last year' }, kind: 'ratio', headline: true },
  { code: 'outsideServiceWeek', label: { zh: '服务周外', en: 'outside the service week' }, kind: 'count', headline: true },
  { code: 'escalated', label: { zh: '提级审批', en: 'escalated' }, kind: 'count' },
  { code: 'lateFilings', label: { zh: '逾期备案', en: 'late filings' }, kind: 'count', headline: true },
  { code: 'unscanned', label: { zh: '未扫码', en: 'unscanned' }, kind: 'count' },
  { code: 'rated', label: { zh: '已评价', en: 'rated' }, kind: 'count' },
];

/** The list filters of each figure: live visits (as the figures count), with the figure's flag. */
const FIGURE_FILTER: Record<Exclude<Count, 'visits' | 'inspections' | 'lastYear'> | 'filed', Record<string, string>> = {
  filed: {}, outsideServiceWeek: { flag: 'outside_service_week' }, escalated: { flag: 'escalated' }, lateFilings: { flag: 'late_filing' },
  unscanned: { flag: 'unscanned' }, rated: { status: 'rated' },
};

function rowOf(key: string, name: string, rows: readonly FigureRow[], months: { from: string; to: string }, office: string | undefined): FigureSectionRow {
  const sums = Object.fromEntries(COUNTS.map((c) => [c, rows.reduce((s, r) => s + r[c], 0)])) as Record<Count, number>;
  const link = (filter: Record<string, string>) =>
    `${LIST}?${new URLSearchParams({ status: LIVE_STATUSES.join(','), ...(office ? { officeId: office } : {}), monthFrom: months.from, monthTo: months.to, ...filter })}`;
  return {
    key, name,
    values: { ...sums, filed: sums.visits - sums.inspections, change: changeAgainst(sums.visits, sums.lastYear) },
    drillDown: Object.fromEntries(Object.entries(FIGURE_FILTER).map(([figure, filter]) => [figure, link(filter)])),
  };
}

function groups(rows: readonly FigureRow[], groupBy: FigureGroupBy): Map<string, { name: string; rows: FigureRow[] }> {
  const out = new Map<string, { name: string; rows: FigureRow[] }>();
  for (const r of rows) {
    const [key, name] = groupBy === 'office' ? [String(r.officeId), r.officeName] : [r.month, r.month];
    const g = out.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    out.set(key, g);
  }
  return out;
}

export const visitsFigureSection: FigureSection = {
  code: 'visits',
  title: { zh: '入企', en: 'Official visits' },
  note: {
    zh: '按计划入企日期统计可查看的入企（不含不予批准、撤销、取消的），与上年同期比较。',
    en: 'The visits you may read by planned date (refused, revoked and cancelled ones left out), against the same months last year.',
  },
  order: 20,
  roles: ['handler', 'supervisor', 'leader'],
  figures: FIGURES,
  groupBy: ['office', 'month'],
  listPath: LIST,
  async load(db, actor, q, config) {
    const settings = await visitSettings(db, config.visits);
    const rows: FigureRow[] = [];
    for (let year = Number(q.from.slice(0, 4)); year <= Number(q.to.slice(0, 4)); year++) {
      const figures = await visitFigures(db, actor, settings, { year, officeId: q.scope });
      rows.push(...figures.rows.filter((r) => r.month >= q.from && r.month <= q.to));
    }
    const scope = q.scope ? String(q.scope) : undefined;
    const sorted = [...groups(rows, q.groupBy)].sort(([a, x], [b, y]) => (q.groupBy === 'month' ? a.localeCompare(b) : x.name.localeCompare(y.name, 'zh')));
    return {
      rows: sorted.map(([key, g]) => {
        const months = q.groupBy === 'month' ? { from: key, to: key } : q;
        return rowOf(key, g.name, g.rows, months, q.groupBy === 'office' ? key : scope);
      }),
      total: rowOf('total', '合计', rows, q, scope),
    };
  },
};
