/** The deadline policy in force, kept in memory per database and re-read when its version moves. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { DeadlinePolicy } from './deadlines.js';

const RECHECK_MS = 5_000;
const cache = new WeakMap<Db, { policy: DeadlinePolicy; version: number; checkedAt: number }>();

export async function casePolicy(db: Db): Promise<{ policy: DeadlinePolicy; version: number }> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit;
  const [row] = await queryRows<{ policy: DeadlinePolicy; version: number }>(db, sql`select policy, version from case_settings where id = 1`);
  const entry = { policy: row.policy, version: row.version, checkedAt: Date.now() };
  cache.set(db, entry);
  return entry;
}

export function forgetCasePolicy(db: Db): void {
  cache.delete(db);
}
