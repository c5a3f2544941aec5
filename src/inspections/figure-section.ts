/**
 * The random-inspection figures on the evaluation dashboard: the module's own figures per lead
 * department (inspectionFigures), summed over the years the period touches — a task counts in the
 * year its inspection period ends —, each task figure drilling down to the department's tasks.
 */
import type { FigureSection } from '../platform/manifest.js';
import type { FigureDefinition, FigureSectionRow } from '../platform/contract.js';
import type { InspectionFigures } from './contract.js';
import { findOffice } from '../offices/queries.js';
import { inSubtree } from '../offices/rules.js';
import { inspectionFigures } from './queries.js';

const LIST = '/inspections';
const COUNTS = ['tasks', 'targetsDrawn', 'inspected', 'problemsFound', 'rectified', 'published', 'publishedOnTime', 'visitsSavedByJoining'] as const;

const FIGURES: FigureDefinition[] = [
  { code: 'tasks', label: { zh: '抽查任务', en: 'tasks' }, kind: 'count', headline: true },
  { code: 'targetsDrawn', label: { zh: '抽取对象', en: 'targets drawn' }, kind: 'count', headline: true },
  { code: 'inspected', label: { zh: '已检查', en: 'inspected' }, kind: 'count' },
  { code: 'problemsFound', label: { zh: '发现问题', en: 'problems found' }, kind: 'count', headline: true },
  { code: 'rectified', label: { zh: '已整改', en: 'rectified' }, kind: 'count' },
  { code: 'published', label: { zh: '已公示', en: 'published' }, kind: 'count' },
  { code: 'publishedOnTime', label: { zh: '按时公示', en: 'published on time' }, kind: 'count', headline: true },
  { code: 'visitsSavedByJoining', label: { zh: '联合抽查减少入企', en: 'visits saved by joining' }, kind: 'count' },
];

/** The task list shows tasks, so only the task figures drill down (the others count targets). */
const TASK_FILTERS: Record<string, Record<string, string>> = { tasks: {}, published: { status: 'published' } };

function rowOf(key: string, name: string, rows: readonly InspectionFigures[], years: number[], leadOfficeId: number | null): FigureSectionRow {
  const values = Object.fromEntries(COUNTS.map((c) => [c, rows.reduce((s, r) => s + r[c], 0)]));
  // The list takes one year: a period over several years has no drill-down.
  const drillable = leadOfficeId !== null && years.length === 1;
  return {
    key, name, values,
    drillDown: drillable
      ? Object.fromEntries(Object.entries(TASK_FILTERS).map(([figure, filter]) => [figure, `${LIST}?${new URLSearchParams({ leadOfficeId: String(leadOfficeId), year: String(years[0]), ...filter })}`]))
      : {},
  };
}

export const inspectionsFigureSection: FigureSection = {
  code: 'inspections',
  title: { zh: '双随机抽查', en: 'Random inspections' },
  note: {
    zh: '按牵头部门统计可查看的抽查任务；任务计入其检查期结束的年份，所选月份所在的整年都计入。',
    en: 'The inspection tasks you may read, by lead department; a task counts in the year its inspection period ends, and the whole of every year the months touch counts.',
  },
  order: 30,
  roles: ['handler', 'supervisor', 'leader'],
  figures: FIGURES,
  groupBy: ['office'],
  listPath: LIST,
  async load(db, actor, q) {
    const years: number[] = [];
    for (let y = Number(q.from.slice(0, 4)); y <= Number(q.to.slice(0, 4)); y++) years.push(y);
    const scope = q.scope ? await findOffice(db, q.scope) : null;
    const byOffice = new Map<number, InspectionFigures[]>();
    for (const year of years) {
      const [, ...rows] = await inspectionFigures(db, actor, { year });
      for (const r of rows) byOffice.set(r.officeId!, [...(byOffice.get(r.officeId!) ?? []), r]);
    }
    const kept: [number, InspectionFigures[]][] = [];
    for (const [officeId, rows] of byOffice) {
      if (!scope || inSubtree((await findOffice(db, officeId))?.path ?? '', scope.path)) kept.push([officeId, rows]);
    }
    kept.sort(([, a], [, b]) => a[0].officeName.localeCompare(b[0].officeName, 'zh'));
    return {
      rows: kept.map(([officeId, rows]) => rowOf(String(officeId), rows[0].officeName, rows, years, officeId)),
      total: rowOf('total', '合计', kept.flatMap(([, rows]) => rows), years, null),
    };
  },
};
