import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireOfficeInScope, requireRole, seesEverything } from '../../auth/permissions.js';
import { findOffice } from '../../offices/queries.js';
import { users } from '../schema.js';
import { checkPasswordPolicy, DEFAULT_PASSWORD_RULES, hashPassword, type PasswordRules } from '../passwords.js';
import { checkRoles, USERNAME_PATTERN } from '../rules.js';
import { checkedEnterpriseUscc } from './enterpriseCode.js';
import { acceptsDemoLogins, findUser, findUserIdByUsername } from '../queries.js';
import type { UserView } from '../contract.js';

export interface CreateUserInput {
  username: string;
  password: string;
  name: string;
  /** The office the person works in; null only for the system administrator and enterprise users. */
  officeId: number | null;
  roles: string[];
  /**
   * A demo log-in: marked as such, with the published demo password that the rule refuses (so it
   * is not checked), and only ever in a demo database — one that began with demo log-ins.
   */
  demo?: boolean;
  /** For an enterprise user: the enterprise they act for (unified social credit code, check digit verified). */
  enterpriseUscc?: string | null;
  /** Ask for a new password at first log-in (set when someone else chose it). */
  mustChangePassword?: boolean;
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput, passwordRules: PasswordRules = DEFAULT_PASSWORD_RULES): Promise<UserView> {
  requireRole(actor, ['admin'], { zh: '新建用户', en: 'create a user' });
  const username = input.username.trim();
  if (!new RegExp(USERNAME_PATTERN).test(username)) {
    throw badRequest('invalid_username', '用户名须以字母开头，2–32 位字母、数字或 _ . -', 'A username starts with a letter and has 2–32 letters, digits or _ . -');
  }
  const name = input.name.trim();
  if (!name) throw badRequest('invalid_name', '姓名不能为空', 'The name must not be empty');
  const roles = checkRoles(input.roles, input.officeId);
  if (!input.demo) checkPasswordPolicy(input.password, { username, name }, passwordRules);
  const enterpriseUscc = await checkedEnterpriseUscc(db, roles, input.enterpriseUscc ?? null);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (input.officeId !== null) {
      const office = await findOffice(tx, input.officeId);
      if (!office) throw badRequest('unknown_office', `单位 ${input.officeId} 不存在`, `Office ${input.officeId} does not exist`);
      requireOfficeInScope(actor, office.path, office.name);
    } else if (!seesEverything(actor)) {
      throw forbidden('只有系统管理员可以新建不归属单位的用户', 'Only the system administrator can create a user without an office');
    }
    if (input.demo && !(await acceptsDemoLogins(tx))) {
      throw conflict('not_demo_database', '这不是演示数据库：不能添加演示账号', 'This is not a demo database: demo log-ins cannot be added');
    }
    if (await findUserIdByUsername(tx, username)) throw conflict('username_taken', `用户名 ${username} 已被使用`, `The username ${username} is taken`);
    const [row] = await tx.insert(users).values({
      username, name, passwordHash, officeId: input.officeId, roles, enterpriseUscc, 
      mustChangePassword: input.mustChangePassword ?? false, demo: input.demo ?? false,
    }).returning({ id: users.id });
    const { officePath: _p, ...created } = (await findUser(tx, row.id))!;
    await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: created.id, after: created });
    return created;
  });
}
