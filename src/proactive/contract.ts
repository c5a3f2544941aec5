/**
 * What proactive governance (未诉先办) speaks, shared by the server and the web app: hotspot and
 * task statuses with their names, the actions, and the JSON shapes of hotspots, tasks, their
 * trend and effect, and repeat callers. Constants and types only (no imports the browser lacks).
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export const HOTSPOT_KINDS = ['category_region', 'address', 'enterprise', 'text_cluster'] as const;
export type HotspotKind = (typeof HOTSPOT_KINDS)[number];
export const HOTSPOT_KIND_NAMES: Record<HotspotKind, Bilingual> = {
  category_region: { zh: '类别 × 区域', en: 'category × region' },
  address: { zh: '地址', en: 'address' },
  enterprise: { zh: '企业', en: 'enterprise' },
  text_cluster: { zh: '相似诉求', en: 'alike appeals' },
};

export const HOTSPOT_STATUSES = ['new', 'dismissed', 'tasked'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];
export const HOTSPOT_STATUS_NAMES: Record<HotspotStatus, Bilingual> = {
  new: { zh: '新发现', en: 'new' },
  dismissed: { zh: '已排除', en: 'dismissed' },
  tasked: { zh: '已立项', en: 'turned into a task' },
};
export const HOTSPOT_ACTIONS = ['dismiss', 'task'] as const;
export type HotspotAction = (typeof HOTSPOT_ACTIONS)[number];

export const TASK_STATUSES = ['assigned', 'handling', 'finished'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_NAMES: Record<TaskStatus, Bilingual> = {
  assigned: { zh: '待签收', en: 'assigned' },
  handling: { zh: '办理中', en: 'in hand' },
  finished: { zh: '已办结', en: 'finished' },
};
export const TASK_ACTIONS = ['sign', 'add-note', 'supervise', 'link-cases', 'choose-topic', 'finish'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export type DueState = 'on_time' | 'due_soon' | 'overdue';

export interface HotspotView {
  id: number;
  officeId: number;
  officeName: string;
  kind: HotspotKind;
  categoryId: number | null;
  categoryName: string | null;
  regionCode: string | null;
  regionName: string | null;
  address: string | null;
  uscc: string | null;
  /** The week flagged, as its Monday, and its ISO label (2026-W49). */
  weekStart: string;
  week: string;
  observed: number;
  /** For a series: {method, weeks, total, expected, pValue, alpha}; for a cluster: {similarity, categoryIds, windowDays}. */
  basis: Record<string, unknown>;
  caseIds: number[];
  /** The case list's query string listing exactly its cases (its series in its week); null for a cluster. */
  caseListQuery: string | null;
  terms: string[];
  why: Bilingual;
  status: HotspotStatus;
  dismissedReason: string | null;
  taskId: number | null;
  detectedAt: string;
  version: number;
  actions: HotspotAction[];
}

export interface TrendPoint {
  weekStart: string;
  week: string;
  count: number;
  /** The same week 52 weeks earlier. */
  lastYear: number;
}

export interface HotspotPage {
  items: HotspotView[];
  total: number;
}

export interface TaskNote {
  seq: number;
  at: string;
  action: 'add-note' | 'supervise';
  actorName: string;
  officeName: string | null;
  note: string;
  level?: string;
}

export interface EffectView {
  weeks: number;
  before: number;
  after: number;
  beforeLastYear: number;
  afterLastYear: number;
  change: number | null;
  seasonalChange: number | null;
  netChange: number | null;
}

export interface TaskView {
  id: number;
  scopeOfficeId: number;
  scopeOfficeName: string;
  ownerOfficeId: number;
  ownerOfficeName: string;
  assistingOffices: { id: number; name: string }[];
  hotspotId: number | null;
  title: string;
  description: string;
  caseIds: number[];
  limitDays: number;
  dueAt: string;
  dueState: DueState;
  wasOverdue: boolean;
  topicMonth: string | null;
  result: string | null;
  finishedAt: string | null;
  status: TaskStatus;
  createdAt: string;
  version: number;
  actions: TaskAction[];
  notes: TaskNote[];
  /** For a finished task with a hotspot: its series before and after. */
  effect: EffectView | null;
}

export interface TaskPage {
  items: TaskView[];
  total: number;
}

export interface RepeatCallerView {
  phone: string;
  categoryId: number | null;
  categoryName: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
  cases: { id: number; code: string; title: string; status: string }[];
}
