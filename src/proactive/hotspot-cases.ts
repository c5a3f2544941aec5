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
