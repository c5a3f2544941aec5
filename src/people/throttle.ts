/**
 * Failed log-ins stored per (username, client) and per username over all clients, in the
 * database so that every process sees the same counts (rules: lockout.ts). Log-in and the
 * change of one's own password both count here.
 */
import { and, eq, inArray, lt, or, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import { enqueueMany } from '../notifications/index.js';
import { offices } from '../offices/schema.js';
import { loginThrottle, users } from './schema.js';
import { afterFailure, FORGET_AFTER_MS, isLocked, lockInForce, NO_FAILURES, type LockoutPolicy, type ThrottleState } from './lockout.js';

/** The client of the row that counts every client together. */
export const ALL_CLIENTS = '*';

const state = { failures: loginThrottle.failures, lastFailureAt: loginThrottle.lastFailureAt, lockedUntil: loginThrottle.lockedUntil };
const key = (username: string, client: string) => and(eq(loginThrottle.username, username.toLowerCase()), eq(loginThrottle.client, client));

async function read(db: Db, username: string, client: string): Promise<ThrottleState> {
  const [row] = await db.select(state).from(loginThrottle).where(key(username, client));
  return row ?? NO_FAILURES;
}

/** The lock in force on `username` for this client (its own or the username's), or null. */
export async function lockOf(db: Db, username: string, client: string, now = new Date()): Promise<Date | null> {
  return lockInForce(await read(db, username, client), await read(db, username, ALL_CLIENTS), now);
}

/** The same words whether the username exists or not, and whether only this client or everyone is locked out. */
export const lockedError = (until: Date) => {
  const local = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return new AppError(423, 'account_locked', `登录失败次数过多，已锁定至 ${local}（北京时间），或请管理员解锁`,
    `Too many failed log-ins: locked until ${until.toISOString()} or until an administrator unlocks it`, { lockedUntil: until.toISOString() });
};

/** A failed attempt, and the account it was made against when the username exists. */
export interface FailedAttempt {
  username: string;
  client: string;
  account: { id: number; username: string; officeId: number | null; roles: Actor['roles'] } | null;
  /** Where the wrong password was given: a log-in or a change of one's own password. */
  via: 'login' | 'password_change';
}

/**
 * Counts one failed attempt against its (username, client) pair and its username, and answers the
 * lock now in force from that client, if any. Committed on its own: the refusal that follows
 * must not roll it back. When the username locks for everyone, the administrators who can see
 * the account are told (`auth.locked_globally`, in the audit trail and in their notices).
 */
export async function countFailure(db: Db, attempt: FailedAttempt, policy: LockoutPolicy, now = new Date()): Promise<Date | null> {
  return db.transaction(async (tx) => {
    // Pair row first, then the username's: the same order in every transaction, so none waits on another in a cycle.
    const pairBefore = await lockRow(tx, attempt.username, attempt.client);
    const accountBefore = await lockRow(tx, attempt.username, ALL_CLIENTS);
    const pair = afterFailure(pairBefore, now, policy.maxFailures, policy.lockMinutes);
    const account = afterFailure(accountBefore, now, policy.globalMaxFailures, policy.lockMinutes);
    await tx.update(loginThrottle).set(pair).where(key(attempt.username, attempt.client));
    await tx.update(loginThrottle).set(account).where(key(attempt.username, ALL_CLIENTS));
    const lockedGlobally = isLocked(account, now) && !isLocked(accountBefore, now);
    if (attempt.account) {
      const who = attempt.account;
      const actor: Actor = { userId: who.id, name: who.username, roles: who.roles, officeId: who.officeId, officePath: null };
      const action = lockedGlobally ? 'auth.locked_globally' : isLocked(pair, now) && !isLocked(pairBefore, now) ? 'auth.locked' : 'auth.login_failed';
      await recordAudit(tx, actor, {
        action, entityType: 'user', entityId: who.id,
        after: { client: attempt.client, via: attempt.via, lockedUntil: lockedGlobally ? account.lockedUntil : pair.lockedUntil },
      });
      if (lockedGlobally) await tellAdministrators(tx, who, account.lockedUntil!, policy.globalMaxFailures);
    }
    return lockInForce(pair, account, now);
  });
}

async function lockRow(tx: Db, username: string, client: string): Promise<ThrottleState> {
  await tx.insert(loginThrottle).values({ username: username.toLowerCase(), client }).onConflictDoNothing();
  const [row] = await tx.select(state).from(loginThrottle).where(key(username, client)).for('update');
  return row;
}

/** Every active administrator whose scope holds the account: the system administrators and those of its office or one above. */
async function tellAdministrators(tx: Db, who: NonNullable<FailedAttempt['account']>, until: Date, failures: number): Promise<void> {
  const [office] = who.officeId === null ? [] : await tx.select({ path: offices.path }).from(offices).where(eq(offices.id, who.officeId));
  const admins = await tx.select({ id: users.id }).from(users).leftJoin(offices, eq(offices.id, users.officeId)).where(and(
    eq(users.active, true), sql`'admin' = any(${users.roles})`,
    office ? or(isNull(users.officeId), sql`${office.path} like ${offices.path} || '%'`) : isNull(users.officeId),
  ));
  const local = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  await enqueueMany(tx, admins.map((a) => ({
    recipient: { userId: a.id }, kind: 'auth.locked_globally', link: '/admin/users',
    titleZh: `账号 ${who.username} 已被锁定`, titleEn: `Account ${who.username} is locked`,
    bodyZh: `账号 ${who.username} 连续 ${failures} 次登录失败（来自多个地址），已对所有人锁定至 ${local}（北京时间）。可能有人在猜测密码；确认后可在用户管理中解锁。`,
    bodyEn: `Account ${who.username} had ${failures} failed log-ins in a row (from several addresses) and is locked for everyone until ${until.toISOString()}. Someone may be guessing its password; unlock it under Users once you have checked.`,
  })));
}

/** After a right password from this client: its count and the username's count start again. */
export async function clearFailures(tx: Db, username: string, client: string): Promise<void> {
  await tx.delete(loginThrottle).where(and(eq(loginThrottle.username, username.toLowerCase()), inArray(loginThrottle.client, [client, ALL_CLIENTS])));
}

/** An administrator's unlock: every client's lock and count on the username end. */
export async function unlockUsername(tx: Db, username: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.username, username.toLowerCase()));
}

/** Housekeeping: rows whose lock has ended and whose failures are forgotten anyway (unknown names tried once fill the table otherwise). */
export async function purgeForgottenFailures(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(loginThrottle).where(and(
    or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, now)),
    or(isNull(loginThrottle.lastFailureAt), lt(loginThrottle.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS))),
  )).returning({ username: loginThrottle.username });
  return deleted.length;
}
