/**
 * What a requester reads of an application (pure): the enterprise that applied, the holder of its
 * certificate's link, or staff whose only tie is the enterprise's authorisation (帮办代办) read
 * what the applicant is entitled to — what is missing, the reasons of a request, a refusal and an
 * extension (Art. 42), the pauses' statutory reasons (Art. 45), the clock, the result — and not
 * the departments' own working: staff notes, send-back and hand-over remarks, who put it in the
 * green channel and why, the supervision sweep's marks, staff log-in names and the hash chain.
 */
import type { ChainedEvent } from '../../platform/lifecycle/index.js';
import type { ApplicationSummary, ApplicationView } from './contract.js';
import type { Relation } from './lifecycle.js';

const STAFF_RELATIONS: readonly Relation[] = ['window', 'owner', 'department', 'branch'];

/** Whether the actor reads as a requester: no tie to the application through their own office or ownership. */
export const readsAsRequester = (relations: readonly Relation[]) => !relations.some((r) => STAFF_RELATIONS.includes(r));

/** The supervision sweep's due-state marks are the supervisors' (the clock itself shows the dates). */
const STAFF_ONLY_EVENTS: readonly string[] = ['deadline'];

/** Free text that is the reader's own only in these actions (a send-back, a hand-over and a green-channel flag explain staff to staff). */
const INTERNAL_REASON: readonly string[] = ['send-back', 'hand-over', 'green-channel'];

/** Event data a requester may read; everything else (notes among them) stays with staff. */
const REQUESTER_DATA = new Set([
  'serviceItemId', 'versionId', 'channel', 'applicantKind', 'materialIds', 'missing', 'stillMissing', 'owed', 'stillOwed', 'acceptedAt', 'deemed',
  'supplementDueAt', 'supplementDays', 'stageNo', 'name', 'departments', 'departmentId', 'departmentName', 'branchStatus', 'stageStatus', 'stageEnded', 'closed',
  'reason', 'reasonName', 'days', 'joint', 'dueAt', 'stages', 'resultNumber', 'kind', 'validUntil', 'holder', 'method', 'receipt', 'receivedAt', 'carrier',
  'trackingNumber', 'grade', 'gradeName', 'bad', 'comment', 'onBehalfOf', 'caseId', 'caseCode', 'status', 'reply', 'satisfaction', 'updatedAt', 'caseAction',
]);

export interface NamedEvent extends ChainedEvent {
  actorDisplayName: string | null;
  actorOfficeName: string | null;
}

export type RequesterEvent = Omit<NamedEvent, 'prevHash' | 'hash' | 'stateHash'>;

/**
 * The events a requester reads. Staff are named by their office only, except whoever acted for
 * the enterprise under its authorisation (the enterprise chose them) and the enterprise's own
 * users; `ownActors` are the user ids of the latter.
 */
export function requesterEvents(events: readonly NamedEvent[], ownActors: ReadonlySet<number>): RequesterEvent[] {
  return events.filter((e) => !STAFF_ONLY_EVENTS.includes(e.action)).map(({ prevHash: _p, hash: _h, stateHash: _s, ...e }) => {
    const data = Object.fromEntries(Object.entries(e.data).filter(([k]) => REQUESTER_DATA.has(k) && !(k === 'reason' && INTERNAL_REASON.includes(e.action))));
    // A hand-over tells the applicant whom to ask now (首问负责), not why or who before.
    if (e.action === 'hand-over') {
      const to = e.data.to as { name?: unknown } | undefined;
      if (typeof to?.name === 'string') data.to = { name: to.name };
    }
    const named = e.actorUserId !== null && (ownActors.has(e.actorUserId) || 'onBehalfOf' in e.data);
    return { ...e, data, actorUserId: named ? e.actorUserId : null, actorName: named ? e.actorName : '', actorDisplayName: named ? e.actorDisplayName : null };
  });
}

/** A list row as a requester reads it: the first owner by name, not by log-in. */
export const requesterSummary = <T extends ApplicationSummary>(s: T): T => ({ ...s, ownerName: null });

/** One application as a requester reads it. */
export function requesterView(v: ApplicationView): ApplicationView {
  return {
    ...requesterSummary(v), ownerUserId: null, greenChannelReason: null, greenChannelBy: null,
    // The applicant's own pause says what a department asked of it; the others' notes are the departments'.
    pauses: v.pauses.map((p) => (p.reason === 'applicant' ? p : { ...p, note: '' })),
    review: v.review && { ...v.review, recordedBy: null },
  };
}
