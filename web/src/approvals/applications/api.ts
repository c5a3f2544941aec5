// The applications (办件) API as the web app uses it. Shapes, statuses and names come from the
// server's contract (src/approvals/applications/contract.ts).
import { api, type Query } from '../../shell';
import type {
  ApplicationAction, AuthorisationView, ApplicationEvent, ApplicationStatus, ApplicationSummary, ApplicationView, MissingNotice, OpenBranch, WindowAgent,
} from '../../../../src/approvals/applications/contract';

export { APPLICATION_ACTIONS, APPLICATION_STATUSES } from '../../../../src/approvals/applications/contract';
export type { ApplicationAction, AuthorisationView, ApplicationEvent, ApplicationStatus, ApplicationSummary, ApplicationView, MissingNotice, OpenBranch, WindowAgent };
export { BRANCH_STATUS_NAMES, type BranchStatus } from '../../../../src/approvals/applications/contract';
export { EXCLUDED_PERIODS, MAX_EXTENSION_DAYS, MAX_SUPPLEMENT_DAYS, NOTICE_DAYS, PAUSE_REASON_NAMES, SUPPLEMENT_MARGIN_DAYS, maxSupplementDays, type PauseReason } from '../../../../src/approvals/applications/contract';
export { usccProblem, normaliseUscc } from '../../../../src/enterprises/uscc';

export type DueState = ApplicationSummary['dueState'];

export interface ApplicationFilter {
  status?: ApplicationStatus;
  dueState?: DueState;
  greenChannel?: boolean;
  branchStatus?: OpenBranch['status'];
  /** The figures' drill-down (the evaluation dashboard's approvals section): only what a figure counted. */
  figure?: string;
  monthFrom?: string;
  monthTo?: string;
  officeId?: string;
  regionCode?: string;
  serviceItemId?: string;
  page?: number;
  pageSize?: number;
}

export interface ApplicationPage {
  items: ApplicationSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface IntakeInput {
  serviceItemId: number;
  applicant: { kind: 'enterprise' | 'person'; name: string; uscc?: string; phone?: string };
  materialIds: number[];
}

/** The actions that quote no version: a department's moves on its own branch, and the review (a department's move never makes a rater's copy stale). */
export const BRANCH_ACTIONS: readonly ApplicationAction[] = ['sign', 'approve', 'refuse', 'ask-more', 'supply', 'review'];

export const applicationsApi = {
  list: (f: ApplicationFilter, signal?: AbortSignal) => api.get<ApplicationPage>('/api/applications', { ...f } as Query, { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<ApplicationView>(`/api/applications/${id}`, undefined, { signal }),
  events: (id: number, signal?: AbortSignal) => api.get<ApplicationEvent[]>(`/api/applications/${id}/events`, undefined, { signal }),
  notice: (id: number, signal?: AbortSignal) => api.get<MissingNotice>(`/api/applications/${id}/notice`, undefined, { signal }),
  create: (body: IntakeInput) => api.post<ApplicationView>('/api/applications', body),
  /** One action: the application's version goes with it, except on a department's own branch. */
  act: (target: Pick<ApplicationView, 'id' | 'version'>, action: ApplicationAction, body: Record<string, unknown>) =>
    api.post<ApplicationView>(`/api/applications/${target.id}/${action}`, BRANCH_ACTIONS.includes(action) ? body : { version: target.version, ...body }),
  windowAgents: (signal?: AbortSignal) => api.get<{ items: WindowAgent[] }>('/api/window-agents', undefined, { signal }).then((r) => r.items),
};

export interface GrantInput {
  agentUserId: number;
  enterprise: { uscc: string; name: string };
  serviceItemId?: number;
  validUntil: string;
  documentRef: string;
}

/** Help-and-agency authorisations (帮办代办). */
export const agencyApi = {
  list: (signal?: AbortSignal) => api.get<{ items: AuthorisationView[] }>('/api/agency-authorisations', undefined, { signal }).then((r) => r.items),
  grant: (body: GrantInput) => api.post<AuthorisationView>('/api/agency-authorisations', body),
  revoke: (id: number, reason: string) => api.post<AuthorisationView>(`/api/agency-authorisations/${id}/revoke`, { reason }),
};

/** Statuses in which the applicant or the window still has something to do, and those where the matter is over. */
export const FINISHED: readonly ApplicationStatus[] = ['refused', 'issued', 'delivered', 'withdrawn', 'ended'];

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  received: 'blue', incomplete: 'orange', accepted: 'cyan', in_review: 'geekblue', approved: 'green', refused: 'red',
  issued: 'green', delivered: 'green', withdrawn: 'default', ended: 'default',
};
