/** The rectification plan as an item type of the lifecycle kernel, and the two ways people change a subject's plan. */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { conflict } from '../platform/errors.js';
import { createItem, runAction, type ItemType } from '../platform/lifecycle/index.js';
import type { OfficeHours } from '../calendar/contract.js';
import { workingCalendar } from '../calendar/store.js';
import type { PlanInput, ProgressInput } from './contract.js';
import { draftPlan, RECTIFICATION_LIFECYCLE, SUBJECT_RULES, type PlanAction, type PlanItem, type PlanStatus, type Relation, type SubjectType } from './lifecycle.js';
import { planOf, RECTIFICATION_STORE } from './store.js';
import { SUBJECTS, visibleSubject } from './subjects.js';
import { drawUp } from './commands/drawUp.js';
import { revise } from './commands/revise.js';
import { addProgress } from './commands/addProgress.js';

/** Read before each action: notes are filed by the office's week, deadlines checked against its today. */
export interface PlanSettings {
  officeHours: OfficeHours;
}

export const RECTIFICATION_TYPE: ItemType<PlanItem, PlanStatus, Relation, PlanAction, PlanSettings> = {
  lifecycle: RECTIFICATION_LIFECYCLE,
  create: drawUp,
  commands: { revise, 'add-progress': addProgress },
  store: RECTIFICATION_STORE,
  settings: async (db) => ({ officeHours: (await workingCalendar(db)).officeHours }),
};

/**
 * Draws up the subject's plan, or changes it when a version is quoted and there is one. Every
 * other case — a second plan, a version for a plan that does not exist — goes to drawing up,
 * whose checks come first (404, 403, the subject's state) and which then says what is wrong.
 */
export async function setPlan(db: Db, actor: Actor, type: SubjectType, id: number, input: PlanInput): Promise<{ created: boolean; plan: PlanItem }> {
  const existing = await planOf(db, type, id);
  if (existing && input.version !== undefined) {
    const { version, ...fields } = input;
    return { created: false, plan: await runAction(db, RECTIFICATION_TYPE, actor, { id: existing.id, action: 'revise', version, input: fields }) };
  }
  const plan = await createItem(db, RECTIFICATION_TYPE, actor, {
    under: { label: SUBJECT_RULES[type].label, id },
    draft: async (tx) => {
      const subject = await SUBJECTS[type].load(tx, id, { lock: true });
      return subject && draftPlan(subject);
    },
    input: { ...input },
  });
  return { created: true, plan };
}

/** Adds a note to the subject's plan; without a plan there is nothing to report on yet (409, once the subject is known visible). */
export async function addProgressTo(db: Db, actor: Actor, type: SubjectType, id: number, input: ProgressInput): Promise<PlanItem> {
  const plan = await planOf(db, type, id);
  if (!plan) {
    const { subject } = await visibleSubject(db, actor, type, id);
    const name = SUBJECT_RULES[type].named(subject.reference);
    throw conflict('no_rectification_plan', `${name.zh} 还没有整改方案，请主办单位先制定`, `${name.en} has no rectification plan yet; the lead office draws it up first`);
  }
  return runAction(db, RECTIFICATION_TYPE, actor, { id: plan.id, action: 'add-progress', input: { ...input } });
}
