import { Type } from '@sinclair/typebox';
import { badRequest } from '../../platform/errors.js';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { IsoDate } from '../../platform/http/schemas.js';
import { isValidIsoDate, toLocalDate } from '../../calendar/rules.js';
import { setPlan } from '../../rectification/type.js';
import { INSPECTION_RESULTS, INSPECTION_RESULT_NAMES } from '../contract.js';
import type { Relation, VisitItem } from '../lifecycle.js';
import { hasFinding } from '../rules.js';
import type { TaskSettings } from '../settings.js';

export const ResultInput = Type.Object({
  result: Type.Union(INSPECTION_RESULTS.map((r) => Type.Literal(r)), { description: 'The national result category' }),
  inspectedOn: Type.String({ ...IsoDate, description: 'The day of the visit, within the task\'s period' }),
  findings: Type.Optional(Type.String({ maxLength: 5000, description: 'What was found; required with a problem found' })),
  firstOffenceNoPenalty: Type.Optional(Type.Boolean({ description: '首违不罚: a first offence handled without a penalty' })),
  rectification: Type.Optional(Type.Object({
    measures: Type.String({ minLength: 1, maxLength: 5000 }),
    responsiblePerson: Type.String({ minLength: 1, maxLength: 100 }),
    deadline: Type.String({ ...IsoDate, description: '整改时限' }),
  }, { additionalProperties: false, description: 'Required with a problem found: opens the rectification plan' })),
}, { additionalProperties: false });

/**
 * Records the visit's result (an inspector on its team): the category, the day, the findings and
 * whether a first offence went without a penalty. A problem found needs its findings and a
 * rectification plan with a deadline, opened on the rectification ledger in the same transaction.
 */
export const recordResult = defineCommand<VisitItem, Relation, TaskSettings, typeof ResultInput>({
  summary: 'Record the result: national category, findings, 首违不罚; a problem found opens a rectification plan with a deadline',
  input: ResultInput,
  apply({ actor, row, now, calendar }, input) {
    if (!isValidIsoDate(input.inspectedOn)) throw badRequest('invalid_date', `检查日期不是有效日期：${input.inspectedOn}`, `inspectedOn is not a valid date: ${input.inspectedOn}`);
    const today = toLocalDate(now, calendar.officeHours);
    if (input.inspectedOn < row.task.periodFrom || input.inspectedOn > row.task.periodTo || input.inspectedOn > today) {
      throw badRequest('inspected_outside_period', `检查日期须在任务期限 ${row.task.periodFrom}–${row.task.periodTo} 内且不晚于今天`,
        `The inspection day must lie within the task's ${row.task.periodFrom}–${row.task.periodTo} and not after today`);
    }
    const findings = input.findings?.trim() || null;
    const finding = hasFinding(input.result);
    const name = INSPECTION_RESULT_NAMES[input.result];
    if (finding && !findings) throw badRequest('findings_required', `「${name.zh}」须写明发现的问题`, `"${name.en}" needs the findings`);
    if (finding && !input.rectification) throw badRequest('rectification_required', `「${name.zh}」须制定整改方案和整改时限`, `"${name.en}" needs a rectification plan with a deadline`);
    if (!finding && input.rectification) throw badRequest('rectification_without_finding', '未发现问题的结果不需要整改方案', 'A result without a problem found takes no rectification plan');
    if (input.firstOffenceNoPenalty && !finding) throw badRequest('no_offence', '未发现问题，不适用首违不罚', 'No problem found: first-offence leniency does not apply');
    const changes = {
      result: input.result, inspectedOn: input.inspectedOn, findings, firstOffenceNoPenalty: input.firstOffenceNoPenalty ?? false,
      rectificationDeadline: input.rectification?.deadline ?? null,
    };
    return {
      changes,
      event: { ...changes, departments: row.task.officeIds, taskId: row.taskId, uscc: row.uscc },
      after: async (tx, visit) => {
        if (input.rectification) await setPlan(tx, actor, 'inspection', visit.id, { ...input.rectification });
      },
    };
  },
});
