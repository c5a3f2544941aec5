import { ROLES, type Role } from '../platform/actor.js';

/**
 * Pure rules of the notifications module: what a well-formed notice is, how long to wait before
 * trying a failed delivery again, and how to show personal data to administrators.
 */

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

/** A notice as a module hands it over, in both languages. */
export interface NotificationInput {
  recipient: Recipient;
  /** What happened, a stable code such as `case.dispatched`, `case.overdue`, `case.reply_ready`. */
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  /** Where the web app should take the reader: a path inside it, e.g. `/cases/123` (anything else is dropped). */
  link?: string;
  caseId?: number;
  /** Names the notice so that queueing it again (a sweep running twice) is a no-op. */
  dedupeKey?: string;
}

/** The outbox columns of a notice, cleaned; `problem` says why it cannot be delivered (it is then queued as failed). */
export interface OutboxValues {
  kind: string;
  recipientUserId: number | null;
  recipientOfficeId: number | null;
  recipientRole: string | null;
  recipientPhone: string | null;
  recipientUscc: string | null;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  caseId: number | null;
  dedupeKey: string | null;
  problem: string | null;
}

const INT4_MAX = 2_147_483_647;

/** PostgreSQL text cannot hold NUL; a NUL would abort the caller's whole transaction, so it is dropped. */
/** Any value as text, never throwing: String() throws on objects whose toString is broken. */
function safeString(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) ?? '' : String(value);
  } catch {
    return `(${typeof value})`;
  }
}

export const cleanText = (value: unknown): string => (typeof value === 'string' ? value.replace(/\u0000/g, '') : value == null ? '' : safeString(value).replace(/\u0000/g, ''));

const optionalText = (value: unknown): string | null => {
  const s = cleanText(value).trim();
  return s === '' ? null : s;
};

/**
 * A link is a path inside the web app (`/cases/123`); anything else (`javascript:…`, another
 * site, `//host`) is dropped, since the web app renders it as a link. Losing a link does not
 * make the notice undeliverable.
 */
function appLink(value: unknown): string | null {
  const link = optionalText(value);
  return link !== null && /^\/(?![\/\\])/.test(link) && !/[\s<>"']/.test(link) ? link : null;
}

/**
 * Cleans a notice into outbox columns. Never throws: a notice that cannot be delivered (no
 * recipient, a role without an office, an id that is not an id, …) is still queued, marked
 * failed with the reason, so that the command that raised it goes through and an administrator
 * sees the problem. Values that the database would refuse are nulled rather than passed on.
 */
export function toOutboxValues(n: NotificationInput): OutboxValues {
  const problems: string[] = [];
  const r: Partial<Recipient> = n && typeof n.recipient === 'object' && n.recipient !== null ? n.recipient : {};
  const id = (value: unknown, what: string, max = INT4_MAX): number | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max) return value;
    problems.push(`${what} is not a valid id: ${safeString(value).slice(0, 40)}`);
    return null;
  };
  const recipientUserId = id(r.userId, 'recipient.userId');
  const recipientOfficeId = id(r.officeId, 'recipient.officeId');
  let recipientRole = optionalText(r.role);
  if (recipientRole !== null && !(ROLES as readonly string[]).includes(recipientRole)) {
    problems.push(`recipient.role is not a role: ${recipientRole.slice(0, 40)}`);
    recipientRole = null;
  } else if (recipientRole !== null && r.officeId == null) {
    problems.push('recipient.role needs recipient.officeId (a role alone would reach every office)');
  }
  let recipientPhone = optionalText(r.phone);
  if (recipientPhone !== null && !/^\+?[0-9][0-9 -]{2,30}$/.test(recipientPhone)) {
    problems.push('recipient.phone is not a phone number');
    recipientPhone = null;
  }
  const uscc = optionalText(r.enterpriseUscc);
  const recipientUscc = uscc === null ? null : uscc.toUpperCase();
  if (recipientUserId === null && recipientOfficeId === null && recipientPhone === null && recipientUscc === null && problems.length === 0) {
    problems.push('no recipient: give userId, officeId, phone or enterpriseUscc');
  }
  const kind = cleanText(n?.kind).trim();
  if (!kind) problems.push('kind is empty');
  const titleZh = cleanText(n?.titleZh);
  const titleEn = cleanText(n?.titleEn);
  if (!titleZh.trim() && !titleEn.trim()) problems.push('no title in either language');
  return {
    kind: kind || 'unknown',
    recipientUserId, recipientOfficeId, recipientRole, recipientPhone, recipientUscc,
    titleZh, titleEn,
    bodyZh: cleanText(n?.bodyZh),
    bodyEn: cleanText(n?.bodyEn),
    link: appLink(n?.link),
    caseId: id(n?.caseId, 'caseId', Number.MAX_SAFE_INTEGER),
    dedupeKey: optionalText(n?.dedupeKey),
    problem: problems.length ? problems.join('; ') : null,
  };
}

/** Why a stored recipient cannot be delivered to (checked again before every attempt), or null. */
export function recipientProblem(r: { userId: number | null; officeId: number | null; role: string | null; phone: string | null; enterpriseUscc: string | null }): string | null {
  if (r.role !== null && r.officeId === null) return 'recipient.role needs recipient.officeId';
  if (r.userId === null && r.officeId === null && r.phone === null && r.enterpriseUscc === null) return 'no recipient';
  return null;
}

export interface BackoffPolicy {
  /** Wait after the first failure; doubles with every further failure. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
  /** Up to this share of the wait is taken off at random, so that retries of a burst spread out. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 3_600_000, jitter: 0.2 };

/** Wait before the next attempt after `attempts` failed ones (1, 2, …): base·2^(attempts−1), capped, minus jitter. */
export function backoffMs(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: number = Math.random()): number {
  const n = Math.max(1, Math.floor(attempts));
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 52));
  const r = Math.min(1, Math.max(0, random));
  return Math.max(0, Math.round(full * (1 - policy.jitter * r)));
}

/** Channel names appear in SQL arrays and logs: short lower-camel identifiers such as `inApp`, `webhook`, `sms`. */
export const CHANNEL_NAME = /^[a-z][A-Za-z0-9_]{0,31}$/;

/** A phone number as administrators see it in the delivery queue: 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length <= 7) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Keeps stored error texts short. */
export const clip = (text: string, max = 2000) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
