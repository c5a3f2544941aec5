/** Lock-out after repeated failed log-ins: pure rules, the login command applies them. */
export interface LoginFailureState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export function isLocked(state: LoginFailureState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** One more failure; reaching the limit locks the account for a while and restarts the count. */
export function afterFailedLogin(state: LoginFailureState, now: Date, policy: LockoutPolicy): LoginFailureState {
  const failed = state.failedLogins + 1;
  if (failed >= policy.maxFailures) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  return { failedLogins: failed, lockedUntil: null };
}
