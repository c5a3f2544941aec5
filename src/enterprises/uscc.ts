/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters — registration
 * authority, organisation kind, GB/T 2260 region (6), organisation identifier (9), check
 * character. The check character makes Σ(value × weight) ≡ 0 (mod 31) with weights 3^(i−1) mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type UsccProblem = 'length' | 'alphabet' | 'check_digit';

/** Why a code is not a valid USCC, or null when it is. Lower case is accepted and upper-cased. */
export function usccProblem(code: string): UsccProblem | null {
  const c = code.toUpperCase();
  if (c.length !== 18) return 'length';
  if (![...c].every((ch) => ALPHABET.includes(ch))) return 'alphabet';
  return usccCheckCharacter(c.slice(0, 17)) === c[17] ? null : 'check_digit';
}

export const normaliseUscc = (code: string) => code.trim().toUpperCase();
