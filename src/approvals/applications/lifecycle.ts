/**
 * An application (办件) as an item type of the lifecycle kernel, as pure rules: its statuses,
 * who may read it, and for each action where it starts, where it leads, who may take it and
 * what in its own state blocks it.
 *
 * received → (notify-missing → incomplete → supplement → received) → accept | accept-deficient →
 * accepted → start-stage → in_review (stages: each department's branch signs, approves, refuses,
 * asks for more; supply, send-back) → conclude → approved → issue → issued → deliver → delivered.
 * A refused stage refuses the application; withdraw ends it at the applicant's wish; a missed
 * supplement deadline ends it (the sweep, commands/sweepApplications.ts).
 *
 * Relations (how the actor stands to the application):
 * - `window`: the window that took it in is in the actor's office subtree (an online application
 *   not yet taken up: its implementing department is);
 * - `owner`: the actor is its first owner (首位确认制);
 * - `department`: its implementing department is in the actor's subtree;
 * - `branch`: a department it was sent to in a stage is in the actor's subtree;
 * - `applicant`: the actor is the enterprise that applied;
 * - `agent`: the actor holds the applicant's valid authorisation to act for it (帮办代办, agency.ts);
 * - `holder`: someone who proved they hold the certificate by its signed code (the public review link).
 */
import type { Actor } from '../../platform/actor.js';
import type { BlockedReason, ItemRow, Lifecycle, Permit } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import type { DueState } from '../../calendar/working-time.js';
import type { Stage, StageStatus } from './join.js';
import { EXCLUDED_PERIODS, openPause, type ChecklistMaterial, type StoredPause } from './rules.js';
import { APPLICATION_STATUSES, type ApplicationAction, type ApplicationStatus, type ResultKind, type ReviewAppeal, type ReviewChannel, type ReviewGrade, type Delivery } from './contract.js';
import { REVIEWABLE_STATUSES } from './reviews.js';

export type Relation = 'window' | 'owner' | 'department' | 'branch' | 'applicant' | 'agent' | 'holder';

/** One application as stored (a row of `applications`). */
export interface ApplicationRecord extends ItemRow<ApplicationStatus> {
  serviceItemId: number;
  versionId: number;
  officeId: number;
  applicantKind: 'enterprise' | 'person';
  applicantName: string;
  applicantUscc: string | null;
  applicantPhone: string;
  channel: 'window' | 'online';
  windowOfficeId: number | null;
  ownerUserId: number | null;
  ownerName: string | null;
  receivedAt: Date;
  receivedMaterials: number[];
  noticeAt: Date | null;
  noticeMissing: number[];
  acceptedAt: Date | null;
  deemedAccepted: boolean;
  deficiencyMaterials: number[];
  deficiencyPromise: string | null;
  supplementDueAt: Date | null;
  creditBad: boolean | null;
  creditSource: 'window_agent' | 'registry' | null;
  extensionDays: number;
  extensionReason: string | null;
  pauses: StoredPause[];
  stageCount: number;
  dueState: DueState;
  decidedAt: Date | null;
  refusalReason: string | null;
  issuedAt: Date | null;
  resultNumber: string | null;
  deliveredAt: Date | null;
  delivery: Delivery | null;
  resultKind: ResultKind | null;
  /** The last day the result holds (local date), null when it holds without limit. */
  resultValidUntil: string | null;
  certificateCode: string | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  revokedByName: string | null;
  reviewGrade: ReviewGrade | null;
  reviewComment: string | null;
  reviewChannel: ReviewChannel | null;
  reviewedAt: Date | null;
  reviewByName: string | null;
  reviewAppeal: ReviewAppeal | null;
  greenChannelAt: Date | null;
  greenChannelReason: string | null;
  greenChannelByName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StageRecord extends Stage {
  stageNo: number;
  name: string;
  startedAt: Date;
  endedAt: Date | null;
  branches: (Stage['branches'][number] & { officeName: string; officePath: string })[];
}

/** What the runner holds: the row, the version's limits and checklist, where its offices sit, its stages. */
export interface ApplicationItem extends ApplicationRecord {
  itemName: string;
  /** The implementing department's name: the issuer of the result. */
  officeName: string;
  statutoryLimit: number;
  committedLimit: number;
  materials: ChecklistMaterial[];
  officePath: string;
  windowOfficePath: string | null;
  stages: StageRecord[];
}

export const currentStage = (a: Pick<ApplicationItem, 'stages'>): StageRecord | null => a.stages.at(-1) ?? null;

const ACTIVE: readonly ApplicationStatus[] = ['received', 'incomplete', 'accepted', 'in_review', 'approved', 'issued'];
const RUNNING: readonly ApplicationStatus[] = ['accepted', 'in_review'];

const WINDOW: Permit<Relation> = { role: 'window_agent', relation: 'window' };
const APPLICANT: Permit<Relation> = { role: 'enterprise', relation: 'applicant' };
const REVIEWER: Permit<Relation> = { role: 'reviewer', relation: 'branch' };
const DEPARTMENT_REVIEWER: Permit<Relation> = { role: 'reviewer', relation: 'department' };
const DEPARTMENT_LEADER: Permit<Relation> = { role: 'leader', relation: 'department' };
/** Staff acting for the enterprise under its authorisation (帮办代办) take the applicant's own actions. */
const AGENT: Permit<Relation> = { role: 'window_agent', relation: 'agent' };
const HOLDER: Permit<Relation> = { role: 'public', relation: 'holder' };

const reason = (code: string, zh: string, en: string, details?: Record<string, unknown>): BlockedReason => ({ code, zh, en, details });

function stageBlocks(a: ApplicationItem, wanted: StageStatus | 'none-open'): BlockedReason | null {
  const stage = currentStage(a);
  if (wanted === 'none-open') return stage?.status === 'open' ? reason('stage_open', `第 ${stage.stageNo} 阶段「${stage.name}」尚未结束`, `Stage ${stage.stageNo} (${stage.name}) has not ended yet`) : null;
  if (!stage || stage.status !== wanted) return wanted === 'open' ? reason('no_open_stage', '当前没有进行中的审查阶段', 'No review stage is open') : reason('stage_not_approved', '最后一个阶段尚未通过', 'The last stage has not been approved');
  return null;
}

const owes = (a: ApplicationItem) => a.deficiencyMaterials.length > 0;

// A department's moves on its own branch quote no version: departments act in parallel, so another
// department's move must not make a reviewer's copy stale. The branch's own status guards each
// move (join.ts), and the version still moves whenever the application's status does.

export const APPLICATION_LIFECYCLE: Lifecycle<ApplicationItem, ApplicationStatus, Relation, ApplicationAction> = {
  type: 'application',
  label: { zh: '办件', en: 'application' },
  statuses: APPLICATION_STATUSES,
  readers: [
    WINDOW, { role: 'window_agent', relation: 'owner' }, REVIEWER, DEPARTMENT_REVIEWER, APPLICANT, AGENT, HOLDER,
    ...(['window', 'department', 'branch'] as const).map((relation) => ({ role: 'leader' as const, relation })),
  ],
  scope: {
    zh: '（限本窗口受理、本部门实施或发往本部门审查的办件，企业限本企业的办件，帮办代办人员限持有企业有效授权的办件）',
    en: 'for applications your window took in, your department implements or was sent (an enterprise: its own; an agent: those of an enterprise whose valid authorisation it holds)',
  },
  create: { label: { zh: '受理申请', en: 'take in' }, to: 'received', permits: [WINDOW, APPLICANT] },
  actions: {
    'notify-missing': {
      label: { zh: '一次告知补正材料', en: 'tell the applicant what is missing' }, from: ['received'], to: 'incomplete', permits: [WINDOW],
    },
    supplement: { label: { zh: '补正材料', en: 'supplement materials' }, from: ['incomplete'], to: 'received', permits: [WINDOW, APPLICANT, AGENT] },
    accept: { label: { zh: '受理', en: 'accept' }, from: ['received'], to: 'accepted', permits: [WINDOW] },
    'accept-deficient': { label: { zh: '容缺受理', en: 'accept under deficiency' }, from: ['received', 'incomplete'], to: 'accepted', permits: [WINDOW] },
    'supply-deficient': {
      label: { zh: '补齐容缺材料', en: 'supply the materials owed' }, from: ['accepted', 'in_review', 'approved'], permits: [WINDOW, APPLICANT, AGENT],
      blockedBy: (a) => (owes(a) ? null : reason('nothing_owed', '没有待补齐的容缺材料', 'No materials are owed')),
    },
    'start-stage': {
      label: { zh: '发起审查阶段', en: 'start a review stage' }, from: ['accepted', 'in_review'], to: 'in_review', permits: [WINDOW],
      blockedBy: (a) => stageBlocks(a, 'none-open'),
    },
    sign: { label: { zh: '签收', en: 'sign for' }, from: ['in_review'], permits: [REVIEWER], unversioned: true, blockedBy: (a) => stageBlocks(a, 'open') },
    approve: { label: { zh: '审查同意', en: 'approve' }, from: ['in_review'], permits: [REVIEWER], unversioned: true, blockedBy: (a) => stageBlocks(a, 'open') },
    refuse: { label: { zh: '审查不同意', en: 'refuse' }, from: ['in_review'], permits: [REVIEWER], unversioned: true, blockedBy: (a) => stageBlocks(a, 'open') },
    'ask-more': { label: { zh: '要求申请人补充', en: 'ask the applicant for more' }, from: ['in_review'], permits: [REVIEWER], unversioned: true, blockedBy: (a) => stageBlocks(a, 'open') },
    supply: { label: { zh: '补充部门要求的材料', en: 'supply what a department asked for' }, from: ['in_review'], permits: [WINDOW, APPLICANT, AGENT], unversioned: true, blockedBy: (a) => stageBlocks(a, 'open') },
    'send-back': { label: { zh: '退回部门重审', en: 'send a branch back for review' }, from: ['in_review'], permits: [WINDOW, DEPARTMENT_LEADER], blockedBy: (a) => stageBlocks(a, 'open') },
    conclude: {
      label: { zh: '作出准予许可决定', en: 'decide to grant' }, from: ['in_review'], to: 'approved', permits: [DEPARTMENT_REVIEWER, DEPARTMENT_LEADER],
      blockedBy: (a) => stageBlocks(a, 'approved'),
    },
    pause: {
      label: { zh: '计时暂停（法定不计时情形）', en: 'pause the clock (an excluded period)' }, from: RUNNING, permits: [WINDOW, REVIEWER, DEPARTMENT_REVIEWER],
      blockedBy: (a) => (openPause(a.pauses, EXCLUDED_PERIODS) ? reason('already_paused', '计时已暂停', 'The clock is already paused') : null),
    },
    resume: {
      label: { zh: '恢复计时', en: 'resume the clock' }, from: RUNNING, permits: [WINDOW, REVIEWER, DEPARTMENT_REVIEWER],
      blockedBy: (a) => (openPause(a.pauses, EXCLUDED_PERIODS) ? null : reason('not_paused', '计时未暂停', 'The clock is not paused')),
    },
    extend: {
      label: { zh: '批准延长审查期限', en: 'extend the time limit' }, from: RUNNING, permits: [DEPARTMENT_LEADER],
      // Joint handling's 45 days extend by 15 (Art. 42), with the same leaders' approval.
      blockedBy: (a) => (a.extensionDays > 0 ? reason('already_extended', `已延长 ${a.extensionDays} 个工作日，只能延长一次`, `Already extended by ${a.extensionDays} working days; it is extended once`) : null),
    },
    issue: {
      label: { zh: '制证发证', en: 'issue the certificate' }, from: ['approved'], to: 'issued', permits: [WINDOW, DEPARTMENT_REVIEWER],
      blockedBy: (a) => (owes(a) ? reason('materials_owed', '容缺材料尚未补齐，不能发证', 'Materials owed under deficiency acceptance have not all arrived; nothing is issued until they do', { owed: a.deficiencyMaterials }) : null),
    },
    deliver: { label: { zh: '送达', en: 'deliver' }, from: ['issued'], to: 'delivered', permits: [WINDOW] },
    withdraw: { label: { zh: '撤回申请', en: 'withdraw' }, from: ['received', 'incomplete', 'accepted', 'in_review'], to: 'withdrawn', permits: [APPLICANT, WINDOW, AGENT] },
    'revoke-certificate': {
      label: { zh: '撤销证照', en: 'revoke the certificate' }, from: ['issued', 'delivered'], permits: [DEPARTMENT_LEADER],
      blockedBy: (a) => (a.revokedAt ? reason('already_revoked', '该证照已撤销', 'The certificate has already been revoked') : null),
    },
    // One review per application; a department's moves never make a rater's copy stale.
    review: {
      label: { zh: '评价（好差评）', en: 'review' }, from: REVIEWABLE_STATUSES, permits: [APPLICANT, AGENT, WINDOW, HOLDER], unversioned: true,
      blockedBy: (a) => (a.reviewGrade ? reason('already_reviewed', '该办件已评价，每件只能评价一次', 'This application has already been reviewed; it is reviewed once') : null),
    },
    'green-channel': {
      label: { zh: '列入绿色通道', en: 'put in the green channel' }, from: ['received', 'incomplete', 'accepted', 'in_review'],
      permits: [{ role: 'leader', relation: 'window' }, DEPARTMENT_LEADER],
      blockedBy: (a) => (a.greenChannelAt ? reason('already_green', '已列入绿色通道', 'It is already in the green channel') : null),
    },
    'hand-over': {
      label: { zh: '移交', en: 'hand over' }, from: ACTIVE, permits: [{ role: 'window_agent', relation: 'owner' }, { role: 'leader', relation: 'window' }],
    },
  },
};

/** How the actor stands to the application; `agent` when they hold the applicant's valid authorisation (looked up by the store). */
export function relationsTo(actor: Actor, a: ApplicationItem, agent = false): Relation[] {
  const relations: Relation[] = [];
  const staffSees = (path: string | null) => path !== null && actor.officePath !== null && canSeeOfficePath(actor, path);
  if (staffSees(a.windowOfficePath ?? (a.channel === 'online' ? a.officePath : null))) relations.push('window');
  if (actor.userId !== null && a.ownerUserId === actor.userId) relations.push('owner');
  if (staffSees(a.officePath)) relations.push('department');
  if (a.stages.some((s) => s.branches.some((b) => staffSees(b.officePath)))) relations.push('branch');
  if (actor.roles.includes('enterprise') && a.applicantUscc !== null && actor.enterpriseUscc === a.applicantUscc) relations.push('applicant');
  if (agent) relations.push('agent');
  return relations;
}
