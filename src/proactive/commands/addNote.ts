import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Note = Type.Object({ note: Type.String({ minLength: 1, maxLength: 5000, description: '进展' }) }, { additionalProperties: false });

/** A progress note from the owner or an assisting office; it lives in the task's events (the timeline lists them). */
export const addNote = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Note>({
  summary: 'Add a progress note (owner or assisting office)',
  input: Note,
  apply(_ctx, input) {
    const note = input.note.trim();
    if (!note) throw badRequest('invalid_note', '进展内容不能为空', 'The note must not be empty');
    return { event: { note } };
  },
});
