import { api, type ListResponse } from '../shell';

export type YearSource = 'chinese-days' | 'imported' | 'entered' | 'none';

export interface CalendarYear {
  year: number;
  source: YearSource;
  holidays: number;
  makeUpWorkdays: number;
  partial: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name?: string;
  workingDay: boolean;
  dataAvailable: boolean;
}

export interface NamedDate {
  date: string;
  name: string;
}

export interface ImportResult {
  years: number[];
  days: number;
  warnings: string[];
}

export interface AddWorkingDaysResult {
  date: string;
  fallbackYears: number[];
}

export interface OfficeHours {
  timeZoneOffsetMinutes: number;
  periods: { start: string; end: string }[];
}

export const calendarApi = {
  years: (signal?: AbortSignal) =>
    api.get<ListResponse<CalendarYear>>('/api/calendar/years', undefined, { signal }).then((r) => r.items),
  days: (from: string, to: string, signal?: AbortSignal) =>
    api.get<ListResponse<CalendarDay>>('/api/calendar/days', { from, to }, { signal }).then((r) => r.items),
  import: (fileName: string, content: string) => api.post<ImportResult>('/api/calendar/import', { fileName, content }),
  putYear: (year: number, body: { holidays: NamedDate[]; makeUpWorkdays: NamedDate[] }) =>
    api.put<unknown>(`/api/calendar/years/${year}`, body),
  addWorkingDays: (date: string, days: number) =>
    api.get<AddWorkingDaysResult>('/api/calendar/add-working-days', { date, days }),
  officeHours: (signal?: AbortSignal) => api.get<OfficeHours>('/api/calendar/office-hours', undefined, { signal }),
};

/** "UTC+08:00" for an offset of 480 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}
