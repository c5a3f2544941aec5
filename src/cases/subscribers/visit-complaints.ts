/**
 * A complaint in an enterprise's rating of an official visit (入企评价) becomes an appeal case the
 * appeals loop owns: taken in at the hotline centre of the enterprise's region through the
 * system's own channel, requester the enterprise — never the person who rated, whom the visit's
 * event does not name — and dispatched as any case is. The visits module does not know this
 * subscriber exists.
 */
import type { Subscriber } from '../../platform/lifecycle/index.js';
import type { Actor } from '../../platform/actor.js';
import { findEnterprise } from '../../enterprises/index.js';
import { findOffice } from '../../offices/queries.js';
import { openCaseFrom } from '../origins.js';

/** What the intake reads of a rated visit. */
interface RatedVisit {
  id: number;
  uscc: string;
  officeId: number;
  plannedDate: string;
  purpose: string;
}

/** The system as the case's taker: no person, no office. */
const INTAKE: Actor = { userId: null, name: 'system:visit-rating', roles: [], officeId: null, officePath: null };

export const visitComplaintIntake: Subscriber<RatedVisit> = {
  name: 'cases: a complaint in a visit rating becomes an appeal case',
  type: 'visit',
  actions: ['rate'],
  async perform(tx, { event, after }) {
    const data = event.data as { complaint?: boolean; complaintText?: string | null };
    if (!data.complaint) return;
    const enterprise = await findEnterprise(tx, after.uscc);
    if (!enterprise) throw new Error(`visit ${after.id}: enterprise ${after.uscc} is not in the registry`);
    const department = (await findOffice(tx, after.officeId))?.name ?? '';
    await openCaseFrom(tx, INTAKE, { type: 'visit', id: after.id, key: 'complaint' }, {
      channel: 'visit_rating', type: 'complaint',
      title: `入企评价投诉：${department}（${after.plannedDate}）`,
      content: `${data.complaintText ?? ''}\n\n——企业对${department} ${after.plannedDate} 入企（事由：${after.purpose}）的评价中提出投诉。`,
      regionCode: enterprise.regionCode,
      requester: { kind: 'enterprise', name: enterprise.name, uscc: enterprise.uscc },
    }, new Date(event.at));
  },
};
