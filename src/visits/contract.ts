/**
 * What the visits API (入企) speaks, shared by the server and the web app: kinds, statuses,
 * exceptions, escalation reasons and their names, and the shapes of views. Constants and types
 * only, so the browser bundle can import it as it is.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export const VISIT_KINDS = ['service', 'inspection', 'research', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_NAMES: Record<VisitKind, Bilingual> = {
  service: { zh: '服务', en: 'service' },
  inspection: { zh: '检查', en: 'inspection' },
  research: { zh: '调研', en: 'research' },
  other: { zh: '其他', en: 'other' },
};

export const VISIT_STATUSES = ['filed', 'escalating', 'approved', 'visited', 'rated', 'refused', 'revoked', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_NAMES: Record<VisitStatus, Bilingual> = {
  filed: { zh: '已报备待审批', en: 'filed, awaiting approval' },
  escalating: { zh: '待提级审批', en: 'awaiting escalated approval' },
  approved: { zh: '已审批赋码', en: 'approved, code issued' },
  visited: { zh: '已入企', en: 'visited' },
  rated: { zh: '已评价', en: 'rated' },
  refused: { zh: '未获批准', en: 'refused' },
  revoked: { zh: '已撤销', en: 'revoked' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** Statuses in which a visit takes a place of its department's yearly limit and plan. */
export const COUNTED_STATUSES: readonly VisitStatus[] = ['filed', 'escalating', 'approved', 'visited', 'rated'];

/** The listed exceptions (安全生产、投诉举报、法定复查) that let a visit past the quiet period and the yearly limit, with a reason. */
export const VISIT_EXCEPTIONS = ['safety', 'complaint', 'statutory_recheck'] as const;
export type VisitException = (typeof VISIT_EXCEPTIONS)[number];
export const VISIT_EXCEPTION_NAMES: Record<VisitException, Bilingual> = {
  safety: { zh: '安全生产', en: 'safety' },
  complaint: { zh: '投诉举报核查', en: 'complaint or report' },
  statutory_recheck: { zh: '法定复查', en: 'statutory re-check' },
};

/** Why a visit needs approval above the department's head (提级审批). */
export const ESCALATION_REASONS = ['outside_service_week', 'beyond_plan'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const ESCALATION_REASON_NAMES: Record<EscalationReason, Bilingual> = {
  outside_service_week: { zh: '不在企业服务周内', en: 'outside the service week' },
  beyond_plan: { zh: '超出年初备案计划', en: 'beyond the yearly plan' },
};

/** The visit rules in force (configuration: VISIT_* in the README). */
export interface VisitPolicy {
  /** The service week: the last N working days of each month (企业服务周). */
  serviceWeekDays: number;
  /** One department visits one enterprise at most this often a year, exceptions apart. */
  yearlyLimit: number;
  /** Roles that give the escalated approval, in an office above the department (市委书记、市长: `leader`). */
  escalationRoles: readonly string[];
  /** An escalated visit is filed with the business-environment office within this many working days of its approval. */
  filingWorkingDays: number;
  /** Days of the month on which routine visits are not allowed (企业安静期, Hunan: 1–20); null for none. */
  quietDays: { from: number; to: number } | null;
  /** The department sees ratings only aggregated over at least this many rated visits. */
  ratingMinVisits: number;
}

/** What the filing form is told about a planned date before filing (`GET /api/visits/assess`). */
export interface VisitAssessment {
  plannedDate: string;
  serviceWeek: string[];
  inServiceWeek: boolean;
  quietDay: boolean;
  escalation: EscalationReason[];
  /** Places left this year for the department at this enterprise (before this visit). */
  remaining: number;
  limit: number;
  /** Null when it may be filed; else why not. */
  refusal: { code: string; zh: string; en: string } | null;
  /** The service week's dates counted over a year without an official arrangement: weekends alone decided. */
  provisional: boolean;
}

export interface RatingInput {
  conduct: number;
  burden: number;
  usefulness: number;
  comment?: string;
  complaint: boolean;
  complaintText?: string;
}

/** Ratings as the department sees them: only over at least k rated visits. */
export interface RatingAggregate {
  visits: number;
  conduct: number | null;
  burden: number | null;
  usefulness: number | null;
  complaints: number | null;
  /** False when fewer than k visits are rated: the averages are withheld. */
  shown: boolean;
  minimum: number;
}

export interface VisitView {
  id: number;
  officeId: number;
  officeName: string;
  uscc: string;
  enterpriseName: string;
  purpose: string;
  kind: VisitKind;
  plannedDate: string;
  members: string[];
  status: VisitStatus;
  statusName: Bilingual;
  serviceWeek: string[];
  inServiceWeek: boolean;
  escalation: EscalationReason[];
  exception: VisitException | null;
  exceptionReason: string | null;
  emergency: boolean;
  emergencyReason: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  escalatedApprovedBy: string | null;
  filingDueOn: string | null;
  filedAt: string | null;
  filingLate: boolean;
  scannedAt: string | null;
  unscanned: boolean;
  jointVisitId: number | null;
  /** The signed visit code and its link, for those who may show it (the department, the enterprise). */
  code: string | null;
  codeUrl: string | null;
  /** The enterprise's own rating, shown only to the enterprise itself. */
  rating: RatingInput | null;
  version: number;
  actions: string[];
  blockedActions: { action: string; code: string; messageZh: string; messageEn: string }[];
}

export interface PublicVisit { id: number; officeName: string; enterpriseName: string; uscc: string; purpose: string; kind: VisitKind; plannedDate: string; members: string[]; status: VisitStatus }

/** `GET /api/public/visit-codes/:code`: a code's check. */
export type VisitCodeCheck =
  | { valid: true; visit: PublicVisit }
  | { valid: false; refusal: string; messageZh: string; messageEn: string };

/** `POST /api/public/visit-codes/:code/scan`: the visit, now recorded as happened. */
export interface VisitScanned { scanned: true; visit: PublicVisit }

export const VISIT_CODE_REFUSALS = {
  revoked: { zh: '该入企码所属的入企已撤销或取消，码不再有效', en: 'The visit this code belongs to was revoked or cancelled; the code is no longer valid' },
  already_scanned: { zh: '该入企码已扫码登记过，不能重复使用', en: 'This visit code has already been scanned' },
  unknown_visit: { zh: '找不到该入企码对应的入企记录', en: 'No visit matches this code' },
  not_yet: { zh: '入企尚未审批，码无效', en: 'The visit is not approved; the code is not valid' },
  superseded: { zh: '该入企已改期并重新赋码，此码已作废', en: 'The visit was moved and given a new code; this one is void' },
} as const;
