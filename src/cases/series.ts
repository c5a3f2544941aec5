/**
 * What proactive governance (src/proactive/) reads of the cases: weekly counts per series, the
 * texts of recent cases, one series' cases as a viewer may list them, and repeat callers. Weeks
 * are ISO weeks in Beijing time, named by their Monday (YYYY-MM-DD).
 *
 * A protected case (a report, or confidential) counts in the category and address series like
 * any case, but never in an enterprise's series nor among repeat callers: both would tie the
 * requester's identity to the matter.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { subtreeOfficeIds } from '../offices/subtree.js';
import { caseScope } from './access.js';
import { STAFF_ROLES_SEEING } from './lifecycle.js';

const WEEK = sql.raw(`to_char(date_trunc('week', c.accepted_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`);
const PROTECTED = sql.raw(`(c.type = 'report' or c.confidential)`);
/**
 * An address as series compare it: full-width digits, letters and brackets as ASCII, without
 * spaces or closing punctuation, so one place written three ways is one series (one hotspot a
 * week, not three). The expression is the one `cases_address_key` indexes, so an address's
 * history is read through the index.
 */
const fold = (address: SQL) => sql`regexp_replace(translate(${address}, '０１２３４５６７８９（）－＃　', '0123456789()-# '), '[[:space:]]+|[，。、,.;；]+$', '', 'g')`;
const ADDRESS_KEY = fold(sql.raw('c.address'));

/** The cases about this address, written however (folded as the series fold it). */
export const sameAddress = (address: string): SQL => sql`${ADDRESS_KEY} = ${fold(sql`${address}::text`)}`;

/** The cases an enterprise raised, protected ones never (they would tie a reporter to the matter). */
export const raisedByEnterprise = (uscc: string): SQL => sql`c.requester_uscc = ${uscc} and not ${PROTECTED}`;

const since = (from: Date) => sql`c.accepted_at >= ${from.toISOString()}::timestamptz`;

/** Cases per intake office, category, region and week since `from`: the finest series, which the detection rolls up both trees. */
export function weeklyLeafCounts(db: Db, from: Date): Promise<{ officeId: number; categoryId: number | null; regionCode: string | null; week: string; count: number }[]> {
  return queryRows(db, sql`select c.intake_office_id as "officeId", c.category_id as "categoryId", c.region_code as "regionCode", ${WEEK} as week, count(*)::int as count
    from cases c where ${since(from)} group by 1, 2, 3, 4`);
}

/**
 * Cases per intake office, address (or enterprise USCC) and week since `from`, for the series
 * with at least `minCount` cases in one week since `testedFrom`: addresses are many, and one
 * that never reaches the minimum cannot be a hotspot, so its history is not read.
 */
export function weeklyKeyedCounts(db: Db, by: 'address' | 'enterprise', from: Date, testedFrom: Date, minCount: number): Promise<{ officeId: number; key: string; week: string; count: number }[]> {
  const key = by === 'address' ? ADDRESS_KEY : sql.raw('c.requester_uscc');
  const present = by === 'address' ? sql.raw(`c.address is not null and c.address <> ''`) : sql`c.requester_uscc is not null and not ${PROTECTED}`;
  return queryRows(db, sql`with hot as (
      select distinct office_id, key from (
        select c.intake_office_id as office_id, ${key} as key from cases c where ${present} and ${since(testedFrom)}
        group by 1, 2, ${WEEK} having count(*) >= ${minCount}) w)
    select c.intake_office_id as "officeId", ${key} as key, ${WEEK} as week, count(*)::int as count
    from cases c join hot h on h.office_id = c.intake_office_id and h.key = ${key}
    where ${present} and ${since(from)} group by 1, 2, 3`);
}

/** The cases taken in since `from`, with their category and search terms (title, content, address), newest first, at most `limit`. */
export function recentCaseTexts(db: Db, from: Date, limit: number): Promise<{ id: number; officeId: number; categoryId: number | null; terms: string[] }[]> {
  return queryRows(db, sql`select c.id::int as id, c.intake_office_id as "officeId", c.category_id as "categoryId", c.search_terms as terms
    from cases c where ${since(from)} and c.status <> 'merged' order by c.accepted_at desc limit ${limit}`);
}

/** One series: what its cases share. A region includes the regions in it, a category those below it; `caseIds` lists them outright. */
export interface SeriesFilter {
  intakeOfficeId: number;
  categoryId?: number | null;
  regionCode?: string | null;
  address?: string | null;
  uscc?: string | null;
  caseIds?: readonly number[];
}

/** GB/T 2260: a code ending 0000 is a province, 00 a city; the cases within it start with its prefix. */
function regionCondition(code: string): SQL {
  if (code.endsWith('0000')) return sql`left(c.region_code, 2) = ${code.slice(0, 2)}`;
  if (code.endsWith('00')) return sql`left(c.region_code, 4) = ${code.slice(0, 4)}`;
  return sql`c.region_code = ${code}`;
}

function seriesCondition(f: SeriesFilter): SQL {
  const parts: SQL[] = [sql`c.intake_office_id = ${f.intakeOfficeId}`];
  if (f.caseIds) parts.push(sql`c.id = any(${`{${f.caseIds.join(',')}}`}::bigint[])`);
  if (f.categoryId != null) parts.push(sql`c.category_id in (select id from case_categories where path like ${`%/${f.categoryId}/%`})`);
  if (f.regionCode != null) parts.push(regionCondition(f.regionCode));
  if (f.address != null) parts.push(sameAddress(f.address));
  if (f.uscc != null) parts.push(raisedByEnterprise(f.uscc));
  return sql.join(parts, sql` and `);
}

/** A series' cases per week from one Monday to another (inclusive): counts only, for its trend chart and its effect. */
export async function seriesWeeklyCounts(db: Db, f: SeriesFilter, fromMonday: string, toMonday: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ week: string; count: number }>(db, sql`select ${WEEK} as week, count(*)::int as count from cases c
    where ${seriesCondition(f)} and c.accepted_at >= (${fromMonday}::date::timestamp at time zone 'Asia/Shanghai')
      and c.accepted_at < ((${toMonday}::date + 7)::timestamp at time zone 'Asia/Shanghai') group by 1`);
  return new Map(rows.map((r) => [r.week, r.count]));
}

export interface SeriesCase {
  id: number;
  code: string;
  title: string;
  type: string;
  status: string;
  acceptedAt: string;
  categoryId: number | null;
  regionCode: string | null;
  address: string | null;
}

/** The cases of a series in a span of weeks that the viewer may see (the case list's own scope), newest first. */
export async function seriesCases(db: Db, actor: Actor, f: SeriesFilter, fromMonday: string, toMonday: string, limit: number): Promise<{ total: number; items: SeriesCase[] }> {
  const { visible } = await caseScope(db, actor);
  if (!visible) return { total: 0, items: [] };
  const where = sql`${seriesCondition(f)} and ${visible} and c.accepted_at >= (${fromMonday}::date::timestamp at time zone 'Asia/Shanghai')
    and c.accepted_at < ((${toMonday}::date + 7)::timestamp at time zone 'Asia/Shanghai')`;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases c where ${where}`);
  const items = await queryRows<SeriesCase>(db, sql`select c.id::int as id, c.code, c.title, c.type, c.status,
      to_char(c.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt", c.category_id as "categoryId", c.region_code as "regionCode", c.address
    from cases c where ${where} order by c.accepted_at desc, c.id desc limit ${limit}`);
  return { total, items };
}

export interface RepeatCaller {
  phone: string;
  categoryId: number | null;
  count: number;
  firstAt: string;
  lastAt: string;
  cases: { id: number; code: string; title: string; status: string }[];
}

/**
 * The same phone about the same matter (category) at least `minCount` times since `from`, among
 * the cases the viewer's intake centre took in: what the intake centre sees of repeat callers
 * (the full phone, as it sees it on the case). Protected cases never count. Null when the viewer
 * is no intake staff.
 */
export async function repeatCallers(db: Db, actor: Actor, from: Date, minCount: number, limit: number): Promise<RepeatCaller[] | null> {
  if (actor.officePath === null || !actor.roles.some((r) => (STAFF_ROLES_SEEING.intake as readonly string[]).includes(r))) return null;
  const offices = `{${(await subtreeOfficeIds(db, actor.officePath)).join(',')}}`;
  return queryRows<RepeatCaller>(db, sql`select c.requester_phone as phone, c.category_id as "categoryId", count(*)::int as count,
      to_char(min(c.accepted_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "firstAt",
      to_char(max(c.accepted_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastAt",
      json_agg(json_build_object('id', c.id, 'code', c.code, 'title', c.title, 'status', c.status) order by c.accepted_at desc) as cases
    from cases c
    where c.intake_office_id = any(${offices}::int[]) and c.requester_phone is not null and c.requester_phone <> '' and not ${PROTECTED} and ${since(from)}
    group by c.requester_phone, c.category_id having count(*) >= ${minCount}
    order by count(*) desc, max(c.accepted_at) desc limit ${limit}`);
}

/** The ids of a series' cases in a span of weeks, oldest first, at most `limit`: what a task set from a hotspot links to. */
export async function seriesCaseIds(db: Db, f: SeriesFilter, fromMonday: string, toMonday: string, limit: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select c.id::int as id from cases c where ${seriesCondition(f)}
    and c.accepted_at >= (${fromMonday}::date::timestamp at time zone 'Asia/Shanghai') and c.accepted_at < ((${toMonday}::date + 7)::timestamp at time zone 'Asia/Shanghai')
    order by c.accepted_at, c.id limit ${limit}`);
  return rows.map((r) => r.id);
}

/** Which of these cases the viewer may see (the case list's scope). */
export async function visibleCaseIds(db: Db, actor: Actor, ids: readonly number[]): Promise<number[]> {
  const { visible } = await caseScope(db, actor);
  if (!visible || ids.length === 0) return [];
  const rows = await queryRows<{ id: number }>(db, sql`select c.id::int as id from cases c where c.id = any(${`{${ids.join(',')}}`}::bigint[]) and ${visible}`);
  return rows.map((r) => r.id);
}
