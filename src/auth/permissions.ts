import { ROLE_NAMES, type Actor, type Role } from '../platform/actor.js';
import { forbidden } from '../platform/errors.js';
import { inSubtree } from '../offices/rules.js';

/**
 * Data scope: a user acts on their own office and everything under it. An administrator with no
 * office (the system administrator) and the console operator see everything; someone with
 * neither office nor that standing (an enterprise user) sees no office's data.
 */
export function seesEverything(actor: Actor): boolean {
  return actor.officeId === null && actor.roles.includes('admin');
}

export function canSeeOfficePath(actor: Actor, officePath: string): boolean {
  if (seesEverything(actor)) return true;
  return actor.officePath !== null && inSubtree(officePath, actor.officePath);
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Refuses with a message that names the roles the action needs. */
export function requireRole(actor: Actor, roles: readonly Role[], action: { zh: string; en: string }): void {
  if (hasAnyRole(actor, roles)) return;
  throw forbidden(
    `${action.zh}需要以下角色之一：${roles.map((r) => ROLE_NAMES[r].zh).join('、')}`,
    `To ${action.en} you need one of the roles: ${roles.map((r) => ROLE_NAMES[r].en).join(', ')}`,
  );
}

export function requireOfficeInScope(actor: Actor, officePath: string, officeName: string): void {
  if (canSeeOfficePath(actor, officePath)) return;
  throw forbidden(`单位「${officeName}」不在您的管辖范围内`, `The office "${officeName}" is outside your scope`);
}
