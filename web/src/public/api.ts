// The public appeals API (no log-in): raise an appeal, follow it with its code and lookup secret,
// add information, evaluate. The shapes come from the server's contract (src/cases/contract.ts).
import { api, fileType } from '../shell';
import {
  CASE_TYPES, type ActionInputs, type CaseType, type PublicAppealInput, type PublicAppealReceipt, type PublicProgress,
} from '../../../src/cases/contract';

export { SATISFACTIONS } from '../../../src/cases/contract';
export type { Bilingual, GeoPoint, PublicAppealInput, PublicAppealReceipt, PublicProgress, PublicStep, Satisfaction } from '../../../src/cases/contract';

/** The public form takes every appeal type (server: PublicAppealBody in src/cases/public-routes.ts). */
export const PUBLIC_TYPES: readonly CaseType[] = CASE_TYPES;
export type PublicType = CaseType;

/** The secret goes in a header, not the address: proxies and access logs keep addresses. */
const secretHeader = (secret: string) => ({ 'x-lookup-secret': secret });
const path = (code: string) => `/api/public/appeals/${encodeURIComponent(code.trim())}`;

export const publicApi = {
  /** `key` (Idempotency-Key) is the same for a retry of the same appeal: the server answers the first receipt again instead of taking it in twice. */
  submit: (body: PublicAppealInput, key: string) =>
    api.post<PublicAppealReceipt>('/api/public/appeals', body, { noAuthRedirect: true, headers: { 'Idempotency-Key': key } }),
  track: (code: string, secret: string, signal?: AbortSignal) =>
    api.get<PublicProgress>(path(code), undefined, { signal, noAuthRedirect: true, headers: secretHeader(secret.trim()) }),
  evaluate: (code: string, secret: string, body: ActionInputs['evaluate']) =>
    api.post<PublicProgress>(`${path(code)}/evaluate`, { secret: secret.trim(), ...body }, { noAuthRedirect: true }),
  /** Adds a photo or document to the appeal (the requester's: the appeal's material). */
  attach: (code: string, secret: string, file: File) =>
    api.upload(`${path(code)}/attachments`, file, fileType(file), { query: { fileName: file.name }, noAuthRedirect: true, headers: secretHeader(secret.trim()) }),
  comment: (code: string, secret: string, text: string) =>
    api.post<PublicProgress>(`${path(code)}/comment`, { secret: secret.trim(), text }, { noAuthRedirect: true }),
};

/** Reads `secret` (and `code`) from a fragment such as `#secret=abc` or `#code=1&secret=abc`. */
export function fromFragment(hash: string): { code?: string; secret?: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { code: params.get('code') ?? undefined, secret: params.get('secret') ?? undefined };
}

/** A fresh Idempotency-Key: 128 random bits (crypto.randomUUID needs HTTPS, which a county's intranet may not have). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
