import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { toLocalDate } from '../../calendar/rules.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import { filingLate } from '../rules.js';
import type { VisitSettings } from '../settings.js';

/** Files an escalated visit with the business-environment office (到优化办备案); late when after its last working day. */
export const reportFiling = defineCommand<VisitRow, VisitRelation, VisitSettings, ReturnType<typeof Type.Object>>({
  summary: 'File the escalated visit with the business-environment office (within N working days of its approval; a later filing is flagged late)',
  input: Type.Object({}, { additionalProperties: false }),
  apply({ row, now, officeHours }) {
    const today = toLocalDate(now, officeHours);
    return { changes: { filedAt: now }, event: { filingDueOn: row.filingDueOn, late: filingLate(row.filingDueOn, today, today) } };
  },
});
