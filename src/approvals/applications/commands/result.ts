/** The result: issue and delivery (送证上门), and the owner's hand-over (首位确认制). */
import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../../platform/db/engine.js';
import { badRequest } from '../../../platform/errors.js';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import type { ApplicationSettings } from '../type.js';

const IssueBody = Type.Object({ resultNumber: Type.String({ minLength: 1, maxLength: 100, description: 'The certificate or decision number' }) }, { additionalProperties: false });

const issue = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof IssueBody>({
  summary: 'Issue the certificate or decision; refused while materials owed under deficiency acceptance are missing',
  input: IssueBody,
  apply({ now }, input) {
    return { changes: { issuedAt: now, resultNumber: input.resultNumber.trim() }, event: { resultNumber: input.resultNumber.trim() } };
  },
});

const DeliverBody = Type.Object({
  method: Type.Union([Type.Literal('in_person'), Type.Literal('post')]),
  receipt: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who signed for it, in person' })),
  trackingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The postal tracking number' })),
}, { additionalProperties: false });

const deliver = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof DeliverBody>({
  summary: 'Deliver the result: in person with a receipt, or by post with a tracking number',
  input: DeliverBody,
  apply({ now }, input) {
    if (input.method === 'post' && !input.trackingNumber) throw badRequest('tracking_number_required', '邮寄送达须填写运单号', 'Delivery by post needs the tracking number');
    if (input.method === 'in_person' && !input.receipt) throw badRequest('receipt_required', '当面送达须填写签收人', 'Delivery in person needs who signed for it');
    const delivery = input.method === 'post' ? { method: input.method, trackingNumber: input.trackingNumber!.trim() } : { method: input.method, receipt: input.receipt!.trim() };
    return { changes: { deliveredAt: now, delivery }, event: delivery };
  },
});

const HandOverBody = Type.Object({
  toUserId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'An active window agent' }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
}, { additionalProperties: false });

const handOver = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof HandOverBody>({
  summary: 'Hand the application over to another window agent, who becomes its owner (the only way it changes owner)',
  input: HandOverBody,
  async apply({ tx, row }, input) {
    const [to] = await queryRows<{ id: number; name: string; officeId: number | null }>(tx, sql`select id, username as name, office_id as "officeId" from users
      where id = ${input.toUserId} and active and 'window_agent' = any(roles)`);
    if (!to || to.officeId === null) throw badRequest('not_a_window_agent', '只能移交给在岗的综合窗口人员', 'An application is handed over to an active window agent only');
    if (to.id === row.ownerUserId) throw badRequest('same_owner', '已由该人员负责', 'That person already owns it');
    return {
      changes: { ownerUserId: to.id, ownerName: to.name, windowOfficeId: to.officeId },
      event: { from: { userId: row.ownerUserId, name: row.ownerName }, to: { userId: to.id, name: to.name }, reason: input.reason.trim() },
    };
  },
});

export const RESULT_COMMANDS = { issue, deliver, 'hand-over': handOver };
