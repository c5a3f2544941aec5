/**
 * What the calendar API (工作日历) speaks, shared by the server and the web app: the kinds of day,
 * a day as the calendar reads it, the office hours, which years have an official arrangement, and
 * what entering or importing a year sends and answers. Types only — no imports — so the browser
 * bundle can take it as it is. The working-day arithmetic stays in rules.ts.
 */

/** A date written YYYY-MM-DD. */
export type IsoDate = string;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** One day as the working calendar reads it (GET /api/calendar/days lists them). */
export interface CalendarDay {
  date: IsoDate;
  kind: DayKind;
  /** The festival or make-up day's name, for a holiday or make-up working day. */
  name?: string;
  workingDay: boolean;
  /** False when the year has no published arrangement and weekends alone decide. */
  dataAvailable: boolean;
}

/** A result that counted over years with no published arrangement is provisional: weekends alone decided them. */
export interface Fallback {
  fallbackYears: number[];
  fallback: boolean;
}

/** GET /api/calendar/days. */
export interface CalendarDays {
  items: CalendarDay[];
  /** Years in the range that have no published arrangement. */
  fallbackYears: number[];
}

/** GET /api/calendar/add-working-days. */
export interface AddWorkingDaysResult extends Fallback {
  date: IsoDate;
}

export interface OfficePeriod {
  start: string; // 'HH:MM'
  end: string; // 'HH:MM'
}

export interface OfficeHours {
  /** Offset from UTC of the office's local time, in minutes. */
  timeZoneOffsetMinutes: number;
  /** Office periods of a working day, ascending and not overlapping. */
  periods: OfficePeriod[];
}

/** GET and PUT /api/calendar/office-hours: the hours with the version an edit must name. */
export interface OfficeHoursSetting extends OfficeHours {
  version: number;
}

/** Where a year's arrangement comes from: the built-in data, an import, an administrator's entry, or nowhere. */
export type YearSource = 'chinese-days' | 'imported' | 'entered' | 'none';

/** One year of GET /api/calendar/years. */
export interface CalendarYear {
  year: number;
  source: YearSource;
  holidays: number;
  makeUpWorkdays: number;
  /** Only spill-over dates from a neighbouring year's announcement: weekends decide the rest. */
  partial: boolean;
}

export interface NamedDate {
  date: IsoDate;
  name: string;
}

/** PUT /api/calendar/years/:year: a year's arrangement entered by hand. */
export interface YearEntry {
  /** Days off (放假). */
  holidays: NamedDate[];
  /** Make-up working days (调休上班日) that fall on a weekend. */
  makeUpWorkdays: NamedDate[];
}

/** What storing arrangements answers: the years replaced and the days stored. */
export interface SavedYears {
  years: number[];
  days: number;
}

export type ImportFormat = 'simple-json' | 'csv' | 'holiday-cn';

/** POST /api/calendar/import: the file as the administrator chose it; the server tells the format. */
export interface CalendarImportInput {
  fileName: string;
  content: string;
}

/** What POST /api/calendar/import answers. */
export interface CalendarImport extends SavedYears {
  format: ImportFormat;
  /** In the language the caller asked for. */
  warnings: string[];
}

/** Where a running deadline stands: in time, close to it (due soon) or past it. */
export type DueState = 'on_time' | 'due_soon' | 'overdue';
