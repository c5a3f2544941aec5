/**
 * Hotspots and proactive tasks (主动治理任务) as item types of the lifecycle kernel, as pure rules:
 * their statuses, who reads them and who takes each action.
 *
 * A hotspot belongs to the office that took its appeals in; its supervisors and leaders, and
 * those of the offices above it, watch it: they dismiss it with a reason or turn it into a task.
 * A task is supervised by the office that set it (the hotspot's, or its creator's) and worked by
 * its owner office, with assisting offices adding their progress.
 */
import { permitted, type ActingRole, type ItemRow, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import {
  HOTSPOT_STATUS_NAMES, TASK_STATUS_NAMES, type DueState, type HotspotAction, type HotspotKind, type HotspotStatus, type TaskAction, type TaskStatus,
} from './contract.js';

/** How an actor stands to a hotspot: its office is in the actor's subtree. */
export type HotspotRelation = 'watching';

export interface HotspotRow extends ItemRow<HotspotStatus> {
  officeId: number;
  kind: HotspotKind;
  seriesKey: string;
  categoryId: number | null;
  regionCode: string | null;
  address: string | null;
  uscc: string | null;
  weekStart: string;
  observed: number;
  basis: Record<string, unknown>;
  caseIds: number[];
  terms: string[];
  whyZh: string;
  whyEn: string;
  dismissedReason: string | null;
  taskId: number | null;
  detectedAt: Date;
  updatedAt: Date;
}

const WATCHERS: readonly Permit<HotspotRelation>[] = [{ role: 'supervisor', relation: 'watching' }, { role: 'leader', relation: 'watching' }];

export const HOTSPOT_LIFECYCLE: Lifecycle<HotspotRow, HotspotStatus, HotspotRelation, HotspotAction> = {
  type: 'hotspot',
  label: { zh: '热点', en: 'hotspot' },
  statuses: HOTSPOT_STATUS_NAMES,
  readers: WATCHERS,
  scope: { zh: '且热点所属受理单位在您的单位之下', en: 'in the office that took the hotspot\'s appeals in, or above it' },
  actions: {
    dismiss: { label: { zh: '排除', en: 'dismiss' }, from: ['new'], to: 'dismissed', permits: WATCHERS },
    task: { label: { zh: '立项', en: 'turn into a task' }, from: ['new'], to: 'tasked', permits: WATCHERS },
  },
};

/**
 * How an actor stands to a task:
 * - `supervising`: the office that set it is in the actor's subtree;
 * - `owner`: the owner office is in the actor's subtree;
 * - `assisting`: an assisting office is.
 */
export type TaskRelation = 'supervising' | 'owner' | 'assisting';

export interface TaskRow extends ItemRow<TaskStatus> {
  scopeOfficeId: number;
  ownerOfficeId: number;
  assistingOfficeIds: number[];
  hotspotId: number | null;
  title: string;
  description: string;
  caseIds: number[];
  limitDays: number;
  dueAt: Date;
  dueState: DueState;
  wasOverdue: boolean;
  topicMonth: string | null;
  result: string | null;
  finishedAt: Date | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const at = (relation: TaskRelation, ...roles: ActingRole[]): Permit<TaskRelation>[] => roles.map((role) => ({ role, relation }));
const SUPERVISORS = at('supervising', 'supervisor', 'leader');
const OPEN: TaskStatus[] = ['assigned', 'handling'];

export const TASK_LIFECYCLE: Lifecycle<TaskRow, TaskStatus, TaskRelation, TaskAction> = {
  type: 'proactive_task',
  label: { zh: '主动治理任务', en: 'proactive task' },
  statuses: TASK_STATUS_NAMES,
  readers: [...SUPERVISORS, ...at('owner', 'handler', 'supervisor', 'leader'), ...at('assisting', 'handler', 'supervisor', 'leader')],
  scope: { zh: '且任务由您的单位督办、牵头或协办', en: 'in the office supervising, owning or assisting the task' },
  create: { label: { zh: '立项', en: 'set' }, to: 'assigned', permits: SUPERVISORS },
  actions: {
    sign: { label: { zh: '签收', en: 'sign for' }, from: ['assigned'], to: 'handling', permits: at('owner', 'handler') },
    'add-note': { label: { zh: '填报进展', en: 'add progress to' }, from: OPEN, permits: at('owner', 'handler').concat(at('assisting', 'handler')), unversioned: true },
    supervise: { label: { zh: '督办', en: 'supervise' }, from: OPEN, permits: SUPERVISORS, unversioned: true },
    'link-cases': { label: { zh: '关联诉求', en: 'link cases to' }, from: OPEN, permits: [...SUPERVISORS, ...at('owner', 'handler')] },
    'choose-topic': {
      label: { zh: '选为每月一题', en: 'choose as the monthly topic' }, from: OPEN, permits: at('supervising', 'leader'),
      blockedBy: (row) => (row.topicMonth ? { code: 'already_topic', zh: `该任务已是 ${row.topicMonth} 的每月一题`, en: `The task is already the monthly topic of ${row.topicMonth}` } : null),
    },
    finish: { label: { zh: '办结', en: 'finish' }, from: ['handling'], to: 'finished', permits: at('owner', 'handler') },
  },
};

/** Who may set a task (the lifecycle's create rule), for the list page's button. */
export const maySetTask = (roles: readonly ActingRole[], relations: readonly TaskRelation[]) => permitted(SUPERVISORS, roles, relations);
