import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import type { HotspotRelation, HotspotRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';
import { AssignmentFields, insertTaskFromHotspot, taskFields } from './assignment.js';
import { casesOfHotspot } from '../hotspot-cases.js';

const TaskInput = Type.Object(AssignmentFields, { additionalProperties: false });

/**
 * Turns a hotspot into a proactive task, in one transaction: the task (supervised by the
 * hotspot's office, linked to the hotspot and to its cases in the week flagged) starts its chain,
 * and the hotspot records which task it became.
 */
export const turnIntoTask = defineCommand<HotspotRow, HotspotRelation, ProactiveSettings, typeof TaskInput>({
  summary: 'Turn the hotspot into a proactive task: owner office, assisting offices, limit in working days; new → tasked',
  input: TaskInput,
  async apply({ tx, actor, row, now, cal }, input) {
    const fields = await taskFields(tx, cal, row.officeId, input, now);
    const caseIds = await casesOfHotspot(tx, row);
    const task = await insertTaskFromHotspot(tx, actor, { ...fields, hotspotId: row.id, caseIds, createdBy: actor.userId }, row.id);
    return { changes: { taskId: task.id }, event: { taskId: task.id } };
  },
});
