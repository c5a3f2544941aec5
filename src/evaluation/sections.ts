/**
 * The other modules' figures on the evaluation dashboard (figure sections, manifest
 * `figureSections`): which sections a viewer may read, one section's table over a period, and
 * its workbook. Each section computes its figures from its module's own tables when read, scoped
 * to the viewer by the module's own query; this module only checks the request and lays it out.
 */
import type { Db } from '../platform/db/engine.js';
import type { Config } from '../platform/config.js';
import type { Actor } from '../platform/actor.js';
import type { FigureSection } from '../platform/manifest.js';
import { FIGURE_GROUP_BY_NAMES, type FigureGroupBy, type FigureSectionMeta, type FigureSectionRow, type FigureSectionTable } from '../platform/contract.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { findOffice, OFFICE } from '../offices/queries.js';
import { canSeeOfficePath, hasAnyRole, seesEverything } from '../auth/permissions.js';
import type { TableFile } from '../platform/export/table.js';
import { checkPeriod } from './queries.js';

const SECTION = { zh: '统计板块', en: 'figure section' };

const metaOf = (s: FigureSection): FigureSectionMeta => ({ code: s.code, title: s.title, note: s.note, figures: [...s.figures], groupBy: [...s.groupBy], listPath: s.listPath });

/** The sections the actor may read, in dashboard order; 403 for an actor of no office (an enterprise user) but the system administrator. */
export function readableSections(actor: Actor, sections: readonly FigureSection[]): FigureSectionMeta[] {
  if (actor.officeId === null && !seesEverything(actor)) throw forbidden('统计板块只向有所属单位的工作人员开放', 'The figure sections are open only to staff of an office');
  return sections.filter((s) => hasAnyRole(actor, s.roles)).sort((a, b) => (a.order ?? 100) - (b.order ?? 100)).map(metaOf);
}

export interface SectionQuery {
  from: string;
  to: string;
  groupBy?: string;
  scope?: number;
}

/** One section's table: 404 for a section unknown or not the actor's to read, 400 for a period or group-by it does not take. */
export async function sectionTable(db: Db, config: Config, actor: Actor, sections: readonly FigureSection[], code: string, q: SectionQuery): Promise<FigureSectionTable> {
  const readable = readableSections(actor, sections);
  const section = sections.find((s) => s.code === code);
  if (!section || !readable.some((s) => s.code === code)) throw notFound(SECTION, code);
  checkPeriod(q);
  const groupBy = (q.groupBy ?? section.groupBy[0]) as FigureGroupBy;
  if (!section.groupBy.includes(groupBy)) {
    throw badRequest('invalid_group_by', `「${section.title.zh}」只能按${section.groupBy.map((g) => FIGURE_GROUP_BY_NAMES[g].zh).join('、')}分组`,
      `"${section.title.en}" groups only by ${section.groupBy.map((g) => FIGURE_GROUP_BY_NAMES[g].en).join(', ')}`);
  }
  if (q.scope !== undefined) {
    const office = await findOffice(db, q.scope);
    if (!office || !canSeeOfficePath(actor, office.path)) throw notFound(OFFICE, q.scope);
  }
  const { rows, total } = await section.load(db, actor, { from: q.from, to: q.to, groupBy, scope: q.scope }, config);
  return { section: metaOf(section), from: q.from, to: q.to, groupBy, rows, total };
}

/** The table as a workbook: one row per group and the total, Chinese headers. */
export function sectionTableFile(t: FigureSectionTable): TableFile<FigureSectionRow> {
  const period = t.from === t.to ? t.from : `${t.from} 至 ${t.to}`;
  return {
    title: `${t.section.title.zh}（按${FIGURE_GROUP_BY_NAMES[t.groupBy].zh}，${period}）`,
    sheet: t.section.title.zh,
    columns: [
      { header: FIGURE_GROUP_BY_NAMES[t.groupBy].zh, width: 34, wrap: true, value: (r) => r.name },
      ...t.section.figures.map((f) => ({
        header: f.label.zh, width: Math.max(10, f.label.zh.length * 2 + 2), percent: f.kind === 'ratio',
        value: (r: FigureSectionRow) => r.values[f.code] ?? null,
      })),
    ],
    rows: [...t.rows, t.total],
  };
}
