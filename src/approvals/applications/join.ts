/**
 * The join of a parallel stage (并联审批), pure: a stage sends an application to several
 * departments at once, each a branch; this says what one move on one branch does to the stage.
 *
 * - The stage completes (approved) only when every department has approved.
 * - One refusal ends the stage (refused): every open branch is closed, the refusal's reason kept.
 * - Asking the applicant for more pauses the stage clock while any branch waits; it never
 *   touches the other branches. Supplying answers the branch that asked.
 * - Sending an approval back reopens that branch only.
 * - Withdrawing the application closes every open branch (withdrawn).
 * - A stage that has ended takes no more moves; a department has one branch per stage.
 *
 * Serial steps are stages of one department, one after another.
 */
import type { BlockedReason } from '../../platform/contract.js';
import { BRANCH_STATUS_NAMES, type BranchStatus, type StageStatus } from './contract.js';

export { BRANCH_STATUSES, BRANCH_STATUS_NAMES, STAGE_STATUSES, type BranchStatus, type StageStatus } from './contract.js';

export interface Branch {
  departmentId: number;
  status: BranchStatus;
  /** A refusal's reason, or what the department asked the applicant for; kept after the stage ends. */
  reason: string | null;
}

export interface Stage {
  status: StageStatus;
  branches: Branch[];
}

/** A move on one branch (`withdraw` is on the whole application). */
export type BranchAction = 'sign' | 'approve' | 'refuse' | 'ask-more' | 'supply' | 'send-back';
export type StageMove =
  | { action: 'sign' | 'approve' | 'supply' | 'send-back'; departmentId: number }
  | { action: 'refuse' | 'ask-more'; departmentId: number; reason: string }
  | { action: 'withdraw' };

/** Each branch move as data: the branch statuses it starts from and where it leads. */
export const BRANCH_MOVES: Record<BranchAction, { from: readonly BranchStatus[]; to: BranchStatus; label: { zh: string; en: string } }> = {
  sign: { from: ['pending'], to: 'reviewing', label: { zh: '签收', en: 'sign for' } },
  approve: { from: ['reviewing'], to: 'approved', label: { zh: '同意', en: 'approve' } },
  refuse: { from: ['reviewing'], to: 'refused', label: { zh: '不同意', en: 'refuse' } },
  'ask-more': { from: ['reviewing'], to: 'waiting', label: { zh: '要求补充材料', en: 'ask the applicant for more' } },
  supply: { from: ['waiting'], to: 'reviewing', label: { zh: '补充材料', en: 'supply what was asked' } },
  'send-back': { from: ['approved'], to: 'reviewing', label: { zh: '退回重审', en: 'send back for review' } },
};

const OPEN_BRANCH: readonly BranchStatus[] = ['pending', 'reviewing', 'waiting'];

export const isOpenBranch = (b: Branch) => OPEN_BRANCH.includes(b.status);

/** A new stage: one pending branch per department. Null when the list is empty or names a department twice. */
export function openStage(departmentIds: readonly number[]): Stage | null {
  if (!departmentIds.length || new Set(departmentIds).size !== departmentIds.length) return null;
  return { status: 'open', branches: departmentIds.map((departmentId) => ({ departmentId, status: 'pending', reason: null })) };
}

/** The stage clock stands still while any department waits on the applicant. */
export const stagePaused = (stage: Stage) => stage.status === 'open' && stage.branches.some((b) => b.status === 'waiting');

export type MoveResult =
  | { ok: true; stage: Stage; /** Set on the move that ended the stage, and only on it. */ ended: Exclude<StageStatus, 'open'> | null }
  | { ok: false; refusal: BlockedReason };

const STAGE_NAMES: Record<StageStatus, { zh: string; en: string }> = {
  open: { zh: '办理中', en: 'open' }, approved: { zh: '已通过', en: 'approved' }, refused: { zh: '未通过', en: 'refused' }, withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

export function moveStage(stage: Stage, move: StageMove): MoveResult {
  if (stage.status !== 'open') {
    return { ok: false, refusal: { code: 'stage_ended', zh: `本阶段已结束（${STAGE_NAMES[stage.status].zh}）`, en: `This stage has ended (${STAGE_NAMES[stage.status].en})` } };
  }
  if (move.action === 'withdraw') {
    return { ok: true, stage: { status: 'withdrawn', branches: stage.branches.map((b) => (isOpenBranch(b) ? { ...b, status: 'closed' } : b)) }, ended: 'withdrawn' };
  }
  const index = stage.branches.findIndex((b) => b.departmentId === move.departmentId);
  if (index < 0) return { ok: false, refusal: { code: 'no_such_branch', zh: '本阶段没有发往该部门的分支', en: 'This stage has no branch for that department', httpStatus: 400 } };
  const branch = stage.branches[index];
  const rule = BRANCH_MOVES[move.action];
  if (!rule.from.includes(branch.status)) {
    return {
      ok: false, refusal: {
        code: 'wrong_branch_status',
        zh: `该部门的分支当前为「${BRANCH_STATUS_NAMES[branch.status].zh}」，不能${rule.label.zh}`,
        en: `The department's branch is ${BRANCH_STATUS_NAMES[branch.status].en}; it cannot ${rule.label.en} now`,
        details: { branchStatus: branch.status, allowedFrom: rule.from },
      },
    };
  }
  const reason = move.action === 'refuse' || move.action === 'ask-more' ? move.reason : move.action === 'send-back' || move.action === 'supply' ? null : branch.reason;
  const branches = stage.branches.map((b, i) => (i === index ? { ...b, status: rule.to, reason } : b));
  if (move.action === 'refuse') {
    return { ok: true, stage: { status: 'refused', branches: branches.map((b, i) => (i !== index && isOpenBranch(b) ? { ...b, status: 'closed' } : b)) }, ended: 'refused' };
  }
  if (branches.every((b) => b.status === 'approved')) return { ok: true, stage: { status: 'approved', branches }, ended: 'approved' };
  return { ok: true, stage: { status: 'open', branches }, ended: null };
}
