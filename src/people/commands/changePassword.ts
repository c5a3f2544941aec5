import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, unauthorized } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { sessions } from '../../auth/schema.js';
import { forgetSessionsOfUser } from '../../auth/sessions.js';
import { users } from '../schema.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../passwords.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The session making the change stays; every other session of the person ends. */
  keepSessionHash?: string;
}

/** A person changes their own password, proving they know the current one. */
export async function changePassword(db: Db, actor: Actor, input: ChangePasswordInput): Promise<void> {
  if (actor.userId === null) throw unauthorized();
  const userId = actor.userId;
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ username: users.username, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('update');
    if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw badRequest('wrong_password', '当前密码不正确', 'The current password is wrong');
    }
    if (input.currentPassword === input.newPassword) throw badRequest('same_password', '新密码不能与当前密码相同', 'The new password must differ from the current one');
    checkPasswordPolicy(input.newPassword, user.username);
    await tx.update(users).set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(input.keepSessionHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, input.keepSessionHash)) : eq(sessions.userId, userId));
    forgetSessionsOfUser(userId);
    await recordAudit(tx, actor, { action: 'user.change_password', entityType: 'user', entityId: userId });
  });
}
