/** What a person is shown of a case (pure): masked requester, time left, the actions open to them. */
import type { Role } from '../platform/actor.js';
import { workingMinutesBetween, type WorkingCalendar } from '../calendar/rules.js';
import { dueState, limitOfficeMinutes } from '../calendar/working-time.js';
import { actionsFor } from '../platform/lifecycle/index.js';
import { CASE_LIFECYCLE, readsAsRequesterOnly, type Relation } from './lifecycle.js';
import { replyLimit, type DeadlinePolicy } from './deadlines.js';
import { channelAsSeenBy, requesterAsSeenBy, type CaseRow } from './record.js';
import type { CaseView, CaseVisit, Deadline } from './contract.js';

// The shapes are the contract's, shared with the web app.
export type { CaseView, Deadline } from './contract.js';

/** The running step's deadline, or null when no clock runs (not dispatched, or replied). */
export function currentDeadline(cal: WorkingCalendar, policy: DeadlinePolicy, row: CaseRow, now: Date): Deadline | null {
  const step = row.status === 'dispatched' && row.signDueAt ? 'sign' : (row.status === 'dispatched' || row.status === 'handling') && row.replyDueAt ? 'reply' : null;
  if (!step) return null;
  const dueAt = step === 'sign' ? row.signDueAt! : row.replyDueAt!;
  const startedAt = step === 'sign' ? row.dispatchedAt ?? row.acceptedAt : row.clockStartedAt ?? row.acceptedAt;
  const pausedAt = step === 'reply' ? row.clockPausedAt : null;
  const d = dueState(cal, policy.dueSoon, { startedAt, dueAt, pausedAt }, now);
  // A reply deadline already passed while signing is judged too: the worse of the two shows.
  if (step === 'sign' && row.replyDueAt) {
    const r = dueState(cal, policy.dueSoon, { startedAt: row.clockStartedAt ?? row.acceptedAt, dueAt: row.replyDueAt, pausedAt: row.clockPausedAt }, now);
    if (r.state === 'overdue') return { step: 'reply', dueAt: row.replyDueAt.toISOString(), state: r.state, minutesLeft: r.minutesLeft, paused: !!row.clockPausedAt };
  }
  return { step, dueAt: dueAt.toISOString(), state: d.state, minutesLeft: d.minutesLeft, paused: !!pausedAt };
}

/**
 * How long the reply took against its limit (CaseView.replyTime), or null while none came. A case
 * finished without a reply deadline (a consultation answered at once, an out-of-scope matter closed
 * with its legal route) is measured from acceptance against its type's reply limit.
 */
export function replyTime(cal: WorkingCalendar, policy: DeadlinePolicy, row: CaseRow): CaseView['replyTime'] {
  if (!['answered', 'replied', 'reviewed', 'closed'].includes(row.status)) return null;
  if (row.repliedAt && row.replyDueAt) {
    const start = row.clockStartedAt ?? row.dispatchedAt ?? row.acceptedAt;
    return {
      minutes: workingMinutesBetween(cal, start, row.repliedAt).minutes,
      limitMinutes: workingMinutesBetween(cal, start, row.replyDueAt).minutes,
      late: row.repliedAt > row.replyDueAt,
    };
  }
  const done = row.repliedAt ?? row.closedAt;
  if (!done || row.replyDueAt) return null;
  const minutes = workingMinutesBetween(cal, row.acceptedAt, done).minutes;
  const limitMinutes = limitOfficeMinutes(cal, replyLimit(cal, policy, row.type, row.priority));
  return { minutes, limitMinutes, late: minutes > limitMinutes };
}

/** The reply is shown to its requester once the hotline has reviewed it (or answered directly): an unreviewed reply may still be sent back. */
export const REPLY_PUBLIC_FROM: readonly CaseRow['status'][] = ['answered', 'reviewed', 'closed'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The return visit as its requester sees it: the visitor's note stays with the offices. */
const withoutNote = ({ note: _note, ...visit }: CaseVisit): CaseVisit => visit;

export function caseView(
  row: CaseRow, viewer: { roles: readonly (Role | 'public')[]; relations: readonly Relation[] }, cal: WorkingCalendar, policy: DeadlinePolicy,
  names: ReadonlyMap<number, string> = new Map(), now = new Date(),
): CaseView {
  const deadline = currentDeadline(cal, policy, row, now);
  const requester = requesterAsSeenBy(row, viewer);
  // Who asked for an extension and why, how the case is supervised, whether it ever ran late, how
  // often offices returned, transferred or escalated it and a reply not yet reviewed are the offices' business (the public door shows the same: public-view.ts).
  const internal = !readsAsRequesterOnly(viewer.roles, viewer.relations);
  return {
    id: row.id, code: row.code, version: row.version, status: row.status, channel: channelAsSeenBy(row.channel, requester), type: row.type, priority: row.priority,
    title: row.title, content: row.content, address: row.address, regionCode: row.regionCode, categoryId: row.categoryId,
    requester, confidential: row.confidential,
    intakeOfficeId: row.intakeOfficeId, intakeOfficeName: names.get(row.intakeOfficeId) ?? null,
    leadOfficeId: row.leadOfficeId, leadOfficeName: row.leadOfficeId === null ? null : names.get(row.leadOfficeId) ?? null,
    assistingOfficeIds: row.assistingOfficeIds, assistingOfficeNames: row.assistingOfficeIds.map((id) => names.get(id) ?? `#${id}`),
    acceptedAt: row.acceptedAt.toISOString(), dispatchedAt: iso(row.dispatchedAt), signedAt: iso(row.signedAt), repliedAt: iso(row.repliedAt),
    reviewedAt: iso(row.reviewedAt), closedAt: iso(row.closedAt), signDueAt: iso(row.signDueAt), replyDueAt: iso(row.replyDueAt),
    deadline, replyTime: internal ? replyTime(cal, policy, row) : null, dueState: deadline?.state ?? row.dueState, wasOverdue: internal && (row.wasOverdue || deadline?.state === 'overdue'), clockPaused: !!row.clockPausedAt,
    pendingExtension: internal ? row.pendingExtension : null, extensionsGranted: row.extensionsGranted, reply: internal || REPLY_PUBLIC_FROM.includes(row.status) ? row.reply : null, outcome: row.outcome,
    visit: internal || !row.visit ? row.visit : withoutNote(row.visit), evaluation: row.evaluation, supervisionLevel: internal ? row.supervisionLevel : null,
    returnCount: internal ? row.returnCount : null, transferCount: internal ? row.transferCount : null, reopenCount: row.reopenCount,
    escalationLevel: internal ? row.escalationLevel : null, mergedIntoId: row.mergedIntoId,
    ...actionsFor(CASE_LIFECYCLE, row, viewer.roles, viewer.relations),
  };
}
