// The bundles (一件事) API as the web app uses it; shapes and names come from the server's contract (src/approvals/bundles/contract.ts).
import { api, type Query } from '../../shell';
import type { BundleAction, BundleApplicationView, BundleView, MergedMaterial } from '../../../../src/approvals/bundles/contract';

export { BUNDLE_PROGRESS, type BundleProgress } from '../../../../src/approvals/bundles/contract';
export type { BundleAction, BundleApplicationView, BundleView, MergedMaterial };

export interface BundleIntakeInput {
  bundleId: number;
  applicant: { kind: 'enterprise' | 'person'; name: string; uscc?: string; phone?: string };
  materialKeys: string[];
}

export const bundlesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: BundleView[] }>('/api/bundles', undefined, { signal }).then((r) => r.items),
  applications: (q: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<{ items: BundleApplicationView[]; total: number; page: number; pageSize: number }>('/api/bundle-applications', { ...q } as Query, { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<BundleApplicationView>(`/api/bundle-applications/${id}`, undefined, { signal }),
  create: (body: BundleIntakeInput) => api.post<BundleApplicationView>('/api/bundle-applications', body),
  act: (target: Pick<BundleApplicationView, 'id' | 'version'>, action: BundleAction, body: Record<string, unknown> = {}) =>
    api.post<BundleApplicationView>(`/api/bundle-applications/${target.id}/${action}`, { version: target.version, ...body }),
};

export const PROGRESS_COLORS: Record<BundleApplicationView['progress'], string> = {
  received: 'blue', incomplete: 'orange', in_review: 'geekblue', waiting_applicant: 'gold', completed: 'green', withdrawn: 'default',
};
