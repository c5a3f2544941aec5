import { ROLES, type Role } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { normaliseUscc, usccProblem } from '../enterprises/uscc.js';

export const USERNAME_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]{1,31}$';

/**
 * Roles must be known and not repeated; an enterprise user is outside government and holds no
 * government role; every government role works within an office, except the system administrator.
 */
export function checkRoles(roles: readonly string[], officeId: number | null): Role[] {
  if (roles.length === 0) throw badRequest('no_roles', '至少需要一个角色', 'At least one role is required');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw badRequest('unknown_role', `未知角色：${unknown.join('、')}`, `Unknown roles: ${unknown.join(', ')}`);
  if (new Set(roles).size !== roles.length) throw badRequest('duplicate_role', '角色重复', 'A role is listed twice');
  if (roles.includes('enterprise') && roles.length > 1) {
    throw badRequest('enterprise_with_government_role', '企业用户不能同时拥有政府工作角色', 'An enterprise user cannot also hold a government role');
  }
  const needsOffice = roles.some((r) => r !== 'admin' && r !== 'enterprise');
  if (needsOffice && officeId === null) {
    throw badRequest('office_required', '该角色须归属一个单位', 'These roles need an office');
  }
  if (roles.includes('enterprise') && officeId !== null) {
    throw badRequest('enterprise_without_office', '企业用户不归属政府单位', 'An enterprise user does not belong to a government office');
  }
  return roles as Role[];
}

/**
 * An enterprise user must name their enterprise by a valid USCC; nobody else carries one. A real
 * code that fails its check character passes only once the registry holds it (an administrator
 * overrode the check there, with the reason): `registered` says whether it does.
 */
export function checkEnterpriseUscc(roles: readonly Role[], uscc: string | null, registered = false): string | null {
  if (!roles.includes('enterprise')) {
    if (uscc) throw badRequest('uscc_for_enterprise_only', '只有企业用户绑定统一社会信用代码', 'Only an enterprise user carries a unified social credit code');
    return null;
  }
  const code = normaliseUscc(uscc ?? '');
  if (!code) throw badRequest('uscc_required', '企业用户须填写统一社会信用代码', 'An enterprise user needs the enterprise\'s unified social credit code');
  if (usccProblem(code) && !registered) {
    throw badRequest('invalid_uscc', `统一社会信用代码 ${code} 无效（校验不通过）；若确为真实代码，请管理员先在企业库中登记并写明原因`,
      `The unified social credit code ${code} is invalid (it fails the check); if it is a real code, an administrator registers it in the enterprise registry with the reason first`);
  }
  return code;
}
