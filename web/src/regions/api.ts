// The regions (行政区划) API as the web app uses it. The shapes come from the server's contract
// (src/regions/contract.ts); what is left here is the calls and a check the form makes.
import { api, type ListResponse } from '../shell';
import type { NewRegion, RegionDetail, RegionView as Region } from '../../../src/regions/contract';

export type { RegionDetail, RegionLevel, RegionView as Region } from '../../../src/regions/contract';

export const regionsApi = {
  /** Children of a region, or the provinces when parentCode is undefined. */
  children: (parentCode?: string, signal?: AbortSignal) =>
    api.get<ListResponse<Region>>('/api/regions', { parentCode }, { signal }).then((r) => r.items),
  search: (q: string, signal?: AbortSignal) =>
    api.get<ListResponse<Region>>('/api/regions', { q }, { signal }).then((r) => r.items),
  get: (code: string, signal?: AbortSignal) =>
    api.get<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, undefined, { signal }),
  create: (body: NewRegion) => api.post<Region>('/api/regions', body),
};

/** GB/T 2260: a child's code repeats the meaningful prefix of its parent's code. */
export function codeFitsParent(code: string, parent: Pick<Region, 'code' | 'level'> | null | undefined): boolean {
  if (!parent) return true;
  const prefix = parent.level === 'province' ? 2 : parent.level === 'city' ? 4 : 6;
  return code.slice(0, prefix) === parent.code.slice(0, prefix) && code !== parent.code;
}
