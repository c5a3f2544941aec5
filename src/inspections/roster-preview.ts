/**
 * The target roster preview (对象名录预览): before a task is drawn up, its department sees how many
 * enterprises its filters give in each credit class, the exact number the draw will take of each,
 * whether each department has enough inspectors, and the candidates by name — read by the same
 * function the commit freezes the rosters with.
 */
import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/errors.js';
import { permitted } from '../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../auth/permissions.js';
import type { RosterPreview, Stratum } from './contract.js';
import { commitProblems, quotaFor } from './draw.js';
import { TASK_RUNNERS } from './lifecycle.js';
import { candidateRosters, inspectingDepartments } from './rosters.js';
import { departmentRelations } from './store.js';
import { PerDepartment, requireDistinctStrata, RosterFilters, Strata } from './commands/createTask.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const PreviewInput = Type.Object({
  planId: { ...Id, description: 'The plan the task goes under: its department leads' },
  joiningOfficeIds: Type.Optional(Type.Array(Id, { maxItems: 9, uniqueItems: true })),
  filters: RosterFilters,
  strata: Strata,
  perDepartment: Type.Optional(PerDepartment),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

const PLAN = { zh: '抽查计划', en: 'inspection plan' };

export async function previewRoster(db: Db, actor: Actor, input: Static<typeof PreviewInput>): Promise<RosterPreview> {
  const [plan] = await queryRows<{ officeId: number; path: string }>(db, sql`select p.office_id as "officeId", o.path
    from inspection_plans p join offices o on o.id = p.office_id where p.id = ${input.planId}`);
  if (!plan || !canSeeOfficePath(actor, plan.path)) throw notFound(PLAN, input.planId);
  requireDistinctStrata(input.strata);
  const departments = await inspectingDepartments(db, plan.officeId, input.joiningOfficeIds ?? []);
  const officeIds = departments.map((d) => d.id);
  if (!permitted(TASK_RUNNERS, actor.roles, await departmentRelations(db, actor, plan.officeId, officeIds))) {
    throw forbidden('只有牵头部门的承办人或领导可以预览对象名录', 'Only a handler or leader of the leading department may preview the target roster');
  }
  const perDepartment = input.perDepartment ?? 2;
  const { rosters, enterprises } = await candidateRosters(db, actor, { code: 'preview', officeIds, perDepartment, strata: input.strata, filters: input.filters });
  const inClass = (stratum: string) => rosters.targets.filter((t) => t.stratum === stratum).length;
  const strata = input.strata.map((s) => ({ ...s, candidates: inClass(s.stratum), quota: quotaFor(inClass(s.stratum), s.basisPoints) }));
  const inspectorDepartment = new Map(rosters.inspectors.map((i) => [i.id, i.department]));
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  return {
    candidates: rosters.targets.length,
    strata,
    quota: strata.reduce((sum, s) => sum + s.quota, 0),
    departments: departments.map((d) => ({
      ...d, needed: perDepartment,
      activeInspectors: rosters.inspectors.filter((i) => i.department === String(d.id)).length,
      declaredConflicts: rosters.conflicts.filter((c) => inspectorDepartment.get(c.inspector) === String(d.id)).length,
    })),
    problems: commitProblems(rosters, (id) => {
      const name = departments.find((d) => String(d.id) === id)!.name;
      return { zh: `「${name}」`, en: `"${name}"` };
    }).map(({ code, zh, en }) => ({ code, zh, en })),
    page: {
      items: enterprises.slice((page - 1) * pageSize, page * pageSize).map((e) => ({
        uscc: e.uscc, name: e.name, stratum: e.credit as Stratum, regionName: e.regionName, kind: e.kind, size: e.size, industryName: e.industryName,
      })),
      total: enterprises.length, page, pageSize,
    },
  };
}
