import type { SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { toOutboxValues, type NotificationInput, type OutboxValues } from './rules.js';

export type { NotificationInput } from './rules.js';
export type { Recipient } from './contract.js';

/**
 * Queues one notice inside the caller's transaction: it commits or rolls back with the change it
 * reports, and a dispatcher delivers it afterwards. Returns the outbox id, or null when a notice
 * with the same `dedupeKey` is already queued.
 *
 * It never fails the caller's command over the notice itself: text is cleaned, and a notice that
 * cannot be delivered is queued as failed with the reason, for an administrator to see. (A
 * database that is down or a transaction already aborted still fails, as any statement would.)
 */
export async function enqueueNotification(tx: Db, n: NotificationInput): Promise<number | null> {
  const ids = await insertOutbox(tx, [toOutboxValues(n)]);
  return ids[0] ?? null;
}

/**
 * Queues many notices with ONE statement, whatever their number (the intake path queues
 * thousands a second): the rows travel as one array per column and are unnested server-side, so
 * the statement text and its parameter count never change. Duplicates by `dedupeKey`, in the list
 * or already queued, are skipped. Returns how many were queued.
 */
export async function enqueueMany(tx: Db, list: readonly NotificationInput[]): Promise<number> {
  const rows = distinctValues(list);
  return rows.length ? (await queryRows<{ id: number }>(tx, outboxInsert(rows))).length : 0;
}

/**
 * The one statement that queues these notices, for a subscriber's bulk form (items created
 * together): it runs as part of the creating statement instead of a call per item.
 */
export function enqueueManySql(list: readonly NotificationInput[]): SQL[] {
  const rows = distinctValues(list);
  return rows.length ? [outboxInsert(rows)] : [];
}

/** The outbox values of the notices, the first of each `dedupeKey` only. */
function distinctValues(list: readonly NotificationInput[]): OutboxValues[] {
  const seen = new Set<string>();
  const rows: OutboxValues[] = [];
  for (const n of list) {
    const v = toOutboxValues(n);
    if (v.dedupeKey !== null) {
      if (seen.has(v.dedupeKey)) continue;
      seen.add(v.dedupeKey);
    }
    rows.push(v);
  }
  return rows;
}

async function insertOutbox(tx: Db, rows: OutboxValues[]): Promise<number[]> {
  return (await queryRows<{ id: number }>(tx, outboxInsert(rows))).map((r) => r.id);
}

function outboxInsert(rows: OutboxValues[]): SQL {
  const col = <T>(pick: (v: OutboxValues) => T) => sql.param(rows.map(pick));
  return sql`
    insert into notification_outbox (kind, recipient_user_id, recipient_office_id, recipient_role, recipient_phone, recipient_uscc,
      title_zh, title_en, body_zh, body_en, link, subject_type, subject_id, dedupe_key, carries_secret, status, last_error)
    select u.kind, u.user_id, u.office_id, u.role, u.phone, u.uscc, u.title_zh, u.title_en, u.body_zh, u.body_en, u.link,
      u.subject_type, u.subject_id, u.dedupe_key, u.carries_secret, case when u.problem is null then 'pending' else 'failed' end, u.problem
    from unnest(${col((v) => v.kind)}::text[], ${col((v) => v.recipientUserId)}::int[], ${col((v) => v.recipientOfficeId)}::int[],
      ${col((v) => v.recipientRole)}::text[], ${col((v) => v.recipientPhone)}::text[], ${col((v) => v.recipientUscc)}::text[],
      ${col((v) => v.titleZh)}::text[], ${col((v) => v.titleEn)}::text[], ${col((v) => v.bodyZh)}::text[], ${col((v) => v.bodyEn)}::text[],
      ${col((v) => v.link)}::text[], ${col((v) => v.subject?.type ?? null)}::text[], ${col((v) => v.subject?.id ?? null)}::bigint[],
      ${col((v) => v.dedupeKey)}::text[], ${col((v) => v.carriesSecret)}::boolean[], ${col((v) => v.problem)}::text[])
      as u(kind, user_id, office_id, role, phone, uscc, title_zh, title_en, body_zh, body_en, link, subject_type, subject_id, dedupe_key, carries_secret, problem)
    on conflict (dedupe_key) do nothing
    returning id`;
}
