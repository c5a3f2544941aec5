/** The clock: Art. 45 excluded periods (pause, resume) and the Art. 42 extension by the agency head. */
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import { badRequest } from '../../../platform/errors.js';
import { EXCLUDED_PERIODS, isJointHandling, JOINT_MAX_EXTENSION_DAYS, maxExtensionDays, openPause, PAUSE_REASON_NAMES, sameDayDueAt, togglePause } from '../rules.js';
import type { ApplicationSettings } from '../type.js';
import { Reason } from './inputs.js';

const PauseBody = Type.Object({
  reason: Type.Union(EXCLUDED_PERIODS.map((r) => Type.Literal(r)), { description: 'hearing, testing, inspection, appraisal or expert_review (行政许可法 Art. 45)' }),
  note: Reason,
}, { additionalProperties: false });

const pause = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof PauseBody>({
  summary: 'Stop the clock for a hearing, testing, inspection, appraisal or expert review (Art. 45), with the reason',
  input: PauseBody,
  apply({ row, now }, input) {
    return { changes: { pauses: togglePause(row.pauses, input.reason, input.note.trim(), now) }, event: { reason: input.reason, reasonName: PAUSE_REASON_NAMES[input.reason].zh, note: input.note.trim() } };
  },
});

const ResumeBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

const resume = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof ResumeBody>({
  summary: 'Start the clock again after an excluded period',
  input: ResumeBody,
  apply({ row, now }, input) {
    const running = openPause(row.pauses, EXCLUDED_PERIODS)!;
    return { changes: { pauses: togglePause(row.pauses, running.reason, '', now) }, event: { reason: running.reason, ...(input.note ? { note: input.note.trim() } : {}) } };
  },
});

const ExtendBody = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: JOINT_MAX_EXTENSION_DAYS, description: 'Working days, at most 10 (Art. 42); at most 15 under joint handling' }),
  reason: Reason,
}, { additionalProperties: false });

const extend = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof ExtendBody>({
  summary: 'Extend the time limit by up to 10 working days (the agency head, Art. 42), 15 under joint handling; the reason is told to the applicant',
  input: ExtendBody,
  apply({ row }, input) {
    const joint = isJointHandling(row.stages);
    const most = maxExtensionDays(joint);
    if (input.days > most) {
      throw badRequest('extension_too_long', `延长期限最多 ${most} 个工作日${joint ? '（联合办理）' : ''}`, `The extension is at most ${most} working days${joint ? ' under joint handling' : ''}`, { maxDays: most });
    }
    return { changes: { extensionDays: input.days, extensionReason: input.reason.trim() }, event: { days: input.days, reason: input.reason.trim(), joint } };
  },
});

const GreenBody = Type.Object({ reason: Reason }, { additionalProperties: false });

const greenChannel = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof GreenBody>({
  summary: 'Put the application in the green channel (绿色通道, a leader of its window or department, with the reason): due the same working day',
  input: GreenBody,
  apply({ row, now, actor, calendar }, input) {
    // Before acceptance the target is set when it is accepted.
    return {
      changes: { greenChannelAt: now, greenChannelReason: input.reason.trim(), greenChannelByName: actor.name },
      event: { reason: input.reason.trim(), ...(row.acceptedAt ? { dueAt: sameDayDueAt(calendar, now).toISOString() } : {}) },
    };
  },
});

export const CLOCK_COMMANDS = { pause, resume, extend, 'green-channel': greenChannel };
