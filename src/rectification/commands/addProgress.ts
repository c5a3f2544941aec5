import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import { toLocalDate } from '../../calendar/rules.js';
import { SUBJECT_RULES, type PlanItem, type Relation } from '../lifecycle.js';
import { isoWeekOf, mondayOf, parseWeek, progressKind, statusAfterProgress } from '../rules.js';
import { insertProgress } from '../store.js';
import type { PlanSettings } from '../type.js';

/** `POST …/rectification/progress` (the contract's ProgressInput). */
export const ProgressBody = Type.Object({
  note: Type.String({ minLength: 1, maxLength: 5000, description: '本周进展 / 督办意见' }),
  week: Type.Optional(Type.String({ maxLength: 10, description: 'ISO week (2026-W48) or any date in it (2026-11-23); this week when absent' })),
}, { additionalProperties: false });

/**
 * Files a note for a week, from the subject's first week up to this one: a handler of the lead
 * office reports progress, a supervisor adds a supervision note (督办意见). The note is a row of
 * its own (the ledger lists notes by week) and an event on the plan's chain. The first progress
 * report starts a planned plan.
 */
export const addProgress = defineCommand<PlanItem, Relation, PlanSettings, typeof ProgressBody>({
  summary: 'Add a weekly progress note (lead office handler) or a supervision note (supervisor), until the subject is closed',
  input: ProgressBody,
  async apply({ tx, actor, row, relations, now, officeHours }, input) {
    const note = input.note.trim();
    if (!note) throw badRequest('invalid_note', '进展内容不能为空', 'The note must not be empty');
    const thisWeek = mondayOf(toLocalDate(now, officeHours));
    let weekStart = thisWeek;
    if (input.week !== undefined) {
      const parsed = parseWeek(input.week.trim());
      if ('error' in parsed) {
        throw badRequest('invalid_week', `周次格式不对：${input.week}（应为 2026-W48 或该周内的日期 2026-11-23）`,
          `Not a week: ${input.week} (give an ISO week such as 2026-W48 or a date in the week such as 2026-11-23)`);
      }
      weekStart = parsed.monday;
    }
    if (weekStart > thisWeek) throw badRequest('week_in_future', `不能填报未来的周次（${isoWeekOf(weekStart)}）`, `You cannot report on a future week (${isoWeekOf(weekStart)})`);
    const firstWeek = mondayOf(toLocalDate(row.subject.takenInAt, officeHours));
    if (weekStart < firstWeek) {
      const { label } = SUBJECT_RULES[row.subjectType];
      throw badRequest('week_before_case', `周次 ${isoWeekOf(weekStart)} 早于${label.zh}受理所在周（${isoWeekOf(firstWeek)}）`,
        `The week ${isoWeekOf(weekStart)} is before the week the ${label.en} was taken in (${isoWeekOf(firstWeek)})`);
    }
    const kind = progressKind(actor.roles, relations);
    const status = kind === 'progress' ? statusAfterProgress(row.status) : row.status;
    // The event the runner appends for this action is the plan's next one.
    const progressId = await insertProgress(tx, { rectificationId: row.id, weekStart, kind, note, author: actor, recordedAt: now, eventSeq: row.eventCount + 1 });
    return {
      changes: status === row.status ? {} : { status, updatedBy: actor.userId },
      event: { progressId, kind, week: isoWeekOf(weekStart), weekStart, note },
    };
  },
});
