// The offices contract (contract.ts) against what the server really accepts and stores. The body
// checks are types: `tsc -p tsconfig.json` fails when a route's schema and the contract drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { OfficeBody, OfficePatchBody } from './routes.js';
import { OFFICE_KINDS, type OfficeInput, type OfficePatch } from './contract.js';

/** true when X and Y admit the same values and name the same fields (an optional field left out admits them too). */
type Same<X, Y> = [X, keyof X] extends [Y, keyof Y] ? ([Y, keyof Y] extends [X, keyof X] ? true : false) : false;

const bodies: [Same<Static<typeof OfficeBody>, OfficeInput>, Same<Static<typeof OfficePatchBody>, OfficePatch>] = [true, true];

describe('the offices contract', () => {
  it('matches the routes and the table', () => {
    expect(bodies).toEqual([true, true]);
    // The kind column's check constraint admits exactly the contract's kinds.
    const migration = readFileSync(new URL('./migrations/2026112303_offices.sql', import.meta.url), 'utf8');
    const check = /check \(kind in \(([^)]*)\)\)/.exec(migration)![1];
    expect(check.split(',').map((k) => k.trim().replace(/'/g, ''))).toEqual([...OFFICE_KINDS]);
  });
});
