/**
 * What the platform speaks to the web app: the roles every actor holds, and what every work
 * item's view says about its actions and its events. The roles live in the platform, not in
 * people, because the Actor (platform/actor.ts) is made of them and the platform imports no
 * capability module. Constants and types only — no imports — so the browser bundle can take it
 * as it is. Who may do what with a role stays in the modules that decide it.
 */

export const ROLES = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise', 'window_agent', 'reviewer', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'administrator' },
  agent: { zh: '话务员', en: 'agent' },
  dispatcher: { zh: '派单员', en: 'dispatcher' },
  handler: { zh: '承办人', en: 'handler' },
  supervisor: { zh: '督办员', en: 'supervisor' },
  leader: { zh: '领导', en: 'leader' },
  enterprise: { zh: '企业用户', en: 'enterprise user' },
  window_agent: { zh: '综合窗口人员', en: 'window agent' },
  reviewer: { zh: '审批人员', en: 'reviewer' },
  inspector: { zh: '执法检查人员', en: 'inspector' },
};

// Work items (the lifecycle kernel, src/platform/lifecycle/): the actions open to the viewer
// now, and those their role allows in this status but the item's own state blocks, with the
// reason to show beside the disabled button.

export interface Bilingual {
  zh: string;
  en: string;
}

/** Why an action is refused by the item's state (409 with this code when tried anyway). */
export interface BlockedReason extends Bilingual {
  code: string;
  /** 400 when the person fixes it by correcting the item's own data (an article's expired validity), not by waiting. */
  httpStatus?: 400 | 409;
  /** What the 409 tells the client beyond the item's status (the status of another item that refuses it). */
  details?: Record<string, unknown>;
}

export interface BlockedAction<A extends string = string> {
  action: A;
  code: string;
  messageZh: string;
  messageEn: string;
}

/** What every work item's event records, as timelines show it (the event's hash covers all of it). */
export interface EventRecord<S extends string = string> {
  seq: number;
  /** ISO instant with milliseconds, UTC. */
  at: string;
  /** The action's name; read as any string, so an action added later still shows. */
  action: string;
  actorUserId: number | null;
  actorName: string;
  actorOfficeId: number | null;
  fromStatus: S | null;
  toStatus: S;
  data: Record<string, unknown>;
}

// The enterprise page (企业档案) shows what every module does with an enterprise: each module
// contributes a section (manifest `enterpriseSections`) of items in this one shape, so the page
// shows a module's work without knowing the module.

/** One item of a module's work with an enterprise: a case, an application, a visit… */
export interface EnterpriseSectionItem {
  id: number;
  /** The item's own number (a case's code). */
  code: string;
  title: string;
  status: string;
  statusName: Bilingual;
  /** When it began, ISO instant. */
  at: string;
  /** Where the web app shows it (`/cases/12`). */
  path: string;
}

export interface EnterpriseSectionContent {
  /** How many the viewer may see; `items` holds the newest of them. */
  total: number;
  items: EnterpriseSectionItem[];
  /** A page of the module's about the enterprise beyond its items (the facts policies read). */
  link?: { path: string; label: Bilingual };
}

// Figure sections: a module's figures on the evaluation dashboard (manifest `figureSections`),
// in one shape, so the dashboard, its tables and their xlsx show a module's figures without
// knowing the module.

export const FIGURE_GROUP_BYS = ['office', 'region', 'month', 'item'] as const;
export type FigureGroupBy = (typeof FIGURE_GROUP_BYS)[number];
export const FIGURE_GROUP_BY_NAMES: Record<FigureGroupBy, Bilingual> = {
  office: { zh: '部门', en: 'department' }, region: { zh: '行政区划', en: 'region' }, month: { zh: '月份', en: 'month' }, item: { zh: '事项', en: 'service item' },
};

/** count: a number of items; ratio: a fraction (0.25 is 25 %); days: working days. */
export type FigureKind = 'count' | 'ratio' | 'days';

export interface FigureDefinition {
  code: string;
  label: Bilingual;
  kind: FigureKind;
  /** Shown on the dashboard's card. */
  headline?: boolean;
}

export interface FigureSectionMeta {
  code: string;
  title: Bilingual;
  /** What the figures count and how a period is read (a task counts in the year its period ends…). */
  note: Bilingual;
  figures: FigureDefinition[];
  groupBy: FigureGroupBy[];
  /** Where the module's own list is in the web app. */
  listPath: string;
}

export interface FigureSectionRow {
  key: string;
  name: string;
  values: Record<string, number | null>;
  /** The web app's list of the items a figure counted in this row (`/approvals/applications?figure=…`), by figure code; absent where the list cannot show exactly them. */
  drillDown: Record<string, string>;
}

export interface FigureSectionTable {
  section: FigureSectionMeta;
  from: string;
  to: string;
  groupBy: FigureGroupBy;
  rows: FigureSectionRow[];
  total: FigureSectionRow;
}
