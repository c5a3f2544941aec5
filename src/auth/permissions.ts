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

/**
 * Shared configuration — categories, regions — belongs to the system administrator (an
 * administrator of no office): an office's administrator changes only what is theirs.
 */
export function requireSystemAdministrator(actor: Actor, action: { zh: string; en: string }): void {
  requireRole(actor, ['admin'], action);
  if (seesEverything(actor)) return;
  throw forbidden(
    `${action.zh}只能由系统管理员（不隶属任何单位的管理员）进行：这是全系统共用的配置`,
    `Only the system administrator (an administrator of no office) may ${action.en}: it is shared by the whole installation`,
  );
}

export function requireOfficeInScope(actor: Actor, officePath: string, officeName: string): void {
  if (canSeeOfficePath(actor, officePath)) return;
  throw forbidden(`单位「${officeName}」不在您的管辖范围内`, `The office "${officeName}" is outside your scope`);
}
