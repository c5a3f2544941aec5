import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { IsoDate } from '../../platform/http/schemas.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import type { VisitSettings } from '../settings.js';
import { issueCode } from './approve.js';

export const JoinInput = Type.Object({ jointVisitId: Type.Integer({ minimum: 1 }), plannedDate: Type.String(IsoDate) }, { additionalProperties: false });

/** One visit becomes part of a joint visit (联合入企) on the joint day; an approved one gets a code for that day. */
export const join = defineCommand<VisitRow, VisitRelation, VisitSettings, typeof JoinInput>({
  summary: 'Merge the visit into a joint visit',
  input: JoinInput,
  async apply({ tx, row, officeHours }, input) {
    const moved = { ...row, plannedDate: input.plannedDate };
    const code = row.status === 'approved' ? await issueCode(tx, moved, officeHours) : row.code;
    return { changes: { jointVisitId: input.jointVisitId, plannedDate: input.plannedDate, code, serviceWeek: input.plannedDate.slice(0, 7) }, event: { jointVisitId: input.jointVisitId, plannedDate: input.plannedDate, from: row.plannedDate } };
  },
});
