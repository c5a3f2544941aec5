import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { usccCheckCharacter, usccProblem } from './uscc.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code check (GB 32100-2015)', () => {
  it('accepts the published valid examples and refuses the invalid one', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91440101MA5CJQ4N59')).toBeNull();
    expect(usccProblem('91350203M0001QAY9B')).toBe('check_digit');
  });

  it('names the problem: length, alphabet (I, O, S, V, Z are excluded), check digit', () => {
    expect(usccProblem('9135010')).toBe('length');
    expect(usccProblem('91350100M000100IO3')).toBe('alphabet');
    expect(usccProblem('91350100m000100y43')).toBeNull();
  });

  it('a code made with its computed check character always passes; changing any one character fails', () => {
    const body = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
    fc.assert(fc.property(body, fc.nat(16), fc.constantFrom(...ALPHABET), (b, pos, ch) => {
      const code = b + usccCheckCharacter(b)!;
      expect(usccProblem(code)).toBeNull();
      if (ch !== b[pos]) {
        const changed = b.slice(0, pos) + ch + b.slice(pos + 1) + code[17];
        expect(usccProblem(changed)).toBe('check_digit');
      }
    }));
  });
});
