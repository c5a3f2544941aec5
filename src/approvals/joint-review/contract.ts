/** What the joint-review API answers (types and names; the web app reads them too). */
import type { BlockedAction } from '../../platform/contract.js';

export const JOINT_REVIEW_STATUSES = {
  scheduled: { zh: '已预约', en: 'scheduled' },
  reported: { zh: '已出具联合意见', en: 'reported' },
  cancelled: { zh: '已取消', en: 'cancelled' },
} as const;
export type JointReviewStatus = keyof typeof JOINT_REVIEW_STATUSES;
export const JOINT_REVIEW_ACTIONS = ['record-verdict', 'cancel'] as const;
export type JointReviewAction = (typeof JOINT_REVIEW_ACTIONS)[number];

export const JOINT_REVIEW_KINDS = { review: { zh: '联合审查（联审联批）', en: 'joint review' }, acceptance: { zh: '联合验收', en: 'joint acceptance' } } as const;
export type JointReviewKind = keyof typeof JOINT_REVIEW_KINDS;

export const VERDICTS = { pass: { zh: '通过', en: 'pass' }, conditional: { zh: '有条件通过', en: 'pass with conditions' }, fail: { zh: '不通过', en: 'fail' } } as const;
export type Verdict = keyof typeof VERDICTS;

export const OUTCOMES = { passed: { zh: '通过', en: 'passed' }, conditional: { zh: '有条件通过', en: 'passed with conditions' }, failed: { zh: '不通过', en: 'failed' } } as const;
export type Outcome = keyof typeof OUTCOMES;

export interface VerdictView {
  officeId: number;
  officeName: string;
  verdict: Verdict | null;
  remarks: string;
  recordedBy: string | null;
  recordedAt: string | null;
  /** Whether the reader records this department's verdict (its own department, with the role for it). */
  mine: boolean;
}

export interface JointReviewView {
  id: number;
  applicationId: number;
  itemName: string;
  applicantName: string;
  kind: JointReviewKind;
  scheduledAt: string;
  place: string;
  organiserOfficeName: string;
  organiserName: string;
  status: JointReviewStatus;
  outcome: Outcome | null;
  reportedAt: string | null;
  cancelReason: string | null;
  version: number;
  verdicts: VerdictView[];
  actions: JointReviewAction[];
  blockedActions: BlockedAction<JointReviewAction>[];
}
