// The visits (入企) API as the web app uses it. Shapes come from the server's contract (src/visits/contract.ts).
import { api, type Query } from '../shell';
import type { Bilingual, PublicVisit, RatingAggregate, RatingInput, VisitAssessment, VisitCodeCheck, VisitKind, VisitScanned, VisitView } from '../../../src/visits/contract';

export type { Bilingual, PublicVisit, RatingInput, VisitAssessment, VisitCodeCheck, VisitKind, VisitView };
export {
  ESCALATION_REASON_NAMES, VISIT_EXCEPTION_NAMES, VISIT_EXCEPTIONS, VISIT_KIND_NAMES, VISIT_KINDS, VISIT_STATUS_NAMES, VISIT_STATUSES,
} from '../../../src/visits/contract';

export interface VisitPage { items: VisitView[]; total: number; page: number; pageSize: number }
export interface PlanView { id: number; officeId: number; officeName: string; year: number; plannedVisits: number; targets: string; reason: string; filed: number; version: number; actions: string[] }
export interface JointProposal {
  uscc: string; enterpriseName: string; month: string; serviceWeek: string[]; proposedDate: string;
  visits: { id: number; officeId: number; officeName: string; plannedDate: string; status: string; version: number }[];
}
export interface FigureRow { officeId: number; officeName: string; month: string; visits: number; inspections: number; lastYear: number; change: number | null; outsideServiceWeek: number; escalated: number; lateFilings: number; unscanned: number; rated: number; drillDown: string }
export interface VisitFigures { year: number; rows: FigureRow[]; totals: Omit<FigureRow, 'officeId' | 'officeName' | 'month' | 'drillDown'> & { enterpriseVisits: number }; ratings: (RatingAggregate & { officeId: number; officeName: string })[] }

export interface VisitFiling {
  uscc: string; purpose: string; kind: VisitKind; plannedDate: string; members: string[];
  exception?: string; exceptionReason?: string; emergencyReason?: string;
}

export const visitsApi = {
  list: (q: Query, signal?: AbortSignal) => api.get<VisitPage>('/api/visits', q, { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<VisitView>(`/api/visits/${id}`, undefined, { signal }),
  assess: (q: Query, signal?: AbortSignal) => api.get<VisitAssessment>('/api/visits/assess', q, { signal }),
  file: (body: VisitFiling) => api.post<VisitView>('/api/visits', body),
  act: (id: number, action: string, body: Record<string, unknown>) => api.post<VisitView>(`/api/visits/${id}/${action}`, body),
  rate: (id: number, version: number, rating: RatingInput) => api.post<VisitView>(`/api/visits/${id}/rate`, { version, ...rating }),
  plans: (year: number, signal?: AbortSignal) => api.get<{ items: PlanView[] }>('/api/visit-plans', { year }, { signal }),
  filePlan: (body: { year: number; plannedVisits: number; targets: string; reason: string }) => api.post<PlanView>('/api/visit-plans', body),
  revisePlan: (id: number, body: { version: number; plannedVisits: number; targets: string; reason: string }) => api.post<PlanView>(`/api/visit-plans/${id}/revise`, body),
  proposals: (signal?: AbortSignal) => api.get<{ items: JointProposal[] }>('/api/visits/joint-proposals', undefined, { signal }),
  join: (visits: { id: number; version: number }[], plannedDate: string) => api.post<{ jointVisitId: number; items: VisitView[] }>('/api/visits/joint', { visits, plannedDate }),
  figures: (year: number, signal?: AbortSignal) => api.get<VisitFigures>('/api/visits/figures', { year }, { signal }),
  checkCode: (code: string, signal?: AbortSignal) => api.get<VisitCodeCheck>(`/api/public/visit-codes/${encodeURIComponent(code)}`, undefined, { signal, noAuthRedirect: true }),
  scan: (code: string) => api.post<VisitScanned>(`/api/public/visit-codes/${encodeURIComponent(code)}/scan`, undefined, { noAuthRedirect: true }),
};

/** The code itself from what an enterprise pastes: the code, or the link that carries it. */
export function codeFrom(text: string): string {
  const t = text.trim();
  const m = /\/public\/visit-codes\/([^/?#\s]+)/.exec(t);
  return m ? decodeURIComponent(m[1]) : t;
}

export const nameIn = (lang: string, b: Bilingual) => (lang === 'en' ? b.en : b.zh);
