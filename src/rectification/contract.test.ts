// The rectification contract (contract.ts) against what the server really does. The checks are
// mostly types: `tsc -p tsconfig.json` fails when a schema and the contract's input drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { PlanBody } from './commands/plan.js';
import type { ProgressBody } from './commands/addProgress.js';
import { PLAN_ACTIONS, type PlanInput, type ProgressInput } from './contract.js';
import { RECTIFICATION_LIFECYCLE } from './lifecycle.js';

type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

// What the web sends to the ledger passes the server's schemas, field for field (the schemas type a
// list of codes as string, so only this direction holds).
type Accepted<Input, Body> = Input extends Body ? Same<keyof Input, keyof Body> : false;
const bodies: [Accepted<PlanInput, Static<typeof PlanBody>>, Accepted<ProgressInput, Static<typeof ProgressBody>>] = [true, true];

describe('the rectification contract', () => {
  it('takes the inputs the routes validate, and names every action the lifecycle has', () => {
    expect(bodies).toEqual([true, true]);
    expect(Object.keys(RECTIFICATION_LIFECYCLE.actions).sort()).toEqual([...PLAN_ACTIONS].sort());
  });

  it('imports only the types of another contract, so the web app bundles it as it is', () => {
    const source = readFileSync(new URL('./contract.ts', import.meta.url), 'utf8');
    const imports = source.match(/^\s*import\b.*$/gm) ?? [];
    expect(imports).toEqual([expect.stringMatching(/^import type \{[^}]+\} from '\.\.\/[a-z]+\/contract\.js';$/)]);
    expect(source).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
