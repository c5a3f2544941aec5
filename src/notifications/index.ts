/** What other modules use of notifications: queue a notice inside their own transaction. */
export { enqueueNotification, enqueueMany, enqueueManySql } from './enqueue.js';
export type { NotificationInput } from './rules.js';
