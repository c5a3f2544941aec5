/** The clock: Art. 45 excluded periods (pause, resume) and the Art. 42 extension by the agency head. */
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import { EXCLUDED_PERIODS, MAX_EXTENSION_DAYS, openPause, PAUSE_REASON_NAMES, togglePause } from '../rules.js';
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
  days: Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS, description: 'Working days, at most 10 (Art. 42)' }),
  reason: Reason,
}, { additionalProperties: false });

const extend = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof ExtendBody>({
  summary: 'Extend the time limit by up to 10 working days (the agency head, Art. 42); the reason is told to the applicant',
  input: ExtendBody,
  apply(_ctx, input) {
    return { changes: { extensionDays: input.days, extensionReason: input.reason.trim() }, event: { days: input.days, reason: input.reason.trim() } };
  },
});

export const CLOCK_COMMANDS = { pause, resume, extend };
