import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { conflict } from '../../platform/errors.js';
import { toLocalDate } from '../../calendar/rules.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import type { VisitSettings } from '../settings.js';

/** The enterprise scans the code on arrival: the visit happened. Not before its day (a joint visit's day is the joint one). */
export const scan = defineCommand<VisitRow, VisitRelation, VisitSettings, ReturnType<typeof Type.Object>>({
  summary: 'Record that the visit happened (the enterprise scans its code on arrival)',
  input: Type.Object({}, { additionalProperties: false }),
  apply({ row, now, officeHours, proven }) {
    const today = toLocalDate(now, officeHours);
    if (today < row.plannedDate) throw conflict('before_visit_day', `入企日期是 ${row.plannedDate}，今天（${today}）还不能扫码登记`, `The visit is on ${row.plannedDate}; its code cannot be scanned before then (today is ${today})`);
    return { changes: { scannedAt: now }, event: { via: proven === 'code' ? 'public_page' : 'enterprise_portal' } };
  },
});
