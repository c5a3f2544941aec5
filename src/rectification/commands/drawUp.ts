import { defineCommand } from '../../platform/lifecycle/index.js';
import { conflict } from '../../platform/errors.js';
import { toLocalDate } from '../../calendar/rules.js';
import { SUBJECT_RULES, type PlanItem, type Relation } from '../lifecycle.js';
import { planOf } from '../store.js';
import type { PlanSettings } from '../type.js';
import { checkedPlan, completedAtFor, PlanBody } from './plan.js';

/**
 * Draws up a subject's plan (the lifecycle's `create`; the runner has checked who may and that
 * the subject allows it). A subject has one plan: drawing up a second, or quoting a version for
 * a plan that does not exist, is a 409 that says which.
 */
export const drawUp = defineCommand<PlanItem, Relation, PlanSettings, typeof PlanBody>({
  summary: 'Draw up the rectification plan: measures, responsible person, deadline, status',
  input: PlanBody,
  async apply({ tx, actor, row: draft, now, officeHours }, input) {
    const name = SUBJECT_RULES[draft.subjectType].named(draft.subject.reference);
    const existing = await planOf(tx, draft.subjectType, draft.subjectId);
    if (existing) {
      throw conflict('rectification_exists', `${name.zh} 已有整改方案（版本 ${existing.version}），修改时请带上版本号`,
        `${name.en} already has a rectification plan (version ${existing.version}); send its version to change it`, { currentVersion: existing.version });
    }
    if (input.version !== undefined) throw conflict('rectification_absent', `${name.zh} 还没有整改方案，新建时不带版本号`, `${name.en} has no rectification plan yet; create it without a version`);
    const plan = await checkedPlan(tx, input, null, draft.subject, toLocalDate(now, officeHours));
    return {
      changes: { ...plan, completedAt: completedAtFor(plan.status, null, now), createdBy: actor.userId, createdAt: now, updatedBy: actor.userId },
      event: { ...plan },
    };
  },
});
