import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Role } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { users } from '../../people/schema.js';
import { UNUSABLE_HASH, verifyPassword } from '../../people/passwords.js';
import type { LockoutPolicy } from '../../people/lockout.js';
import { clearFailures, countFailure, lockedError, lockOf } from '../../people/throttle.js';
import { startSession } from '../sessions.js';

export interface LoginInput {
  username: string;
  password: string;
  /** The client's address (request.ip): failures lock this client out of the username first. */
  client: string;
}

export interface LoginResult {
  token: string;
  tokenHash: string;
  expiresAt: Date;
  userId: number;
}

const invalid = () => new AppError(401, 'invalid_credentials', '用户名或密码不正确', 'Wrong username or password');

/**
 * Checks a password and opens a session. A username that does not exist is answered exactly as
 * one that does (a password hash is checked either way, failures count and lock the same), so
 * the answers tell no one which accounts exist. Failures are committed though the log-in is refused.
 */
export async function login(db: Db, input: LoginInput, opts: LockoutPolicy & { sessionHours: number }): Promise<LoginResult> {
  const now = new Date();
  const locked = await lockOf(db, input.username, input.client, now);
  if (locked) throw lockedError(locked);
  const [user] = await db.select({
    id: users.id, username: users.username, passwordHash: users.passwordHash, active: users.active, roles: users.roles, officeId: users.officeId,
  }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (!(await verifyPassword(input.password, user?.passwordHash ?? UNUSABLE_HASH)) || !user) {
    const account = user ? { id: user.id, username: user.username, officeId: user.officeId, roles: user.roles as Role[] } : null;
    const lockedNow = await countFailure(db, { username: input.username, client: input.client, account, via: 'login' }, opts, now);
    if (lockedNow) throw lockedError(lockedNow);
    throw invalid();
  }
  if (!user.active) throw forbidden('账号已停用，请联系管理员', 'This account is deactivated; contact an administrator');
  const actor = { userId: user.id, name: user.username, roles: user.roles as Role[], officeId: user.officeId, officePath: null };
  return db.transaction(async (tx) => {
    await clearFailures(tx, user.username, input.client);
    const session = await startSession(tx, user.id, opts.sessionHours);
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { client: input.client } });
    return { ...session, userId: user.id };
  });
}
