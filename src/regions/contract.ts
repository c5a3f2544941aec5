/**
 * What the regions API (行政区划, GB/T 2260) speaks, shared by the server and the web app. Types
 * only — no imports — so the browser bundle can take it as it is. The rules of the codes (level
 * and parent from the digits) stay in rules.ts.
 */

export type RegionLevel = 'province' | 'city' | 'county';

/** A region as GET /api/regions lists it. */
export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** GET /api/regions/:code. */
export interface RegionDetail extends RegionView {
  /** From the province down to the direct parent. */
  ancestors: RegionView[];
}

/** POST /api/regions: a region not in the national list, e.g. a newly established district. */
export interface NewRegion {
  code: string;
  name: string;
  /** Must be the code the digits imply (the province or city above), given to catch typos. */
  parentCode: string | null;
}
