import type { TObject, Static } from '@sinclair/typebox';
import type { ActionCommand, ActionContext, ActionOutcome } from '../../platform/lifecycle/index.js';
import type { WorkingCalendar } from '../../calendar/rules.js';
import type { DeadlinePolicy } from '../deadlines.js';
import type { CaseAction, Relation } from '../lifecycle.js';
import type { CaseRow } from '../record.js';

/** What every case action reads once before its transaction: the calendar and the deadline policy in force. */
export interface CaseSettings {
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
}

export type CaseActionContext = ActionContext<CaseRow, Relation, CaseSettings>;
export type CaseActionOutcome = ActionOutcome<CaseRow>;

/**
 * One case action's command: its input (a TypeBox schema, so the API validates and documents it)
 * and what it does to the case. The kernel's runner makes the checks and writes common to all.
 */
export interface CaseActionDef<S extends TObject = TObject> extends ActionCommand<CaseRow, Relation, CaseSettings, S> {
  action: CaseAction;
  apply(ctx: CaseActionContext, input: Static<S>): Promise<CaseActionOutcome> | CaseActionOutcome;
}

export const defineAction = <S extends TObject>(def: CaseActionDef<S>) => def;
