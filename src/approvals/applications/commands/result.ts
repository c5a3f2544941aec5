/** The result: issue and delivery (送证上门), and the owner's hand-over (首位确认制). */
import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../../platform/db/engine.js';
import { badRequest } from '../../../platform/errors.js';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import type { ApplicationSettings } from '../type.js';
import { signCode } from '../../../signing/index.js';
import { isValidIsoDate, toLocalDate } from '../../../calendar/rules.js';
import { IsoDate } from '../../../platform/http/schemas.js';
import { REVIEW_GRADE_NAMES, REVIEW_GRADES, type Delivery, type ReviewChannel } from '../contract.js';
import { isBadReview } from '../reviews.js';
import { onBehalfOf } from './agency.js';

const IssueBody = Type.Object({
  resultNumber: Type.String({ minLength: 1, maxLength: 100, description: 'The certificate or decision number' }),
  kind: Type.Optional(Type.Union([Type.Literal('certificate'), Type.Literal('decision')], { description: 'A certificate or licence (证照, the default) or a decision document (决定书)' })),
  validUntil: Type.Optional({ ...IsoDate, description: 'The last day it holds (YYYY-MM-DD); none: without limit. Its QR code expires then' }),
}, { additionalProperties: false });

/** The signed code a certificate's QR carries: it names the application; the certificate's record says the rest. */
export const certificateSubject = (applicationId: number) => `application:${applicationId}`;

const issue = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof IssueBody>({
  summary: 'Issue the certificate or decision with its signed QR code; refused while materials owed under deficiency acceptance are missing',
  input: IssueBody,
  async apply({ tx, row, now, calendar }, input) {
    const number = input.resultNumber.trim();
    const kind = input.kind ?? 'certificate';
    const validUntil = input.validUntil ?? null;
    if (validUntil !== null && !isValidIsoDate(validUntil)) throw badRequest('invalid_date', `不是有效日期：${validUntil}`, `Not a date: ${validUntil}`);
    if (validUntil !== null && validUntil < toLocalDate(now, calendar.officeHours)) throw badRequest('valid_until_past', `有效期截止日 ${validUntil} 已过`, `The last valid day ${validUntil} has passed`);
    const code = await signCode(tx, {
      purpose: 'certificate', subject: certificateSubject(row.id), claims: { n: number },
      ...(validUntil ? { expiresAt: lastInstantOf(validUntil, calendar.officeHours.timeZoneOffsetMinutes) } : {}),
    });
    return {
      changes: { issuedAt: now, resultNumber: number, resultKind: kind, resultValidUntil: validUntil, certificateCode: code },
      event: { resultNumber: number, kind, validUntil, holder: { name: row.applicantName, uscc: row.applicantUscc }, issuingDepartmentId: row.officeId },
    };
  },
});

/** A result valid until a day holds through that whole day, in the offices' time zone. */
const lastInstantOf = (date: string, offsetMinutes: number) => new Date(Date.parse(`${date}T23:59:59Z`) - offsetMinutes * 60_000);

const RevokeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

const revokeCertificate = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof RevokeBody>({
  summary: 'Revoke the certificate (a leader of the issuing department, with the reason): its code then checks as revoked',
  input: RevokeBody,
  apply({ now, actor }, input) {
    return { changes: { revokedAt: now, revokedReason: input.reason.trim(), revokedByName: actor.name }, event: { reason: input.reason.trim() } };
  },
});

const DeliverBody = Type.Object({
  method: Type.Union([Type.Literal('in_person'), Type.Literal('post'), Type.Literal('pickup')], { description: 'in_person (送证上门), post (邮寄) or pickup (窗口自取)' }),
  receipt: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who signed for it, in person or at the window' })),
  receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it was signed for; now if not given' })),
  signatureNote: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The signature on the receipt (签收单): how it was signed, an ID checked' })),
  carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The postal carrier (EMS, 顺丰…)' })),
  trackingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The postal tracking number' })),
}, { additionalProperties: false });

const deliver = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof DeliverBody>({
  summary: 'Deliver the result: in person (送证上门) or picked up at the window, with a receipt, or by post with the carrier and tracking number',
  input: DeliverBody,
  apply({ now }, input) {
    if (input.method === 'post' && !input.trackingNumber) throw badRequest('tracking_number_required', '邮寄送达须填写运单号', 'Delivery by post needs the tracking number');
    if (input.method !== 'post' && !input.receipt) throw badRequest('receipt_required', '当面送达或窗口自取须填写签收人', 'Delivery in person or at the window needs who signed for it');
    if (input.receivedAt && Date.parse(input.receivedAt) > now.getTime()) throw badRequest('received_in_future', '签收时间不能晚于现在', 'It cannot have been signed for in the future');
    const delivery: Delivery = input.method === 'post'
      ? { method: 'post', trackingNumber: input.trackingNumber!.trim(), ...(input.carrier ? { carrier: input.carrier.trim() } : {}) }
      : {
        method: input.method, receipt: input.receipt!.trim(), receivedAt: new Date(input.receivedAt ?? now).toISOString(),
        ...(input.signatureNote ? { signatureNote: input.signatureNote.trim() } : {}),
      };
    return { changes: { deliveredAt: now, delivery }, event: { ...delivery } };
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

const ReviewBody = Type.Object({
  grade: Type.Union(REVIEW_GRADES.map((g) => Type.Literal(g)), { description: 'very_satisfied 非常满意 … very_dissatisfied 非常不满意' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

/** Where the review came from, by how the reviewer stands to the application. */
function reviewChannel(relations: readonly Relation[], proven: Relation | undefined): ReviewChannel {
  if (proven === 'holder') return 'certificate';
  if (relations.includes('applicant') || (relations.includes('agent') && !relations.includes('window'))) return 'online';
  return 'window';
}

const review = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof ReviewBody>({
  summary: 'Review the finished application (好差评: the national five grades), once: by the applicant online, at the window for it, or through the certificate\'s link',
  input: ReviewBody,
  async apply(ctx, input) {
    const { row, now, actor, relations, proven } = ctx;
    const channel = reviewChannel(relations, proven);
    const comment = input.comment?.trim() || null;
    const recordedBy = channel === 'certificate' || relations.includes('applicant') ? null : actor.name;
    return {
      changes: { reviewGrade: input.grade, reviewComment: comment, reviewChannel: channel, reviewedAt: now, reviewByName: recordedBy },
      // What the appeals loop needs to open a case of a bad review, without reading the application.
      event: {
        grade: input.grade, gradeName: REVIEW_GRADE_NAMES[input.grade].zh, bad: isBadReview(input.grade), comment, channel, recordedBy,
        departmentId: row.officeId, departmentName: row.officeName, itemName: row.itemName, resultNumber: row.resultNumber,
        applicant: { kind: row.applicantKind, name: row.applicantName, uscc: row.applicantUscc, phone: row.applicantPhone || null },
        ...await onBehalfOf(ctx),
      },
    };
  },
});

export const RESULT_COMMANDS = { issue, deliver, 'hand-over': handOver, 'revoke-certificate': revokeCertificate, review };
