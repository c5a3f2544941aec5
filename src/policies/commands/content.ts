/**
 * What a policy's content is written with (the API's schema) and the checks every write shares:
 * text trimmed, the pure checks passed, the issuing office known, every region a condition names
 * in the region list.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { IsoDate, RegionCode } from '../../platform/http/schemas.js';
import { findOffice } from '../../offices/queries.js';
import type { OfficeView } from '../../offices/contract.js';
import { findRegion } from '../../regions/queries.js';
import { BENEFIT_KINDS, FACT_TYPES, type Condition, type PolicyContent } from '../contract.js';
import { contentProblems, type ContentProblem } from '../rules.js';

const text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Clause = text(20, 'The clause of the policy this condition comes from (its number)');
const Years = Type.Integer({ minimum: 0, maximum: 200 });
const Amount = Type.Number({ minimum: 0, maximum: 1e12 });

export const ConditionInput = Type.Union([
  Type.Object({ kind: Type.Literal('region'), clause: Clause, regionCode: RegionCode }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('industry'), clause: Clause, codes: Type.Array(Type.String({ pattern: '^([A-T]|[0-9]{2})$' }), { minItems: 1, maxItems: 120 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('size'), clause: Clause, sizes: Type.Array(literals(['large', 'medium', 'small', 'micro'] as const), { minItems: 1, maxItems: 4, uniqueItems: true }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('age'), clause: Clause, minYears: Type.Optional(Years), underYears: Type.Optional(Years) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('key_enterprise'), clause: Clause, value: Type.Boolean() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('credit'), clause: Clause, standings: Type.Array(literals(['good', 'normal', 'bad'] as const), { minItems: 1, maxItems: 3, uniqueItems: true }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('registered_capital'), clause: Clause, min: Type.Optional(Amount), max: Type.Optional(Amount) }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('fact'), clause: Clause, fact: Type.String({ minLength: 1, maxLength: 40 }),
    test: Type.Union([
      Type.Object({ type: Type.Literal('number'), min: Type.Optional(Type.Number({ minimum: -1e12, maximum: 1e12 })), max: Type.Optional(Type.Number({ minimum: -1e12, maximum: 1e12 })) }, { additionalProperties: false }),
      Type.Object({ type: Type.Literal('boolean'), equals: Type.Boolean() }, { additionalProperties: false }),
      Type.Object({ type: Type.Literal('text'), oneOf: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
    ]),
  }, { additionalProperties: false }),
], { description: 'One eligibility condition over a registry fact or a recorded fact, citing its clause' });

export const CONTENT_FIELDS = {
  title: text(200), issuingBody: text(200, '发文机关'), documentNumber: text(100, '文号, e.g. 驿政办〔2026〕12号'),
  officeId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The issuing office: its administrators and leaders (and those above) edit the policy' }),
  validFrom: IsoDate, validTo: Type.Union([IsoDate, Type.Null()]),
  clauses: Type.Array(Type.Object({ number: text(20), text: text(5000) }, { additionalProperties: false }), { maxItems: 100 }),
  benefit: Type.Object({
    kind: literals(BENEFIT_KINDS), amount: Type.Union([Type.Integer({ minimum: 0, maximum: 1e10 }), Type.Null()], { description: 'Whole yuan; null when described only' }), description: text(2000),
  }, { additionalProperties: false }),
  automaticGrant: Type.Optional(Type.Boolean({ description: '免申即享: granted without an application when the registry\'s authoritative facts meet every condition' })),
  conditions: Type.Array(ConditionInput, { maxItems: 30 }),
};

export const ContentInput = Type.Object(CONTENT_FIELDS, { additionalProperties: false });
export type ContentInput = Static<typeof ContentInput>;

export const FactTypeInput = literals(FACT_TYPES);

export function contentRefusal(problems: readonly ContentProblem[]) {
  return badRequest('invalid_policy', problems.map((p) => `${p.field}：${p.zh}`).join('；'), problems.map((p) => `${p.field}: ${p.en}`).join('; '), { problems });
}

const trimCondition = (c: Condition): Condition => ({ ...c, clause: c.clause.trim(), ...(c.kind === 'fact' ? { fact: c.fact.trim() } : {}) } as Condition);

/** The content as it is written: text trimmed, defaults filled in. */
export function normaliseContent(input: ContentInput): PolicyContent {
  return {
    title: input.title.trim(), issuingBody: input.issuingBody.trim(), documentNumber: input.documentNumber.trim(), officeId: input.officeId,
    validFrom: input.validFrom, validTo: input.validTo, clauses: input.clauses.map((c) => ({ number: c.number.trim(), text: c.text.trim() })),
    benefit: { kind: input.benefit.kind, amount: input.benefit.amount, description: input.benefit.description.trim() },
    automaticGrant: input.automaticGrant ?? false, conditions: (input.conditions as Condition[]).map(trimCondition),
  };
}

/** Refuses content with every problem named; answers the issuing office. */
export async function checkContent(db: Db, c: PolicyContent): Promise<OfficeView> {
  const problems = contentProblems(c);
  const office = await findOffice(db, c.officeId);
  if (!office) problems.push({ field: 'officeId', zh: `单位 ${c.officeId} 不存在`, en: `office ${c.officeId} does not exist` });
  for (const [i, cond] of c.conditions.entries()) {
    if (cond.kind === 'region' && !(await findRegion(db, cond.regionCode))) problems.push({ field: `conditions[${i}].regionCode`, zh: `行政区划 ${cond.regionCode} 不存在`, en: `region ${cond.regionCode} does not exist` });
  }
  if (problems.length) throw contentRefusal(problems);
  return office!;
}
