import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Nothing = Type.Object({}, { additionalProperties: false });

/** The owner office signs for the task (签收). */
export const signTask = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Nothing>({
  summary: 'Sign for the task; assigned → handling',
  input: Nothing,
  apply: () => ({}),
});
