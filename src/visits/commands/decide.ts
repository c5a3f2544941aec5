/** Ending a visit before it happens, each with its reason: refused, revoked, cancelled. */
import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import type { VisitSettings } from '../settings.js';

const Reason = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

const withReason = (summary: string) => defineCommand<VisitRow, VisitRelation, VisitSettings, typeof Reason>({
  summary,
  input: Reason,
  apply(_ctx, input) {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('invalid_reason', '理由不能为空', 'The reason must not be empty');
    return { changes: { decisionNote: reason }, event: { reason } };
  },
});

export const refuse = withReason('Refuse the visit, with the reason');
/** A revoked visit's code is refused from then on (the public check reads the status after the signature). */
export const revoke = withReason('Revoke an approved visit, with the reason: its code is refused from now on');
export const cancel = withReason('Cancel the visit, with the reason: it no longer takes a place of the yearly limit');
