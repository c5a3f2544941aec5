/**
 * What results, reviews and the approvals figures look like in the API: constants and types
 * only, importing nothing, so the web app's public pages bundle it as it is.
 */

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
