/** What the applications API answers (types and the status list; the web app reads them too). */
import type { BlockedAction, EventRecord } from '../../platform/contract.js';
import type { BranchStatus, StageStatus } from './join.js';
import type { Clock, ChecklistMaterial, StoredPause } from './rules.js';

export const APPLICATION_STATUSES = {
  received: { zh: '已收件', en: 'received' },
  incomplete: { zh: '待补正', en: 'waiting for missing materials' },
  accepted: { zh: '已受理', en: 'accepted' },
  in_review: { zh: '审查中', en: 'in review' },
  approved: { zh: '准予许可', en: 'approved' },
  refused: { zh: '不予许可', en: 'refused' },
  issued: { zh: '已发证', en: 'issued' },
  delivered: { zh: '已送达', en: 'delivered' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  ended: { zh: '已终止', en: 'ended' },
} as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES;

export const APPLICATION_ACTIONS = [
  'notify-missing', 'supplement', 'accept', 'accept-deficient', 'supply-deficient', 'start-stage', 'sign', 'approve', 'refuse', 'ask-more', 'supply',
  'send-back', 'conclude', 'pause', 'resume', 'extend', 'issue', 'deliver', 'withdraw', 'hand-over',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export interface BranchView {
  departmentId: number;
  departmentName: string;
  status: BranchStatus;
  reason: string | null;
}

export interface StageView {
  stageNo: number;
  name: string;
  status: StageStatus;
  startedAt: string;
  endedAt: string | null;
  paused: boolean;
  branches: BranchView[];
}

export interface ApplicationSummary {
  id: number;
  status: ApplicationStatus;
  version: number;
  itemName: string;
  officeId: number;
  applicantName: string;
  applicantUscc: string | null;
  channel: 'window' | 'online';
  ownerName: string | null;
  /** The first owner's name as people call them (ownerName is their username). */
  ownerDisplayName: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  /** As the sweep last judged it against the committed limit. */
  dueState: 'on_time' | 'due_soon' | 'overdue';
  /** The open branches of the current stage sent to a department in the reader's office subtree: a reviewer's worklist. */
  openBranches: OpenBranch[];
  /** What the applicant still has to bring, by name: the required materials missing before acceptance, then those owed under deficiency acceptance. */
  stillNeeded: string[];
  /** What departments of the open stage asked the applicant for and wait on: `部门：what`. */
  asked: string[];
}

export interface OpenBranch {
  stageNo: number;
  departmentId: number;
  departmentName: string;
  status: Extract<BranchStatus, 'pending' | 'reviewing' | 'waiting'>;
}

export interface ApplicationView extends ApplicationSummary {
  serviceItemId: number;
  versionId: number;
  applicantKind: 'enterprise' | 'person';
  applicantPhone: string;
  windowOfficeId: number | null;
  ownerUserId: number | null;
  statutoryLimit: number;
  committedLimit: number;
  materials: (ChecklistMaterial & { received: boolean; owed: boolean })[];
  /** What is missing now, all at once (一次告知), and the last day to tell the applicant. */
  missing: ChecklistMaterial[];
  noticeDueDate: string;
  noticeAt: string | null;
  deemedAccepted: boolean;
  deficiencyPromise: string | null;
  supplementDueAt: string | null;
  extensionDays: number;
  extensionReason: string | null;
  pauses: StoredPause[];
  refusalReason: string | null;
  resultNumber: string | null;
  delivery: unknown;
  /** Null until accepted. */
  clock: Clock | null;
  stages: StageView[];
  actions: ApplicationAction[];
  blockedActions: BlockedAction<ApplicationAction>[];
}

/** An event of the application's chain, with the actor's and their office's names for the timeline. */
export interface ApplicationEvent extends EventRecord<ApplicationStatus> {
  actorDisplayName: string | null;
  actorOfficeName: string | null;
}

/** A window agent an application may be handed over to (首位确认制). */
export interface WindowAgent {
  userId: number;
  name: string;
  officeName: string;
}

/** The printable one-time notice (一次告知书). */
export interface MissingNotice {
  applicationId: number;
  itemName: string;
  applicantName: string;
  receivedAt: string;
  noticeAt: string | null;
  noticeDueDate: string;
  missing: ChecklistMaterial[];
  windowName: string | null;
}
