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

/**
 * The detection settings an administrator may tune in the web app (`PUT /api/proactive/settings`),
 * each over the default its HOTSPOT_* environment variable gives; the others (how many recent
 * texts are clustered, how often detection runs) stay the operator's, in the environment.
 */
export const TUNABLE_SETTINGS = ['alpha', 'minCount', 'weeksTested', 'clusterMinSize', 'clusterDays'] as const;
export type TunableSetting = (typeof TUNABLE_SETTINGS)[number];
export type TunableValues = Record<TunableSetting, number>;

export interface TunableSpec {
  env: string;
  label: Bilingual;
  /** Whole numbers only. */
  integer: boolean;
  min: number;
  max: number;
  /** The bounds themselves are refused (a false-alarm rate of 0 or 0.5 means nothing). */
  exclusive?: boolean;
}

export const TUNABLES: Record<TunableSetting, TunableSpec> = {
  alpha: { env: 'HOTSPOT_ALPHA', label: { zh: '误报率（每个序列每周）', en: 'false-alarm rate (per series and week)' }, integer: false, min: 0, max: 0.5, exclusive: true },
  minCount: { env: 'HOTSPOT_MIN_COUNT', label: { zh: '每周最少诉求数', en: 'fewest appeals in a week' }, integer: true, min: 1, max: 100_000 },
  weeksTested: { env: 'HOTSPOT_WEEKS_TESTED', label: { zh: '每次检测的周数（含本周）', en: 'weeks tested each run (this one included)' }, integer: true, min: 1, max: 52 },
  clusterMinSize: { env: 'HOTSPOT_CLUSTER_MIN_SIZE', label: { zh: '相似诉求最少件数', en: 'fewest alike appeals' }, integer: true, min: 2, max: 10_000 },
  clusterDays: { env: 'HOTSPOT_CLUSTER_DAYS', label: { zh: '相似诉求的时间窗（天）', en: 'window of alike appeals (days)' }, integer: true, min: 1, max: 90 },
};

/** Why a value cannot be the setting, or null when it can. */
export function tunableProblem(key: TunableSetting, value: number): Bilingual | null {
  const s = TUNABLES[key];
  const ok = Number.isFinite(value) && (!s.integer || Number.isInteger(value)) && (s.exclusive ? value > s.min && value < s.max : value >= s.min && value <= s.max);
  if (ok) return null;
  const range = s.exclusive ? `${s.min}–${s.max}（不含两端）` : `${s.min}–${s.max}`;
  const rangeEn = s.exclusive ? `above ${s.min} and below ${s.max}` : `from ${s.min} to ${s.max}`;
  return { zh: `「${s.label.zh}」应为${s.integer ? '整数' : '数'} ${range}，收到 ${value}`, en: `"${s.label.en}" must be ${s.integer ? 'a whole number' : 'a number'} ${rangeEn}, got ${value}` };
}

/** `GET /api/proactive/settings`: the values in force, the environment's defaults and which are overridden. */
export interface ProactiveSettingsView {
  values: TunableValues;
  defaults: TunableValues;
  overridden: TunableSetting[];
  version: number;
}

/** The settings as the API answers them: with whether the viewer may change them. */
export interface ProactiveSettingsPage extends ProactiveSettingsView {
  canChange: boolean;
}
