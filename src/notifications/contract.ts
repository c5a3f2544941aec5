/**
 * What the notifications API (消息) speaks: what a notice is about, a notice in a person's inbox,
 * a page of the inbox, the delivery queue as the system administrator sees it, and what a webhook
 * receives. Constants and types only — no code imported — so the browser bundle can take it as
 * it is. What makes a notice well formed stays in rules.ts.
 */
import type { Role } from '../platform/contract.js';

/** Who a notice is for. Each field given adds recipients; `role` narrows `officeId` to the people holding it. */
export interface Recipient {
  /** One person. */
  userId?: number;
  /** The people of an office (not its sub-offices), all of them or only those holding `role`. */
  officeId?: number;
  /** Only with `officeId`: e.g. the handlers (承办人) of the lead office. */
  role?: Role;
  /** A phone number, for the SMS channel (a requester without an account). */
  phone?: string;
  /** The users of an enterprise, by its unified social credit code. */
  enterpriseUscc?: string;
}

/**
 * The work item a notice is about: its item type (the lifecycle's `type`, a lower-case
 * identifier: `case`, `approval`, `visit`…) and its id. Notices about no item have none.
 */
export interface NotificationSubject {
  type: string;
  id: number;
}

/**
 * Every shape below carries the subject, and `caseId` beside it: the subject's id when it is a
 * case, else null. Notices named a case before they named a subject, so that API clients and
 * webhook receivers that follow a case's notices keep working unchanged.
 */
type SubjectFields = {
  subject: NotificationSubject | null;
  caseId: number | null;
};

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One notice in a person's inbox; `title`/`body` are in the language asked for, both languages follow. */
export interface InboxItem extends Pick<NoticeMessage, 'id' | 'kind' | 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn' | 'link' | 'createdAt'>, SubjectFields {
  title: string;
  body: string;
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
export interface OutboxView extends SubjectFields {
  id: number;
  kind: string;
  status: OutboxStatus;
  recipient: { userId: number | null; officeId: number | null; role: string | null; phone: string | null; enterpriseUscc: string | null };
  titleZh: string;
  titleEn: string;
  link: string | null;
  dedupeKey: string | null;
  attempts: number;
  deliveredChannels: string[];
  lastError: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A notice as it travels to a channel: what it says and to whom, in both languages. */
export interface NoticeMessage {
  id: number;
  kind: string;
  recipient: Recipient;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  /** When the notice was queued (ISO 8601). */
  createdAt: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

/** The JSON body a webhook receives for each notice (POST to NOTIFY_WEBHOOK_URL). */
export interface WebhookPayload extends NoticeMessage, SubjectFields {}
