/**
 * A problem an enterprise raises on a service visit (政务服务进企业) is an appeal of its own: the
 * cases module follows the visits' `record` events and opens one case per problem, in the same
 * transaction, through the on-site-visit channel with the enterprise as requester. The case then
 * goes the loop's usual way from the region's hotline centre; the visit reads its progress back
 * (origins.ts). The visits module does not know this subscriber exists.
 */
import type { Subscriber } from '../platform/lifecycle/index.js';
import { openCaseFrom, raisedByActorOf } from './origins.js';

/** What the subscriber reads of a visit and of its event. */
interface FollowedVisit {
  id: number;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
}

interface RecordedMatter {
  key: string;
  kind: string;
  text: string;
}

const TITLE_LENGTH = 40;

export const serviceVisitProblems: Subscriber<FollowedVisit> = {
  name: 'cases: problems raised on service visits become appeals',
  type: 'service_visit',
  actions: ['record'],
  async perform(tx, { event, after }) {
    const matters = (event.data.matters ?? []) as RecordedMatter[];
    for (const m of matters.filter((x) => x.kind === 'problem')) {
      const title = m.text.length > TITLE_LENGTH ? `${m.text.slice(0, TITLE_LENGTH)}…` : m.text;
      await openCaseFrom(tx, raisedByActorOf(event), { type: 'service_visit', id: after.id, key: m.key }, {
        channel: 'onsite_visit', type: 'help', title: `走访问题：${title}`,
        content: `${m.text}\n（${after.enterpriseName}在走访中提出，走访记录 #${after.id}）`,
        regionCode: after.regionCode, requester: { kind: 'enterprise', name: after.enterpriseName, uscc: after.uscc },
      }, new Date(event.at));
    }
  },
};
