// The role codes every module checks (the server's contract, src/platform/contract.ts), and what
// the web adds to them: who counts as signed in, the role test, the tag colours.
import { ROLES, type Role } from '../../../src/platform/contract';

export { ROLES, type Role };

/** Every signed-in role: use for pages any logged-in user may open. */
export const ALL_ROLES: readonly Role[] = ROLES;

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
  window_agent: 'geekblue',
  reviewer: 'lime',
  inspector: 'volcano',
};
