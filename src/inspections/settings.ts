/** What every task and visit action is handed, and the body of an action that takes no input. */
import { Type } from '@sinclair/typebox';
import type { WorkingCalendar } from '../calendar/rules.js';

/** Read before each action: the publication clock counts working days of the official calendar. */
export interface TaskSettings {
  calendar: WorkingCalendar;
}

export const NoInput = Type.Object({}, { additionalProperties: false });
