// The random inspections API as the web app uses it. Shapes come from the server's contract
// (src/inspections/contract.ts), with the canonical texts of a draw the browser hashes to check it.
import { api, type Query } from '../shell';
import type {
  InspectionFigures, InspectionItemView, InspectionPlanView, InspectorView, PublicTask, PublishedDraw, TaskView, VisitView, InspectionResult, TaskAction, RosterPreview,
} from '../../../src/inspections/contract';
import { canonicalRosters, seedKey } from '../../../src/inspections/contract';

export type { InspectionFigures, InspectionItemView, InspectionPlanView, InspectorView, PublicTask, PublishedDraw, TaskView, VisitView, InspectionResult, TaskAction, RosterPreview };
export {
  INSPECTION_RESULTS, INSPECTION_RESULT_NAMES, RESULTS_WITH_FINDINGS, STRATA, STRATUM_NAMES, TASK_STATUS_NAMES, VISIT_STATUS_NAMES,
} from '../../../src/inspections/contract';

export type TaskSummary = Omit<TaskView, 'visits' | 'actions'>;

export const inspectionsApi = {
  items: (signal?: AbortSignal, q?: Query) => api.get<InspectionItemView[]>('/api/inspection-items', q, { signal }),
  createItem: (body: unknown) => api.post<{ id: number }>('/api/inspection-items', body),
  updateItem: (id: number, body: unknown) => api.patch<InspectionItemView>(`/api/inspection-items/${id}`, body),
  inspectors: (q: Query, signal?: AbortSignal) => api.get<InspectorView[]>('/api/inspectors', q, { signal }),
  createInspector: (body: unknown) => api.post<{ id: number }>('/api/inspectors', body),
  updateInspector: (id: number, body: unknown) => api.patch<InspectorView>(`/api/inspectors/${id}`, body),
  /** The log-ins with the inspector role in a department, to link a roster entry to. */
  accounts: (officeId: number, signal?: AbortSignal) => api.get<{ id: number; username: string; name: string }[]>('/api/inspectors/accounts', { officeId }, { signal }),
  plans: (signal?: AbortSignal) => api.get<InspectionPlanView[]>('/api/inspection-plans', undefined, { signal }),
  createPlan: (body: unknown) => api.post<InspectionPlanView>('/api/inspection-plans', body),
  tasks: (signal?: AbortSignal, q?: Query) => api.get<TaskSummary[]>('/api/inspection-tasks', q, { signal }),
  rosterPreview: (body: unknown, signal?: AbortSignal) => api.post<RosterPreview>('/api/inspection-tasks/roster-preview', body, { signal }),
  createTask: (body: unknown) => api.post<TaskView>('/api/inspection-tasks', body),
  task: (id: number | string, signal?: AbortSignal) => api.get<TaskView>(`/api/inspection-tasks/${id}`, undefined, { signal }),
  act: (id: number, action: TaskAction, body: Record<string, unknown>) => api.post<TaskView>(`/api/inspection-tasks/${id}/${action}`, body),
  recordResult: (taskId: number, body: Record<string, unknown>) => api.post<VisitView>(`/api/inspection-tasks/${taskId}/record-result`, body),
  recuse: (taskId: number, body: Record<string, unknown>) => api.post<VisitView>(`/api/inspection-tasks/${taskId}/recuse`, body),
  mine: (signal?: AbortSignal) => api.get<VisitView[]>('/api/inspection-visits/mine', undefined, { signal }),
  figures: (q: Query, signal?: AbortSignal) => api.get<InspectionFigures[]>('/api/inspection-figures', q, { signal }),
  publicResults: (q: Query, signal?: AbortSignal) => api.get<PublicTask[]>('/api/public/inspections', q, { signal }),
  publicDraw: (id: string, signal?: AbortSignal) => api.get<PublishedDraw>(`/api/public/inspections/${id}/draw`, undefined, { signal }),
};

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What the browser re-checks of a published draw: the rosters hash to the commitment, the
 * revealed server random to its committed hash, and the two sources to the seed. Re-ranking every
 * candidate is `node bin/verify-draw.mjs`'s work.
 */
export async function checkDraw(doc: PublishedDraw): Promise<{ commitment: boolean; serverRandom: boolean | null; seed: boolean | null }> {
  const commitment = (await sha256(canonicalRosters(doc.rosters))) === doc.commitment;
  if (doc.serverRandom === null || doc.witnessValue === null) return { commitment, serverRandom: null, seed: null };
  return {
    commitment,
    serverRandom: (await sha256(doc.serverRandom)) === doc.serverRandomHash,
    seed: (await sha256(seedKey(doc.serverRandom, doc.witnessValue))) === doc.seed,
  };
}

export const ratio = (bp: number) => `${(bp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
