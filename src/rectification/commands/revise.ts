import { defineCommand } from '../../platform/lifecycle/index.js';
import { toLocalDate } from '../../calendar/rules.js';
import type { PlanItem, Relation } from '../lifecycle.js';
import { planChanges } from '../rules.js';
import type { PlanSettings } from '../type.js';
import { checkedPlan, completedAtFor, PlanFieldsInput } from './plan.js';

/** Changes the plan; the event records each field's before and after. Input equal to the plan writes nothing. */
export const revise = defineCommand<PlanItem, Relation, PlanSettings, typeof PlanFieldsInput>({
  summary: 'Change the rectification plan (with the version last read): measures, responsible person, deadline, status',
  input: PlanFieldsInput,
  async apply({ tx, actor, row, now, officeHours }, input) {
    const plan = await checkedPlan(tx, input, row, row.subject, toLocalDate(now, officeHours));
    const changes = planChanges(row, plan);
    if (Object.keys(changes).length === 0) return null;
    return { changes: { ...plan, completedAt: completedAtFor(plan.status, row, now), updatedBy: actor.userId }, event: { ...plan, changes } };
  },
});
