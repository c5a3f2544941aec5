/**
 * Lock-out after repeated failed log-ins: pure rules, src/people/throttle.ts applies them.
 *
 * Failures are counted per (username, client) and per username over every client. A client that
 * keeps failing locks only itself out of that username; the username itself locks for everyone
 * only at a much higher count, so no one can lock a colleague out from their own desk. The
 * username need not exist: an unknown one is counted exactly like a real one.
 */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  /** Failures in a row from one client that lock the (username, client) pair. */
  maxFailures: number;
  /** Failures in a row from all clients together that lock the username for everyone. */
  globalMaxFailures: number;
  lockMinutes: number;
}

/** Failures older than this are forgotten: a typo a week ago does not count towards today's lock. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: null, lockedUntil: null };

export function isLocked(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** One more failure against `limit`; reaching it locks for a while and restarts the count. */
export function afterFailure(state: ThrottleState, now: Date, limit: number, lockMinutes: number): ThrottleState {
  const forgotten = state.lastFailureAt === null || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS;
  const failures = (forgotten ? 0 : state.failures) + 1;
  if (failures >= limit) return { failures: 0, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) };
  return { failures, lastFailureAt: now, lockedUntil: isLocked(state, now) ? state.lockedUntil : null };
}

/** The lock in force on a log-in from this client, if any: the later of its own and the username's. */
export function lockInForce(pair: ThrottleState, account: ThrottleState, now: Date): Date | null {
  const until = [pair, account].filter((s) => isLocked(s, now)).map((s) => s.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}
