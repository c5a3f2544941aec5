/**
 * The candidate rosters of a task as they stand now — the registry's enterprises the actor may read
 * under the task's filters, each in its credit class; the departments' active inspectors; their
 * declared conflicts with those enterprises. The commit freezes them; the roster preview shows
 * them before the task is drawn up, so both read the same rosters.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { allEnterprises, type EnterpriseFilter, type EnterpriseView } from '../enterprises/index.js';
import type { DrawRosters } from './draw.js';
import type { TaskFilters, TaskRow } from './lifecycle.js';

export type RosterTask = Pick<TaskRow, 'code' | 'officeIds' | 'perDepartment' | 'strata'> & { filters: TaskFilters };

const intArray = (ids: readonly number[]) => `{${ids.join(',')}}`;

/** The lead department and the joining ones (the lead named once), each a department: 400 otherwise. */
export async function inspectingDepartments(db: Db, leadOfficeId: number, joiningOfficeIds: readonly number[]): Promise<{ id: number; name: string }[]> {
  const officeIds = [leadOfficeId, ...joiningOfficeIds.filter((id) => id !== leadOfficeId)];
  const found = await queryRows<{ id: number; name: string }>(db, sql`select id, name from offices where id = any(${intArray(officeIds)}::int[]) and kind = 'department'`);
  if (found.length !== officeIds.length) throw badRequest('unknown_department', '联合检查部门须为职能部门', 'Joining offices must be departments');
  return officeIds.map((id) => found.find((d) => d.id === id)!);
}

/** The rosters a commit by `actor` would freeze now, with the target enterprises' records (by name). */
export async function candidateRosters(db: Db, actor: Actor, task: RosterTask): Promise<{ rosters: DrawRosters; enterprises: EnterpriseView[] }> {
  const classes = new Set(task.strata.map((s) => s.stratum));
  const enterprises = (await allEnterprises(db, actor, task.filters as EnterpriseFilter)).filter((e) => classes.has(e.credit as never));
  const inspectors = await queryRows<{ id: string; department: string; conflicts: { uscc: string }[] }>(db, sql`select certificate_no as id, office_id::text as department, conflicts
    from inspectors where active and office_id = any(${intArray(task.officeIds)}::int[]) order by certificate_no`);
  const inRoster = new Set(enterprises.map((e) => e.uscc));
  const rosters: DrawRosters = {
    task: task.code, perDepartment: task.perDepartment, departments: task.officeIds.map(String), strata: task.strata,
    targets: enterprises.map((e) => ({ id: e.uscc, stratum: e.credit })),
    inspectors: inspectors.map(({ id, department }) => ({ id, department })),
    conflicts: inspectors.flatMap((i) => i.conflicts.filter((c) => inRoster.has(c.uscc)).map((c) => ({ inspector: i.id, target: c.uscc }))),
  };
  return { rosters, enterprises };
}
