import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { IsoDate } from '../../platform/http/schemas.js';
import { recordAudit } from '../../audit/record.js';
import { isValidIsoDate } from '../../calendar/rules.js';
import { requireListEditor } from '../access.js';

export const PlanInput = Type.Object({
  officeId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  batches: Type.Array(Type.Object({
    no: Type.Integer({ minimum: 1, maximum: 100 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    from: Type.String(IsoDate),
    to: Type.String(IsoDate),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 24 }),
}, { additionalProperties: false });

/** A department's yearly plan (年度双随机抽查计划) in batches, each within the year; the audit trail records it. */
export async function createPlan(db: Db, actor: Actor, input: Static<typeof PlanInput>): Promise<number> {
  await requireListEditor(db, actor, input.officeId, { zh: '制定抽查计划', en: 'draw up an inspection plan' });
  if (!input.title.trim()) throw badRequest('blank_field', '计划名称不能为空', 'The title must not be blank');
  const seen = new Set<number>();
  for (const b of input.batches) {
    if (seen.has(b.no)) throw badRequest('duplicate_batch', `批次 ${b.no} 重复`, `Batch ${b.no} appears twice`);
    seen.add(b.no);
    if (!isValidIsoDate(b.from) || !isValidIsoDate(b.to) || b.from > b.to) throw badRequest('invalid_batch_period', `批次 ${b.no} 的期限无效`, `Batch ${b.no} has an invalid period`);
    if (!b.from.startsWith(`${input.year}-`) || !b.to.startsWith(`${input.year}-`)) throw badRequest('batch_outside_year', `批次 ${b.no} 须在 ${input.year} 年内`, `Batch ${b.no} must lie within ${input.year}`);
  }
  return db.transaction(async (tx) => {
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into inspection_plans (office_id, year, title, batches, created_by)
      values (${input.officeId}, ${input.year}, ${input.title.trim()}, ${JSON.stringify(input.batches)}::jsonb, ${actor.userId}) returning id`);
    await recordAudit(tx, actor, { action: 'inspection_plan.create', entityType: 'inspection_plan', entityId: id, after: input });
    return Number(id);
  });
}
