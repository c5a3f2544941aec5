// The joint-review (联审联批, 联合验收) API as the web app uses it. Shapes and names come from the
// server's contract (src/approvals/joint-review/contract.ts).
import { api } from '../../shell';
import type { JointReviewKind, JointReviewView, Verdict } from '../../../../src/approvals/joint-review/contract';

export { JOINT_REVIEW_KINDS, JOINT_REVIEW_STATUSES, OUTCOMES, VERDICTS } from '../../../../src/approvals/joint-review/contract';
export type { JointReviewKind, JointReviewStatus, JointReviewView, Outcome, Verdict, VerdictView } from '../../../../src/approvals/joint-review/contract';

export interface ScheduleInput {
  applicationId: number;
  kind: JointReviewKind;
  scheduledAt: string;
  place: string;
  departmentIds: number[];
}

export const jointReviewsApi = {
  /** Those of one application; without it, those the reader's office organised or was invited to. */
  list: (applicationId: number | undefined, signal?: AbortSignal) =>
    api.get<{ items: JointReviewView[] }>('/api/joint-reviews', applicationId ? { applicationId } : undefined, { signal }).then((r) => r.items),
  get: (id: number, signal?: AbortSignal) => api.get<JointReviewView>(`/api/joint-reviews/${id}`, undefined, { signal }),
  schedule: (body: ScheduleInput) => api.post<JointReviewView>('/api/joint-reviews', body),
  /** A department's verdict quotes its department, not a version: departments record at once. */
  recordVerdict: (id: number, body: { departmentId: number; verdict: Verdict; remarks?: string }) => api.post<JointReviewView>(`/api/joint-reviews/${id}/record-verdict`, body),
  cancel: (r: Pick<JointReviewView, 'id' | 'version'>, reason: string) => api.post<JointReviewView>(`/api/joint-reviews/${r.id}/cancel`, { version: r.version, reason }),
};
