// The catalogue API as the web app uses it. The shapes and reference lists come from the
// server's contract (src/approvals/contract.ts).
import { api, buildUrl, type Translate } from '../shell';
import type {
  CatalogueReport, ImportResult, ServiceGuide, ServiceItemFilter, ServiceItemContent, ServiceItemSummary, ServiceItemView, StoredVersion, VersionSummary,
} from '../../../src/approvals/contract';
import { attachmentTypeOf } from '../../../src/platform/upload-rules';

export {
  ITEM_STATUSES, ITEM_TYPES, ITEM_TYPE_CODES, LEVELS, LEVEL_CODES, MATERIAL_FORMS, MATERIAL_FORM_CODES, ONLINE_DEPTHS, ONLINE_DEPTH_CODES,
  REDUCTION_TARGETS, SERVICE_OBJECTS, SERVICE_OBJECT_CODES,
} from '../../../src/approvals/contract';
export type {
  ItemStatus, ItemTypeCode, ServiceItemContent, CatalogueReport, ImportResult, PublicMaterial, ReportRow, RowProblem, ServiceGuide, ServiceItemSummary, ServiceItemView, StoredVersion, VersionSummary,
} from '../../../src/approvals/contract';

/** The list's search and filters: the server's own (ServiceItemFilter). */
export type ItemFilter = ServiceItemFilter;

export interface ItemPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const query = (f: ItemFilter) => ({ ...f });

/** Sends a file as the request body with its own type (the upload endpoints take no JSON). */
const upload = <T,>(path: string, file: File) => api.upload<T>(path, file, attachmentTypeOf(file.name, file.type), { query: { fileName: file.name } });

const base64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

export const catalogueApi = {
  list: (f: ItemFilter, signal?: AbortSignal) => api.get<ItemPage<ServiceItemSummary>>('/api/service-items', query(f), { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<ServiceItemView>(`/api/service-items/${id}`, undefined, { signal }),
  versions: (id: number, signal?: AbortSignal) => api.get<{ items: VersionSummary[] }>(`/api/service-items/${id}/versions`, undefined, { signal }).then((r) => r.items),
  version: (id: number, revision: number) => api.get<StoredVersion>(`/api/service-items/${id}/versions/${revision}`),
  create: (body: ServiceItemContent) => api.post<ServiceItemView>('/api/service-items', body),
  update: (id: number, version: number, body: Partial<ServiceItemContent>) => api.patch<ServiceItemView>(`/api/service-items/${id}`, { version, ...body }),
  act: (id: number, action: 'publish' | 'retire', version: number) => api.post<ServiceItemView>(`/api/service-items/${id}/${action}`, { version }),
  uploadFile: (id: number, file: File) => upload<{ id: number; fileName: string }>(`/api/service-items/${id}/files`, file),
  fileUrl: (id: number, fileId: number) => `/api/service-items/${id}/files/${fileId}`,
  importFile: async (file: File, publish: boolean) => {
    const isJson = /\.json$/i.test(file.name);
    return api.post<ImportResult>('/api/service-items/import', {
      format: isJson ? 'json' : 'xlsx', content: isJson ? JSON.parse(await file.text()) : await base64(file), publish,
    });
  },
  exportUrl: (format: 'xlsx' | 'json', f: ItemFilter) => buildUrl('/api/service-items/export', { format, officeId: f.officeId, status: f.status }),
  report: (by: 'office' | 'region', signal?: AbortSignal) => api.get<CatalogueReport>('/api/service-items/report', { by }, { signal }),
  reportUrl: (by: 'office' | 'region') => buildUrl('/api/service-items/report', { by, format: 'xlsx' }),
};

export const guidesApi = {
  list: (f: ItemFilter, signal?: AbortSignal) =>
    api.get<ItemPage<Omit<ServiceItemSummary, 'version' | 'status'>>>('/api/public/service-items', query(f), { signal, noAuthRedirect: true }),
  get: (code: string, signal?: AbortSignal) => api.get<ServiceGuide>(`/api/public/service-items/${encodeURIComponent(code)}`, undefined, { signal, noAuthRedirect: true }),
  fileUrl: (code: string, fileId: number) => `/api/public/service-items/${encodeURIComponent(code)}/files/${fileId}`,
};

/** A name in the viewer's language from a bilingual reference entry. */
export const named = (entry: { zh: string; en: string }, lang: string) => (lang === 'en' ? entry.en : entry.zh);

/** Working days as people read them: 0 is 即办 (same day). */
export const days = (n: number, t: Translate) => (n === 0 ? t('approvals.sameDay') : t('approvals.days', { n }));
