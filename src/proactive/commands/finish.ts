import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Result = Type.Object({ result: Type.String({ minLength: 1, maxLength: 5000, description: '办理结果' }) }, { additionalProperties: false });

/** The owner office finishes the task with its result; the effect is measured from here on. */
export const finishTask = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Result>({
  summary: 'Finish the task with its result; handling → finished',
  input: Result,
  apply({ now }, input) {
    const result = input.result.trim();
    if (!result) throw badRequest('invalid_result', '办理结果不能为空', 'The result must not be empty');
    return { changes: { result, finishedAt: now }, event: { result } };
  },
});
