/**
 * A case's timeline shows its rectification plan's changes (整改计划, 整改进展) as before the plans
 * had a chain of their own: the cases module follows the plans' events and appends its own event
 * to the case, in the same transaction, moving the case's version as every timeline entry does.
 * The rectification module never tells cases anything; it does not know this subscriber exists.
 */
import type { Subscriber } from '../platform/lifecycle/index.js';
import { appendCaseEvent, lockCase } from './store.js';

/** What the timeline reads of a plan. */
interface FollowedPlan {
  subjectType: string;
  subjectId: number;
  version: number;
}

export const rectificationTimeline: Subscriber<FollowedPlan> = {
  name: 'cases: rectification plans on the case timeline',
  type: 'rectification',
  actions: ['create', 'revise', 'add-progress'],
  async perform(tx, { event, after }) {
    if (after.subjectType !== 'case') return;
    // The plan's action holds this lock already (its subject is locked before the plan).
    const row = await lockCase(tx, after.subjectId);
    if (!row) throw new Error(`rectification plan of case ${after.subjectId}: the case does not exist`);
    const moved = event.fromStatus !== null && event.fromStatus !== event.toStatus;
    const [action, data] = event.action === 'add-progress'
      ? ['rectification-progress', { ...event.data, ...(moved ? { planStatus: { from: event.fromStatus, to: event.toStatus }, planVersion: after.version } : {}) }]
      : ['rectification-plan', { op: event.action === 'create' ? 'create' : 'update', planVersion: after.version, ...event.data }];
    await appendCaseEvent(tx, row, {}, {
      at: event.at, action, actor: { userId: event.actorUserId, name: event.actorName, officeId: event.actorOfficeId }, data,
    });
  },
};
