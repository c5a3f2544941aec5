// The people contract (contract.ts) against what the server really accepts. The checks are types:
// `tsc -p tsconfig.json` fails when a route's schema and the contract drift apart.
import { describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { NewUserBody, UserPatchBody } from './routes.js';
import type { NewUser, UserPatch } from './contract.js';

/** true when X and Y admit the same values and name the same fields (an optional field left out admits them too). */
type Same<X, Y> = [X, keyof X] extends [Y, keyof Y] ? ([Y, keyof Y] extends [X, keyof X] ? true : false) : false;

const bodies: [Same<Static<typeof NewUserBody>, NewUser>, Same<Static<typeof UserPatchBody>, UserPatch>] = [true, true];

describe('the people contract', () => {
  it('takes what the routes take', () => {
    expect(bodies).toEqual([true, true]);
  });
});
