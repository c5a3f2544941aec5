import type { TObject, Static } from '@sinclair/typebox';
import type { CaseAction } from '../lifecycle.js';
import type { ActionContext, ActionOutcome } from './runAction.js';

/**
 * One case action: its input (a TypeBox schema, so the API validates and documents it) and what
 * it does to the case. `runCaseAction` does the checks and writes common to all of them.
 */
export interface CaseActionDef<S extends TObject = TObject> {
  action: CaseAction;
  summary: string;
  input: S;
  apply(ctx: ActionContext, input: Static<S>): Promise<ActionOutcome> | ActionOutcome;
}

export const defineAction = <S extends TObject>(def: CaseActionDef<S>) => def;
