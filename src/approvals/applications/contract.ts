/** What the applications API answers (types and the status list; the web app reads them too). */
import type { BlockedAction } from '../../platform/contract.js';
import type { DueState, IsoDate } from '../../calendar/contract.js';

export const BRANCH_STATUSES = ['pending', 'reviewing', 'waiting', 'approved', 'refused', 'closed'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
export const STAGE_STATUSES = ['open', 'approved', 'refused', 'withdrawn'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const BRANCH_STATUS_NAMES: Record<BranchStatus, { zh: string; en: string }> = {
  pending: { zh: '待签收', en: 'waiting to be signed for' },
  reviewing: { zh: '审查中', en: 'in review' },
  waiting: { zh: '待申请人补充', en: 'waiting for the applicant' },
  approved: { zh: '同意', en: 'approved' },
  refused: { zh: '不同意', en: 'refused' },
  closed: { zh: '已关闭', en: 'closed' },
};

/** What the completeness check reads of a material of the item version. */
export interface ChecklistMaterial {
  id: number;
  name: string;
  required: boolean;
  /** May be supplied after acceptance under deficiency acceptance (always a required material). */
  deficiency: boolean;
}

/** The clock stands still for these (行政许可法 Art. 45), and while a department waits on the applicant. */
export const PAUSE_REASONS = ['hearing', 'testing', 'inspection', 'appraisal', 'expert_review', 'applicant'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const PAUSE_REASON_NAMES: Record<PauseReason, { zh: string; en: string }> = {
  hearing: { zh: '听证', en: 'hearing' }, testing: { zh: '检验检测', en: 'testing' }, inspection: { zh: '现场勘验', en: 'inspection' },
  appraisal: { zh: '鉴定', en: 'appraisal' }, expert_review: { zh: '专家评审', en: 'expert review' }, applicant: { zh: '申请人补充材料', en: 'waiting for the applicant' },
};

/** A recorded pause as stored (ISO instants). */
export interface StoredPause {
  reason: PauseReason;
  note: string;
  from: string;
  to: string | null;
}

export interface Clock {
  acceptedOn: IsoDate;
  committedDueAt: string;
  statutoryDueAt: string;
  /** Office minutes the clock stood still so far. */
  pausedMinutes: number;
  paused: boolean;
  /** Judged against the committed limit (the promise to the public); overdue against the statutory one is flagged apart. */
  state: DueState;
  minutesLeft: number;
  statutoryOverdue: boolean;
  /** Working days from acceptance to the decision (or to now), the acceptance day not counted, less whole paused office days. */
  workingDaysTaken: number;
  /** Years counted through that have no official calendar: the dates are provisional. */
  fallbackYears: number[];
}


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
  receivedAt: string;
  acceptedAt: string | null;
  /** As the sweep last judged it against the committed limit. */
  dueState: 'on_time' | 'due_soon' | 'overdue';
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
