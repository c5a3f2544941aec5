/** The publication clock of a task and the checks of a result, as pure functions of the calendar (no I/O). */
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../calendar/rules.js';
import { DUE_SOON_WORKING_DAYS, PUBLICATION_WORKING_DAYS, RESULTS_WITH_FINDINGS, type DueState, type InspectionResult } from './contract.js';

/** Results are due 20 working days after the inspection period ends (the day itself not counted). */
export const publicationDue = (cal: WorkingCalendar, periodTo: string) => addWorkingDays(cal, periodTo, PUBLICATION_WORKING_DAYS).date;

/** Overdue after the due day; due soon from 3 working days before it. */
export function publicationDueState(cal: WorkingCalendar, due: string, today: string): DueState {
  if (today > due) return 'overdue';
  return workingDaysBetween(cal, today, due).days <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'on_time';
}

export const hasFinding = (result: InspectionResult) => RESULTS_WITH_FINDINGS.includes(result);

/** A visit saves one visit for every department beyond the first that joins it (跨部门联合抽查). */
export const visitsSavedByJoining = (departments: number) => Math.max(0, departments - 1);
