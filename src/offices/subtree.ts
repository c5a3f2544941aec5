import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { startingWith } from '../platform/db/like.js';

/** Ids of an office and every office below it, for "anything in my subtree" filters on large tables. */
export async function subtreeOfficeIds(db: Db, officePath: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from offices where path like ${startingWith(officePath)}`);
  return rows.map((r) => r.id);
}

/** Paths of the given offices, by id. */
export async function officePaths(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; path: string }>(db, sql`select id, path from offices where id = any(${`{${ids.join(',')}}`}::int[])`);
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** Names of the given offices, by id (office names are public: they appear on replies and rankings). */
export async function officeNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  // Ids may come from event data: only whole numbers go into the query.
  const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from offices where id = any(${`{${unique.join(',')}}`}::int[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The hotline centre (热线中心) that serves a region: the one whose region is the closest ancestor of it. */
export async function hotlineCentreFor(db: Db, regionCode: string | null): Promise<number | null> {
  const rows = await queryRows<{ id: number; region_code: string }>(db, sql`select id, region_code from offices where kind = 'hotline_centre' order by id`);
  if (rows.length === 0) return null;
  if (!regionCode) return rows[0].id;
  const prefixOf = (code: string) => code.replace(/(00)+$/, '');
  const matching = rows.filter((r) => regionCode.startsWith(prefixOf(r.region_code)));
  matching.sort((a, b) => prefixOf(b.region_code).length - prefixOf(a.region_code).length);
  return (matching[0] ?? rows[0]).id;
}
