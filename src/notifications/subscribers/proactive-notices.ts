/**
 * Who hears about hotspots and proactive tasks, following their events as a subscriber: the
 * supervisors and leaders of a hotspot's office when it is found (in-app, and the webhook with
 * every notice); the owner office's handlers when a task is set, supervised or falls due soon or
 * overdue, and the assisting offices' handlers when it is set; the supervising office's
 * supervisors and leaders when it falls overdue or is finished.
 */
import type { Subscriber } from '../../platform/lifecycle/index.js';
import type { NotificationInput } from '../rules.js';
import { enqueueMany } from '../enqueue.js';
import { HOTSPOT_LIFECYCLE, TASK_LIFECYCLE, type HotspotRow, type TaskRow } from '../../proactive/lifecycle.js';

type Recipient = NotificationInput['recipient'];

export const hotspotNoticesSubscriber: Subscriber<HotspotRow> = {
  name: 'hotspot notices',
  type: HOTSPOT_LIFECYCLE.type,
  actions: ['detect'],
  async perform(tx, { event, after }) {
    const note = (role: 'supervisor' | 'leader'): NotificationInput => ({
      recipient: { officeId: after.officeId, role }, kind: 'hotspot.detect', subject: { type: HOTSPOT_LIFECYCLE.type, id: after.id }, link: `/hotspots/${after.id}`,
      titleZh: `【新热点】${after.weekStart} 起一周 ${after.observed} 件`, titleEn: `[New hotspot] ${after.observed} appeals in the week of ${after.weekStart}`,
      bodyZh: after.whyZh, bodyEn: after.whyEn, dedupeKey: `hotspot:${after.id}:${event.seq}:${role}`,
    });
    await enqueueMany(tx, [note('supervisor'), note('leader')]);
  },
};

export const proactiveTaskNoticesSubscriber: Subscriber<TaskRow> = {
  name: 'proactive task notices',
  type: TASK_LIFECYCLE.type,
  actions: ['create', 'supervise', 'deadline', 'finish'],
  async perform(tx, { event, after }) {
    const notices: NotificationInput[] = [];
    const note = (recipient: Recipient, zh: string, en: string): NotificationInput => ({
      recipient, kind: `proactive_task.${event.action}`, subject: { type: TASK_LIFECYCLE.type, id: after.id }, link: `/proactive-tasks/${after.id}`,
      titleZh: `【主动治理任务】${after.title}`, titleEn: `[Proactive task] ${after.title}`, bodyZh: zh, bodyEn: en,
      dedupeKey: `proactive_task:${after.id}:${event.seq}:${notices.length}`,
    });
    const data = event.data as { note?: string; level?: string };
    const owner = { officeId: after.ownerOfficeId, role: 'handler' as const };
    if (event.action === 'create') {
      notices.push(note(owner, `贵单位牵头办理，请签收，时限至 ${after.dueAt.toISOString().slice(0, 10)}。`, `Your office owns this task; please sign for it (due ${after.dueAt.toISOString().slice(0, 10)}).`));
      for (const officeId of after.assistingOfficeIds) notices.push(note({ officeId, role: 'handler' }, '贵单位协办此任务。', 'Your office assists with this task.'));
    }
    if (event.action === 'supervise') notices.push(note(owner, `督办意见：${data.note ?? ''}`, `Supervision: ${data.note ?? ''}`));
    if (event.action === 'deadline' && after.dueState !== 'on_time') {
      const late = after.dueState === 'overdue';
      notices.push(note(owner, late ? '任务已超过办理时限。' : '任务临近办理时限。', late ? 'The task is past its deadline.' : 'The task is close to its deadline.'));
      if (late) for (const role of ['supervisor', 'leader'] as const) notices.push(note({ officeId: after.scopeOfficeId, role }, '任务已超过办理时限。', 'The task is past its deadline.'));
    }
    if (event.action === 'finish') {
      for (const role of ['supervisor', 'leader'] as const) notices.push(note({ officeId: after.scopeOfficeId, role }, `已办结：${after.result ?? ''}`, `Finished: ${after.result ?? ''}`));
    }
    await enqueueMany(tx, notices);
  },
};
