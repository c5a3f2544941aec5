import { defineCommand } from '../../platform/lifecycle/index.js';
import { toLocalDate } from '../../calendar/rules.js';
import type { Relation, TaskItem } from '../lifecycle.js';
import { NoInput, type TaskSettings } from '../settings.js';

/** Publishes every result of the task (each visit has one: the lifecycle blocks it otherwise), on time or late against the 20 working days. */
export const publish = defineCommand<TaskItem, Relation, TaskSettings, typeof NoInput>({
  summary: 'Publish the results: every target\'s result category and findings on the public pages',
  input: NoInput,
  apply({ row, now, calendar }) {
    const onTime = toLocalDate(now, calendar.officeHours) <= row.publicationDue;
    return { changes: { publishedAt: now, publishedOnTime: onTime }, event: { onTime, publicationDue: row.publicationDue } };
  },
});
