import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { notificationInbox } from '../schema.js';
import { getInboxItem } from '../queries.js';
import type { InboxItem } from '../contract.js';

/**
 * Marks one notice of the actor's own inbox read (again: a no-op); anyone else's is not found.
 *
 * Not written to the audit trail on purpose: a read receipt is a person's own bookkeeping, not a
 * change to public business, and every audited write takes the audit chain's one global lock.
 */
export async function markRead(db: Db, actor: Actor, id: number, english = false): Promise<InboxItem> {
  return db.transaction(async (tx) => {
    const item = await getInboxItem(tx, actor, id, english);
    if (item.readAt === null) {
      await tx.update(notificationInbox).set({ readAt: sql`now()` })
        .where(and(eq(notificationInbox.id, id), eq(notificationInbox.userId, actor.userId!), isNull(notificationInbox.readAt)));
      return getInboxItem(tx, actor, id, english);
    }
    return item;
  });
}
