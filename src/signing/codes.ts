/**
 * Signed codes (签名码): a compact JWS (a JWT signed with the installation's key) that a QR code
 * carries, so anyone holding it can tell a code this system issued from a forged or altered one.
 * The payload says what the code is for (`aud`, the purpose), what it is about (`sub`) and the
 * module's few claims; whether the thing itself still stands (a visit revoked, a certificate
 * withdrawn) is the issuing module's record, checked after the signature.
 */
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT, errors, type JWTPayload } from 'jose';
import type { Db } from '../platform/db/engine.js';
import { ALGORITHM, signingKey, verificationKey } from './keys.js';
import type { CodeRefusal } from './contract.js';

export interface CodeContent {
  /** What the code is for (`visit`, `certificate`): a code for one purpose is refused for another. */
  purpose: string;
  /** What it is about, as the issuing module names it (`visit:42`). */
  subject: string;
  /** The module's claims: keep them few, the QR code grows with them. */
  claims?: Record<string, string | number | boolean | null>;
  expiresAt?: Date;
}

export type CodeCheck =
  | { valid: true; kid: string; subject: string; claims: Record<string, unknown>; issuedAt: Date; expiresAt: Date | null }
  | { valid: false; refusal: CodeRefusal };

/** Signs a code with the key that signs now. */
export async function signCode(db: Db, content: CodeContent): Promise<string> {
  const key = await signingKey(db);
  const jwt = new SignJWT({ c: content.claims ?? {} })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'qinqing-code' })
    .setAudience(content.purpose)
    .setSubject(content.subject)
    .setIssuedAt();
  if (content.expiresAt) jwt.setExpirationTime(Math.floor(content.expiresAt.getTime() / 1000));
  return jwt.sign(await importJWK(key.privateJwk, ALGORITHM));
}

const COMPACT_JWS = /^[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{2,4000}\.[A-Za-z0-9_-]{20,200}$/;

/** Checks a code's signature, purpose and expiry (`now` for a check as of another time). */
export async function checkCode(db: Db, code: string, purpose: string, now: Date = new Date()): Promise<CodeCheck> {
  if (!COMPACT_JWS.test(code)) return { valid: false, refusal: 'malformed' };
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(code);
    if (header.alg !== ALGORITHM || header.typ !== 'qinqing-code') return { valid: false, refusal: 'malformed' };
    kid = header.kid;
  } catch {
    return { valid: false, refusal: 'malformed' };
  }
  const key = kid ? await verificationKey(db, kid) : null;
  if (!key) return { valid: false, refusal: 'forged' };
  if (key.withdrawn) return { valid: false, refusal: 'key_withdrawn' };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(code, await importJWK(key.publicJwk, ALGORITHM), { algorithms: [ALGORITHM], currentDate: now }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { valid: false, refusal: 'expired' };
    if (err instanceof errors.JWSSignatureVerificationFailed) return { valid: false, refusal: 'forged' };
    return { valid: false, refusal: 'malformed' };
  }
  if (payload.aud !== purpose) return { valid: false, refusal: 'wrong_purpose' };
  if (typeof payload.sub !== 'string' || typeof payload.iat !== 'number') return { valid: false, refusal: 'malformed' };
  const claims = payload.c && typeof payload.c === 'object' ? (payload.c as Record<string, unknown>) : {};
  return { valid: true, kid: kid!, subject: payload.sub, claims, issuedAt: new Date(payload.iat * 1000), expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null };
}
