import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { toLocalDate } from '../../calendar/rules.js';
import { signCode } from '../../signing/index.js';
import type { Db } from '../../platform/db/engine.js';
import type { OfficeHours } from '../../calendar/contract.js';
import { approvedStatus, type VisitRelation, type VisitRow } from '../lifecycle.js';
import { codeExpiry, filingDueOn } from '../rules.js';
import type { VisitSettings } from '../settings.js';

const Note = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000, description: 'An approval note' })) }, { additionalProperties: false });

/** The visit code (入企码): signed, about this visit, valid until the end of the day after its date. An emergency visit has happened already and gets none. */
export async function issueCode(tx: Db, v: Pick<VisitRow, 'id' | 'plannedDate' | 'emergency'>, officeHours: OfficeHours): Promise<string | null> {
  if (v.emergency) return null;
  return signCode(tx, { purpose: 'visit', subject: `visit:${v.id}`, claims: { d: v.plannedDate }, expiresAt: codeExpiry(v.plannedDate, officeHours) });
}

/** The department's head approves: the visit gets its code, or goes on to the escalated approval when it needs one. */
export const approve = defineCommand<VisitRow, VisitRelation, VisitSettings, typeof Note>({
  summary: 'Approve the visit (the department\'s head); one outside the service week or beyond the plan then awaits the escalated approval',
  input: Note,
  async apply({ tx, actor, row, now, officeHours }, input) {
    const base = { approvedAt: now, approvedBy: actor.name, decisionNote: input.note?.trim() || null };
    if (row.escalation.length) return { changes: { ...base, status: 'escalating' }, event: { escalation: row.escalation, note: base.decisionNote } };
    const code = await issueCode(tx, row, officeHours);
    return { changes: { ...base, status: approvedStatus(row), code }, event: { codeIssued: code !== null, note: base.decisionNote } };
  },
});

/** The escalated approval (提级审批): the code is issued and the filing with the business-environment office falls due in N working days. */
export const approveEscalated = defineCommand<VisitRow, VisitRelation, VisitSettings, typeof Note>({
  summary: 'Give the escalated approval (a holder of an escalation role above the department); the visit must then be filed with the business-environment office within N working days',
  input: Note,
  async apply({ tx, actor, row, now, calendar, officeHours, policy }, input) {
    const code = await issueCode(tx, row, officeHours);
    const dueOn = filingDueOn(calendar, toLocalDate(now, officeHours), policy.filingWorkingDays);
    return {
      changes: { status: approvedStatus(row), escalatedApprovedAt: now, escalatedApprovedBy: actor.name, filingDueOn: dueOn, code, decisionNote: input.note?.trim() || row.decisionNote },
      event: { codeIssued: code !== null, filingDueOn: dueOn, note: input.note?.trim() || null },
    };
  },
});
