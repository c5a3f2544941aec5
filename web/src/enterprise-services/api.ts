// The enterprise-services API (走访服务、包联、领导坐班) as the web app uses it. Shapes come from the
// server's contract (src/enterprise-services/contract.ts).
import { api, buildUrl } from '../shell';
import type {
  DutySlotView, LeaderAssignmentView, RaisedKind, ServiceVisitFigures, ServiceVisitInput, ServiceVisitKind, ServiceVisitStatus, ServiceVisitSummary, ServiceVisitView,
} from '../../../src/enterprise-services/contract';

export type { DutySlotView, LeaderAssignmentView, RaisedKind, ServiceVisitFigures, ServiceVisitInput, ServiceVisitKind, ServiceVisitStatus, ServiceVisitSummary, ServiceVisitView };
export {
  DUTY_HALF_NAMES, RAISED_KIND_NAMES, RAISED_KINDS, SERVICE_VISIT_KIND_NAMES, SERVICE_VISIT_KINDS, SERVICE_VISIT_STATUS_NAMES, SERVICE_VISIT_STATUSES,
} from '../../../src/enterprise-services/contract';

export interface VisitFilter {
  status?: ServiceVisitStatus;
  kind?: ServiceVisitKind;
  page?: number;
  pageSize?: number;
}

export interface DutyMonth {
  officeId: number;
  officeName: string;
  month: string;
  slots: DutySlotView[];
}

export const servicesApi = {
  visits: (f: VisitFilter, signal?: AbortSignal) =>
    api.get<{ items: ServiceVisitSummary[]; total: number; page: number; pageSize: number }>('/api/service-visits', { ...f }, { signal }),
  visit: (id: number, signal?: AbortSignal) => api.get<ServiceVisitView>(`/api/service-visits/${id}`, undefined, { signal }),
  plan: (body: ServiceVisitInput) => api.post<ServiceVisitView>('/api/service-visits', body),
  act: (id: number, action: string, body: Record<string, unknown>) => api.post<ServiceVisitView>(`/api/service-visits/${id}/${action}`, body),
  figures: (year: number, signal?: AbortSignal) => api.get<ServiceVisitFigures>('/api/service-visits/figures', { year }, { signal }),
  assignments: (signal?: AbortSignal) => api.get<{ items: LeaderAssignmentView[] }>('/api/leader-assignments', undefined, { signal }).then((r) => r.items),
  leaders: (signal?: AbortSignal) =>
    api.get<{ items: { id: number; name: string; officeName: string }[] }>('/api/leader-assignments/leaders', undefined, { signal }).then((r) => r.items),
  assign: (body: { leaderUserId: number; uscc: string; startsOn: string; endsOn?: string | null; note?: string | null }) =>
    api.post<LeaderAssignmentView>('/api/leader-assignments', body),
  endAssignment: (a: LeaderAssignmentView, endsOn: string) => api.patch<LeaderAssignmentView>(`/api/leader-assignments/${a.id}`, { version: a.version, endsOn }),
  scheduleServiceDay: (month: string) => api.post<{ month: string; serviceDay: string; planned: number[]; alreadyPlanned: number }>('/api/service-days/schedule', { month }),
  duty: (officeId: number, month: string, signal?: AbortSignal) => api.get<DutyMonth>('/api/leader-duty', { officeId, month }, { signal }),
  scheduleDuty: (officeId: number, month: string) => api.post<DutyMonth>('/api/leader-duty/schedule', { officeId, month }),
};

export const figuresXlsxUrl = (year: number) => buildUrl('/api/service-visits/figures', { year, format: 'xlsx' });
