/** Published red/black lists: public by nature once published, so reading them needs no scope. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { PublishedList, PublishedListSummary } from './contract.js';
import { monthStart } from './rules.js';

const SUMMARY = sql`l.id, l.scope_office_id as "scopeOfficeId", l.ranking->>'scopeOfficeName' as "scopeOfficeName", to_char(l.month, 'YYYY-MM') as month, l.version, l.reason,
  to_char(l.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "publishedAt", l.publisher_name as "publishedBy"`;

/** Every version, newest month first and, within a month, newest version first. */
export async function listPublishedLists(db: Db, filter: { month?: string; scope?: number } = {}): Promise<PublishedListSummary[]> {
  const where = [sql`true`];
  if (filter.month) where.push(sql`l.month = ${monthStart(filter.month)}::date`);
  if (filter.scope) where.push(sql`l.scope_office_id = ${filter.scope}`);
  return queryRows<PublishedListSummary>(db, sql`select ${SUMMARY} from evaluation_lists l
    where ${sql.join(where, sql` and `)} order by l.month desc, l.scope_office_id, l.version desc limit 500`);
}

export async function getPublishedList(db: Db, id: number): Promise<PublishedList | null> {
  const [row] = await queryRows<PublishedList>(db, sql`select ${SUMMARY}, l.ranking from evaluation_lists l where l.id = ${id}`);
  return row ?? null;
}
