/**
 * Who hears about a change to an application (办件), following its events as a subscriber: its
 * owner of every step taken by someone else (首位确认制: the first owner follows it to the end);
 * each department's reviewers when a stage sends it to them or a branch is sent back; the
 * applicant when something is asked of them or decided (the missing materials, a department's
 * request, an extension with its reason, the refusal, the certificate); the implementing
 * department's leaders when it falls due soon or overdue.
 */
import type { Subscriber } from '../../platform/lifecycle/index.js';
import type { NotificationInput } from '../rules.js';
import { enqueueMany } from '../enqueue.js';
import type { ApplicationItem } from '../../approvals/applications/lifecycle.js';
import { APPLICATION_LIFECYCLE } from '../../approvals/applications/lifecycle.js';

type Recipient = NotificationInput['recipient'];

const actionName = (action: string) => (APPLICATION_LIFECYCLE.actions as Record<string, { label: { zh: string; en: string } }>)[action]?.label
  ?? (action === 'create' ? { zh: '收件', en: 'take in' } : action === 'deemed-accepted' ? { zh: '视为受理', en: 'deemed accepted' } : action === 'deadline' ? { zh: '时限提醒', en: 'deadline' } : action === 'supplement-missed' ? { zh: '逾期未补齐，终止办理', en: 'end: supplements missed' }
    : action === 'review-appeal' ? { zh: '差评整改进展', en: 'progress on a bad review' } : { zh: action, en: action });

const DELIVERED: Record<string, { zh: string; en: string }> = {
  in_person: { zh: '已送证上门', en: 'delivered to you in person' }, post: { zh: '已邮寄', en: 'sent by post' }, pickup: { zh: '已在窗口领取', en: 'picked up at the window' },
};

function applicantNotice(action: string, data: Record<string, unknown>, after: ApplicationItem): { zh: string; en: string } | null {
  switch (action) {
    case 'notify-missing': return { zh: `请一次性补正以下材料：${(data.missing as { name: string }[]).map((m) => m.name).join('、')}`, en: `Please supply, all at once: ${(data.missing as { name: string }[]).map((m) => m.name).join(', ')}` };
    case 'ask-more': return { zh: `${String(data.departmentName)}要求补充：${String(data.reason)}`, en: `${String(data.departmentName)} asks for more: ${String(data.reason)}` };
    case 'extend': return { zh: `审查期限延长 ${String(data.days)} 个工作日，理由：${String(data.reason)}`, en: `The time limit is extended by ${String(data.days)} working days: ${String(data.reason)}` };
    case 'refuse': return after.status === 'refused' ? { zh: `不予许可：${after.refusalReason}`, en: `Refused: ${after.refusalReason}` } : null;
    case 'issue': return { zh: `证照已制发，编号 ${String(data.resultNumber)}`, en: `Issued, number ${String(data.resultNumber)}` };
    case 'supplement-missed': return { zh: '容缺材料逾期未补齐，办件已终止', en: 'The materials owed were not supplied in time; the application has ended' };
    case 'deliver': {
      const how = DELIVERED[String(data.method)] ?? { zh: '已送达', en: 'delivered' };
      const post = data.method === 'post' ? { zh: `，${data.carrier ? `${String(data.carrier)} ` : ''}运单号 ${String(data.trackingNumber)}`, en: `, ${data.carrier ? `${String(data.carrier)} ` : ''}tracking number ${String(data.trackingNumber)}` } : { zh: `，签收人 ${String(data.receipt)}`, en: `, signed for by ${String(data.receipt)}` };
      return { zh: `证照${how.zh}${post.zh}`, en: `Your certificate was ${how.en}${post.en}` };
    }
    case 'revoke-certificate': return { zh: `证照 ${after.resultNumber} 已被撤销，理由：${String(data.reason)}`, en: `Certificate ${after.resultNumber} has been revoked: ${String(data.reason)}` };
    case 'review-appeal': return data.caseAction === 'reply' ? { zh: `您的差评已由${after.officeName}答复：${String(data.reply)}`, en: `${after.officeName} has replied to your bad review: ${String(data.reply)}` } : null;
    default: return null;
  }
}

export const applicationNoticesSubscriber: Subscriber<ApplicationItem> = {
  name: 'application notices',
  type: APPLICATION_LIFECYCLE.type,
  async perform(tx, { event, after }) {
    const name = actionName(event.action);
    const data = event.data as Record<string, unknown>;
    const note = (recipient: Recipient, zh: string, en: string, i: number): NotificationInput => ({
      recipient, kind: `application.${event.action}`, subject: { type: APPLICATION_LIFECYCLE.type, id: after.id }, link: `/applications/${after.id}`,
      titleZh: `【办件${name.zh}】${after.itemName}（${after.applicantName}）`, titleEn: `[Application: ${name.en}] ${after.itemName} (${after.applicantName})`,
      bodyZh: zh, bodyEn: en, dedupeKey: `application:${after.id}:${event.seq}:${i}`,
    });
    const notices: NotificationInput[] = [];
    if (after.ownerUserId !== null && after.ownerUserId !== event.actorUserId) {
      notices.push(note({ userId: after.ownerUserId }, `${event.actorName}：${name.zh}`, `${event.actorName}: ${name.en}`, 0));
    }
    if (event.action === 'start-stage') {
      for (const d of data.departments as { id: number }[]) notices.push(note({ officeId: d.id, role: 'reviewer' }, '有一件办件发往贵部门审查，请签收。', 'An application has been sent to your department for review; please sign for it.', notices.length));
    }
    if (event.action === 'send-back' || event.action === 'supply') {
      notices.push(note({ officeId: Number(data.departmentId), role: 'reviewer' }, event.action === 'supply' ? '申请人已补充材料，请继续审查。' : `退回重审：${String(data.reason)}`,
        event.action === 'supply' ? 'The applicant has supplied what you asked for; please review again.' : `Sent back for review: ${String(data.reason)}`, notices.length));
    }
    // Due soon and overdue are supervised: the implementing department's leaders hear of them.
    if (event.action === 'deadline' && after.dueState !== 'on_time') {
      const late = after.dueState === 'overdue';
      notices.push(note({ officeId: after.officeId, role: 'leader' }, late ? '办件已超过承诺时限。' : '办件临近承诺时限。', late ? 'The application is past its committed limit.' : 'The application is close to its committed limit.', notices.length));
    }
    const told = applicantNotice(event.action, data, after);
    if (told && after.applicantUscc) notices.push(note({ enterpriseUscc: after.applicantUscc }, told.zh, told.en, notices.length));
    else if (told && after.applicantPhone) notices.push(note({ phone: after.applicantPhone }, told.zh, told.en, notices.length));
    await enqueueMany(tx, notices);
  },
};
