// The appeals contract (contract.ts) against what the server really does. Most checks are types:
// `tsc -p tsconfig.json` fails when an action's schema and the contract's input drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { Role } from '../platform/actor.js';
import * as actions from './commands/actions.js';
import type { PublicAppealBody } from './commands/createPublicAppeal.js';
import { CASE_ACTIONS, CHANNELS_BY_ROLE, type ActionInputs, type CaseAction, type IntakeDoor, type PublicAppealInput } from './contract.js';

/** true when X and Y admit the same values. */
type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

type Defs = {
  answer: typeof actions.answer; dispatch: typeof actions.dispatch; sign: typeof actions.sign; return: typeof actions.returnCase;
  transfer: typeof actions.transfer; reply: typeof actions.reply; review: typeof actions.review; 'request-extension': typeof actions.requestExtension;
  'decide-extension': typeof actions.decideExtension; 'return-visit': typeof actions.returnVisit; close: typeof actions.close; reopen: typeof actions.reopen;
  merge: typeof actions.merge; supervise: typeof actions.supervise; escalate: typeof actions.escalate; instruct: typeof actions.instruct;
  comment: typeof actions.comment; 'pause-clock': typeof actions.pauseClock; 'resume-clock': typeof actions.resumeClock; evaluate: typeof actions.evaluate;
};

// Each action's schema (what the API validates) takes exactly the contract's input (what the web sends).
const inputsMatch: { [A in CaseAction]: Same<Static<Defs[A]['input']>, ActionInputs[A]> } = {
  answer: true, dispatch: true, sign: true, return: true, transfer: true, reply: true, review: true, 'request-extension': true,
  'decide-extension': true, 'return-visit': true, close: true, reopen: true, merge: true, supervise: true, escalate: true, instruct: true,
  comment: true, 'pause-clock': true, 'resume-clock': true, evaluate: true,
};

// What the web sends at the public door passes the server's schema, field for field (the schemas
// type a list of codes as string, so only this direction holds; the ledger's: src/rectification/contract.test.ts).
type Accepted<Input, Body> = Input extends Body ? Same<keyof Input, keyof Body> : false;
const bodies: [Accepted<PublicAppealInput, Static<typeof PublicAppealBody>>] = [true];

// The intake doors are roles the server knows (or the public form, or the system's own door).
const doors: Exclude<IntakeDoor, Role | 'public' | 'system'> extends never ? true : false = true;

describe('the appeals contract', () => {
  it('names an action definition for every action', () => {
    const defined = actions.CASE_ACTION_DEFS.map((d) => d.action);
    expect([...defined].sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(inputsMatch).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(bodies).toEqual([true]);
    expect(doors).toBe(true);
  });

  it('imports nothing, so the web app bundles it as it is', () => {
    const source = readFileSync(new URL('./contract.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
  });

  it('gives the public form its own door and the enterprise portal to enterprises only', () => {
    expect(CHANNELS_BY_ROLE.public).toEqual(['web']);
    const portal = Object.entries(CHANNELS_BY_ROLE).filter(([, channels]) => channels.includes('enterprise_portal')).map(([door]) => door);
    expect(portal).toEqual(['enterprise']);
  });
});
