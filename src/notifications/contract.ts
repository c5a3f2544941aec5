/**
 * What the notifications API (消息) speaks: a notice in a person's inbox, a page of the inbox,
 * and the delivery queue as the system administrator sees it. Constants and types only — no
 * imports — so the browser bundle can take it as it is. What makes a notice well formed stays in
 * rules.ts.
 */

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One notice in a person's inbox; `title`/`body` are in the language asked for, both languages follow. */
export interface InboxItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  caseId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  /** Rows matching the filter. */
  total: number;
  /** Unread notices in the whole inbox, whatever the filter. */
  unread: number;
  page: number;
  pageSize: number;
}

/** An outbox row as an administrator sees it: delivery state, recipient with the phone number masked, titles (bodies stay out). */
export interface OutboxView {
  id: number;
  kind: string;
  status: OutboxStatus;
  recipient: { userId: number | null; officeId: number | null; role: string | null; phone: string | null; enterpriseUscc: string | null };
  titleZh: string;
  titleEn: string;
  link: string | null;
  caseId: number | null;
  dedupeKey: string | null;
  attempts: number;
  deliveredChannels: string[];
  lastError: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
