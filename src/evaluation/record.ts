/**
 * Keeping each case's figures current, inside the transaction that writes its event: the case's
 * facts in case_figures and the signed deltas the rollups must take in (appended, never updated,
 * so concurrent writers never wait on one another's rollup rows).
 */
import type { SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { FIGURES, type Figure } from './contract.js';
import {
  affectsFigures, figureDeltas, foldFigures, initialFigures, sameFigures,
  type CaseAttributes, type CaseFigures, type DayContribution, type FigureEvent, type MonthContribution,
} from './rules.js';

/** The SQL column of a figure: signedOnTime → signed_on_time. */
export const figureColumn = (f: Figure) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const FIGURE_COLUMNS = FIGURES.map(figureColumn);

const FIGURES_SELECT = sql.raw(`case_id as "caseId", to_char(month, 'YYYY-MM-DD') as month, to_char(accepted_day, 'YYYY-MM-DD') as "acceptedDay",
  office_id as "officeId", intake_office_id as "intakeOfficeId", region_code as "regionCode", category_id as "categoryId", channel, type, flags,
  to_char(completed_day, 'YYYY-MM-DD') as "completedDay"`);

/** Upserts case facts; a statement of its own or a part of a `with` (data-modifying CTEs always run). */
export function upsertCaseFigures(rows: CaseFigures[]): SQL {
  return sql`insert into case_figures (case_id, month, accepted_day, office_id, intake_office_id, region_code, category_id, channel, type, flags, completed_day)
    select f."caseId", f.month::date, f."acceptedDay"::date, f."officeId", f."intakeOfficeId", f."regionCode", f."categoryId", f.channel, f.type, f.flags, f."completedDay"::date
    from json_to_recordset(${JSON.stringify(rows)}::json) as f("caseId" bigint, month text, "acceptedDay" text, "officeId" int, "intakeOfficeId" int,
      "regionCode" text, "categoryId" int, channel text, type text, flags int, "completedDay" text)
    on conflict (case_id) do update set office_id = excluded.office_id, flags = excluded.flags, completed_day = excluded.completed_day`;
}

function monthDeltaInsert(rows: MonthContribution[]): SQL {
  const flat = rows.map((r) => ({ month: r.month, facet: r.facet, officeId: r.officeId, regionCode: r.regionCode, categoryId: r.categoryId, channel: r.channel, type: r.type, ...r.counts }));
  return sql`insert into figure_month_deltas (month, facet, office_id, region_code, category_id, channel, type, ${sql.raw(FIGURE_COLUMNS.join(', '))})
    select d.month::date, d.facet, d."officeId", d."regionCode", d."categoryId", d.channel, d.type, ${sql.raw(FIGURES.map((f) => `d."${f}"`).join(', '))}
    from json_to_recordset(${JSON.stringify(flat)}::json) as d(month text, facet text, "officeId" int, "regionCode" text, "categoryId" int, channel text, type text,
      ${sql.raw(FIGURES.map((f) => `"${f}" int`).join(', '))})`;
}

function dayDeltaInsert(rows: DayContribution[]): SQL {
  return sql`insert into figure_day_deltas (day, office_id, received, completed)
    select d.day::date, d."officeId", d.received, d.completed from json_to_recordset(${JSON.stringify(rows)}::json) as d(day text, "officeId" int, received int, completed int)`;
}

/**
 * The writes that bring case facts and rollup deltas from `before` to `after`, as data-modifying
 * CTE bodies: the caller runs them in one statement, alone or beside its own writes.
 */
function figureWrites(changes: { before: CaseFigures | null; after: CaseFigures }[]): SQL[] {
  const deltas = figureDeltas(changes);
  return [
    upsertCaseFigures(changes.map((c) => c.after)),
    ...(deltas.month.length ? [monthDeltaInsert(deltas.month)] : []),
    ...(deltas.day.length ? [dayDeltaInsert(deltas.day)] : []),
  ];
}

/** `with w1 as (…), w2 as (…) select 1`: several writes in one round trip and one statement. */
function asOneStatement(writes: SQL[]): SQL {
  return sql`with ${sql.join(writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`), sql`, `)} select 1`;
}

/** Figures of new cases from their first event, for intake to write in its own statement. */
export function newCaseFigureWrites(cases: { attributes: CaseAttributes; event: FigureEvent }[]): SQL[] {
  return figureWrites(cases.map((c) => ({ before: null, after: foldFigures(initialFigures(c.attributes), c.event) })));
}

async function loadCaseFigures(db: Db, caseId: number, opts: { lock?: boolean } = {}): Promise<CaseFigures | null> {
  const [row] = await queryRows<CaseFigures>(db, sql`select ${FIGURES_SELECT} from case_figures where case_id = ${caseId}${opts.lock ? sql` for update` : sql``}`);
  return row ?? null;
}

/** The events of cases as the fold reads them, in order; only the data the fold looks at travels. */
export function figureEventsSql(condition: SQL): SQL {
  return sql`select case_id as "caseId", action, to_status as "toStatus", to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
      case when action in ('dispatch', 'transfer', 'escalate', 'sign', 'reply', 'deadline', 'decide-extension', 'return-visit', 'evaluate') then data else '{}'::jsonb end as data
    from case_events where ${condition} order by case_id, seq`;
}

export function caseAttributesSql(condition: SQL): SQL {
  return sql`select id as "caseId", to_char(accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt", intake_office_id as "intakeOfficeId",
      region_code as "regionCode", category_id as "categoryId", channel, type from cases where ${condition} order by id`;
}

/** A case's figures by folding its whole timeline. */
async function figuresFromEvents(db: Db, caseId: number): Promise<CaseFigures | null> {
  const [attributes] = await queryRows<CaseAttributes>(db, caseAttributesSql(sql`id = ${caseId}`));
  if (!attributes) return null;
  const events = await queryRows<FigureEvent>(db, figureEventsSql(sql`case_id = ${caseId}`));
  return events.reduce(foldFigures, initialFigures(attributes));
}

/**
 * Brings the case's figures up to date with an event just appended to its timeline (the case row
 * is locked by the caller). The facts row is locked too, so a rebuild running meanwhile is waited
 * for rather than counted twice. A case with no facts yet (written before figures existed) is
 * folded from its whole timeline.
 */
export async function recordCaseFigures(tx: Db, caseId: number, event: FigureEvent): Promise<void> {
  if (!affectsFigures(event)) return;
  const before = await loadCaseFigures(tx, caseId, { lock: true });
  const after = before ? foldFigures(before, event) : await figuresFromEvents(tx, caseId);
  if (!after || (before && sameFigures(before, after))) return;
  await tx.execute(asOneStatement(figureWrites([{ before, after }])));
}
