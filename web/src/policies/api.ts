// The policies API (惠企政策) as the web app uses it. Shapes come from the server's contract (src/policies/contract.ts).
import { api, buildUrl } from '../shell';
import type {
  Condition, EnterpriseFacts, EnterprisePolicies, FactSource, FactType, FigureGrouping, MatchView, PolicyContent, PolicyFigures, PolicyListPage, PolicyView,
} from '../../../src/policies/contract';

export type {
  Benefit, BenefitKind, Clause, Condition, ConditionKind, ConditionOutcome, EnterpriseFacts, EnterprisePolicies, EnterprisePolicy, Evaluation, FactSource, FactType,
  FigureGrouping, MatchView, StoredFact,
  PolicyContent, PolicyFigures, PolicyListPage, PolicyView,
} from '../../../src/policies/contract';
export {
  BENEFIT_KIND_NAMES, BENEFIT_KINDS, CONDITION_KINDS, ELIGIBILITY_NAMES, FACT_SOURCE_NAMES, FACT_TYPES, REGISTRY_FACTS, MATCH_STATUS_NAMES, POLICY_STATUS_NAMES,
} from '../../../src/policies/contract';

export interface MatchesPage {
  policy: { id: number; title: string; revision: number; status: string };
  items: MatchView[];
  total: number;
}

const key = (k: string) => encodeURIComponent(k);

export const policiesApi = {
  list: (q: { q?: string; status?: string; page?: number }, signal?: AbortSignal) => api.get<PolicyListPage>('/api/policies', q, { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<PolicyView>(`/api/policies/${id}`, undefined, { signal }),
  create: (body: PolicyContent) => api.post<PolicyView>('/api/policies', body),
  update: (id: number, version: number, body: Partial<PolicyContent>) => api.patch<PolicyView>(`/api/policies/${id}`, { version, ...body }),
  act: (id: number, action: 'publish' | 'retire', version: number) => api.post<PolicyView>(`/api/policies/${id}/${action}`, { version }),
  matches: (id: number, signal?: AbortSignal) => api.get<MatchesPage>(`/api/policies/${id}/matches`, { pageSize: 200 }, { signal }),
  actOnMatch: (id: number, action: 'read' | 'apply' | 'grant' | 'decline', version: number, input: Record<string, unknown> = {}) =>
    api.post<MatchView>(`/api/policy-matches/${id}/${action}`, { version, ...input }),
  forEnterprise: (uscc: string, signal?: AbortSignal) => api.get<EnterprisePolicies>(`/api/enterprises/${key(uscc)}/policies`, undefined, { signal }),
  facts: (uscc: string, signal?: AbortSignal) => api.get<EnterpriseFacts>(`/api/enterprises/${key(uscc)}/facts`, undefined, { signal }),
  /** Records a fact; replacing one quotes the version read. */
  recordFact: (uscc: string, name: string, body: { type: FactType; value: number | boolean | string; source: FactSource; asOf: string; version?: number }) =>
    api.put(`/api/enterprises/${key(uscc)}/facts/${key(name)}`, body),
  removeFact: (uscc: string, name: string, source: FactSource, version: number) =>
    api.delete(`/api/enterprises/${key(uscc)}/facts/${key(name)}`, { query: { source, version } }),
  figures: (by: FigureGrouping, signal?: AbortSignal) => api.get<PolicyFigures>('/api/policies/figures', { by }, { signal }),
};

export const figuresXlsxUrl = (by: FigureGrouping) => buildUrl('/api/policies/figures', { by, format: 'xlsx' });

/** A condition as the editor starts it, of each kind. */
export function blankCondition(kind: Condition['kind'], clause: string): Condition {
  switch (kind) {
    case 'region': return { kind, clause, regionCode: '411700' };
    case 'industry': return { kind, clause, codes: ['C'] };
    case 'size': return { kind, clause, sizes: ['small', 'micro'] };
    case 'age': return { kind, clause, minYears: 1 };
    case 'key_enterprise': return { kind, clause, value: true };
    case 'credit': return { kind, clause, standings: ['good', 'normal'] };
    case 'registered_capital': return { kind, clause, max: 100 };
    case 'fact': return { kind, clause, fact: '', test: { type: 'boolean', equals: true } };
  }
}
