import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor, Role } from '../../platform/actor.js';
import { badRequest, conflict, unauthorized } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { sessions } from '../../auth/schema.js';
import { forgetSessionsOfUser } from '../../auth/sessions.js';
import { users } from '../schema.js';
import { checkPasswordPolicy, DEFAULT_PASSWORD_RULES, hashPassword, verifyPassword, type PasswordRules } from '../passwords.js';
import type { LockoutPolicy } from '../lockout.js';
import { countFailure, lockedError, lockOf } from '../throttle.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The client's address: a wrong current password counts towards the same lock-out as a failed log-in from it. */
  client: string;
  /** The session making the change stays; every other session of the person ends. */
  keepSessionHash?: string;
}

/**
 * A person changes their own password, proving they know the current one. A wrong current
 * password is a failed attempt like a failed log-in (someone at an unlocked desk must not guess
 * on); once locked, the change answers 423 as the log-in does.
 */
export async function changePassword(db: Db, actor: Actor, input: ChangePasswordInput, opts: { lockout: LockoutPolicy; passwordRules?: PasswordRules }): Promise<void> {
  if (actor.userId === null) throw unauthorized();
  const userId = actor.userId;
  const [user] = await db.select({ username: users.username, name: users.name, passwordHash: users.passwordHash, officeId: users.officeId, roles: users.roles })
    .from(users).where(eq(users.id, userId));
  if (!user) throw unauthorized();
  const locked = await lockOf(db, user.username, input.client);
  if (locked) throw lockedError(locked);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    const account = { id: userId, username: user.username, officeId: user.officeId, roles: user.roles as Role[] };
    const lockedNow = await countFailure(db, { username: user.username, client: input.client, account, via: 'password_change' }, opts.lockout);
    if (lockedNow) throw lockedError(lockedNow);
    throw badRequest('wrong_password', '当前密码不正确', 'The current password is wrong');
  }
  if (input.currentPassword === input.newPassword) throw badRequest('same_password', '新密码不能与当前密码相同', 'The new password must differ from the current one');
  checkPasswordPolicy(input.newPassword, user, opts.passwordRules ?? DEFAULT_PASSWORD_RULES);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // Only over the password just proved: a change made meanwhile (an administrator's reset) wins.
    const changed = await tx.update(users).set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.passwordHash, user.passwordHash))).returning({ id: users.id });
    if (changed.length === 0) throw conflict('password_changed', '密码刚被修改过，请重新登录后再试', 'The password was changed meanwhile; log in again and retry');
    await tx.delete(sessions).where(input.keepSessionHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, input.keepSessionHash)) : eq(sessions.userId, userId));
    await forgetSessionsOfUser(tx, userId);
    await recordAudit(tx, actor, { action: 'user.change_password', entityType: 'user', entityId: userId });
  });
}
