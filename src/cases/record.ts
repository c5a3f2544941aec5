/** The case as stored, and the pure rules for showing it to someone (confidentiality, masking). */
import type { Role } from '../platform/actor.js';
import { CHANNELS_NAMING_REQUESTER } from './contract.js';
import type {
  CaseEvaluation, CaseStatus, CaseType, CaseVisit, Channel, DueState, PendingExtension, Priority, RequesterKind, RequesterView,
} from './contract.js';

// The vocabulary is the contract's, shared with the web app.
export { CHANNEL_NAMES, CHANNELS, REQUESTER_KINDS } from './contract.js';
export type { Channel, RequesterKind } from './contract.js';

/**
 * How the actor stands to the case, worked out by the command from office paths:
 * - `intake`: the case's intake office (the hotline centre that took it in) is in the actor's subtree;
 * - `lead`: the current lead office is in the actor's subtree;
 * - `assisting`: an assisting office is in the actor's subtree;
 * - `requester`: the actor raised the case (an enterprise user, or a citizen holding the lookup secret).
 */
export type Relation = 'intake' | 'lead' | 'assisting' | 'requester';

export interface CaseRow {
  id: number;
  code: string;
  channel: Channel;
  type: CaseType;
  priority: Priority;
  status: CaseStatus;
  title: string;
  content: string;
  address: string | null;
  regionCode: string | null;
  categoryId: number | null;
  requesterKind: RequesterKind;
  requesterName: string | null;
  requesterPhone: string | null;
  requesterUscc: string | null;
  requesterUserId: number | null;
  confidential: boolean;
  intakeOfficeId: number;
  leadOfficeId: number | null;
  assistingOfficeIds: number[];
  acceptedAt: Date;
  dispatchedAt: Date | null;
  signedAt: Date | null;
  repliedAt: Date | null;
  reviewedAt: Date | null;
  closedAt: Date | null;
  clockStartedAt: Date | null;
  signDueAt: Date | null;
  replyDueAt: Date | null;
  clockPausedAt: Date | null;
  pausedMinutes: number;
  extensionDays: number;
  extensionsGranted: number;
  pendingExtension: PendingExtension | null;
  dueState: DueState;
  wasOverdue: boolean;
  signLate: boolean | null;
  replyLate: boolean | null;
  reply: string | null;
  outcome: string | null;
  visit: CaseVisit | null;
  evaluation: CaseEvaluation | null;
  supervisionLevel: string | null;
  returnCount: number;
  transferCount: number;
  reopenCount: number;
  escalationLevel: number;
  mergedIntoId: number | null;
  eventCount: number;
  lastEventHash: string;
  version: number;
  updatedAt: Date;
}

/** Masks the middle of a phone number: 13812345678 → 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepEnd = 4;
  const keepStart = Math.min(3, Math.max(0, digits.length - keepEnd - 4));
  return digits.slice(0, keepStart) + '*'.repeat(digits.length - keepStart - keepEnd) + digits.slice(-keepEnd);
}

export interface Viewer {
  roles: readonly (Role | 'public')[];
  relations: readonly Relation[];
  /** Exports never carry a protected requester's identity, whoever runs them. */
  export?: boolean;
}

/** The intake centre's own staff see the requester in full; they took the call. */
function isIntakeStaff(v: Viewer): boolean {
  return v.relations.includes('intake') && v.roles.some((r) => r === 'agent' || r === 'dispatcher' || r === 'supervisor' || r === 'leader');
}

/**
 * Confidentiality (保密): a report's requester, or one who asked for it, is hidden from handlers
 * and in every export; phone numbers are masked for everyone but the intake centre (and the
 * requester themself).
 */
export function requesterAsSeenBy(row: Pick<CaseRow, 'type' | 'confidential' | 'requesterKind' | 'requesterName' | 'requesterPhone' | 'requesterUscc'>, v: Viewer): RequesterView {
  const protectedIdentity = row.type === 'report' || row.confidential;
  const self = v.relations.includes('requester');
  if (protectedIdentity && !self && (v.export || !isIntakeStaff(v))) {
    return { kind: null, name: '（保密）', phone: null, uscc: null, hidden: true };
  }
  const fullPhone = self || (isIntakeStaff(v) && !v.export);
  return { kind: row.requesterKind, name: row.requesterName, phone: fullPhone ? row.requesterPhone : maskPhone(row.requesterPhone), uscc: row.requesterUscc, hidden: false };
}

/** The door a case came in by, unless it names a requester hidden from this viewer (an enterprise's own doors). */
export function channelAsSeenBy(channel: Channel, seen: RequesterView): Channel | null {
  return seen.hidden && CHANNELS_NAMING_REQUESTER.includes(channel) ? null : channel;
}
