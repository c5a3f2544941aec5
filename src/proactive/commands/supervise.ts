import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Supervision = Type.Object({
  note: Type.String({ minLength: 1, maxLength: 5000, description: '督办意见' }),
  level: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('yellow'), Type.Literal('red')], { description: '督办等级：一般、黄牌、红牌' })),
}, { additionalProperties: false });

/** A supervision notice (督办) from the supervising office, as on a case: normal, yellow or red. */
export const superviseTask = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Supervision>({
  summary: 'Issue a supervision notice (督办): normal, yellow or red',
  input: Supervision,
  apply(_ctx, input) {
    const note = input.note.trim();
    if (!note) throw badRequest('invalid_note', '督办意见不能为空', 'The supervision note must not be empty');
    return { event: { note, level: input.level ?? 'normal' } };
  },
});
