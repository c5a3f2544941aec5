/** Planning, recording, closing and cancelling a service visit: the effects of the visit's lifecycle (lifecycle.ts). */
import { Type } from '@sinclair/typebox';
import { badRequest } from '../../platform/errors.js';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { toLocalDate, type WorkingCalendar } from '../../calendar/rules.js';
import { IsoDate } from '../../platform/http/schemas.js';
import type { Relation, ServiceVisitItem, StoredMatter } from '../lifecycle.js';
import { matterProblems, MAX_MATTER_LENGTH, MAX_MATTERS } from '../rules.js';
import { RAISED_KINDS, SERVICE_VISIT_KINDS } from '../contract.js';

export interface ServiceVisitSettings {
  calendar: WorkingCalendar;
}

const Members = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30, description: 'Who goes (names, offices)' });

export const PlanBody = Type.Object({
  kind: Type.Union(SERVICE_VISIT_KINDS.map((k) => Type.Literal(k))),
  uscc: Type.String({ minLength: 18, maxLength: 18, description: 'The enterprise visited, as the registry holds it' }),
  officeId: Type.Integer({ minimum: 1, description: 'The office that organises the visit' }),
  leaderUserId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The leader who leads it (包联领导)' })),
  plannedOn: IsoDate,
  members: Type.Optional(Members),
  purpose: Type.String({ minLength: 1, maxLength: 2000 }),
}, { additionalProperties: false });

/** The draft holds what the enterprise, office and leader checks filled in; planning adds the members and purpose. */
export const plan = defineCommand<ServiceVisitItem, Relation, ServiceVisitSettings, typeof PlanBody>({
  summary: 'Plan a visit to an enterprise (service team, service day or an assigned leader)',
  input: PlanBody,
  apply({ row, actor, now }, input) {
    const purpose = input.purpose.trim();
    if (!purpose) throw badRequest('purpose_required', '请写明走访事由', 'Say what the visit is for');
    return {
      changes: { members: (input.members ?? []).map((m) => m.trim()).filter(Boolean), purpose, createdBy: actor.userId, createdAt: now },
      event: { kind: row.kind, uscc: row.uscc, enterpriseName: row.enterpriseName, officeId: row.officeId, leaderUserId: row.leaderUserId, plannedOn: row.plannedOn, purpose },
    };
  },
});

const RecordBody = Type.Object({
  heldOn: Type.Optional(IsoDate),
  matters: Type.Array(Type.Object({
    kind: Type.Union(RAISED_KINDS.map((k) => Type.Literal(k))),
    text: Type.String({ minLength: 1, maxLength: MAX_MATTER_LENGTH }),
  }, { additionalProperties: false }), { maxItems: MAX_MATTERS, description: 'What the enterprise raised: each problem becomes an appeal case' }),
  members: Type.Optional(Members),
}, { additionalProperties: false });

const record = defineCommand<ServiceVisitItem, Relation, ServiceVisitSettings, typeof RecordBody>({
  summary: 'Record that the visit was held and what the enterprise raised (problems, needs, suggestions); each problem opens an appeal case',
  input: RecordBody,
  apply({ row, now, calendar }, input) {
    const problems = matterProblems(input.matters);
    if (problems.length) throw badRequest('invalid_matters', problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), { problems });
    const today = toLocalDate(now, calendar.officeHours);
    const heldOn = input.heldOn ?? row.heldOn ?? today;
    if (heldOn > today) throw badRequest('held_in_future', `走访日期 ${heldOn} 还没到`, `The visit date ${heldOn} has not come yet`);
    if (row.status === 'held' && input.matters.length === 0 && input.members === undefined && input.heldOn === undefined) return null;
    const added: StoredMatter[] = input.matters.map((m, i) => ({ key: `m${row.matters.length + i + 1}`, kind: m.kind, text: m.text.trim(), recordedAt: now.toISOString() }));
    return {
      changes: { heldOn, matters: [...row.matters, ...added], ...(input.members ? { members: input.members.map((m) => m.trim()).filter(Boolean) } : {}) },
      event: { heldOn, matters: added },
    };
  },
});

const CloseBody = Type.Object({ summary: Type.String({ minLength: 1, maxLength: 2000, description: 'What the visit achieved' }) }, { additionalProperties: false });

const close = defineCommand<ServiceVisitItem, Relation, ServiceVisitSettings, typeof CloseBody>({
  summary: 'Close the visit once every problem raised has its answer',
  input: CloseBody,
  apply(_ctx, input) {
    const summary = input.summary.trim();
    if (!summary) throw badRequest('summary_required', '请填写办结情况', 'Say what the visit achieved');
    return { changes: { summary }, event: { summary } };
  },
});

const CancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

const cancel = defineCommand<ServiceVisitItem, Relation, ServiceVisitSettings, typeof CancelBody>({
  summary: 'Cancel a planned visit, saying why',
  input: CancelBody,
  apply(_ctx, input) {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('reason_required', '请写明取消原因', 'Say why the visit is cancelled');
    return { event: { reason } };
  },
});

export const SERVICE_VISIT_COMMANDS = { record, close, cancel };
