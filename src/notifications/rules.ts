import { ROLES } from '../platform/actor.js';
import type { NotificationSubject, Recipient } from './contract.js';

/**
 * Pure rules of the notifications module: what a well-formed notice is, how long to wait before
 * trying a failed delivery again, and how to show personal data to administrators.
 */

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
  /** The work item the notice is about, e.g. `{type: 'approval', id: 12}`; absent when it is about none. */
  subject?: NotificationSubject;
  /** Short for `subject: {type: 'case', id: caseId}`, as case notices were first written; the two must agree when both are given. */
  caseId?: number;
  /** Names the notice so that queueing it again (a sweep running twice) is a no-op. */
  dedupeKey?: string;
  /** Its text holds a secret: the outbox keeps the text only until the notice is delivered or given up. */
  carriesSecret?: boolean;
}

/** What a finished notice that carried a secret reads in the outbox instead of its text. */
export const SECRET_REMOVED = { zh: '（内容含查询密码，送达或放弃后已删除）', en: '(the text held a secret and was removed once the notice was finished)' };

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
  subject: NotificationSubject | null;
  /** The subject's id when it is a case, as the API and the webhook show it beside the subject. */
  caseId: number | null;
  dedupeKey: string | null;
  carriesSecret: boolean;
  problem: string | null;
}

/** The item type of cases (their lifecycle's `type`), the subject that the derived `caseId` follows. */
export const CASE_SUBJECT = 'case';

/** Item types as subjects: lower-case identifiers such as `case`, `field_task` (the database checks the same). */
export const SUBJECT_TYPE = /^[a-z][a-z0-9_]{0,62}$/;

/** A stored subject (both columns or neither, as the tables check) as the API shows it. */
export function storedSubject(type: string | null, id: number | null): NotificationSubject | null {
  return type === null || id === null ? null : { type, id };
}

/** The compatibility field beside the subject: the case's id when the notice is about a case, else null. */
export const caseIdOf = (subject: NotificationSubject | null): number | null => (subject?.type === CASE_SUBJECT ? subject.id : null);

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

const cleanText = (value: unknown): string => (typeof value === 'string' ? value.replace(/\u0000/g, '') : value == null ? '' : safeString(value).replace(/\u0000/g, ''));

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
  const subject = cleanSubject(n?.subject, id(n?.caseId, 'caseId', Number.MAX_SAFE_INTEGER), problems);
  const carriesSecret = n?.carriesSecret === true;
  // A notice queued as failed is finished at once: a secret in it is never stored.
  const hidden = carriesSecret && problems.length > 0;
  return {
    kind: kind || 'unknown',
    recipientUserId, recipientOfficeId, recipientRole, recipientPhone, recipientUscc,
    titleZh, titleEn,
    bodyZh: hidden ? SECRET_REMOVED.zh : cleanText(n?.bodyZh),
    bodyEn: hidden ? SECRET_REMOVED.en : cleanText(n?.bodyEn),
    link: appLink(n?.link),
    subject, caseId: caseIdOf(subject),
    dedupeKey: optionalText(n?.dedupeKey),
    carriesSecret,
    problem: problems.length ? problems.join('; ') : null,
  };
}

/**
 * The subject from `subject` or the `caseId` shorthand (already checked), or null. A subject that
 * is malformed, or that names another item than `caseId`, is a problem and is dropped, so that
 * the database's checks never see it.
 */
function cleanSubject(given: unknown, caseId: number | null, problems: string[]): NotificationSubject | null {
  const fromCaseId = caseId === null ? null : { type: CASE_SUBJECT, id: caseId };
  if (given === undefined || given === null) return fromCaseId;
  const s: Partial<Record<keyof NotificationSubject, unknown>> = typeof given === 'object' ? given : {};
  const type = typeof s.type === 'string' ? s.type : '';
  const subjectId = s.id;
  if (!SUBJECT_TYPE.test(type)) {
    problems.push(`subject.type is not an item type (lower-case letters, digits, _): ${safeString(s.type ?? given).slice(0, 40)}`);
    return null;
  }
  if (typeof subjectId !== 'number' || !Number.isSafeInteger(subjectId) || subjectId < 1) {
    problems.push(`subject.id is not a valid id: ${safeString(subjectId).slice(0, 40)}`);
    return null;
  }
  if (fromCaseId && (fromCaseId.type !== type || fromCaseId.id !== subjectId)) {
    problems.push(`caseId ${caseId} and subject ${type}:${subjectId} name different items`);
    return null;
  }
  return { type, id: subjectId };
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
