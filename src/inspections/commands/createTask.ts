import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { IsoDate, RegionCode } from '../../platform/http/schemas.js';
import { isValidIsoDate } from '../../calendar/rules.js';
import { ENTERPRISE_KINDS, ENTERPRISE_SIZES } from '../../enterprises/contract.js';
import { STRATA } from '../contract.js';
import type { Relation, TaskItem } from '../lifecycle.js';
import { publicationDue } from '../rules.js';
import { inspectingDepartments } from '../rosters.js';
import type { TaskSettings } from '../settings.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** The target roster's filters over the enterprise registry. */
export const RosterFilters = Type.Object({
  kind: Type.Optional(Type.Union(ENTERPRISE_KINDS.map((k) => Type.Literal(k)))),
  size: Type.Optional(Type.Union(ENTERPRISE_SIZES.map((k) => Type.Literal(k)))),
  industry: Type.Optional(Type.String({ pattern: '^([A-T]|[0-9]{2})$' })),
  regionCode: Type.Optional(RegionCode),
}, { additionalProperties: false });
/** The sampling ratio of each credit class drawn from. */
export const Strata = Type.Array(Type.Object({
  stratum: Type.Union(STRATA.map((s) => Type.Literal(s))),
  basisPoints: Type.Integer({ minimum: 0, maximum: 10000, description: 'Sampling ratio in basis points: 300 is 3 %' }),
}, { additionalProperties: false }), { minItems: 1, maxItems: STRATA.length });
export const PerDepartment = Type.Integer({ minimum: 2, maximum: 5, description: 'Inspectors per target from each department (default 2)' });

export const TaskInput = Type.Object({
  batch: Type.Integer({ minimum: 1, maximum: 100, description: 'The plan\'s batch the task belongs to' }),
  title: Text(200),
  joiningOfficeIds: Type.Optional(Type.Array(Id, { maxItems: 9, uniqueItems: true, description: 'Departments joining the inspection (跨部门联合抽查)' })),
  itemIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true, description: 'Inspection items of the lead or joining departments' }),
  filters: RosterFilters,
  strata: Strata,
  perDepartment: Type.Optional(PerDepartment),
  periodFrom: Type.String(IsoDate),
  periodTo: Type.String(IsoDate),
  seedSource: Type.Object({ zh: Text(300), en: Text(300) }, { additionalProperties: false, description: 'Where the witness value will come from, fixed before the commit' }),
}, { additionalProperties: false });

export function requireDistinctStrata(strata: Static<typeof Strata>): void {
  if (new Set(strata.map((s) => s.stratum)).size !== strata.length) throw badRequest('duplicate_stratum', '同一信用分类只能设一个比例', 'One ratio per credit class');
}

/**
 * Draws up a task under a plan (the lifecycle's `create`; the runner has checked that the actor
 * runs tasks for the plan's department): the batch is the plan's, the items are the departments'
 * active ones, the period lies in the batch, and every credit class is given once.
 */
export const createTask = defineCommand<TaskItem, Relation, TaskSettings, typeof TaskInput>({
  summary: 'Draw up an inspection task under a plan: departments, items, roster filters, ratios per credit class, period, seed source',
  input: TaskInput,
  async apply({ tx, actor, row: draft, now, calendar }, input) {
    const [plan] = await queryRows<{ year: number; batches: { no: number; from: string; to: string }[] }>(tx,
      sql`select year, batches from inspection_plans where id = ${draft.planId}`);
    const batch = plan.batches.find((b) => b.no === input.batch);
    if (!batch) throw badRequest('unknown_batch', `计划没有第 ${input.batch} 批次`, `The plan has no batch ${input.batch}`);
    for (const key of ['periodFrom', 'periodTo'] as const) {
      if (!isValidIsoDate(input[key])) throw badRequest('invalid_date', `${key} 不是有效日期：${input[key]}`, `${key} is not a valid date: ${input[key]}`);
    }
    if (input.periodFrom > input.periodTo) throw badRequest('invalid_range', '检查开始日期晚于结束日期', 'The period starts after it ends');
    if (input.periodFrom < batch.from || input.periodTo > batch.to) {
      throw badRequest('period_outside_batch', `检查期限须在批次期限 ${batch.from}–${batch.to} 内`, `The period must lie within the batch's ${batch.from}–${batch.to}`);
    }
    requireDistinctStrata(input.strata);
    const officeIds = (await inspectingDepartments(tx, draft.leadOfficeId, input.joiningOfficeIds ?? [])).map((d) => d.id);
    const items = await queryRows<{ id: number; officeId: number }>(tx, sql`select id, office_id as "officeId" from inspection_items
      where id = any(${`{${input.itemIds.join(',')}}`}::int[]) and active`);
    const stray = input.itemIds.filter((id) => !items.some((i) => i.id === id && officeIds.includes(i.officeId)));
    if (stray.length) throw badRequest('unknown_item', `检查事项不属于检查部门或已停用：${stray.join('、')}`, `Items not of the inspecting departments or inactive: ${stray.join(', ')}`);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from inspection_tasks where plan_id = ${draft.planId}`);
    const fields = {
      code: `P${draft.planId}-B${input.batch}-${String(n + 1).padStart(3, '0')}`, batch: input.batch, title: input.title.trim(), officeIds, itemIds: input.itemIds,
      filters: input.filters, strata: input.strata, perDepartment: input.perDepartment ?? 2, periodFrom: input.periodFrom, periodTo: input.periodTo,
      publicationDue: publicationDue(calendar, input.periodTo), seedSourceZh: input.seedSource.zh.trim(), seedSourceEn: input.seedSource.en.trim(),
      createdBy: actor.userId, createdAt: now,
    };
    if (!fields.title) throw badRequest('invalid_title', '任务名称不能为空', 'The title must not be empty');
    const { createdBy, createdAt, ...recorded } = fields;
    return { changes: fields, event: { ...recorded, planYear: plan.year } };
  },
});
