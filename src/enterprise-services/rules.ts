/**
 * The rules of service to enterprises (pure, no I/O): when the monthly enterprise service day
 * falls (企业服务日), which half days of a month leaders sit on the hotline (领导坐班接听), and what
 * a service visit's three lists (问题、需求、建议) must hold. Dates are YYYY-MM-DD in the offices'
 * time zone, on the official calendar.
 */
import { addWorkingDays, dayOfWeek, isWorkingDay, type WorkingCalendar } from '../calendar/rules.js';
import type { IsoDate } from '../calendar/contract.js';
import { RAISED_KINDS, type DutyHalf, type RaisedKind } from './contract.js';

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The month's enterprise service day: the configured day of the month (the 15th by default), or
 * the first working day after it when it is a holiday or a weekend (a make-up Saturday is a
 * working day and keeps it). A day past the month's end means its last day.
 */
export function serviceDayOf(cal: WorkingCalendar, year: number, month: number, dayOfMonth: number): IsoDate {
  const day = dateOf(year, month, Math.min(dayOfMonth, daysIn(year, month)));
  return isWorkingDay(cal, day) ? day : addWorkingDays(cal, day, 1).date;
}

/**
 * The month's third week, Monday to Sunday: the week holding the 15th, which is the third
 * whether or not the month opens with a full week (a month from Saturday the 1st has weeks
 * 1–2, 3–9 and 10–16).
 */
export function thirdWeekOf(year: number, month: number): IsoDate[] {
  const fifteenth = dateOf(year, month, 15);
  const monday = Date.UTC(year, month - 1, 15) - ((dayOfWeek(fifteenth) + 6) % 7) * 86_400_000;
  return Array.from({ length: 7 }, (_, i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
}

export interface DutySlot {
  date: IsoDate;
  half: DutyHalf;
  leaderUserId: number;
}

/**
 * The month's hotline duty (领导坐班): each leader half a day in the third week, in the order
 * given, on its working days' mornings and afternoons in turn. More leaders than half days wrap
 * round to a second turn; a week with no working day (a holiday week) gives none.
 */
export function dutyRoster(cal: WorkingCalendar, year: number, month: number, leaderUserIds: readonly number[]): DutySlot[] {
  const halves = thirdWeekOf(year, month).filter((d) => isWorkingDay(cal, d)).flatMap((date) => (['am', 'pm'] as const).map((half) => ({ date, half })));
  if (!halves.length) return [];
  return leaderUserIds.map((leaderUserId, i) => ({ ...halves[i % halves.length], leaderUserId }));
}

/** The instant a half day starts and ends: the calendar's first office period is the morning, the rest the afternoon. */
export function halfDayBounds(cal: WorkingCalendar, date: IsoDate, half: DutyHalf): { from: Date; to: Date } {
  const periods = cal.officeHours.periods;
  const [first, last] = half === 'am' ? [periods[0], periods[0]] : [periods[Math.min(1, periods.length - 1)], periods[periods.length - 1]];
  const at = (hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00Z`) - cal.officeHours.timeZoneOffsetMinutes * 60_000);
  return { from: at(first.start), to: at(last.end) };
}

export interface RaisedMatter {
  kind: RaisedKind;
  text: string;
}

export interface MatterProblem {
  index: number;
  zh: string;
  en: string;
}

export const MAX_MATTERS = 50;
export const MAX_MATTER_LENGTH = 1000;

/** What is wrong with the lists recorded of a visit: each bad entry by its place. */
export function matterProblems(matters: readonly RaisedMatter[]): MatterProblem[] {
  const problems: MatterProblem[] = [];
  if (matters.length > MAX_MATTERS) problems.push({ index: MAX_MATTERS, zh: `一次最多记录 ${MAX_MATTERS} 条`, en: `At most ${MAX_MATTERS} entries at a time` });
  matters.forEach((m, index) => {
    if (!RAISED_KINDS.includes(m.kind)) problems.push({ index, zh: `第 ${index + 1} 条的类别须为问题、需求或建议`, en: `Entry ${index + 1} must be a problem, a need or a suggestion` });
    const text = m.text.trim();
    if (!text) problems.push({ index, zh: `第 ${index + 1} 条内容为空`, en: `Entry ${index + 1} is empty` });
    else if (text.length > MAX_MATTER_LENGTH) problems.push({ index, zh: `第 ${index + 1} 条超过 ${MAX_MATTER_LENGTH} 字`, en: `Entry ${index + 1} is longer than ${MAX_MATTER_LENGTH} characters` });
  });
  return problems;
}
