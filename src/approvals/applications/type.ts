/** The application as an item type of the lifecycle kernel: its lifecycle, commands and store, and the settings every action reads. */
import type { ItemType } from '../../platform/lifecycle/index.js';
import type { WorkingCalendar } from '../../calendar/rules.js';
import type { DueSoonRule } from '../../calendar/working-time.js';
import { workingCalendar } from '../../calendar/store.js';
import { APPLICATION_LIFECYCLE, type ApplicationItem, type Relation } from './lifecycle.js';
import type { ApplicationAction, ApplicationStatus } from './contract.js';
import { APPLICATION_STORE } from './store.js';
import { intake } from './commands/intake.js';
import { ACCEPTANCE_COMMANDS } from './commands/acceptance.js';
import { STAGE_COMMANDS } from './commands/stages.js';
import { CLOCK_COMMANDS } from './commands/clock.js';
import { RESULT_COMMANDS } from './commands/result.js';

/** Due soon once a fifth of the committed time or two office hours are left, as cases are judged by default. */
export const APPLICATION_DUE_SOON: DueSoonRule = { fraction: 0.2, minMinutes: 120 };

export interface ApplicationSettings {
  calendar: WorkingCalendar;
}

export const APPLICATION_TYPE: ItemType<ApplicationItem, ApplicationStatus, Relation, ApplicationAction, ApplicationSettings> = {
  lifecycle: APPLICATION_LIFECYCLE,
  create: intake,
  commands: { ...ACCEPTANCE_COMMANDS, ...STAGE_COMMANDS, ...CLOCK_COMMANDS, ...RESULT_COMMANDS },
  store: APPLICATION_STORE,
  settings: async (db) => ({ calendar: await workingCalendar(db) }),
};
