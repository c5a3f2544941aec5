import { describe, expect, it } from 'vitest';
import { afterFailure, FORGET_AFTER_MS, isLocked, lockInForce, NO_FAILURES } from './lockout.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 1, 0) + minutes * 60_000);

describe('lock-out rules', () => {
  it('locks at the limit for the lock time and restarts the count', () => {
    let s = NO_FAILURES;
    for (let i = 0; i < 2; i++) s = afterFailure(s, at(i), 3, 15);
    expect(s).toMatchObject({ failures: 2, lockedUntil: null });
    s = afterFailure(s, at(2), 3, 15);
    expect(s).toEqual({ failures: 0, lastFailureAt: at(2), lockedUntil: at(17) });
    expect(isLocked(s, at(16))).toBe(true);
    expect(isLocked(s, at(17))).toBe(false);
  });

  it('forgets failures a day old', () => {
    const s = afterFailure(afterFailure(NO_FAILURES, at(0), 3, 15), at(1), 3, 15);
    expect(afterFailure(s, new Date(at(1).getTime() + FORGET_AFTER_MS + 1), 3, 15)).toMatchObject({ failures: 1, lockedUntil: null });
    expect(afterFailure(s, new Date(at(1).getTime() + FORGET_AFTER_MS), 3, 15)).toMatchObject({ failures: 0, lockedUntil: expect.any(Date) });
  });

  it('a log-in is refused while either the client or the username is locked, until the later lock ends', () => {
    const pair = { failures: 0, lastFailureAt: at(0), lockedUntil: at(15) };
    const account = { failures: 0, lastFailureAt: at(0), lockedUntil: at(30) };
    expect(lockInForce(pair, NO_FAILURES, at(1))).toEqual(at(15));
    expect(lockInForce(NO_FAILURES, account, at(1))).toEqual(at(30));
    expect(lockInForce(pair, account, at(1))).toEqual(at(30));
    expect(lockInForce(pair, NO_FAILURES, at(15))).toBeNull();
  });
});
