/** Filing and changing a department's yearly visit plan (年初备案): how many visits, to which enterprises or kinds, why. */
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import type { PlanRelation, PlanRow } from '../lifecycle.js';
import { planOf } from '../store.js';
import type { VisitSettings } from '../settings.js';

export const PlanFields = Type.Object({
  plannedVisits: Type.Integer({ minimum: 0, maximum: 100000, description: '计划入企次数' }),
  targets: Type.String({ minLength: 1, maxLength: 5000, description: '入企对象（企业或企业类别）' }),
  reason: Type.String({ minLength: 1, maxLength: 5000, description: '理由' }),
}, { additionalProperties: false });

export const PlanFiling = Type.Object({
  officeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The department: your own office unless you name one in your subtree' })),
  year: Type.Integer({ minimum: 2000, maximum: 2999 }),
  ...PlanFields.properties,
}, { additionalProperties: false });

function checked(input: { plannedVisits: number; targets: string; reason: string }) {
  const targets = input.targets.trim();
  const reason = input.reason.trim();
  if (!targets) throw badRequest('invalid_targets', '入企对象不能为空', 'The targets must not be empty');
  if (!reason) throw badRequest('invalid_reason', '理由不能为空', 'The reason must not be empty');
  return { plannedVisits: input.plannedVisits, targets, reason };
}

export const filePlan = defineCommand<PlanRow, PlanRelation, VisitSettings, typeof PlanFiling>({
  summary: 'File the department\'s yearly visit plan',
  input: PlanFiling,
  async apply({ tx, actor, row: draft, now }, input) {
    const existing = await planOf(tx, draft.officeId, draft.year);
    if (existing) throw conflict('plan_exists', `本部门 ${draft.year} 年已备案入企计划（版本 ${existing.version}），请修改该计划`, `Your department has filed its ${draft.year} plan already (version ${existing.version}); change that one`, { id: existing.id, currentVersion: existing.version });
    const fields = checked(input);
    return { changes: { ...fields, createdBy: actor.userId, createdAt: now }, event: { year: draft.year, ...fields } };
  },
});

export const revisePlan = defineCommand<PlanRow, PlanRelation, VisitSettings, typeof PlanFields>({
  summary: 'Change the yearly plan: visits beyond it need the escalated approval',
  input: PlanFields,
  apply({ row }, input) {
    const fields = checked(input);
    if (fields.plannedVisits === row.plannedVisits && fields.targets === row.targets && fields.reason === row.reason) return null;
    return { changes: fields, event: fields };
  },
});
