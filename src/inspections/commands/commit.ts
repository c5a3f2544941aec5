import { randomBytes } from 'node:crypto';
import { sql, queryRows } from '../../platform/db/engine.js';
import { actionRefused, defineCommand } from '../../platform/lifecycle/index.js';
import { allEnterprises, type EnterpriseFilter } from '../../enterprises/index.js';
import { DrawError, rosterCommitment, sha256, checkRosters, type DrawRosters } from '../draw.js';
import type { Relation, TaskItem } from '../lifecycle.js';
import { NoInput, type TaskSettings } from '../settings.js';

/** A refusal of the draw's own rules, as the API answers it. */
export const drawRefused = (e: unknown) => (e instanceof DrawError ? actionRefused(e.code, e.zh, e.en) : e);

/**
 * Freezes the candidate rosters — the registry's enterprises the committing person may read under
 * the task's filters, each in its credit class; the departments' active inspectors; their
 * declared conflicts with those enterprises — and publishes their SHA-256 with the SHA-256 of a
 * fresh server random kept secret until the draw.
 */
export const commit = defineCommand<TaskItem, Relation, TaskSettings, typeof NoInput>({
  summary: 'Freeze the candidate rosters and publish their SHA-256 commitment and the hash of the server random',
  input: NoInput,
  async apply({ tx, actor, row, now }) {
    const enterprises = await allEnterprises(tx, actor, row.filters as EnterpriseFilter);
    const classes = new Set(row.strata.map((s) => s.stratum));
    const targets = enterprises.filter((e) => classes.has(e.credit)).map((e) => ({ id: e.uscc, stratum: e.credit as string }));
    if (!targets.length) throw actionRefused('empty_roster', '按筛选条件没有可抽取的检查对象', 'No enterprise matches the task\'s filters');
    const inspectors = await queryRows<{ id: string; department: string; conflicts: { uscc: string }[] }>(tx, sql`select certificate_no as id, office_id::text as department, conflicts
      from inspectors where active and office_id = any(${`{${row.officeIds.join(',')}}`}::int[]) order by certificate_no`);
    const inRoster = new Set(targets.map((t) => t.id));
    const rosters: DrawRosters = {
      task: row.code, perDepartment: row.perDepartment, departments: row.officeIds.map(String), strata: row.strata,
      targets, inspectors: inspectors.map(({ id, department }) => ({ id, department })),
      conflicts: inspectors.flatMap((i) => i.conflicts.filter((c) => inRoster.has(c.uscc)).map((c) => ({ inspector: i.id, target: c.uscc }))),
    };
    try {
      checkRosters(rosters);
    } catch (e) {
      throw drawRefused(e);
    }
    for (const d of rosters.departments) {
      if (rosters.inspectors.filter((i) => i.department === d).length < row.perDepartment) {
        throw actionRefused('insufficient_inspectors', `部门 ${d} 的在岗执法人员少于 ${row.perDepartment} 名`, `Department ${d} has fewer than ${row.perDepartment} active inspectors`);
      }
    }
    const serverRandom = randomBytes(32).toString('hex');
    const commitment = rosterCommitment(rosters);
    const serverRandomHash = sha256(serverRandom);
    return {
      changes: { rosters, commitment, committedAt: now, serverRandom, serverRandomHash },
      event: { commitment, serverRandomHash, targets: targets.length, inspectors: rosters.inspectors.length, conflicts: rosters.conflicts.length },
    };
  },
});
