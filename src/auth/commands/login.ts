import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Role } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { users } from '../../people/schema.js';
import { UNUSABLE_HASH, verifyPassword } from '../../people/passwords.js';
import { afterFailedLogin, isLocked, type LockoutPolicy } from '../../people/lockout.js';
import { startSession } from '../sessions.js';

export interface LoginInput {
  username: string;
  password: string;
}

export interface LoginResult {
  token: string;
  tokenHash: string;
  expiresAt: Date;
  userId: number;
}

const invalid = () => new AppError(401, 'invalid_credentials', '用户名或密码不正确', 'Wrong username or password');

const lockedError = (until: Date) => {
  const local = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return new AppError(423, 'account_locked', `登录失败次数过多，账号已锁定至 ${local}（北京时间），或请管理员解锁`,
    `Too many failed log-ins: the account is locked until ${until.toISOString()} or until an administrator unlocks it`, { lockedUntil: until.toISOString() });
};

/**
 * Checks a password and opens a session. Failures count towards a lock-out; the count is
 * committed even though the log-in itself is refused.
 */
export async function login(db: Db, input: LoginInput, opts: LockoutPolicy & { sessionHours: number }): Promise<LoginResult> {
  const now = new Date();
  const [user] = await db.select({
    id: users.id, username: users.username, passwordHash: users.passwordHash, active: users.active,
    failedLogins: users.failedLogins, lockedUntil: users.lockedUntil, roles: users.roles, officeId: users.officeId,
  }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (!user) {
    await verifyPassword(input.password, UNUSABLE_HASH);
    throw invalid();
  }
  if (isLocked(user, now)) throw lockedError(user.lockedUntil!);
  const actor = { userId: user.id, name: user.username, roles: user.roles as Role[], officeId: user.officeId, officePath: null };
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const next = afterFailedLogin(user, now, opts);
    await db.transaction(async (tx) => {
      await tx.update(users).set(next).where(eq(users.id, user.id));
      await recordAudit(tx, actor, { action: next.lockedUntil ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, after: { lockedUntil: next.lockedUntil } });
    });
    if (next.lockedUntil) throw lockedError(next.lockedUntil);
    throw invalid();
  }
  if (!user.active) throw forbidden('账号已停用，请联系管理员', 'This account is deactivated; contact an administrator');
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await startSession(tx, user.id, opts.sessionHours);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { ...session, userId: user.id };
  });
}
