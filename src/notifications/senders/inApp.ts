import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/engine.js';
import type { NotificationSender, OutboxMessage } from '../sender.js';

/**
 * The in-app channel: resolves the recipient to active people at delivery time — the person;
 * the people of the office, or only those of them holding the role; the users of the enterprise —
 * and writes one inbox row for each, in one statement. A repeat of the same message adds nothing
 * (unique per message and person). A phone-only recipient has no inbox: nothing to do.
 */
export function inAppSender(db: Db): NotificationSender {
  return {
    channel: 'inApp',
    async send(message: OutboxMessage): Promise<void> {
      const r = message.recipient;
      const who: SQL[] = [];
      if (r.userId !== undefined) who.push(sql`u.id = ${r.userId}::int`);
      if (r.officeId !== undefined) {
        who.push(r.role !== undefined ? sql`(u.office_id = ${r.officeId}::int and ${r.role}::text = any(u.roles))` : sql`u.office_id = ${r.officeId}::int`);
      }
      // users.enterprise_uscc comes with the enterprise users' migration; only asked when needed.
      if (r.enterpriseUscc !== undefined) who.push(sql`u.enterprise_uscc = ${r.enterpriseUscc}::text`);
      if (who.length === 0) return;
      await queryRows(db, sql`
        insert into notification_inbox (user_id, outbox_id, kind, title_zh, title_en, body_zh, body_en, link, subject_type, subject_id, created_at)
        select u.id, ${message.id}::bigint, ${message.kind}::text, ${message.titleZh}::text, ${message.titleEn}::text,
          ${message.bodyZh}::text, ${message.bodyEn}::text, ${message.link}::text,
          ${message.subject?.type ?? null}::text, ${message.subject?.id ?? null}::bigint, ${message.createdAt}::timestamptz
        from users u
        where u.active and (${sql.join(who, sql` or `)})
        on conflict (outbox_id, user_id) do nothing`);
    },
  };
}
