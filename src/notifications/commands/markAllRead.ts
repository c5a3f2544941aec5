import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { notificationInbox } from '../schema.js';

/**
 * Marks every unread notice of the actor's own inbox read; returns how many changed. Like
 * `markRead`, a person's own bookkeeping and not audited.
 */
export async function markAllRead(db: Db, actor: Actor): Promise<{ marked: number; unread: number }> {
  if (actor.userId === null) return { marked: 0, unread: 0 };
  const rows = await db.update(notificationInbox).set({ readAt: sql`now()` })
    .where(and(eq(notificationInbox.userId, actor.userId), isNull(notificationInbox.readAt)))
    .returning({ id: notificationInbox.id });
  return { marked: rows.length, unread: 0 };
}
