/**
 * A joint review or joint acceptance (联审联批, 联合验收) as an item type of the lifecycle kernel,
 * as pure rules: one appointment for several departments over one application; each invited
 * department records its verdict once; the joint report results with the last one (rules.ts).
 *
 * scheduled → (record-verdict … the last one) → reported; scheduled → cancel → cancelled.
 *
 * Relations: `organiser` (the office that scheduled it is in the actor's subtree), `invited` (an
 * invited department is: its reviewers record its verdict, and only its), `applicant` (the
 * enterprise that applied).
 */
import type { Actor } from '../../platform/actor.js';
import type { Role } from '../../platform/contract.js';
import type { ItemRow, Lifecycle, Permit } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import { JOINT_REVIEW_STATUSES, type JointReviewAction, type JointReviewKind, type JointReviewStatus, type Outcome, type Verdict } from './contract.js';

export type JointRelation = 'organiser' | 'invited' | 'applicant';

export interface JointReviewRecord extends ItemRow<JointReviewStatus> {
  applicationId: number;
  kind: JointReviewKind;
  scheduledAt: Date;
  place: string;
  organiserOfficeId: number;
  organiserName: string;
  outcome: Outcome | null;
  reportedAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredVerdict {
  officeId: number;
  officeName: string;
  officePath: string;
  verdict: Verdict | null;
  remarks: string;
  recordedBy: string | null;
  recordedAt: Date | null;
}

export interface JointReviewItem extends JointReviewRecord {
  organiserOfficePath: string;
  organiserOfficeName: string;
  itemName: string;
  applicantName: string;
  applicantUscc: string | null;
  verdicts: StoredVerdict[];
}

const ORGANISERS: Permit<JointRelation>[] = [{ role: 'window_agent', relation: 'organiser' }, { role: 'leader', relation: 'organiser' }];
/** The roles that record an invited department's verdict. */
export const INVITED_ROLES: readonly Role[] = ['reviewer', 'leader'];
const INVITED: Permit<JointRelation>[] = INVITED_ROLES.map((role) => ({ role, relation: 'invited' }));

export const JOINT_REVIEW_LIFECYCLE: Lifecycle<JointReviewItem, JointReviewStatus, JointRelation, JointReviewAction> = {
  type: 'joint-review',
  label: { zh: '联合审查/验收', en: 'joint review' },
  statuses: JOINT_REVIEW_STATUSES,
  readers: [...ORGANISERS, ...INVITED, { role: 'enterprise', relation: 'applicant' }],
  scope: {
    zh: '（限本单位组织或邀请本部门参加的联合审查/验收，企业限本企业的）',
    en: 'for joint reviews your office organised or your department was invited to (an enterprise: its own)',
  },
  create: { label: { zh: '预约', en: 'schedule' }, to: 'scheduled', permits: ORGANISERS },
  actions: {
    // Departments record at once: another department's verdict must not make a reviewer's copy stale; the verdict's own row guards it.
    'record-verdict': { label: { zh: '填写本部门意见', en: 'record the department\'s verdict' }, from: ['scheduled'], permits: INVITED, unversioned: true },
    cancel: { label: { zh: '取消预约', en: 'cancel the appointment' }, from: ['scheduled'], to: 'cancelled', permits: ORGANISERS },
  },
};

export function jointRelationsTo(actor: Actor, r: JointReviewItem): JointRelation[] {
  const sees = (path: string) => actor.officePath !== null && canSeeOfficePath(actor, path);
  const relations: JointRelation[] = [];
  if (sees(r.organiserOfficePath)) relations.push('organiser');
  if (r.verdicts.some((v) => sees(v.officePath))) relations.push('invited');
  if (actor.roles.includes('enterprise') && r.applicantUscc !== null && actor.enterpriseUscc === r.applicantUscc) relations.push('applicant');
  return relations;
}
