import { queryRows, sql, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { chainHash, eventPayload, type AuditContent } from './chain.js';

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
  const content = contentOf(actor, entry, new Date().toISOString());
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

function contentOf(actor: Actor, entry: AuditEntry, at: string): AuditContent {
  return {
    at, actorUserId: actor.userId, actorName: actor.name, actorOfficeId: actor.officeId, action: entry.action,
    entityType: entry.entityType, entityId: String(entry.entityId), before: entry.before ?? null, after: entry.after ?? null,
  };
}

/** Rows per insert statement: keeps a statement's parameter text to a few megabytes. */
const AUDIT_CHUNK = 1000;

/**
 * Appends many events of one actor at once (an import's rows), inside the caller's transaction:
 * the head row is locked once, the chain computed here (the same hash the single append's SQL
 * computes), the events inserted a thousand a statement and the head moved to the last.
 */
export async function recordAudits(tx: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const [head] = await queryRows<{ seq: string | number; hash: string }>(tx, sql`select seq, hash from audit_head where id = 1 for update`);
  let seq = Number(head.seq);
  let hash = head.hash;
  const at = new Date().toISOString();
  const events = entries.map((entry) => {
    const content = contentOf(actor, entry, at);
    const prevHash = hash;
    hash = chainHash(prevHash, eventPayload(content));
    return { ...content, seq: ++seq, prevHash, hash };
  });
  for (let i = 0; i < events.length; i += AUDIT_CHUNK) {
    await tx.execute(sql`insert into audit_events (seq, at, actor_user_id, actor_name, actor_office_id, action, entity_type, entity_id, before, after, prev_hash, hash)
      select e.seq, e.at::timestamptz, e."actorUserId", e."actorName", e."actorOfficeId", e.action, e."entityType", e."entityId", e.before, e.after, e."prevHash", e.hash
      from json_to_recordset(${JSON.stringify(events.slice(i, i + AUDIT_CHUNK))}::json) as e(seq bigint, at text, "actorUserId" int, "actorName" text,
        "actorOfficeId" int, action text, "entityType" text, "entityId" text, before jsonb, after jsonb, "prevHash" text, hash text)`);
  }
  await tx.execute(sql`update audit_head set seq = ${seq}, hash = ${hash} where id = 1`);
}
