/**
 * A bad review's appeal case, linked back onto the review (好差评整改反馈): as the case the appeals
 * loop opened of it is dispatched, replied to, closed, visited or evaluated, the application
 * records how it stands (`review-appeal`, an event that leaves the version alone), so the
 * application shows the outcome of its review.
 */
import type { Actor } from '../../../platform/actor.js';
import { appendEvent, type Subscriber } from '../../../platform/lifecycle/index.js';
import type { CaseRow } from '../../../cases/record.js';
import { caseOrigin } from '../../../cases/origins.js';
import type { ReviewAppeal } from '../contract.js';
import { APPLICATION_STORE } from '../store.js';
import { APPLICATION_TYPE } from '../type.js';

const LINK: Actor = Object.freeze({ userId: null, name: 'system:review-appeals', roles: [], officeId: null, officePath: null });

export const reviewAppealLink: Subscriber<CaseRow> = {
  name: 'a bad review\'s case linked back onto the application',
  type: 'case',
  actions: ['dispatch', 'reply', 'review', 'close', 'reopen', 'return-visit', 'evaluate'],
  async perform(tx, { event, after }) {
    const origin = await caseOrigin(tx, after.id);
    if (origin?.type !== 'application') return;
    const application = await APPLICATION_STORE.lock(tx, origin.id);
    if (!application) return;
    const appeal: ReviewAppeal = {
      caseId: after.id, caseCode: after.code, status: after.status, reply: after.reply,
      satisfaction: after.evaluation?.satisfaction ?? after.visit?.satisfaction ?? null, updatedAt: event.at,
    };
    await appendEvent(tx, APPLICATION_TYPE, application, { reviewAppeal: appeal }, {
      at: event.at, action: 'review-appeal', actor: LINK, data: { ...appeal, caseAction: event.action },
    }, { bumpVersion: false });
  },
};
