import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash.js';

/** The definition the stored hashes were made with: a JSON round trip, keys sorted, stringified again. */
function byDefinition(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

/** A small deterministic generator, so a failure names the value that broke it. */
function values(seed: number, count: number): unknown[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const KEYS = ['b', 'a', '10', '2', '0', '01', '-1', '1.5', '4294967295', '4294967294', 'Z', '受理', '__proto__', 'a b', '"q"'];
  const LEAVES: unknown[] = [0, -0, 1.5, -3, 1e21, 5e-7, NaN, Infinity, '', '诉求\n"引号"\\', '\u2028', '\ud800', true, false, null, undefined,
    new Date('2026-12-04T02:33:00.123Z'), () => 1, Symbol('s')];
  const gen = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.45) return LEAVES[Math.floor(next() * LEAVES.length)];
    if (r < 0.7) return Array.from({ length: Math.floor(next() * 5) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--) Object.defineProperty(o, KEYS[Math.floor(next() * KEYS.length)], { value: gen(depth + 1), enumerable: true, configurable: true, writable: true });
    return o;
  };
  return Array.from({ length: count }, () => gen(0));
}

describe('canonicalJson', () => {
  it('writes exactly what the round-trip definition writes, so every stored hash still verifies', () => {
    for (const v of values(20261204, 3000)) {
      if (typeof v === 'function' || typeof v === 'symbol') expect(() => canonicalJson(v)).toThrow();
      else expect(canonicalJson(v), byDefinition(v)).toBe(byDefinition(v));
    }
  });

  it('sorts keys at every level, index-like keys first as a rebuilt object orders them', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: null }, 10: 'x', 2: 'y' })).toBe('{"2":"y","10":"x","a":{"c":null,"d":[3,{"z":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, NaN, new Date(0)])).toBe('[null,null,"1970-01-01T00:00:00.000Z"]');
  });
});
