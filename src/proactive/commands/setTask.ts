import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';
import { AssignmentFields, taskFields } from './assignment.js';

export const SetTaskInput = Type.Object(AssignmentFields, { additionalProperties: false });

/** Sets a task without a hotspot (the lifecycle's `create`): a matter a supervisor or leader sees coming. */
export const setTask = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof SetTaskInput>({
  summary: 'Set a proactive task: owner office, assisting offices, limit in working days, title and description',
  input: SetTaskInput,
  async apply({ tx, actor, row: draft, now, cal }, input) {
    const fields = await taskFields(tx, cal, draft.scopeOfficeId, input, now);
    return {
      changes: { ...fields, createdBy: actor.userId },
      event: { title: fields.title, ownerOfficeId: fields.ownerOfficeId, assistingOfficeIds: fields.assistingOfficeIds, limitDays: fields.limitDays, dueAt: fields.dueAt.toISOString() },
    };
  },
});
