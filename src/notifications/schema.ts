import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The transactional outbox: one row per notice, written in the transaction of the change it reports. */
export const notificationOutbox = pgTable('notification_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  recipientUserId: integer('recipient_user_id'),
  recipientOfficeId: integer('recipient_office_id'),
  recipientRole: text('recipient_role'),
  recipientPhone: text('recipient_phone'),
  recipientUscc: text('recipient_uscc'),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  link: text('link'),
  // What the notice is about (a work item's type and id), both or neither; see rules.ts.
  subjectType: text('subject_type'),
  subjectId: bigint('subject_id', { mode: 'number' }),
  dedupeKey: text('dedupe_key'),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  claimToken: text('claim_token'),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
  lastError: text('last_error'),
  deliveredChannels: text('delivered_channels').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
});

/** A person's in-app inbox, filled by the in-app channel. */
export const notificationInbox = pgTable('notification_inbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: integer('user_id').notNull(),
  outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
  kind: text('kind').notNull(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  link: text('link'),
  subjectType: text('subject_type'),
  subjectId: bigint('subject_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
});
