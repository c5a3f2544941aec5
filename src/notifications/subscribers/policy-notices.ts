/**
 * What an enterprise hears about the policies pushed to it (惠企政策), following the pushes'
 * events as a subscriber: the push itself with the reasons it qualifies, and the decision — a
 * grant with its amount (免申即享 says no application was needed) or a decline with its reason.
 * Each goes to the enterprise's users in the app and to the webhook (the county's SMS gateway).
 */
import type { ItemChange, Subscriber } from '../../platform/lifecycle/index.js';
import type { NotificationInput } from '../rules.js';
import { enqueueManySql, enqueueNotification } from '../enqueue.js';
import { MATCH_LIFECYCLE, type MatchRow } from '../../policies/lifecycle.js';

const yuan = (amount: unknown) => (typeof amount === 'number' ? `${amount.toLocaleString('zh-CN')} 元` : '');

function told(action: string, data: Record<string, unknown>, after: MatchRow): { zh: string; en: string } | null {
  switch (action) {
    case 'push': {
      const reasons = after.evaluation.conditions;
      return {
        zh: reasons.length ? `贵企业符合以下条件：${reasons.map((c) => c.reason.zh).join('；')}` : '该政策面向全部企业。',
        en: reasons.length ? `Your enterprise meets: ${reasons.map((c) => c.reason.en).join('; ')}` : 'The policy is open to every enterprise.',
      };
    }
    case 'grant': return data.automatic
      ? { zh: `免申即享：无需申请，已为贵企业兑现${yuan(data.amount) ? ` ${yuan(data.amount)}` : ''}。`, en: `Granted without an application (免申即享)${typeof data.amount === 'number' ? `: ${data.amount} yuan` : ''}.` }
      : { zh: `贵企业的申请已兑现 ${yuan(data.amount)}。`, en: `Your application was granted: ${String(data.amount)} yuan.` };
    case 'decline': return { zh: `贵企业的申请未予兑现：${String(data.reason)}`, en: `Your application was declined: ${String(data.reason)}` };
    default: return null;
  }
}

function noticeOf({ event, after }: ItemChange<MatchRow>): NotificationInput | null {
  const body = told(event.action, event.data as Record<string, unknown>, after);
  if (!body) return null;
  const title = after.policyTitle;
  return {
    recipient: { enterpriseUscc: after.uscc }, kind: `policy.${event.action}`, subject: { type: MATCH_LIFECYCLE.type, id: after.id }, link: '/policies/for-me',
    titleZh: event.action === 'push' ? `【惠企政策】为您匹配：${title}` : `【惠企政策】${title}`, titleEn: event.action === 'push' ? `[Policy] Matched for you: ${title}` : `[Policy] ${title}`,
    bodyZh: body.zh, bodyEn: body.en, dedupeKey: `policy_match:${after.id}:${event.seq}`,
  };
}

export const policyNoticesSubscriber: Subscriber<MatchRow> = {
  name: 'policy notices',
  type: MATCH_LIFECYCLE.type,
  actions: ['push', 'grant', 'decline'],
  async perform(tx, change) {
    const notice = noticeOf(change);
    if (notice) await enqueueNotification(tx, notice);
  },
  // A publication pushes to many enterprises at once: their notices are one statement.
  createdInBulk: (changes) => enqueueManySql(changes.flatMap((c) => noticeOf(c) ?? [])),
};
