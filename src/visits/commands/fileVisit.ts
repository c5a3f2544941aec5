import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { IsoDate } from '../../platform/http/schemas.js';
import { isValidIsoDate, toLocalDate } from '../../calendar/rules.js';
import { findEnterprise, normaliseUscc } from '../../enterprises/index.js';
import { VISIT_EXCEPTIONS, VISIT_KINDS } from '../contract.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import { assessVisit, sharedServiceWeek } from '../rules.js';
import { filedInYear, lockQuota, placesTaken, planOf } from '../store.js';
import type { VisitSettings } from '../settings.js';

const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

export const VisitFiling = Type.Object({
  officeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The visiting department: your own office unless you name one in your subtree' })),
  uscc: Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码 of the enterprise' }),
  purpose: Text(2000, '入企事由'),
  kind: Type.Union(VISIT_KINDS.map((k) => Type.Literal(k)), { description: 'service / inspection / research / other' }),
  plannedDate: Type.String({ ...IsoDate, description: '计划入企日期 (YYYY-MM-DD)' }),
  members: Type.Array(Text(100, '入企人员'), { minItems: 1, maxItems: 50 }),
  exception: Type.Optional(Type.Union(VISIT_EXCEPTIONS.map((e) => Type.Literal(e)), { description: 'A listed exception to the quiet period and the yearly limit' })),
  exceptionReason: Type.Optional(Text(2000, 'Why the exception applies')),
  emergencyReason: Type.Optional(Text(2000, 'An emergency visit, already made, approved afterwards: why')),
}, { additionalProperties: false });

const trimmed = (s: string | undefined, field: string, zh: string) => {
  const t = s?.trim();
  if (s !== undefined && !t) throw badRequest(`invalid_${field}`, `${zh}不能为空`, `The ${field.replace(/_/g, ' ')} must not be empty`);
  return t ?? null;
};

/**
 * Files a visit (报备): the enterprise from the registry, the assessment against the calendar and
 * the policy, the yearly limit counted under the department × enterprise × year lock so two
 * filings at once cannot both take the last place.
 */
export const fileVisit = defineCommand<VisitRow, VisitRelation, VisitSettings, typeof VisitFiling>({
  summary: 'File a visit: enterprise, purpose, kind, planned date, members (exception or emergency with a reason)',
  input: VisitFiling,
  async apply({ tx, actor, row: draft, now, calendar, officeHours, policy }, input) {
    if (!isValidIsoDate(input.plannedDate)) throw badRequest('invalid_date', `计划入企日期不是有效日期：${input.plannedDate}`, `The planned date is not a valid date: ${input.plannedDate}`);
    const purpose = trimmed(input.purpose, 'purpose', '入企事由')!;
    const members = input.members.map((m) => trimmed(m, 'members', '入企人员')!);
    const exceptionReason = trimmed(input.exceptionReason, 'exception_reason', '例外理由');
    const emergencyReason = trimmed(input.emergencyReason, 'emergency_reason', '紧急入企理由');
    if (!!input.exception !== !!exceptionReason) throw badRequest('exception_reason_required', '例外情形须同时写明理由', 'An exception needs its reason, and a reason its exception');
    const enterprise = await findEnterprise(tx, normaliseUscc(input.uscc));
    if (!enterprise) throw badRequest('unknown_enterprise', `企业库中没有统一社会信用代码为 ${input.uscc} 的企业`, `No enterprise with the code ${input.uscc} is in the registry`);
    const year = Number(input.plannedDate.slice(0, 4));
    await lockQuota(tx, draft.officeId, enterprise.uscc, year);
    const plan = await planOf(tx, draft.officeId, year);
    const assessment = assessVisit(calendar, policy, {
      plannedDate: input.plannedDate, today: toLocalDate(now, officeHours), exception: input.exception ?? null, emergency: !!emergencyReason,
      usedThisYear: await placesTaken(tx, draft.officeId, enterprise.uscc, year),
      plan: plan && { plannedVisits: plan.plannedVisits, filed: await filedInYear(tx, draft.officeId, year) },
    });
    const { refusal } = assessment;
    if (refusal) throw (refusal.code === 'frequency_limit' || refusal.code === 'quiet_period' ? conflict : badRequest)(refusal.code, refusal.zh, refusal.en, { remaining: assessment.remaining, limit: assessment.limit });
    const fields = {
      uscc: enterprise.uscc, enterpriseName: enterprise.name, purpose, kind: input.kind, plannedDate: input.plannedDate,
      serviceWeek: sharedServiceWeek(calendar, input.plannedDate, policy.serviceWeekDays), members,
      escalation: assessment.escalation, exception: input.exception ?? null, exceptionReason, emergency: !!emergencyReason, emergencyReason,
    };
    return {
      changes: { ...fields, status: 'filed', filedBy: actor.userId, createdAt: now },
      event: { ...fields, remaining: assessment.remaining - (input.exception ? 0 : 1) },
    };
  },
});
