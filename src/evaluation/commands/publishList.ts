import type { Db } from '../../platform/db/engine.js';
import { sql, queryRows } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { recordAudit } from '../../audit/record.js';
import { DEFAULT_OFFICE_HOURS, toLocalDate } from '../../calendar/rules.js';
import type { PublishedList } from '../contract.js';
import { monthStart } from '../rules.js';
import { ranking } from '../queries.js';
import { getPublishedList } from '../lists.js';

/** Serialises publications, so two people publishing the same month get versions 1 and 2, not a clash. */
const PUBLISH_LOCK = 7_340_002;

/**
 * Publishes a month's red/black list (红黑榜) for a scope: the ranking as it stands, frozen. The
 * first publication of a month is version 1; publishing again is a correction and needs its
 * reason. Only a month that has ended can be published.
 */
export async function publishList(db: Db, actor: Actor, input: { month: string; scope?: number; reason?: string }, now = new Date()): Promise<PublishedList> {
  requireRole(actor, ['leader', 'supervisor'], { zh: '发布红黑榜', en: 'publish a red/black list' });
  const current = toLocalDate(now, DEFAULT_OFFICE_HOURS).slice(0, 7);
  if (input.month >= current) {
    throw badRequest('month_not_over', `${input.month} 尚未结束，只能发布已结束月份的排名`, `${input.month} is not over yet; only a finished month's ranking can be published`);
  }
  const reason = input.reason?.trim() || null;
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const snapshot = await ranking(tx, actor, { month: input.month, scope: input.scope });
    const [{ latest }] = await queryRows<{ latest: number }>(tx, sql`select coalesce(max(version), 0)::int as latest from evaluation_lists
      where scope_office_id = ${snapshot.scopeOfficeId} and month = ${monthStart(input.month)}::date`);
    if (latest > 0 && !reason) {
      throw conflict('list_published', `${snapshot.scopeOfficeName} ${input.month} 的红黑榜已发布（第 ${latest} 版）；更正须说明理由，将作为第 ${latest + 1} 版发布`,
        `The ${input.month} list of ${snapshot.scopeOfficeName} is already published (version ${latest}); a correction needs a reason and becomes version ${latest + 1}`, { version: latest });
    }
    const [row] = await queryRows<{ id: number }>(tx, sql`insert into evaluation_lists (scope_office_id, month, version, reason, published_at, published_by, publisher_name, ranking)
      values (${snapshot.scopeOfficeId}, ${monthStart(input.month)}::date, ${latest + 1}, ${latest > 0 ? reason : null}, ${now.toISOString()}::timestamptz,
        ${actor.userId}, ${actor.name}, ${JSON.stringify(snapshot)}::jsonb) returning id`);
    await recordAudit(tx, actor, { action: 'evaluation.list.publish', entityType: 'evaluation_list', entityId: row.id, after: { scopeOfficeId: snapshot.scopeOfficeId, month: input.month, version: latest + 1, reason } });
    return row.id;
  });
  return (await getPublishedList(db, id))!;
}
