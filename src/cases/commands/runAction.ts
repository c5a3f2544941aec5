/** The case as an item type of the lifecycle kernel, and the one way to run a case action. */
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { runAction, type ItemType } from '../../platform/lifecycle/index.js';
import { workingCalendar } from '../../calendar/store.js';
import { CASE_LIFECYCLE, type CaseAction, type CaseStatus, type Relation } from '../lifecycle.js';
import type { CaseRow } from '../record.js';
import { casePolicy } from '../settings.js';
import { CASE_STORE } from '../store.js';
import { CASE_COMMANDS } from './actions.js';
import type { CaseSettings } from './actionDef.js';

export const CASE = CASE_LIFECYCLE.label;

export const CASE_TYPE: ItemType<CaseRow, CaseStatus, Relation, CaseAction, CaseSettings> = {
  lifecycle: CASE_LIFECYCLE,
  commands: CASE_COMMANDS,
  store: CASE_STORE,
  settings: async (db) => ({ calendar: await workingCalendar(db), policy: (await casePolicy(db)).policy }),
};

export interface CaseActionRequest {
  caseId: number;
  action: CaseAction;
  /** The version the caller last read. */
  version: number;
  input: Record<string, unknown>;
  /** Set by the public endpoint once the lookup secret matched. */
  asRequester?: boolean;
  /** When the action happened: now, unless the demo history generator replays the past (never from a request). */
  at?: Date;
}

export function runCaseAction(db: Db, actor: Actor, req: CaseActionRequest): Promise<CaseRow> {
  return runAction(db, CASE_TYPE, actor, { id: req.caseId, action: req.action, version: req.version, input: req.input, at: req.at, proven: req.asRequester ? 'requester' : undefined });
}
