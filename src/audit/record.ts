import { sql, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { eventPayload, type AuditContent } from './chain.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the audit trail inside the caller's transaction: the head row is locked,
 * the next sequence number and hash computed in the same statement, so the event commits or
 * rolls back with the change it records.
 */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  const content: AuditContent = {
    at: new Date().toISOString(),
    actorUserId: actor.userId,
    actorName: actor.name,
    actorOfficeId: actor.officeId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
  const payload = eventPayload(content);
  await tx.execute(sql`
    with old as (select seq, hash from audit_head where id = 1 for update),
    new as (
      update audit_head h set seq = old.seq + 1,
        hash = encode(sha256(convert_to(old.hash || ${payload}, 'UTF8')), 'hex')
      from old where h.id = 1
      returning h.seq, h.hash, old.hash as prev_hash
    )
    insert into audit_events (seq, at, actor_user_id, actor_name, actor_office_id, action, entity_type, entity_id, before, after, prev_hash, hash)
    select new.seq, ${content.at}::timestamptz, ${content.actorUserId}, ${content.actorName}, ${content.actorOfficeId},
      ${content.action}, ${content.entityType}, ${content.entityId},
      ${JSON.stringify(content.before)}::jsonb, ${JSON.stringify(content.after)}::jsonb, new.prev_hash, new.hash
    from new`);
}
