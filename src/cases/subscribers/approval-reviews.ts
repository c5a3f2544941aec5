/**
 * A bad review of an application (好差评: 不满意, 非常不满意) becomes an appeal case in the loop,
 * in the review's own transaction: taken in through intake on the system's door (channel
 * `approval_review`), the applicant its requester, dispatched at once to the implementing
 * department as its lead office, and its origin recorded so the approvals module can link the
 * case's outcome back onto the review. It reads only the review's event, never the application.
 */
import type { Actor } from '../../platform/actor.js';
import type { Subscriber } from '../../platform/lifecycle/index.js';
import { findOffice } from '../../offices/queries.js';
import { isPhoneNumber } from '../commands/createCase.js';
import { runCaseAction } from '../commands/runAction.js';
import { openCaseFrom } from '../origins.js';
import { queryRows, sql } from '../../platform/db/engine.js';

interface ReviewEvent {
  grade: string;
  gradeName: string;
  bad: boolean;
  comment: string | null;
  channel: string;
  departmentId: number;
  departmentName: string;
  itemName: string;
  resultNumber: string | null;
  applicant: { kind: 'enterprise' | 'person'; name: string; uscc: string | null; phone: string | null };
}

const SYSTEM: Actor = Object.freeze({ userId: null, name: 'system:approval-reviews', roles: [], officeId: null, officePath: null });

export const approvalReviewCases: Subscriber = {
  name: 'bad approval reviews become appeal cases',
  type: 'application',
  actions: ['review'],
  async perform(tx, { event }) {
    const review = event.data as unknown as ReviewEvent;
    if (!review.bad) return;
    const department = await findOffice(tx, review.departmentId);
    if (!department) throw new Error(`approval review of application ${event.itemId}: department ${review.departmentId} is gone`);
    const at = new Date(event.at);
    const phone = review.applicant.phone && isPhoneNumber(review.applicant.phone) ? review.applicant.phone : null;
    const { caseId, opened } = await openCaseFrom(tx, SYSTEM, { type: 'application', id: event.itemId, key: 'review' }, {
      channel: 'approval_review', type: 'complaint', priority: review.grade === 'very_dissatisfied' ? 'urgent' : 'normal',
      title: `政务服务差评：${review.itemName}（${review.gradeName}）`.slice(0, 200),
      content: [
        `办件 ${event.itemId}「${review.itemName}」${review.resultNumber ? `（结果编号 ${review.resultNumber}）` : ''}收到评价「${review.gradeName}」。`,
        `实施部门：${review.departmentName}。`, review.comment ? `评价意见：${review.comment}` : '评价人未填写意见。',
      ].join('\n'),
      regionCode: department.regionCode,
      requester: { kind: review.applicant.kind, name: review.applicant.name, uscc: review.applicant.uscc, phone },
    }, at);
    if (!opened) return;
    // The hotline centre that took it in dispatches it to the department that served the applicant.
    const [{ intake_office_id: centreId }] = await queryRows<{ intake_office_id: number }>(tx, sql`select intake_office_id from cases where id = ${caseId}`);
    const centre = (await findOffice(tx, centreId))!;
    const dispatcher: Actor = { userId: null, name: SYSTEM.name, roles: ['dispatcher'], officeId: centre.id, officePath: centre.path };
    await runCaseAction(tx, dispatcher, {
      caseId, action: 'dispatch', version: 1, at,
      input: { leadOfficeId: department.id, note: `好差评差评自动转办：办件 ${event.itemId}` },
    });
  },
};
