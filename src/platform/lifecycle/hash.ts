import { createHash } from 'node:crypto';

/** The hash chain's pure rules, shared by every chain (each item's events, the audit trail) and their verifiers. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** sha256 of the UTF-8 text prevHash || payload, hex (the audit trail's SQL computes the same). */
export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash + payload, 'utf8').digest('hex');
}

/** sha256 of an item's state as canonical JSON, hex: what each event records of the item after it. */
export function stateHash(state: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(state), 'utf8').digest('hex');
}
