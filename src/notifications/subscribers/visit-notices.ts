/**
 * Who hears about official visits (入企), following their events: a department's head of each
 * visit filed (the approval queue); when another department has a visit to the same enterprise in
 * the same service week, the heads of every department concerned, with the proposal of one joint
 * visit; the department when a visit it filed is refused or revoked. Never about a rating: the
 * department learns of ratings only as figures over several visits.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/engine.js';
import type { Subscriber } from '../../platform/lifecycle/index.js';
import type { NotificationInput } from '../rules.js';
import { enqueueMany } from '../enqueue.js';

interface FollowedVisit {
  id: number;
  officeId: number;
  uscc: string;
  enterpriseName: string;
  plannedDate: string;
  serviceWeek: string | null;
  jointVisitId: number | null;
}

export const visitNoticesSubscriber: Subscriber<FollowedVisit> = {
  name: 'visit notices',
  type: 'visit',
  actions: ['create', 'refuse', 'revoke'],
  async perform(tx, { event, after }) {
    const note = (officeId: number, kind: string, zh: [string, string], en: [string, string], i: number): NotificationInput => ({
      recipient: { officeId, role: 'leader' }, kind: `visit.${kind}`, subject: { type: 'visit', id: after.id }, link: `/visits/${after.id}`,
      titleZh: zh[0], titleEn: en[0], bodyZh: zh[1], bodyEn: en[1], dedupeKey: `visit:${after.id}:${event.seq}:${i}`,
    });
    const notices: NotificationInput[] = [];
    const who = `${after.enterpriseName}（${after.plannedDate}）`;
    if (event.action === 'create') {
      notices.push(note(after.officeId, 'filed', [`【入企待审批】${who}`, `${event.actorName} 报备了入企，请审批。`], [`[Visit to approve] ${who}`, `${event.actorName} filed a visit; please approve it.`], 0));
      if (after.serviceWeek && !after.jointVisitId) {
        const others = await queryRows<{ office_id: number }>(tx, sql`select distinct office_id from visits where uscc = ${after.uscc} and service_week = ${after.serviceWeek}
          and joint_visit_id is null and status in ('filed', 'escalating', 'approved') and office_id <> ${after.officeId}`);
        if (others.length) {
          for (const officeId of [after.officeId, ...others.map((o) => o.office_id)]) {
            notices.push(note(officeId, 'joint_proposed', [`【建议联合入企】${after.enterpriseName}`, `${others.length + 1} 个部门计划在同一企业服务周（${after.serviceWeek}）到该企业入企，建议合并为一次联合入企。`],
              [`[Joint visit proposed] ${after.enterpriseName}`, `${others.length + 1} departments plan visits to this enterprise in the same service week (${after.serviceWeek}); merge them into one joint visit.`], notices.length));
          }
        }
      }
    } else {
      const reason = String((event.data as { reason?: string }).reason ?? '');
      const [zh, en] = event.action === 'refuse' ? ['未获批准', 'refused'] : ['已撤销', 'revoked'];
      notices.push({ ...note(after.officeId, event.action, [`【入企${zh}】${who}`, `理由：${reason}`], [`[Visit ${en}] ${who}`, `Reason: ${reason}`], 0), recipient: { officeId: after.officeId, role: 'handler' } });
    }
    await enqueueMany(tx, notices);
  },
};
