/**
 * The cases Open311 may show: every centre's, except those kept confidential (which includes
 * every report, since intake marks reports confidential). Only public columns are read — never
 * the requester, the content, internal ids or notes.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import { caseStatusesFor, regionPrefix, type PublicCaseRecord, type RequestsQuery } from './mapping.js';

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const SELECT = sql`select c.code, c.type, c.priority, c.status, c.title, c.address, c.lat, c.long, c.confidential,
    lo.name as "leadOfficeName", io.name as "intakeOfficeName",
    ${ts('c.accepted_at')} as "acceptedAt", ${ts('c.updated_at')} as "updatedAt", ${ts('c.reply_due_at')} as "replyDueAt"
  from cases c
  join offices io on io.id = c.intake_office_id
  left join offices lo on lo.id = c.lead_office_id`;

type Raw = Omit<PublicCaseRecord, 'acceptedAt' | 'updatedAt' | 'replyDueAt'> & { acceptedAt: string; updatedAt: string; replyDueAt: string | null };

const toRecord = (r: Raw): PublicCaseRecord => ({
  ...r, acceptedAt: new Date(r.acceptedAt), updatedAt: new Date(r.updatedAt), replyDueAt: r.replyDueAt === null ? null : new Date(r.replyDueAt),
});

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Public requests, newest first, a page at a time, with the total that match. */
export async function listPublicRequests(db: Db, q: RequestsQuery, jurisdiction: string | null = null): Promise<{ items: PublicCaseRecord[]; total: number }> {
  // Enterprises' appeals may touch trade secrets: they stay off the public list like confidential ones.
  const where: SQL[] = [sql`not c.confidential`, sql`c.requester_kind <> 'enterprise'`];
  if (q.codes) {
    where.push(sql`c.code = any(${textArray(q.codes)}::text[])`);
  } else {
    if (q.window) where.push(sql`c.accepted_at >= ${q.window.from.toISOString()}::timestamptz and c.accepted_at < ${q.window.to.toISOString()}::timestamptz`);
    if (q.types) where.push(sql`c.type = any(${textArray(q.types)}::text[])`);
    if (q.statuses) where.push(sql`c.status = any(${textArray(caseStatusesFor(q.statuses))}::text[])`);
    if (jurisdiction) {
      // The matter's region, or for a case without one the region of the centre that took it in.
      const like = `${regionPrefix(jurisdiction)}%`;
      where.push(sql`coalesce(c.region_code, io.region_code) like ${like}`);
    }
  }
  const condition = sql.join(where, sql` and `);
  const [rows, [{ total }]] = await Promise.all([
    queryRows<Raw>(db, sql`${SELECT} where ${condition} order by c.accepted_at desc, c.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases c join offices io on io.id = c.intake_office_id where ${condition}`),
  ]);
  return { items: rows.map(toRecord), total };
}

/** One public request by its code, or null (unknown, or confidential). */
export async function findPublicRequest(db: Db, code: string): Promise<PublicCaseRecord | null> {
  const [row] = await queryRows<Raw>(db, sql`${SELECT} where c.code = ${code} and not c.confidential and c.requester_kind <> 'enterprise'`);
  return row ? toRecord(row) : null;
}
