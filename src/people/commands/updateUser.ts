import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireOfficeInScope, requireRole, seesEverything } from '../../auth/permissions.js';
import { endSessionsOfUser, forgetSessionsOfUser } from '../../auth/sessions.js';
import { findOffice } from '../../offices/queries.js';
import { users } from '../schema.js';
import { checkPasswordPolicy, DEFAULT_PASSWORD_RULES, hashPassword, type PasswordRules } from '../passwords.js';
import { unlockUsername } from '../throttle.js';
import { checkRoles } from '../rules.js';
import { checkedEnterpriseUscc } from './enterpriseCode.js';
import { findUser, getUser, USER } from '../queries.js';
import type { UserView } from '../contract.js';

export interface UpdateUserInput {
  version: number;
  name?: string;
  officeId?: number | null;
  roles?: string[];
  /** Deactivating ends the person's sessions at once. */
  active?: boolean;
  /** An administrator's reset: the person must choose a new one at next log-in. */
  password?: string;
  /** For an enterprise user: the enterprise they act for. */
  enterpriseUscc?: string | null;
  /** Lifts every lock-out after failed log-ins on the username, for every client, and restarts the counts. */
  unlock?: boolean;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: UpdateUserInput, passwordRules: PasswordRules = DEFAULT_PASSWORD_RULES): Promise<UserView> {
  requireRole(actor, ['admin'], { zh: '修改用户', en: 'change a user' });
  return db.transaction(async (tx) => {
    const before = await getUser(tx, actor, id);
    if (before.version !== input.version) throw staleVersion(USER, before.version);
    const officeId = input.officeId === undefined ? before.officeId : input.officeId;
    const roles = checkRoles(input.roles ?? before.roles, officeId);
    const enterpriseUscc = await checkedEnterpriseUscc(tx, roles, input.enterpriseUscc !== undefined ? input.enterpriseUscc : roles.includes('enterprise') ? before.enterpriseUscc : null);
    if (officeId !== before.officeId) {
      if (officeId === null) {
        if (!seesEverything(actor)) throw forbidden('只有系统管理员可以让用户不归属单位', 'Only the system administrator can remove a user from every office');
      } else {
        const office = await findOffice(tx, officeId);
        if (!office) throw badRequest('unknown_office', `单位 ${officeId} 不存在`, `Office ${officeId} does not exist`);
        requireOfficeInScope(actor, office.path, office.name);
      }
    }
    if (id === actor.userId && (input.active === false || !roles.includes('admin'))) {
      throw conflict('self_lockout', '不能停用自己或取消自己的管理员角色', 'You cannot deactivate yourself or remove your own administrator role');
    }
    const name = input.name?.trim() ?? before.name;
    if (!name) throw badRequest('invalid_name', '姓名不能为空', 'The name must not be empty');
    let passwordHash: string | undefined;
    if (input.password !== undefined) {
      checkPasswordPolicy(input.password, { username: before.username, name }, passwordRules);
      passwordHash = await hashPassword(input.password);
    }
    const updated = await tx.update(users).set({
      name, officeId, roles, enterpriseUscc, active: input.active ?? before.active, version: before.version + 1, updatedAt: new Date(),
      ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
    }).where(and(eq(users.id, id), eq(users.version, input.version))).returning({ id: users.id });
    if (updated.length === 0) throw staleVersion(USER, (await findUser(tx, id))!.version);
    if (input.unlock) await unlockUsername(tx, before.username);
    if (input.active === false || passwordHash) await endSessionsOfUser(tx, id);
    else await forgetSessionsOfUser(tx, id);
    const { officePath: _p, ...after } = (await findUser(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'user.update', entityType: 'user', entityId: id, before,
      after: { ...after, ...(passwordHash ? { passwordReset: true } : {}), ...(input.unlock ? { unlocked: true } : {}) },
    });
    return after;
  });
}
