import type { NoticeMessage, NotificationSubject } from './contract.js';

/** A queued notice as the dispatcher hands it to a channel. */
export interface OutboxMessage extends NoticeMessage {
  subject: NotificationSubject | null;
  dedupeKey: string | null;
}

/**
 * A delivery channel: in-app inbox, webhook, and later the county's SMS gateway. `send` resolves
 * once the channel has the message and throws when it should be tried again later. It may be
 * called again for a message it already took (after a crash or a lost lease), so it should be
 * idempotent on `message.id` or at least tolerate a repeat. A message that is not for this
 * channel (e.g. no phone number for SMS) is simply a successful no-op.
 */
export interface NotificationSender {
  /** Short identifier, e.g. `inApp`, `webhook`, `sms` (letters, digits, _). */
  channel: string;
  send(message: OutboxMessage): Promise<void>;
}
