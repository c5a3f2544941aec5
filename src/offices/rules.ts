/** Office kinds (单位类型) and the tree rules, pure. */
export const OFFICE_KINDS = ['hotline_centre', 'department', 'county_platform', 'undertaking_unit', 'business_environment_office'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const OFFICE_KIND_NAMES: Record<OfficeKind, { zh: string; en: string }> = {
  hotline_centre: { zh: '热线中心', en: 'hotline centre' },
  department: { zh: '职能部门', en: 'department' },
  county_platform: { zh: '县区平台', en: 'county platform' },
  undertaking_unit: { zh: '承办单位', en: 'undertaking unit' },
  business_environment_office: { zh: '营商环境办', en: 'business-environment office' },
};

/**
 * Whether the office at `path` is the one at `rootPath` or below it: office paths are
 * materialised ('/1/4/9/'), so an ancestor's path is a prefix of its descendants'.
 */
export function inSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/** An office may not move under itself or under one of its own descendants. */
export function wouldCreateCycle(officePath: string, newParentPath: string): boolean {
  return inSubtree(newParentPath, officePath);
}
