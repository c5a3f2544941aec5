import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { AppError, badRequest } from '../platform/errors.js';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

// scrypt with N=2^15, r=8, p=1 (OWASP's recommended floor), stored with its parameters so they can rise later.
const N = 32768, R = 8, P = 1, KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(key, expected);
}

/** A hash that matches nothing, checked against when the username is unknown so timing tells nothing. */
export const UNUSABLE_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEYLEN).toString('base64')}`;

/** What an installation may tune of the password rule (PASSWORD_MIN_LENGTH). */
export interface PasswordRules {
  minLength: number;
}

export const DEFAULT_PASSWORD_RULES: PasswordRules = { minLength: 10 };
export const MAX_PASSWORD_LENGTH = 128;
/**
 * zxcvbn's score 3 ("safely unguessable", about 10^8 guesses or more) is the least accepted:
 * below it lie the common passwords and their variants (`Password1!`), keyboard walks and a name
 * with a year, which a guesser tries first.
 */
export const MIN_GUESS_SCORE = 3;

/** Whose password it is: zxcvbn takes both as words a guesser would try first. */
export interface PasswordOwner {
  username: string;
  name: string;
}

const CLASSES = [
  { test: /[a-z]/, zh: '小写字母', en: 'lower-case letters' },
  { test: /[A-Z]/, zh: '大写字母', en: 'upper-case letters' },
  { test: /[0-9]/, zh: '数字', en: 'digits' },
  { test: /[^A-Za-z0-9]/, zh: '符号', en: 'symbols' },
];

/** zxcvbn's warnings (its translation keys) said in both languages: what makes the password guessable. */
const GUESS_WARNINGS: Record<string, { zh: string; en: string }> = {
  straightRow: { zh: '键盘上连成一排的按键很容易被猜到', en: 'a straight row of keys is easy to guess' },
  keyPattern: { zh: '键盘上的短图案很容易被猜到', en: 'a short keyboard pattern is easy to guess' },
  simpleRepeat: { zh: '重复的字符（如 aaa）很容易被猜到', en: 'repeated characters like "aaa" are easy to guess' },
  extendedRepeat: { zh: '重复的字符组合（如 abcabc）很容易被猜到', en: 'repeated patterns like "abcabc" are easy to guess' },
  sequences: { zh: '常见的顺序（如 abc、123）很容易被猜到', en: 'sequences like "abc" or "123" are easy to guess' },
  recentYears: { zh: '近年的年份很容易被猜到', en: 'recent years are easy to guess' },
  dates: { zh: '日期很容易被猜到', en: 'dates are easy to guess' },
  topTen: { zh: '这是最常用的密码之一', en: 'this is one of the most used passwords' },
  topHundred: { zh: '这是非常常用的密码', en: 'this is a very frequently used password' },
  common: { zh: '这是常用密码', en: 'this is a commonly used password' },
  similarToCommon: { zh: '这与常用密码过于相似', en: 'this is too similar to a commonly used password' },
  wordByItself: { zh: '单个词语很容易被猜到', en: 'a single word is easy to guess' },
  namesByThemselves: { zh: '单独的姓名很容易被猜到', en: 'names by themselves are easy to guess' },
  commonNames: { zh: '常见姓名很容易被猜到', en: 'common names are easy to guess' },
  userInputs: { zh: '密码中不应含有与本人相关的信息（用户名、姓名）', en: 'it should not contain personal data such as the username or name' },
  pwned: { zh: '这个密码已在数据泄露中出现过', en: 'this password appeared in a data breach' },
};
const GENERIC_WARNING = { zh: '这个密码的规律太容易被猜到', en: 'its pattern is too easy to guess' };

/**
 * Words a guesser tries first here that zxcvbn's common list lacks: `Admin@123456`, `Woaini1314!`
 * and the system's own name are among the first guesses against a Chinese government system.
 */
const LOCAL_WORDS = ['admin', 'administrator', 'root', 'qinqing', '12345', 'mima', 'woaini', 'zhongguo', 'china', 'zhengwu', 'zhengfu', 'rexian'];

let guesser: ZxcvbnFactory | undefined;
// The dictionaries take a moment to load: once per process, on the first check.
const strength = (password: string, owner: PasswordOwner) =>
  (guesser ??= new ZxcvbnFactory({ dictionary: { ...dictionary, local: LOCAL_WORDS }, graphs: adjacencyGraphs }))
    .check(password, [owner.username, ...owner.username.split(/[._-]/), owner.name]);

/** Letters and digits only, lower-cased: `Zhou_Test` hides in `zhoutest2026` all the same. */
const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * What is wrong with a password, or null when it may be used (等保 2.0 level 3): at least
 * `rules.minLength` and at most 128 characters, three of the four kinds (lower case, upper case,
 * digits, symbols), not containing the username (also with its dots and dashes left out), and
 * not guessable (zxcvbn score ≥ 3, with the username, its parts and the name as words it tries).
 */
export function passwordProblem(password: string, owner: PasswordOwner, rules: PasswordRules = DEFAULT_PASSWORD_RULES): AppError | null {
  const length = [...password].length;
  if (length < rules.minLength) {
    return weak('too_short', `密码太短：至少需要 ${rules.minLength} 个字符（现在 ${length} 个）`, `The password is too short: it needs at least ${rules.minLength} characters (it has ${length})`, { minLength: rules.minLength });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return weak('too_long', `密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符`, `The password is too long: at most ${MAX_PASSWORD_LENGTH} characters`, { maxLength: MAX_PASSWORD_LENGTH });
  }
  const missing = CLASSES.filter((c) => !c.test.test(password));
  if (missing.length > 1) {
    return weak('too_few_classes',
      `密码须包含大写字母、小写字母、数字、符号中的至少三类，还缺：${missing.map((c) => c.zh).join('、')}（再加其中一类即可）`,
      `The password needs at least three of: upper-case letters, lower-case letters, digits, symbols; it has no ${missing.map((c) => c.en).join(', ')} (add one of them)`,
      { missing: missing.map((c) => c.en) });
  }
  const username = bare(owner.username);
  if (username && bare(password).includes(username)) {
    return weak('contains_username', '密码不能包含用户名', 'The password must not contain the username');
  }
  const result = strength(password, owner);
  if (result.score < MIN_GUESS_SCORE) {
    const warning = (result.feedback.warning && GUESS_WARNINGS[result.feedback.warning]) || GENERIC_WARNING;
    return weak('guessable',
      `密码太常见或太容易被猜到：${warning.zh}。请换一个更长、没有规律的密码，例如几个不相关的词加上数字和符号`,
      `The password is too common or too easy to guess: ${warning.en}. Choose a longer one without a pattern, such as a few unrelated words with digits and symbols`,
      { score: result.score, minScore: MIN_GUESS_SCORE, warning: result.feedback.warning, suggestions: result.feedback.suggestions });
  }
  return null;
}

const weak = (reason: string, zh: string, en: string, more: Record<string, unknown> = {}) => badRequest('weak_password', zh, en, { reason, ...more });

/** Refuses a password that breaks the rule with a 400 naming what is wrong (passwordProblem). */
export function checkPasswordPolicy(password: string, owner: PasswordOwner, rules: PasswordRules = DEFAULT_PASSWORD_RULES): void {
  const problem = passwordProblem(password, owner, rules);
  if (problem) throw problem;
}

// Readable alphabet: no 0/O, 1/l/I.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password that always passes the rule for its owner: drawn again in the rare case it does not. */
export function generatePassword(owner: PasswordOwner, rules: PasswordRules = DEFAULT_PASSWORD_RULES): string {
  const length = Math.max(16, rules.minLength);
  for (;;) {
    let out = '';
    for (const b of randomBytes(length - 1)) out += ALPHABET[b % ALPHABET.length];
    // A hyphen in the middle makes the symbol class and reads out in two halves.
    const half = Math.floor(out.length / 2);
    const candidate = `${out.slice(0, half)}-${out.slice(half)}`;
    if (!passwordProblem(candidate, owner, rules)) return candidate;
  }
}
