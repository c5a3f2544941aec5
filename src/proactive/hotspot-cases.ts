/** A hotspot's cases, as the cases module reads them (src/cases/series.ts). */
import type { Db } from '../platform/db/engine.js';
import { seriesCaseIds, type SeriesFilter } from '../cases/series.js';
import type { HotspotRow } from './lifecycle.js';

/** How many cases a task set from a hotspot links to at most. */
export const LINKED_CASES_LIMIT = 500;

/** The series a hotspot watches; a cluster's is its own cases. */
export function seriesOf(h: Pick<HotspotRow, 'officeId' | 'kind' | 'categoryId' | 'regionCode' | 'address' | 'uscc' | 'caseIds'>): SeriesFilter {
  switch (h.kind) {
    case 'category_region': return { intakeOfficeId: h.officeId, categoryId: h.categoryId, regionCode: h.regionCode };
    case 'address': return { intakeOfficeId: h.officeId, address: h.address };
    case 'enterprise': return { intakeOfficeId: h.officeId, uscc: h.uscc };
    case 'text_cluster': return { intakeOfficeId: h.officeId, caseIds: h.caseIds };
  }
}

/** The cases behind a hotspot: a cluster's members, or the series' cases in the week flagged. */
export async function casesOfHotspot(db: Db, h: HotspotRow): Promise<number[]> {
  if (h.kind === 'text_cluster') return h.caseIds;
  return seriesCaseIds(db, seriesOf(h), h.weekStart, h.weekStart, LINKED_CASES_LIMIT);
}

/** The day six days after a Monday: the Sunday ending its week. */
const sundayOf = (monday: string) => new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);

/**
 * The general case list's query (`GET /api/cases?…`, the web's /cases?…) that lists exactly a
 * series hotspot's cases: its series in the week flagged. A cluster's members share no filter.
 */
export function caseListQuery(h: Pick<HotspotRow, 'officeId' | 'kind' | 'categoryId' | 'regionCode' | 'address' | 'uscc' | 'weekStart'>): string | null {
  if (h.kind === 'text_cluster') return null;
  const q = new URLSearchParams({ intakeOfficeId: String(h.officeId) });
  if (h.categoryId !== null) q.set('categoryId', String(h.categoryId));
  if (h.regionCode !== null) q.set('regionCode', h.regionCode);
  if (h.address !== null) q.set('address', h.address);
  if (h.uscc !== null) q.set('requesterUscc', h.uscc);
  q.set('receivedFrom', h.weekStart);
  q.set('receivedTo', sundayOf(h.weekStart));
  return q.toString();
}
