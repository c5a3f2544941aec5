// The enterprise registry (企业库) API as the web app uses it. Shapes come from the server's
// contract (src/enterprises/contract.ts).
import { api, ApiError, buildUrl, type Query } from '../shell';
import type {
  EnterpriseContact, EnterpriseInput, EnterpriseListPage, EnterprisePage, EnterprisePatch, EnterpriseView, ImportProblem, ImportSummary,
  CreditStanding, EnterpriseKind, EnterpriseSize, EnterpriseSectionView,
} from '../../../src/enterprises/contract';

export type EnterpriseSectionItem = EnterpriseSectionView['items'][number];
export type {
  EnterpriseContact, EnterpriseInput, EnterpriseListPage, EnterprisePage, EnterprisePatch, EnterpriseView, ImportProblem, ImportSummary,
  CreditStanding, EnterpriseKind, EnterpriseSize,
};
export {
  CREDIT_NAMES, CREDIT_STANDINGS, ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES, INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS,
} from '../../../src/enterprises/contract';

export interface EnterpriseFilter {
  q?: string;
  regionCode?: string;
  industry?: string;
  size?: EnterpriseSize;
  kind?: EnterpriseKind;
  keyEnterprise?: boolean;
  credit?: CreditStanding;
  page?: number;
  pageSize?: number;
}

const query = (f: EnterpriseFilter): Query => ({ ...f });

export const enterprisesApi = {
  list: (f: EnterpriseFilter, signal?: AbortSignal) => api.get<EnterpriseListPage>('/api/enterprises', query(f), { signal }),
  get: (key: string, signal?: AbortSignal) => api.get<EnterprisePage>(`/api/enterprises/${encodeURIComponent(key)}`, undefined, { signal }),
  create: (body: EnterpriseInput) => api.post<EnterpriseView>('/api/enterprises', body),
  update: (key: string, body: EnterprisePatch) => api.patch<EnterpriseView>(`/api/enterprises/${encodeURIComponent(key)}`, body),
  saveContacts: (key: string, version: number, contacts: EnterpriseContact[]) =>
    api.put<EnterpriseView>(`/api/enterprises/${encodeURIComponent(key)}/contacts`, { version, contacts }),
  /** The file itself as the body (not JSON); a refusal carries every bad cell in `details.problems`. */
  async import(file: File, lang: string): Promise<ImportSummary> {
    const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await fetch(buildUrl('/api/enterprises/import', { fileName: file.name }), {
      method: 'POST', body: file, credentials: 'same-origin', headers: { 'Content-Type': type, Accept: 'application/json', 'Accept-Language': lang },
    });
    const data = await res.json().catch(() => undefined);
    if (!res.ok) {
      const e = data?.error;
      throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? String(res.status), e?.details, e?.messageZh, e?.messageEn);
    }
    return data as ImportSummary;
  },
};

export const exportUrl = (f: EnterpriseFilter) => buildUrl('/api/enterprises.xlsx', query({ ...f, page: undefined, pageSize: undefined }));

/** The problems of a refused create or change (details.problems), by field. */
export function problemsOf(err: unknown): ImportProblem[] {
  const problems = (err as ApiError | undefined)?.details as { problems?: unknown } | undefined;
  return Array.isArray(problems?.problems) ? (problems.problems as ImportProblem[]) : [];
}
