import { asc, eq, isNull, or, like, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import { regions } from './schema.js';
import type { RegionDetail, RegionView } from './contract.js';
import { containing } from '../platform/db/like.js';

export const REGION = { zh: '行政区划', en: 'region' };

const columns = { code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode };

export async function findRegion(db: Db, code: string): Promise<RegionView | null> {
  const [row] = await db.select(columns).from(regions).where(eq(regions.code, code));
  return (row as RegionView) ?? null;
}

/** Children of a region, or the provinces when no parent is given. */
export async function listRegions(db: Db, parentCode: string | null): Promise<RegionView[]> {
  const rows = await db.select(columns).from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode)).orderBy(asc(regions.code));
  return rows as RegionView[];
}

/** Search by name fragment or code prefix; provinces and cities rank before counties. */
export async function searchRegions(db: Db, q: string, limit = 50): Promise<RegionView[]> {
  const text = q.trim();
  if (!text) return [];
  const byName = like(regions.name, containing(text));
  const rows = await db.select(columns).from(regions)
    .where(/^\d+$/.test(text) ? or(byName, like(regions.code, `${text}%`)) : byName)
    .orderBy(sql`case ${regions.level} when 'province' then 0 when 'city' then 1 else 2 end`, asc(regions.code)).limit(limit);
  return rows as RegionView[];
}

/** The region with its ancestors from the province down. */
export async function regionWithAncestors(db: Db, code: string): Promise<RegionDetail | null> {
  const region = await findRegion(db, code);
  if (!region) return null;
  const ancestors: RegionView[] = [];
  for (let p = region.parentCode; p; ) {
    const parent = await findRegion(db, p);
    if (!parent) break;
    ancestors.unshift(parent);
    p = parent.parentCode;
  }
  return { ...region, ancestors };
}

/** The given regions and all their ancestors, in one query (for trees of figures by region). */
export async function regionsWithAncestors(db: Db, codes: readonly string[]): Promise<RegionView[]> {
  if (codes.length === 0) return [];
  return queryRows<RegionView>(db, sql`with recursive up as (
      select code, name, level, parent_code from regions where code = any(${`{${codes.join(',')}}`}::text[])
      union select r.code, r.name, r.level, r.parent_code from regions r join up on r.code = up.parent_code)
    select code, name, level, parent_code as "parentCode" from up order by code`);
}
