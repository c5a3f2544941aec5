/** The caller's history (来电历史): what a phone number raised before, for the agent taking the call. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { caseScope, identityVisible } from './access.js';
import { isPhoneNumber } from './commands/createCase.js';
import type { CallerCase } from './contract.js';

const HISTORY_LIMIT = 10;

/**
 * The latest cases raised from this number that the actor may see, newest first. A protected
 * requester's cases (a report, a confidential case) count only for those who may know who raised
 * them, as every match on identity does (identityVisible).
 */
export async function callerHistory(db: Db, actor: Actor, phone: string): Promise<CallerCase[]> {
  const number = phone.trim();
  if (!isPhoneNumber(number)) return [];
  const standing = await caseScope(db, actor);
  if (!standing.visible) return [];
  const at = (column: string) => sql`to_char(${sql.raw(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return queryRows<CallerCase>(db, sql`
    select c.id, c.code, c.type, c.title, c.status, ${at('c.accepted_at')} as "acceptedAt", c.reply, ${at('c.replied_at')} as "repliedAt"
    from cases c
    where c.requester_phone = ${number} and ${standing.visible} and ${identityVisible(standing)}
    order by c.accepted_at desc limit ${HISTORY_LIMIT}`);
}
