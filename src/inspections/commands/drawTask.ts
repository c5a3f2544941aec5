import { Type } from '@sinclair/typebox';
import { defineCommand, recordCreation } from '../../platform/lifecycle/index.js';
import { findEnterprisesByUscc } from '../../enterprises/index.js';
import { canonicalWitness, drawSeed, runDraw } from '../draw.js';
import { VISIT_LIFECYCLE, type Relation, type TaskItem, type VisitRow } from '../lifecycle.js';
import { VISITS, VISIT_STORE } from '../store.js';
import type { TaskSettings } from '../settings.js';
import { drawRefused } from './commit.js';

export const DrawInput = Type.Object({
  witnessValue: Type.String({ minLength: 1, maxLength: 200, description: 'The value announced by the seed source named at the commit, as the witness enters it' }),
}, { additionalProperties: false });

/**
 * Draws: the seed from the committed server random and the witness value, the targets of each
 * credit class and their teams; reveals the server random; and plans one visit per target
 * (`visit_planned`, the first event of each visit's chain), in the same transaction.
 */
export const drawTask = defineCommand<TaskItem, Relation, TaskSettings, typeof DrawInput>({
  summary: 'Enter the witness value and draw: targets by credit class, at least two inspectors per target and department; one visit per target',
  input: DrawInput,
  async apply({ actor, row, now }, input) {
    let seed: string;
    let result;
    try {
      seed = drawSeed(row.serverRandom!, input.witnessValue);
      result = runDraw(row.rosters!, seed);
    } catch (e) {
      throw drawRefused(e);
    }
    const witnessValue = canonicalWitness(input.witnessValue);
    return {
      changes: { witnessValue, seed, drawnAt: now, result },
      event: { witnessValue, serverRandom: row.serverRandom, seed, targets: result.targets.length },
      after: async (tx, task) => {
        const names = await findEnterprisesByUscc(tx, result.targets.map((t) => t.id));
        for (const t of result.targets) {
          const teams = result.teams.filter((team) => team.target === t.id).map(({ department, inspectors }) => ({ department, inspectors }));
          const row: Partial<VisitRow> = {
            taskId: task.id, uscc: t.id, enterpriseName: names.get(t.id)?.name ?? t.id, stratum: t.stratum, rank: t.rank, teams, recusals: [], status: 'planned',
            result: null, findings: null, firstOffenceNoPenalty: false, inspectedOn: null, rectificationDeadline: null, createdAt: now,
          };
          const id = await VISITS.insert(tx, row);
          const stored = (await VISIT_STORE.lock(tx, id))!;
          // What a visits module follows: one visit of the enterprise however many departments join it.
          await recordCreation(tx, { lifecycle: VISIT_LIFECYCLE, store: VISIT_STORE }, stored, {
            at: now.toISOString(), action: 'visit_planned', actor,
            data: { taskId: task.id, taskCode: task.code, uscc: t.id, departments: task.officeIds, periodFrom: task.periodFrom, periodTo: task.periodTo, teams },
          });
        }
      },
    };
  },
});
