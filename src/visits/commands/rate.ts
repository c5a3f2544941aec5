import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import { toLocalDate } from '../../calendar/rules.js';
import type { VisitRelation, VisitRow } from '../lifecycle.js';
import type { VisitSettings } from '../settings.js';

const Score = (description: string) => Type.Integer({ minimum: 1, maximum: 5, description });

export const RatingBody = Type.Object({
  conduct: Score('作风纪律 1–5'),
  burden: Score('企业负担 1–5 (5: no burden)'),
  usefulness: Score('帮助实效 1–5'),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  complaint: Type.Boolean({ description: 'The rating holds a complaint: it becomes an appeal case' }),
  complaintText: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

/**
 * The enterprise rates the visit, anonymously to the department: the rating is stored without
 * its rater, and the runner is handed an actor that names no person (visits/type.ts
 * anonymousRater), so the event names none either. The event carries whether the rating holds a
 * complaint and its text, for the appeals loop to take up.
 */
export const rate = defineCommand<VisitRow, VisitRelation, VisitSettings, typeof RatingBody>({
  summary: 'Rate the visit (the enterprise visited), anonymously to the department: conduct, burden, usefulness 1–5, comment, complaint',
  input: RatingBody,
  async apply({ tx, row, now, officeHours }, input) {
    const complaintText = input.complaintText?.trim() || null;
    if (input.complaint && !complaintText) throw badRequest('complaint_text_required', '投诉请写明内容', 'A complaint needs its text');
    if (!input.complaint && complaintText) throw badRequest('complaint_text_without_complaint', '未选择投诉时不填写投诉内容', 'Complaint text is given only with a complaint');
    await tx.execute(sql`insert into visit_ratings (visit_id, office_id, conduct, burden, usefulness, comment, complaint, complaint_text, rated_month)
      values (${row.id}, ${row.officeId}, ${input.conduct}, ${input.burden}, ${input.usefulness}, ${input.comment?.trim() || null}, ${input.complaint}, ${complaintText},
        ${toLocalDate(now, officeHours).slice(0, 7)})`);
    return { changes: {}, event: { complaint: input.complaint, complaintText } };
  },
});
