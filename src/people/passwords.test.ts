import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_RULES, generatePassword, MAX_PASSWORD_LENGTH, passwordProblem } from './passwords.js';

const owner = { username: 'zhou.test', name: '周测试' };
const reason = (password: string, minLength = DEFAULT_PASSWORD_RULES.minLength) => {
  const problem = passwordProblem(password, owner, { minLength });
  return problem && { code: problem.code, status: problem.status, reason: (problem.details as { reason: string }).reason };
};

describe('the password rule', () => {
  it('refuses passwords shorter than the minimum (10 by default), naming the length needed', () => {
    for (const weak of ['password1', '12345678a', 'demo-2026']) expect(reason(weak), weak).toEqual({ code: 'weak_password', status: 400, reason: 'too_short' });
    const problem = passwordProblem('Tr7#kq9Lm', owner)!;
    expect(problem.messageEn).toBe('The password is too short: it needs at least 10 characters (it has 9)');
    expect(problem.messageZh).toBe('密码太短：至少需要 10 个字符（现在 9 个）');
    expect(reason('Tr7#kq9Lm2x', 12)).toMatchObject({ reason: 'too_short' });
    expect(reason(`Aa1-${'x'.repeat(MAX_PASSWORD_LENGTH)}`)).toMatchObject({ reason: 'too_long' });
  });

  it('wants three of lower case, upper case, digits and symbols, and says which are missing', () => {
    expect(reason('password1', 8)).toMatchObject({ reason: 'too_few_classes' });
    expect(reason('12345678a', 8)).toMatchObject({ reason: 'too_few_classes' });
    const problem = passwordProblem('password123', owner)!;
    expect(problem.messageEn).toContain('it has no upper-case letters, symbols');
    expect(problem.messageZh).toContain('还缺：大写字母、符号');
  });

  it('refuses the username, also with its separators left out', () => {
    expect(reason('Zhou.test-2026')).toMatchObject({ reason: 'contains_username' });
    expect(reason('ZHOUTEST-2026!')).toMatchObject({ reason: 'contains_username' });
  });

  it('refuses common and guessable passwords (zxcvbn score below 3), with what makes them guessable', () => {
    expect(reason('demo-2026', 8)).toMatchObject({ reason: 'guessable' });
    for (const common of ['Password123', 'Qwerty123!', 'P@ssw0rd123', 'Password2026!', 'Admin@123456', 'Woaini1314!']) expect(reason(common), common).toMatchObject({ reason: 'guessable' });
    const problem = passwordProblem('Password123', owner)!;
    expect(problem.messageEn).toContain('this is a commonly used password');
    expect(problem.messageZh).toContain('这是常用密码');
    expect(problem.details).toMatchObject({ warning: 'common', minScore: 3 });
  });

  it('counts the person name as a word a guesser tries', () => {
    const named = { username: 'w01', name: 'Jiangxiaoming' };
    expect(passwordProblem('Jiangxiaoming1!', named)).toMatchObject({ code: 'weak_password', details: { reason: 'guessable', warning: 'userInputs' } });
    expect(passwordProblem('Jiangxiaoming1!', { username: 'w01', name: '江小明' })).toBeNull();
  });

  it('accepts a strong password', () => {
    for (const strong of ['Tr7#kq9Lm2', 'Other-pass-1', 'Shared-config-1', 'Ledger-test-2026']) expect(reason(strong), strong).toBeNull();
  });
});

describe('generated passwords', () => {
  it('always pass the rule for their owner, at the configured length', () => {
    for (let i = 0; i < 300; i++) {
      const password = generatePassword({ username: 'admin', name: '系统管理员' });
      expect(passwordProblem(password, { username: 'admin', name: '系统管理员' }), password).toBeNull();
    }
    const long = generatePassword(owner, { minLength: 40 });
    expect(long).toHaveLength(40);
    expect(passwordProblem(long, owner, { minLength: 40 })).toBeNull();
  });
});
