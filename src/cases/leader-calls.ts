/** The calls leaders took on the hotline themselves (领导坐班接听): cases of the leader-hotline channel each took in, for the duty roster. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';

export interface LeaderCall {
  id: number;
  code: string;
  title: string;
  acceptedAt: string;
  leaderUserId: number;
}

/** Unscoped: the duty roster decides who may read it. Titles only, never the callers; a confidential case is not listed at all. */
export async function leaderHotlineCalls(db: Db, leaderUserIds: readonly number[], from: Date, to: Date): Promise<LeaderCall[]> {
  if (!leaderUserIds.length) return [];
  const rows = await queryRows<{ id: number; code: string; title: string; accepted_at: Date | string; created_by: number }>(db, sql`
    select id, code, title, accepted_at, created_by from cases
    where channel = 'leader_hotline' and not confidential and created_by in (${sql.join(leaderUserIds.map((u) => sql`${u}`), sql`, `)})
      and accepted_at >= ${from.toISOString()}::timestamptz and accepted_at < ${to.toISOString()}::timestamptz
    order by accepted_at`);
  return rows.map((r) => ({ id: Number(r.id), code: r.code, title: r.title, acceptedAt: new Date(r.accepted_at).toISOString(), leaderUserId: Number(r.created_by) }));
}
