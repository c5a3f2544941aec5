/**
 * Stages and their branches (并联审批): the window sends the application to one or more
 * departments at once; each department's reviewer signs, approves, refuses or asks the applicant
 * for more; the join (join.ts) says what each move does to the stage. Every move is an action of
 * the application, so the application's row lock takes two departments' decisions one after the
 * other and the stage ends exactly once.
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../../platform/db/engine.js';
import { badRequest, forbidden } from '../../../platform/errors.js';
import { actionRefused, defineCommand, type ActionContext } from '../../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../../auth/permissions.js';
import { moveStage, openStage, stagePaused, type BranchAction, type StageMove } from '../join.js';
import { currentStage, type ApplicationItem, type ApplicationRecord, type Relation } from '../lifecycle.js';
import { togglePause, type StoredPause } from '../rules.js';
import { insertStage, saveStage } from '../store.js';
import type { ApplicationSettings } from '../type.js';
import { DepartmentId, Reason } from './inputs.js';
import { onBehalfOf } from './agency.js';

type Ctx = ActionContext<ApplicationItem, Relation, ApplicationSettings>;

/** Every running pause ends when the application is decided or withdrawn: the clock stops there. */
export const closePauses = (pauses: readonly StoredPause[], at: Date): StoredPause[] => pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p));

const StageBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: '施工许可阶段并联审批…' }),
  departmentIds: Type.Array(DepartmentId, { minItems: 1, maxItems: 20, description: 'The departments reviewing at once; one for a serial step' }),
}, { additionalProperties: false });

const startStage = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof StageBody>({
  summary: 'Send the application to one or more departments at once: a new stage, after the last one was approved',
  input: StageBody,
  async apply({ tx, row, now, actor }, input) {
    const last = currentStage(row);
    if (last && last.status !== 'approved') throw actionRefused('stage_not_approved', '上一阶段未通过，不能发起新阶段', 'The last stage was not approved; no new stage can start');
    const stage = openStage(input.departmentIds);
    if (!stage) throw badRequest('duplicate_department', '同一部门在一个阶段中只能有一个分支', 'A department has one branch per stage; it is named twice');
    const known = await queryRows<{ id: number; name: string }>(tx, sql`select id, name from offices where id = any(${`{${input.departmentIds.join(',')}}`}::int[])`);
    const unknown = input.departmentIds.filter((id) => !known.some((o) => o.id === id));
    if (unknown.length) throw badRequest('unknown_department', `部门 ${unknown.join('、')} 不存在`, `Departments ${unknown.join(', ')} do not exist`);
    const stageNo = row.stageCount + 1;
    await insertStage(tx, row.id, stageNo, input.name.trim(), input.departmentIds, now, actor.name);
    return {
      changes: { stageCount: stageNo },
      event: { stageNo, name: input.name.trim(), departments: input.departmentIds.map((id) => ({ id, name: known.find((o) => o.id === id)!.name })) },
    };
  },
});

/** The moves a department's own reviewer makes; the others (supply, send-back) come from the window, the applicant or the leader. */
const REVIEWER_MOVES: readonly BranchAction[] = ['sign', 'approve', 'refuse', 'ask-more'];

const WithReason = Type.Object({ departmentId: DepartmentId, reason: Reason }, { additionalProperties: false });
const WithNote = Type.Object({ departmentId: DepartmentId, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

async function moveBranch(ctx: Ctx, action: BranchAction, input: { departmentId: number; reason?: string; note?: string }) {
  const { tx, row, now, actor } = ctx;
  const stage = currentStage(row)!;
  const branch = stage.branches.find((b) => b.departmentId === input.departmentId);
  if (!branch) throw badRequest('no_such_branch', '本阶段没有发往该部门的分支', 'This stage has no branch for that department');
  if (REVIEWER_MOVES.includes(action) && !canSeeOfficePath(actor, branch.officePath)) {
    throw forbidden(`「${branch.officeName}」的分支只能由该部门的审批人员办理`, `The branch of ${branch.officeName} is handled by that department's reviewers only`);
  }
  const move = (action === 'refuse' || action === 'ask-more' ? { action, departmentId: branch.departmentId, reason: input.reason!.trim() } : { action, departmentId: branch.departmentId }) as StageMove;
  const result = moveStage(stage, move);
  if (!result.ok) throw actionRefused(result.refusal.code, result.refusal.zh, result.refusal.en, result.refusal.httpStatus ?? 409);
  await saveStage(tx, row.id, stage, result.stage, now, actor.name);
  const changes: Partial<ApplicationRecord> = {};
  // The applicant's time for a department's request is not counted: the stage clock stands still while any department waits.
  if (stagePaused(stage) !== stagePaused(result.stage)) changes.pauses = togglePause(row.pauses, 'applicant', input.reason?.trim() ?? '', now);
  if (result.ended === 'refused') {
    Object.assign(changes, { status: 'refused', decidedAt: now, refusalReason: `${branch.officeName}：${input.reason!.trim()}`, pauses: closePauses(changes.pauses ?? row.pauses, now) });
  }
  const after = result.stage.branches.find((b) => b.departmentId === branch.departmentId)!;
  return {
    changes,
    event: {
      stageNo: stage.stageNo, departmentId: branch.departmentId, departmentName: branch.officeName, branchStatus: after.status,
      ...(input.reason ? { reason: input.reason.trim() } : {}), ...(input.note ? { note: input.note.trim() } : {}), stageStatus: result.stage.status,
      ...(result.ended ? { stageEnded: result.ended, closed: result.stage.branches.filter((b) => b.status === 'closed').map((b) => b.departmentId) } : {}),
      ...(action === 'supply' ? await onBehalfOf(ctx) : {}),
    },
  };
}

const branchCommand = (action: BranchAction, summary: string) => {
  const needsReason = action === 'refuse' || action === 'ask-more' || action === 'send-back';
  return needsReason
    ? defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof WithReason>({ summary, input: WithReason, apply: (ctx, input) => moveBranch(ctx, action, input) })
    : defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof WithNote>({ summary, input: WithNote, apply: (ctx, input) => moveBranch(ctx, action, input) });
};

const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

const conclude = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof NoteBody>({
  summary: 'Decide to grant (准予许可) once the last stage has been approved',
  input: NoteBody,
  apply({ row, now }, input) {
    return { changes: { decidedAt: now, pauses: closePauses(row.pauses, now) }, event: { stages: row.stageCount, ...(input.note ? { note: input.note.trim() } : {}) } };
  },
});

const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

const withdraw = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof ReasonBody>({
  summary: 'Withdraw the application; every open branch is closed',
  input: ReasonBody,
  async apply(ctx, input) {
    const { tx, row, now, actor } = ctx;
    const stage = currentStage(row);
    let closed: number[] = [];
    if (stage?.status === 'open') {
      const result = moveStage(stage, { action: 'withdraw' });
      if (result.ok) {
        await saveStage(tx, row.id, stage, result.stage, now, actor.name);
        closed = result.stage.branches.filter((b) => b.status === 'closed').map((b) => b.departmentId);
      }
    }
    return { changes: { pauses: closePauses(row.pauses, now) }, event: { reason: input.reason.trim(), closed, ...await onBehalfOf(ctx) } };
  },
});

export const STAGE_COMMANDS = {
  'start-stage': startStage,
  sign: branchCommand('sign', 'Sign for the department\'s branch (reviewer of that department)'),
  approve: branchCommand('approve', 'Approve the department\'s branch; the stage completes when every department has approved'),
  refuse: branchCommand('refuse', 'Refuse with a reason: the stage ends, every open branch is closed and the application is refused'),
  'ask-more': branchCommand('ask-more', 'Ask the applicant for more: the stage clock pauses, the other branches go on'),
  supply: branchCommand('supply', 'Supply what a department asked for: its branch is reviewed again'),
  'send-back': branchCommand('send-back', 'Send an approved branch back to its department for review again; only that branch reopens'),
  conclude,
  withdraw,
};
