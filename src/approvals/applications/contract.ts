/** What the applications API answers (types and the status list; the web app reads them too). */
import type { BlockedAction, EventRecord } from '../../platform/contract.js';
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

/** The periods Art. 45 excludes from the limit (the applicant's own time is a pause apart). */
export const EXCLUDED_PERIODS: readonly PauseReason[] = ['hearing', 'testing', 'inspection', 'appraisal', 'expert_review'];

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
  'send-back', 'conclude', 'pause', 'resume', 'extend', 'issue', 'deliver', 'withdraw', 'hand-over', 'revoke-certificate', 'review', 'green-channel',
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
  /** In the green channel (绿色通道): a same-day target. */
  greenChannel: boolean;
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
  delivery: Delivery | null;
  /** The result as issued, with its QR link; null until issued. */
  certificate: CertificateView | null;
  /** Why and by whom it was put in the green channel. */
  greenChannelReason: string | null;
  greenChannelBy: string | null;
  /** Handled jointly by several departments (Art. 42: 45 working days, +15). */
  jointHandling: boolean;
  review: ReviewView | null;
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

// Limits the pages show beside the rules (rules.ts).

/** 行政许可法 Art. 32: everything missing is told on the spot or within 5 days of receipt (natural days). */
export const NOTICE_DAYS = 5;

/** 容缺受理: the supplement deadline is at most 20 working days and at least 2 shorter than the committed limit. */
export const MAX_SUPPLEMENT_DAYS = 20;
export const SUPPLEMENT_MARGIN_DAYS = 2;

/** The longest supplement deadline the item allows, in working days; 0 when its committed limit leaves no room. */
export const maxSupplementDays = (committedLimit: number) => Math.max(0, Math.min(MAX_SUPPLEMENT_DAYS, Math.ceil(committedLimit) - SUPPLEMENT_MARGIN_DAYS));

/** Art. 42: the agency head may extend by 10 working days, once, with the reason told to the applicant. */
export const MAX_EXTENSION_DAYS = 10;

// Results, reviews and the approvals figures.

/** The national five grades of 好差评 (国办发〔2019〕51号), best first. */
export const REVIEW_GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];
export const REVIEW_GRADE_NAMES: Record<ReviewGrade, { zh: string; en: string }> = {
  very_satisfied: { zh: '非常满意', en: 'very satisfied' },
  satisfied: { zh: '满意', en: 'satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'very dissatisfied' },
};

/** Where a review came from: recorded at the window for the applicant, online by the enterprise (or its agent), or through the certificate's link. */
export const REVIEW_CHANNELS = ['window', 'online', 'certificate'] as const;
export type ReviewChannel = (typeof REVIEW_CHANNELS)[number];

/** A certificate or licence (证照), or a decision document (决定书) for what has no certificate. */
export const RESULT_KINDS = { certificate: { zh: '证照', en: 'certificate or licence' }, decision: { zh: '决定书', en: 'decision document' } } as const;
export type ResultKind = keyof typeof RESULT_KINDS;

export const DELIVERY_METHODS = { in_person: { zh: '送证上门', en: 'delivered in person' }, post: { zh: '邮寄', en: 'by post' }, pickup: { zh: '窗口自取', en: 'picked up at the window' } } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

export interface Delivery {
  method: DeliveryMethod;
  /** Who signed for it (in person, or at the window). */
  receipt?: string;
  receivedAt?: string;
  signatureNote?: string;
  carrier?: string;
  trackingNumber?: string;
}

/** What a certificate says, as its issuer recorded it. */
export interface CertificateView {
  kind: ResultKind;
  number: string;
  holder: { name: string; uscc: string | null };
  itemName: string;
  issuingDepartment: string;
  issuedAt: string;
  validUntil: string | null;
  /** `${PUBLIC_URL}/verify/<code>`: the link the QR code carries. */
  verifyUrl: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** The public check of a certificate's code: valid with what it says, revoked with when and why, or refused (forged, expired, malformed…). */
export type CertificateCheck =
  | { status: 'valid'; certificate: CertificateView; reviewOpen: boolean }
  | { status: 'revoked'; certificate: CertificateView; revokedAt: string; reason: string }
  | { status: 'refused'; refusal: string; message: string; messageZh: string; messageEn: string };

export interface ReviewView {
  grade: ReviewGrade;
  comment: string | null;
  channel: ReviewChannel;
  reviewedAt: string;
  /** The staff member who recorded it for the applicant, or the agent who acted for it. */
  recordedBy: string | null;
  /** A bad review's appeal case and how it stands, linked back as the case moves. */
  appeal: ReviewAppeal | null;
}

export interface ReviewAppeal {
  caseId: number;
  caseCode: string;
  status: string;
  reply: string | null;
  satisfaction: string | null;
  updatedAt: string;
}

/** The approvals figures of one group (an item, a department, a region or a month), by month of receipt. */
export interface ApprovalFigureCounts {
  received: number;
  accepted: number;
  acceptedDeficient: number;
  completed: number;
  completedWithinCommitted: number;
  completedWithinStatutory: number;
  supplements: number;
  refusals: number;
  greenChannel: number;
  reviews: number;
}

export interface ApprovalFigureRow {
  key: string;
  name: string;
  counts: ApprovalFigureCounts;
  reviewsByGrade: Record<ReviewGrade, number>;
  /** Working days from acceptance to decision over completed applications, pauses left out; null with none completed. */
  averageDays: number | null;
  p90Days: number | null;
  /** 1 − Σ days taken / Σ statutory days over the completed ones. */
  timeSaved: number | null;
}

export interface ApprovalFigures {
  from: string;
  to: string;
  by: 'item' | 'office' | 'region' | 'month';
  rows: ApprovalFigureRow[];
  total: ApprovalFigureRow;
}

/** A help-and-agency authorisation (帮办代办): a window agent may act for the enterprise on its applications (one item or all) until a date. */
export interface AuthorisationView {
  id: number;
  agentUserId: number;
  agentName: string;
  enterpriseUscc: string;
  enterpriseName: string;
  serviceItemId: number | null;
  /** The item's current name; null for every item. */
  serviceItemName: string | null;
  validUntil: string;
  documentRef: string;
  grantedBy: string;
  grantedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}
