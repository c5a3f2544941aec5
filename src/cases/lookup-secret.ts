/**
 * The lookup secret (查询密码) a requester is given at intake: short enough to read aloud over
 * the phone and write down, drawn from an alphabet without look-alikes (no 0/O, 1/I/L), and
 * stored only as its SHA-256. Pure: no I/O but the random source.
 */
import { createHash, randomInt } from 'node:crypto';

/** 31 symbols: 2–9 and the capital letters but I, L and O. */
export const SECRET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SECRET_LENGTH = 10;
/** log2(31^10) ≈ 49.5 bits (README: *Lookup secrets*). */
export const SECRET_BITS = SECRET_LENGTH * Math.log2(SECRET_ALPHABET.length);

/** A new secret, shown as two groups of five (`K7QM2-XRPWH`) so it reads aloud in two breaths. */
export function newLookupSecret(): string {
  const symbols = Array.from({ length: SECRET_LENGTH }, () => SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]);
  return `${symbols.slice(0, 5).join('')}-${symbols.slice(5).join('')}`;
}

/** As a requester may type it back: any case, with or without the dash or spaces. */
export const normaliseSecret = (secret: string) => secret.replace(/[\s-]/g, '').toUpperCase();

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The hash a new secret is stored as: of its normal form, so the dash and the case never matter. */
export const storedSecretHash = (secret: string) => hashSecret(normaliseSecret(secret));

/**
 * The hashes a given secret may be stored under: its normal form (secrets issued now) and the
 * text exactly as given (the earlier 16-character base64url secrets, whose case matters).
 */
export const candidateHashes = (given: string): [string, string] => [hashSecret(normaliseSecret(given)), hashSecret(given)];
