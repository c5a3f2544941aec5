/** Scheduling a joint review, each department's verdict (once, its own only) and cancelling. */
import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../platform/db/engine.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { actionRefused, defineCommand } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import { DepartmentId, Reason } from '../applications/commands/inputs.js';
import type { JointRelation, JointReviewItem } from './lifecycle.js';
import { jointOutcome } from './rules.js';
import { personName } from './store.js';

export const ScheduleBody = Type.Object({
  applicationId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  kind: Type.Union([Type.Literal('review'), Type.Literal('acceptance')], { description: 'review (联审联批) or acceptance (联合验收)' }),
  scheduledAt: Type.String({ format: 'date-time', description: 'When the departments meet (ISO 8601)' }),
  place: Type.String({ minLength: 1, maxLength: 200 }),
  departmentIds: Type.Array(DepartmentId, { minItems: 2, maxItems: 20, description: 'The departments invited: each records one verdict' }),
}, { additionalProperties: false });

export const schedule = defineCommand<JointReviewItem, JointRelation, object, typeof ScheduleBody>({
  summary: 'Schedule one appointment for several departments over an application',
  input: ScheduleBody,
  apply({ row: draft, now }, input) {
    return {
      changes: { createdAt: now },
      event: { applicationId: input.applicationId, kind: input.kind, scheduledAt: draft.scheduledAt.toISOString(), place: draft.place, departments: draft.verdicts.map((v) => ({ id: v.officeId, name: v.officeName })) },
      async after(tx, row) {
        await tx.execute(sql`insert into joint_review_verdicts (joint_review_id, office_id) select ${row.id}, d from unnest(${`{${input.departmentIds.join(',')}}`}::int[]) as d`);
      },
    };
  },
});

const VerdictBody = Type.Object({
  departmentId: DepartmentId,
  verdict: Type.Union([Type.Literal('pass'), Type.Literal('conditional'), Type.Literal('fail')]),
  remarks: Type.Optional(Type.String({ maxLength: 4000, description: 'The conditions of a pass with conditions, the reasons of a fail (required for both)' })),
}, { additionalProperties: false });

const recordVerdict = defineCommand<JointReviewItem, JointRelation, object, typeof VerdictBody>({
  summary: 'Record your department\'s verdict, once; the joint report results with the last one',
  input: VerdictBody,
  async apply({ tx, row, actor, now }, input) {
    const mine = row.verdicts.find((v) => v.officeId === input.departmentId);
    if (!mine) throw badRequest('not_invited', '该部门未被邀请参加本次联合审查/验收', 'That department was not invited to this joint review');
    if (!canSeeOfficePath(actor, mine.officePath)) throw forbidden(`「${mine.officeName}」的意见只能由该部门填写`, `Only ${mine.officeName} records its own verdict`);
    if (mine.verdict) throw actionRefused('verdict_recorded', `「${mine.officeName}」已填写意见，每个部门只填写一次`, `${mine.officeName} has recorded its verdict; each department records once`);
    const remarks = input.remarks?.trim() ?? '';
    if (input.verdict !== 'pass' && !remarks) throw badRequest('remarks_required', '有条件通过须写明条件，不通过须写明理由', 'A pass with conditions needs its conditions, a fail its reasons');
    const [updated] = await queryRows(tx, sql`update joint_review_verdicts set verdict = ${input.verdict}, remarks = ${remarks}, recorded_by_name = ${await personName(tx, actor)}, recorded_at = ${now.toISOString()}::timestamptz
      where joint_review_id = ${row.id} and office_id = ${mine.officeId} and verdict is null returning office_id`);
    if (!updated) throw actionRefused('verdict_recorded', `「${mine.officeName}」已填写意见`, `${mine.officeName} has recorded its verdict`);
    const outcome = jointOutcome(row.verdicts.map((v) => (v.officeId === mine.officeId ? input.verdict : v.verdict)));
    return {
      changes: outcome ? { status: 'reported', outcome, reportedAt: now } : {},
      event: { departmentId: mine.officeId, departmentName: mine.officeName, verdict: input.verdict, ...(remarks ? { remarks } : {}), ...(outcome ? { outcome } : {}) },
    };
  },
});

const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

const cancel = defineCommand<JointReviewItem, JointRelation, object, typeof ReasonBody>({
  summary: 'Cancel the appointment (with the reason); verdicts already recorded are kept',
  input: ReasonBody,
  apply(_ctx, input) {
    return { changes: { cancelReason: input.reason.trim() }, event: { reason: input.reason.trim() } };
  },
});

export const JOINT_REVIEW_COMMANDS = { 'record-verdict': recordVerdict, cancel };
