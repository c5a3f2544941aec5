import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { notificationOutbox } from '../schema.js';
import { findOutboxEntry, OUTBOX_ENTRY, requireSystemAdmin } from '../queries.js';
import type { OutboxView } from '../contract.js';

/**
 * Puts a notice that was given up (status failed) back in the queue with a fresh set of
 * attempts, due at once — after the administrator has fixed what made it fail (a webhook down, a
 * wrong address). Channels that already took it are not sent again. Only failed notices can be
 * retried (409 otherwise), which also settles two administrators clicking at once.
 */
export async function retryNotification(db: Db, actor: Actor, id: number): Promise<OutboxView> {
  requireSystemAdmin(actor, { zh: '重新投递消息', en: 'retry a notification' });
  return db.transaction(async (tx) => {
    const before = await findOutboxEntry(tx, id);
    if (!before) throw notFound(OUTBOX_ENTRY, id);
    const updated = await tx.update(notificationOutbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, claimToken: null })
      .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.status, 'failed')))
      .returning({ id: notificationOutbox.id });
    if (updated.length === 0) {
      throw conflict('notification_not_failed', `消息 ${id} 当前状态为「${before.status === 'delivered' ? '已投递' : '待投递'}」，只有投递失败的消息可以重新投递`,
        `Notification ${id} is ${before.status}; only failed notifications can be retried`, { status: before.status });
    }
    const after = (await findOutboxEntry(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'notification.retry', entityType: 'notification', entityId: id,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: after.status, attempts: after.attempts },
    });
    return after;
  });
}
