/** What every visit action reads before its transaction: the official calendar, the office hours and the policy in force. */
import type { Db } from '../platform/db/engine.js';
import type { WorkingCalendar } from '../calendar/rules.js';
import { workingCalendar } from '../calendar/store.js';
import type { OfficeHours } from '../calendar/contract.js';
import type { VisitPolicy } from './contract.js';

export interface VisitSettings {
  calendar: WorkingCalendar;
  officeHours: OfficeHours;
  policy: VisitPolicy;
}

export async function visitSettings(db: Db, policy: VisitPolicy): Promise<VisitSettings> {
  const calendar = await workingCalendar(db);
  return { calendar, officeHours: calendar.officeHours, policy };
}
