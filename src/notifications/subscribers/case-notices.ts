/**
 * Who hears about a change to a case (pure): the lead office's handlers when work arrives, the
 * intake centre when a reply or a request waits on it, supervisors when deadlines slip, the
 * requester when the case is answered or closed. Delivery goes through the outbox, so telling
 * people never blocks or fails the change itself. It follows the case's events as a subscriber:
 * the cases module never calls notifications.
 */
import type { Subscriber } from '../../platform/lifecycle/index.js';
import type { NotificationInput } from '../rules.js';
import { enqueueMany } from '../enqueue.js';
import { CASE_SUBJECT } from '../rules.js';
import { EVENT_NAMES, type CaseView } from '../../cases/contract.js';

type Recipient = NotificationInput['recipient'];

/** What the notices read of a case. */
interface NoticeCase extends Pick<CaseView, 'id' | 'code' | 'title' | 'leadOfficeId' | 'intakeOfficeId' | 'assistingOfficeIds' | 'confidential' | 'dueState'> {
  requesterUserId: number | null;
  requesterPhone: string | null;
  clockStartedAt: Date | null;
}

function notificationsFor(event: string, after: NoticeCase, data: Record<string, unknown>): NotificationInput[] {
  const lead = (role: 'handler' | 'supervisor'): Recipient | null => (after.leadOfficeId ? { officeId: after.leadOfficeId, role } : null);
  const intake = (role: 'dispatcher' | 'supervisor' | 'agent'): Recipient => ({ officeId: after.intakeOfficeId, role });
  const requester = (): Recipient | null =>
    after.requesterUserId ? { userId: after.requesterUserId } : after.requesterPhone && !after.confidential ? { phone: after.requesterPhone } : null;
  const name = (EVENT_NAMES as Record<string, { zh: string; en: string }>)[event] ?? { zh: event, en: event };
  const note = (zh: string, en: string, to: (Recipient | null)[], kind = `case.${event}`, dedupe?: string): NotificationInput[] =>
    to.filter((r): r is Recipient => r !== null).map((recipient, i) => ({
      recipient, kind, subject: { type: CASE_SUBJECT, id: after.id }, link: `/cases/${after.id}`,
      titleZh: `【${name.zh}】${after.code} ${after.title}`, titleEn: `[${name.en.charAt(0).toUpperCase()}${name.en.slice(1)}] ${after.code} ${after.title}`,
      bodyZh: zh, bodyEn: en, ...(dedupe ? { dedupeKey: `${dedupe}:${i}` } : {}),
    }));
  switch (event) {
    case 'dispatch':
    case 'transfer':
    case 'escalate':
    case 'reopen':
      return [
        ...note('有一件诉求交由贵单位主办，请按时签收办理。', 'A case has been assigned to your office to lead; please sign for it in time.', [lead('handler')]),
        ...(event === 'dispatch' ? after.assistingOfficeIds.flatMap((officeId) => note('贵单位为此诉求的协办单位。', 'Your office assists with this case.', [{ officeId, role: 'handler' }])) : []),
      ];
    case 'return':
      return note(`承办单位退单：${String(data.reason ?? '')}，请重新派单。`, `The handling office returned the case: ${String(data.reason ?? '')}. Please dispatch it again.`, [intake('dispatcher')]);
    case 'reply':
      return note('承办单位已答复，请审核。', 'The handling office has replied; please review.', [intake('dispatcher')]);
    case 'review':
      return data.decision === 'send_back'
        ? note(`答复被退回：${String(data.note ?? '')}`, `The reply was sent back: ${String(data.note ?? '')}`, [lead('handler')])
        : note('答复已审核通过，请安排回访。', 'The reply was accepted; please arrange the return visit.', [intake('agent')]);
    case 'request-extension':
      return note(`申请延期 ${String(data.days)} 个工作日：${String(data.reason ?? '')}`, `Extension of ${String(data.days)} working days requested: ${String(data.reason ?? '')}`, [intake('supervisor')]);
    case 'decide-extension':
      return note(data.approve ? '延期申请已批准，办理时限已顺延。' : '延期申请未获批准，请按原时限办理。', data.approve ? 'The extension was approved; the deadline moved.' : 'The extension was refused; the deadline stands.', [lead('handler')]);
    case 'supervise':
      return note(`督办（${String(data.level)}）：${String(data.note ?? '')}`, `Supervision notice (${String(data.level)}): ${String(data.note ?? '')}`, [lead('handler')]);
    case 'instruct':
      return note(`领导批示：${String(data.instruction ?? '')}`, `Leader's instruction: ${String(data.instruction ?? '')}`, [lead('handler'), intake('supervisor')]);
    case 'answer':
    case 'close':
      return note(`您的诉求已${event === 'answer' ? '答复' : '办结'}，欢迎评价。`, `Your case has been ${event === 'answer' ? 'answered' : 'closed'}; please tell us how we did.`, [requester()]);
    case 'deadline':
      if (data.dueState === 'overdue') {
        return note('诉求已超期，已自动红牌督办。', 'The case is overdue; a red-card supervision notice was raised.', [lead('handler'), intake('supervisor')], 'case.overdue', `case:${after.id}:overdue:${after.clockStartedAt?.getTime() ?? 0}`);
      }
      if (data.dueState === 'due_soon') {
        return note('诉求即将到期，请抓紧办理。', 'The case is nearly due; please hurry.', [lead('handler')], 'case.due_soon', `case:${after.id}:due_soon:${after.clockStartedAt?.getTime() ?? 0}`);
      }
      return [];
    default:
      return [];
  }
}

export const caseNoticesSubscriber: Subscriber<NoticeCase> = {
  name: 'notifications: case notices',
  type: 'case',
  actions: ['dispatch', 'transfer', 'escalate', 'reopen', 'return', 'reply', 'review', 'request-extension', 'decide-extension', 'supervise', 'instruct', 'answer', 'close', 'deadline'],
  async perform(tx, { event, before, after }) {
    // The sweep's entry tells people only when the due state moved, not when it recomputed a deadline.
    if (event.action === 'deadline' && before?.dueState === after.dueState) return;
    await enqueueMany(tx, notificationsFor(event.action, after, event.data));
  },
};
