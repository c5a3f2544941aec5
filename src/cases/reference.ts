/**
 * Small reference sets every intake checks (region codes, categories), held in memory per
 * database so that intake at thousands per second does not query them each time. Regions change
 * rarely (re-read every minute); categories are forgotten at once when this process changes them.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';

const TTL_MS = 60_000;

interface Reference {
  loadedAt: number;
  regions: Set<string>;
  categories: Map<number, boolean>;
}

const cache = new WeakMap<Db, Promise<Reference>>();

async function load(db: Db): Promise<Reference> {
  const [regions, categories] = await Promise.all([
    queryRows<{ code: string }>(db, sql`select code from regions`),
    queryRows<{ id: number; active: boolean }>(db, sql`select id, active from case_categories`),
  ]);
  return { loadedAt: Date.now(), regions: new Set(regions.map((r) => r.code)), categories: new Map(categories.map((c) => [c.id, c.active])) };
}

export async function referenceData(db: Db) {
  let entry = cache.get(db);
  if (!entry || Date.now() - (await entry).loadedAt > TTL_MS) {
    entry = load(db);
    cache.set(db, entry);
    entry.catch(() => cache.delete(db));
  }
  const ref = await entry;
  return {
    regionExists: (code: string) => ref.regions.has(code),
    categoryActive: (id: number) => ref.categories.get(id) === true,
  };
}

export function forgetReferenceData(db: Db): void {
  cache.delete(db);
}
