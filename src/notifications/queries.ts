import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { requireRole, seesEverything } from '../auth/permissions.js';
import { notificationInbox, notificationOutbox } from './schema.js';
import { caseIdOf, maskPhone, storedSubject } from './rules.js';
import type { InboxItem, InboxPage, OutboxStatus, OutboxView } from './contract.js';

const NOTIFICATION = { zh: '消息', en: 'notification' };
export const OUTBOX_ENTRY = { zh: '待投递消息', en: 'outbox entry' };

const inboxColumns = {
  id: notificationInbox.id, kind: notificationInbox.kind, titleZh: notificationInbox.titleZh, titleEn: notificationInbox.titleEn,
  bodyZh: notificationInbox.bodyZh, bodyEn: notificationInbox.bodyEn, link: notificationInbox.link,
  subjectType: notificationInbox.subjectType, subjectId: notificationInbox.subjectId, createdAt: notificationInbox.createdAt, readAt: notificationInbox.readAt,
};
type InboxRow = {
  id: number; kind: string; titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; link: string | null;
  subjectType: string | null; subjectId: number | null; createdAt: Date; readAt: Date | null;
};

function toInboxItem(r: InboxRow, english: boolean): InboxItem {
  const subject = storedSubject(r.subjectType, r.subjectId);
  return {
    id: r.id, kind: r.kind,
    title: (english ? r.titleEn : r.titleZh) || r.titleZh || r.titleEn,
    body: (english ? r.bodyEn : r.bodyZh) || r.bodyZh || r.bodyEn,
    titleZh: r.titleZh, titleEn: r.titleEn, bodyZh: r.bodyZh, bodyEn: r.bodyEn, link: r.link, subject, caseId: caseIdOf(subject),
    createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}

/** The actor's own inbox, newest first. Someone without an account (the console operator) has none. */
export async function listInbox(db: Db, actor: Actor, filter: { unread?: boolean; page: number; pageSize: number }, english = false): Promise<InboxPage> {
  const { page, pageSize } = filter;
  if (actor.userId === null) return { items: [], total: 0, unread: 0, page, pageSize };
  const mine = eq(notificationInbox.userId, actor.userId);
  const where = filter.unread ? and(mine, isNull(notificationInbox.readAt)) : mine;
  const [rows, [counts]] = await Promise.all([
    db.select(inboxColumns).from(notificationInbox).where(where)
      .orderBy(desc(notificationInbox.createdAt), desc(notificationInbox.outboxId)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({
      total: filter.unread ? sql<number>`count(*) filter (where ${notificationInbox.readAt} is null)::int` : sql<number>`count(*)::int`,
      unread: sql<number>`count(*) filter (where ${notificationInbox.readAt} is null)::int`,
    }).from(notificationInbox).where(mine),
  ]);
  return { items: rows.map((r) => toInboxItem(r, english)), total: counts.total, unread: counts.unread, page, pageSize };
}

/** One notice of the actor's own inbox; anyone else's is "not found", never "forbidden". */
export async function getInboxItem(db: Db, actor: Actor, id: number, english = false): Promise<InboxItem> {
  const row = actor.userId === null ? undefined
    : (await db.select(inboxColumns).from(notificationInbox).where(and(eq(notificationInbox.id, id), eq(notificationInbox.userId, actor.userId))))[0];
  if (!row) throw notFound(NOTIFICATION, id);
  return toInboxItem(row, english);
}

const outboxColumns = {
  id: notificationOutbox.id, kind: notificationOutbox.kind, status: notificationOutbox.status,
  userId: notificationOutbox.recipientUserId, officeId: notificationOutbox.recipientOfficeId, role: notificationOutbox.recipientRole,
  phone: notificationOutbox.recipientPhone, enterpriseUscc: notificationOutbox.recipientUscc,
  titleZh: notificationOutbox.titleZh, titleEn: notificationOutbox.titleEn, link: notificationOutbox.link,
  subjectType: notificationOutbox.subjectType, subjectId: notificationOutbox.subjectId,
  dedupeKey: notificationOutbox.dedupeKey, attempts: notificationOutbox.attempts, deliveredChannels: notificationOutbox.deliveredChannels,
  lastError: notificationOutbox.lastError, nextAttemptAt: notificationOutbox.nextAttemptAt, lastAttemptAt: notificationOutbox.lastAttemptAt,
  createdAt: notificationOutbox.createdAt, deliveredAt: notificationOutbox.deliveredAt,
};
type OutboxRow = {
  id: number; kind: string; status: string; userId: number | null; officeId: number | null; role: string | null; phone: string | null;
  enterpriseUscc: string | null; titleZh: string; titleEn: string; link: string | null; subjectType: string | null; subjectId: number | null;
  dedupeKey: string | null;
  attempts: number; deliveredChannels: string[]; lastError: string | null; nextAttemptAt: Date; lastAttemptAt: Date | null; createdAt: Date; deliveredAt: Date | null;
};

function toOutboxView(r: OutboxRow): OutboxView {
  const subject = storedSubject(r.subjectType, r.subjectId);
  return {
    id: r.id, kind: r.kind, status: r.status as OutboxStatus,
    recipient: { userId: r.userId, officeId: r.officeId, role: r.role, phone: maskPhone(r.phone), enterpriseUscc: r.enterpriseUscc },
    titleZh: r.titleZh, titleEn: r.titleEn, link: r.link, subject, caseId: caseIdOf(subject), dedupeKey: r.dedupeKey, attempts: r.attempts,
    deliveredChannels: r.deliveredChannels, lastError: r.lastError,
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
    lastAttemptAt: r.lastAttemptAt ? r.lastAttemptAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
  };
}

/**
 * The delivery queue is the system's plumbing, not an office's data: only the system
 * administrator (an admin with no office) sees or touches it.
 */
export function requireSystemAdmin(actor: Actor, action: { zh: string; en: string }): void {
  requireRole(actor, ['admin'], action);
  if (!seesEverything(actor)) throw forbidden(`${action.zh}仅限系统管理员`, `Only the system administrator may ${action.en}`);
}

const READ_OUTBOX = { zh: '查看消息投递队列', en: 'see the notification delivery queue' };

export async function listOutbox(db: Db, actor: Actor, filter: { status?: OutboxStatus; page: number; pageSize: number }): Promise<{ items: OutboxView[]; total: number; page: number; pageSize: number }> {
  requireSystemAdmin(actor, READ_OUTBOX);
  const { page, pageSize } = filter;
  const where: SQL | undefined = filter.status ? eq(notificationOutbox.status, filter.status) : undefined;
  const [rows, [count]] = await Promise.all([
    db.select(outboxColumns).from(notificationOutbox).where(where).orderBy(desc(notificationOutbox.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(notificationOutbox).where(where),
  ]);
  return { items: rows.map(toOutboxView), total: count.n, page, pageSize };
}

/** Unscoped read of one outbox row, for commands that check permission themselves. */
export async function findOutboxEntry(db: Db, id: number): Promise<OutboxView | null> {
  const [row] = await db.select(outboxColumns).from(notificationOutbox).where(eq(notificationOutbox.id, id));
  return row ? toOutboxView(row) : null;
}
