// The calendar (工作日历) API as the web app uses it. The shapes come from the server's contract
// (src/calendar/contract.ts); what is left here is the calls and a formatting helper.
import { api, type ListResponse } from '../shell';
import type {
  AddWorkingDaysResult, CalendarDays, CalendarImport, CalendarYear, OfficeHoursSetting, SavedYears, YearEntry,
} from '../../../src/calendar/contract';

export type { AddWorkingDaysResult, CalendarDay, CalendarImport, CalendarYear, NamedDate } from '../../../src/calendar/contract';

export const calendarApi = {
  years: (signal?: AbortSignal) =>
    api.get<ListResponse<CalendarYear>>('/api/calendar/years', undefined, { signal }).then((r) => r.items),
  days: (from: string, to: string, signal?: AbortSignal) =>
    api.get<CalendarDays>('/api/calendar/days', { from, to }, { signal }).then((r) => r.items),
  import: (fileName: string, content: string) => api.post<CalendarImport>('/api/calendar/import', { fileName, content }),
  putYear: (year: number, body: YearEntry) => api.put<SavedYears>(`/api/calendar/years/${year}`, body),
  addWorkingDays: (date: string, days: number) =>
    api.get<AddWorkingDaysResult>('/api/calendar/add-working-days', { date, days }),
  officeHours: (signal?: AbortSignal) => api.get<OfficeHoursSetting>('/api/calendar/office-hours', undefined, { signal }),
};

/** "UTC+08:00" for an offset of 480 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}
