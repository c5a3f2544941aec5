// Role and office-kind codes shared by every module (see DESIGN.md "Users and their rooms").

export const ROLES = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

/** Every signed-in role: use for pages any logged-in user may open. */
export const ALL_ROLES: readonly Role[] = ROLES;

export const OFFICE_KINDS = [
  'hotline_centre',
  'department',
  'county_platform',
  'undertaking_unit',
  'business_environment_office',
] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

/** True when the user holds at least one of the allowed roles. */
export function hasAnyRole(userRoles: readonly string[] | undefined, allowed: readonly Role[]): boolean {
  if (!userRoles) return false;
  return allowed.some((r) => userRoles.includes(r));
}

/** Tag colours per role, so the same role looks the same on every page. */
export const ROLE_COLORS: Record<Role, string> = {
  admin: 'magenta',
  agent: 'cyan',
  dispatcher: 'blue',
  handler: 'green',
  supervisor: 'orange',
  leader: 'gold',
  enterprise: 'purple',
};
