/**
 * The rollups behind every figure: folding pending deltas in (a background job), rebuilding
 * everything from the case events (`qinqing rollups rebuild`), and reading rollup plus pending
 * deltas so that an answer is exact whether or not the fold has run.
 */
import type { SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { FIGURES, type FigureCounts } from './contract.js';
import { FIGURE_COLUMNS, caseAttributesSql, figureColumn, figureEventsSql, upsertCaseFigures } from './record.js';
import { FIGURE_TEST, foldFigures, initialFigures, type CaseAttributes, type CaseFigures, type FigureEvent } from './rules.js';

const MONTH_KEY = 'month, facet, office_id, region_code, category_id, channel, type';
/** Serialises folds and rebuilds across processes. */
const ROLLUP_LOCK = 7_340_001;

/** Moves the pending deltas into the rollups; returns how many delta rows it took in. */
export async function foldFigureDeltas(db: Db): Promise<{ monthRows: number; dayRows: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    const cols = FIGURE_COLUMNS;
    const [month] = await queryRows<{ n: number }>(tx, sql.raw(`with moved as (delete from figure_month_deltas returning *),
      merged as (insert into figure_month (${MONTH_KEY}, ${cols.join(', ')})
        select ${MONTH_KEY}, ${cols.map((c) => `sum(${c})`).join(', ')} from moved group by ${MONTH_KEY}
        on conflict (${MONTH_KEY}) do update set ${cols.map((c) => `${c} = figure_month.${c} + excluded.${c}`).join(', ')})
      select count(*)::int as n from moved`));
    const [day] = await queryRows<{ n: number }>(tx, sql`with moved as (delete from figure_day_deltas returning *),
      merged as (insert into figure_day (day, office_id, received, completed) select day, office_id, sum(received), sum(completed) from moved group by day, office_id
        on conflict (day, office_id) do update set received = figure_day.received + excluded.received, completed = figure_day.completed + excluded.completed)
      select count(*)::int as n from moved`);
    return { monthRows: month.n, dayRows: day.n };
  });
}

/** SQL that is true for a case_figures row (flags column `flags`) the figure counts: FIGURE_TEST in SQL. */
const figurePredicate = (f: keyof typeof FIGURE_TEST, flags: string) => {
  const { all, none } = FIGURE_TEST[f];
  return `(${flags} & ${all} = ${all} and ${flags} & ${none} = 0)`;
};

/** SQL that is 1 for a case the figure counts, else 0. */
export const figureCountSql = (f: keyof typeof FIGURE_TEST, flags = 'flags') => `case when ${figurePredicate(f, flags)} then 1 else 0 end`;

/** SQL condition: the case (aliased `f` in case_figures) counts for the figure. */
export const figureCondition = (f: keyof typeof FIGURE_TEST): SQL => sql.raw(figurePredicate(f, 'f.flags'));

export interface RebuildResult {
  cases: number;
  events: number;
  monthRows: number;
  dayRows: number;
}

const REBUILD_PAGE = 5000;

/**
 * Recomputes every case's figures from its events and the rollups from those, in one
 * transaction: writers touching figures wait until it commits (the truncate locks the tables),
 * readers see the old figures until then.
 */
export async function rebuildRollups(db: Db, progress: (done: number, total: number) => void = () => {}): Promise<RebuildResult> {
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`);
    await tx.execute(sql`truncate case_figures, figure_month, figure_month_deltas, figure_day, figure_day_deltas`);
    let cases = 0;
    let events = 0;
    progress(0, total);
    for (let cursor = 0; ;) {
      const attributes = await queryRows<CaseAttributes>(tx, sql`${caseAttributesSql(sql`id > ${cursor}`)} limit ${REBUILD_PAGE}`);
      if (!attributes.length) break;
      const last = attributes.at(-1)!.caseId;
      const timeline = await queryRows<FigureEvent & { caseId: number }>(tx, figureEventsSql(sql`case_id > ${cursor} and case_id <= ${last}`));
      const figures: CaseFigures[] = [];
      let e = 0;
      for (const a of attributes) {
        let f = initialFigures(a);
        while (e < timeline.length && timeline[e].caseId < a.caseId) e++;
        for (; e < timeline.length && timeline[e].caseId === a.caseId; e++) f = foldFigures(f, timeline[e]);
        figures.push(f);
      }
      await tx.execute(upsertCaseFigures(figures));
      cases += attributes.length;
      events += timeline.length;
      cursor = last;
      progress(Math.min(cases, total), total);
    }
    const sums = FIGURES.map((f) => `sum(${figureCountSql(f)})`).join(', ');
    const [month] = await queryRows<{ n: number }>(tx, sql.raw(`with inserted as (insert into figure_month (${MONTH_KEY}, ${FIGURE_COLUMNS.join(', ')})
      select month, 'place', office_id, region_code, category_id, null, null, ${sums} from case_figures group by month, office_id, region_code, category_id
      union all
      select month, 'channel', office_id, null, null, channel, type, ${sums} from case_figures group by month, office_id, channel, type returning 1)
      select count(*)::int as n from inserted`));
    const [day] = await queryRows<{ n: number }>(tx, sql`with inserted as (insert into figure_day (day, office_id, received, completed)
      select day, office_id, sum(received), sum(completed) from (
        select accepted_day as day, office_id, 1 as received, 0 as completed from case_figures
        union all select completed_day, office_id, 0, 1 from case_figures where completed_day is not null) x
      group by day, office_id returning 1)
      select count(*)::int as n from inserted`);
    return { cases, events, monthRows: month.n, dayRows: day.n };
  });
}

export interface MonthFilter {
  fromMonth: string; // YYYY-MM-01
  toMonth: string; // YYYY-MM-01, inclusive
  officeIds?: number[] | null;
}

export type MonthGroupColumn = 'month' | 'office_id' | 'region_code' | 'category_id' | 'channel' | 'type';

export interface MonthGroupRow {
  month?: string;
  officeId?: number;
  regionCode?: string | null;
  categoryId?: number | null;
  channel?: string;
  type?: string;
  counts: FigureCounts;
}

/** Each group column as selected, and the key it comes back under. */
const GROUP_ALIAS: Record<MonthGroupColumn, [expression: string, key: keyof MonthGroupRow]> = {
  month: [`to_char(month, 'YYYY-MM')`, 'month'], office_id: ['office_id', 'officeId'], region_code: ['region_code', 'regionCode'],
  category_id: ['category_id', 'categoryId'], channel: ['channel', 'channel'], type: ['type', 'type'],
};

/** Sums of the cohort figures over months, grouped by the given columns (within one facet): rollup plus pending deltas. */
export async function monthFigures(db: Db, filter: MonthFilter, groupBy: MonthGroupColumn[]): Promise<MonthGroupRow[]> {
  const facet = groupBy.includes('channel') || groupBy.includes('type') ? 'channel' : 'place';
  if (facet === 'channel' && (groupBy.includes('region_code') || groupBy.includes('category_id'))) throw new Error('monthFigures: region and category do not cross channel and type');
  const where = sql`facet = ${facet} and month between ${filter.fromMonth}::date and ${filter.toMonth}::date${filter.officeIds ? sql` and office_id = any(${`{${filter.officeIds.join(',')}}`}::int[])` : sql``}`;
  const sums = sql.raw(FIGURES.map((f) => `sum(${figureColumn(f)})::int as "${f}"`).join(', '));
  const cols = sql.raw([...groupBy, ...FIGURE_COLUMNS].join(', '));
  const select = sql.raw(groupBy.map((g) => `${GROUP_ALIAS[g][0]} as "${GROUP_ALIAS[g][1]}", `).join(''));
  const group = groupBy.length ? sql.raw(` group by ${groupBy.join(', ')}`) : sql``;
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${select}${sums} from (
      select ${cols} from figure_month where ${where}
      union all select ${cols} from figure_month_deltas where ${where}) x${group}`);
  return rows.map((r) => {
    const counts = Object.fromEntries(FIGURES.map((f) => [f, r[f] ?? 0])) as FigureCounts;
    const out: MonthGroupRow = { counts };
    for (const g of groupBy) (out as unknown as Record<string, unknown>)[GROUP_ALIAS[g][1]] = r[GROUP_ALIAS[g][1]];
    return out;
  });
}

/** Received and completed per day (rollup plus pending deltas), summed over the offices given. */
export async function dayFlow(db: Db, fromDay: string, toDayExclusive: string, officeIds: number[] | null): Promise<{ day: string; received: number; completed: number }[]> {
  const where = sql`day >= ${fromDay}::date and day < ${toDayExclusive}::date${officeIds ? sql` and office_id = any(${`{${officeIds.join(',')}}`}::int[])` : sql``}`;
  return queryRows(db, sql`select to_char(day, 'YYYY-MM-DD') as day, sum(received)::int as received, sum(completed)::int as completed from (
      select day, received, completed from figure_day where ${where}
      union all select day, received, completed from figure_day_deltas where ${where}) x
    group by day order by day`);
}

/**
 * A database whose cases predate the figures (upgraded to the evaluation migration) gets them
 * from its events on the next start; a database with figures is left alone (two index probes).
 */
export async function ensureCaseFigures(db: Db): Promise<RebuildResult | null> {
  const [{ missing }] = await queryRows<{ missing: boolean }>(db, sql`select exists (select 1 from cases) and not exists (select 1 from case_figures) as missing`);
  return missing ? rebuildRollups(db) : null;
}
