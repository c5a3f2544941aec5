// The regions contract (contract.ts) against what the server really accepts. The check is a type:
// `tsc -p tsconfig.json` fails when the route's schema and the contract drift apart.
import { describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { NewRegionBody } from './routes.js';
import type { NewRegion } from './contract.js';

/** true when X and Y admit the same values and name the same fields (an optional field left out admits them too). */
type Same<X, Y> = [X, keyof X] extends [Y, keyof Y] ? ([Y, keyof Y] extends [X, keyof X] ? true : false) : false;

const body: Same<Static<typeof NewRegionBody>, NewRegion> = true;

describe('the regions contract', () => {
  it('takes what the route takes', () => {
    expect(body).toBe(true);
  });
});
