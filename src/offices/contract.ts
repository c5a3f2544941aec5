/**
 * What the offices API (单位) speaks, shared by the server and the web app: the office kinds with
 * their names, an office as shown, and what creating or changing one sends. Constants and types
 * only — no imports — so the browser bundle can take it as it is. The tree rules stay in rules.ts.
 */

export const OFFICE_KINDS = ['hotline_centre', 'department', 'county_platform', 'undertaking_unit', 'business_environment_office'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const OFFICE_KIND_NAMES: Record<OfficeKind, { zh: string; en: string }> = {
  hotline_centre: { zh: '热线中心', en: 'hotline centre' },
  department: { zh: '职能部门', en: 'department' },
  county_platform: { zh: '县区平台', en: 'county platform' },
  undertaking_unit: { zh: '承办单位', en: 'undertaking unit' },
  business_environment_office: { zh: '营商环境办', en: 'business-environment office' },
};

/** An office as GET /api/offices lists it and every office command answers. */
export interface OfficeView {
  id: number;
  name: string;
  kind: OfficeKind;
  /** GB/T 2260 code of the region the office serves. */
  regionCode: string;
  regionName: string;
  parentId: number | null;
  /** Materialised path of ids (`/1/4/9/`): the office's place in the tree. */
  path: string;
  version: number;
  createdAt: string;
}

/** POST /api/offices. */
export interface OfficeInput {
  name: string;
  kind: OfficeKind;
  /** GB/T 2260 code of the region the office serves; must lie within the parent's region. */
  regionCode: string;
  /** The office above; only the system administrator creates a top-level office. */
  parentId: number | null;
}

/**
 * PATCH /api/offices/:id: the fields that change, and the version the caller last read (a stale
 * one is refused with 409). A new parentId moves the office with its subtree.
 */
export type OfficePatch = Partial<OfficeInput> & { version: number };
