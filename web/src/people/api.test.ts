import { describe, expect, it } from 'vitest';
import { isLocked, userPatch, type User } from './api';

const user: User = {
  id: 7,
  username: 'zhang',
  name: '张三',
  officeId: 2,
  officeName: '驿城区市场监管局',
  roles: ['handler', 'agent'],
  active: true,
  lockedUntil: null,
  demo: false,
  mustChangePassword: false,
  enterpriseUscc: null,
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('user patch', () => {
  it('is just the version when nothing changed (role order does not matter)', () => {
    expect(userPatch(user, { name: '张三', officeId: 2, roles: ['agent', 'handler'], active: true, password: '' })).toEqual({ version: 4 });
  });

  it('carries changed roles, office, active flag and a reset password', () => {
    expect(userPatch(user, { name: '张三', officeId: null, roles: ['handler'], active: false, password: 'N3w-pass' })).toEqual({
      version: 4,
      officeId: null,
      roles: ['handler'],
      active: false,
      password: 'N3w-pass',
    });
  });
});

describe('lock state', () => {
  it('is locked only while lockedUntil lies in the future', () => {
    const now = Date.parse('2026-05-01T08:00:00Z');
    expect(isLocked({ lockedUntil: null }, now)).toBe(false);
    expect(isLocked({ lockedUntil: '2026-05-01T08:15:00Z' }, now)).toBe(true);
    expect(isLocked({ lockedUntil: '2026-05-01T07:45:00Z' }, now)).toBe(false);
  });
});
