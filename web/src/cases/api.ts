// The appeals (诉求) API as the web app uses it. The shapes mirror the server's
// (src/cases/view.ts CaseView, lifecycle.ts statuses and actions, record.ts channels,
// deadlines.ts types and priorities, commands/actions.ts inputs, ledger/queries.ts) without
// importing server files.
import { api, buildUrl, type ListResponse, type Role } from '../shell';

export const CASE_STATUSES = ['accepted', 'answered', 'dispatched', 'handling', 'replied', 'reviewed', 'closed', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'answer', 'dispatch', 'sign', 'return', 'transfer', 'reply', 'review', 'request-extension', 'decide-extension',
  'return-visit', 'close', 'reopen', 'merge', 'supervise', 'escalate', 'instruct', 'comment', 'pause-clock', 'resume-clock', 'evaluate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Everything that can appear on a timeline: the actions and the system's own entries. */
export const EVENT_ACTIONS = ['create', ...CASE_ACTIONS, 'merged-in', 'deadline', 'rectification-plan', 'rectification-progress'] as const;

export const CASE_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DUE_STATES = ['on_time', 'due_soon', 'overdue'] as const;
export type DueState = (typeof DUE_STATES)[number];

export const REQUESTER_KINDS = ['person', 'enterprise', 'anonymous'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** Which channels each role takes in (server: createCase.ts CHANNELS_BY_ROLE). */
export const CHANNELS_BY_ROLE: Partial<Record<Role, readonly Channel[]>> = {
  agent: ['hotline', 'web', 'mailbox', 'wechat_group', 'onsite_visit'],
  dispatcher: ['hotline', 'web', 'mailbox', 'wechat_group', 'onsite_visit'],
  supervisor: ['supervisor_report', 'onsite_visit'],
  leader: ['leader_hotline', 'onsite_visit'],
  handler: ['onsite_visit'],
  enterprise: ['enterprise_portal'],
};

/** The channels a person with these roles may take appeals from, in the order of CHANNELS. */
export function intakeChannels(roles: readonly Role[]): Channel[] {
  const allowed = new Set(roles.flatMap((r) => CHANNELS_BY_ROLE[r] ?? []));
  return CHANNELS.filter((c) => allowed.has(c));
}

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const VISIT_CONTACTS = ['reached', 'unreachable', 'refused'] as const;
export type VisitContact = (typeof VISIT_CONTACTS)[number];
export const SUPERVISION_LEVELS = ['normal', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];
export const PAUSE_REASONS = ['awaiting_requester', 'excluded_step'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
/** Where a matter outside the hotline's scope belongs (closing an undispatched case). */
export const OUT_OF_SCOPE_ROUTES = [
  'emergency_110', 'emergency_119', 'emergency_120', 'emergency_122', 'court', 'arbitration', 'discipline',
  'administrative_review', 'information_disclosure', 'petition',
] as const;
export type OutOfScopeRoute = (typeof OUT_OF_SCOPE_ROUTES)[number];

export interface Deadline {
  step: 'sign' | 'reply';
  dueAt: string;
  state: DueState;
  /** Office minutes left; negative once overdue. */
  minutesLeft: number;
  paused: boolean;
}

/** The requester as the server shows them to this viewer: masked phone, or hidden (保密). */
export interface Requester {
  kind: RequesterKind;
  name: string | null;
  phone: string | null;
  uscc: string | null;
  hidden: boolean;
}

export interface Visit {
  contact: VisitContact | string;
  resolved: boolean | null;
  satisfaction: Satisfaction | string | null;
  note?: string;
  at: string;
}

export interface Evaluation {
  satisfaction: Satisfaction | string;
  comment?: string;
  at: string;
}

export interface PendingExtension {
  days: number;
  reason: string;
  requestedBy: string;
  at: string;
}

export interface CaseView {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  channel: Channel;
  type: CaseType;
  priority: Priority;
  title: string;
  content: string;
  address: string | null;
  regionCode: string | null;
  categoryId: number | null;
  requester: Requester;
  confidential: boolean;
  intakeOfficeId: number;
  intakeOfficeName: string | null;
  leadOfficeId: number | null;
  leadOfficeName: string | null;
  assistingOfficeIds: number[];
  assistingOfficeNames: string[];
  acceptedAt: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  reviewedAt: string | null;
  closedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  deadline: Deadline | null;
  dueState: DueState;
  wasOverdue: boolean;
  clockPaused: boolean;
  pendingExtension: PendingExtension | null;
  extensionsGranted: number;
  reply: string | null;
  outcome: string | null;
  visit: Visit | null;
  evaluation: Evaluation | null;
  supervisionLevel: SupervisionLevel | string | null;
  returnCount: number;
  transferCount: number;
  reopenCount: number;
  escalationLevel: number;
  mergedIntoId: number | null;
  actions: CaseAction[];
}

/** What an action answers when the case left the actor's sight (a return, a transfer down, an escalation). */
export interface HiddenCase {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  visible: false;
}

export type ActionResult = CaseView | HiddenCase;

export function isHidden(r: ActionResult): r is HiddenCase {
  return (r as HiddenCase).visible === false;
}

export interface CaseEvent {
  caseId: number;
  seq: number;
  at: string;
  action: string;
  actorUserId: number | null;
  actorName: string;
  actorOfficeId: number | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface CasePage {
  items: CaseView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseFilter {
  status?: readonly CaseStatus[];
  type?: CaseType;
  channel?: Channel;
  priority?: Priority;
  dueState?: DueState;
  overdueOnly?: boolean;
  leadOfficeId?: number;
  intakeOfficeId?: number;
  categoryId?: number;
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface IntakeInput {
  channel: Channel;
  type: CaseType;
  priority?: Priority;
  title: string;
  content: string;
  address?: string | null;
  regionCode?: string | null;
  categoryId?: number | null;
  requester: { kind: RequesterKind; name?: string | null; phone?: string | null; uscc?: string | null };
  confidential?: boolean;
}

export interface CreatedCase {
  id: number;
  code: string;
  version: number;
  status: 'accepted';
  /** Issued for a named requester: with the code it lets them follow the case on the public page. */
  lookupSecret?: string;
}

export interface DuplicateHint {
  id: number;
  code: string;
  title: string;
  status: CaseStatus;
  acceptedAt: string;
  sameRequester: boolean;
  sameAddress: boolean;
  /** Share of the new text's terms found in this case, 0–1. */
  similarity: number;
}

export interface ArticleSuggestion {
  id: number;
  title: string;
  question: string;
  answer: string;
  category: string;
  officeId: number;
  officeName: string;
  regionCode: string | null;
  useCount: number;
  score: number;
}

export interface IntakeHints {
  duplicates: DuplicateHint[];
  articles: ArticleSuggestion[];
}

export interface IntakeProbe {
  title: string;
  content?: string;
  phone?: string;
  address?: string;
  uscc?: string;
}

export interface Category {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  path: string;
  active: boolean;
  version: number;
}

export interface DispatchSuggestion {
  id: number;
  categoryId: number;
  categoryName: string;
  regionCode: string;
  regionName: string;
  officeId: number;
  officeName: string;
  note: string | null;
  version: number;
}

/** The input of each action (server: commands/actions.ts); `version` is added when sending. */
export interface ActionInputs {
  answer: { answer: string; knowledgeArticleId?: number };
  dispatch: { leadOfficeId: number; assistingOfficeIds?: number[]; note?: string };
  sign: Record<string, never>;
  return: { reason: string };
  transfer: { toOfficeId: number; reason: string };
  reply: { reply: string };
  review: { decision: 'accept' | 'send_back'; note?: string };
  'request-extension': { days: number; reason: string };
  'decide-extension': { approve: boolean; note?: string };
  'return-visit': { contact: VisitContact; resolved?: boolean; satisfaction?: Satisfaction; note?: string };
  close: { outOfScopeRoute?: OutOfScopeRoute; explanation?: string };
  reopen: { reason: string };
  merge: { intoCaseId: number; note?: string };
  supervise: { level: SupervisionLevel; note: string };
  escalate: { reason: string };
  instruct: { instruction: string };
  comment: { text: string };
  'pause-clock': { reason: PauseReason; note: string };
  'resume-clock': { note?: string };
  evaluate: { satisfaction: Satisfaction; comment?: string };
}

// ---------------------------------------------------------------------------------------------
// The enterprise problem ledger (整改台账)

export const PLAN_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const LEDGER_STATUSES = ['planned', 'in_progress', 'done', 'overdue', 'none'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface PlanView {
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId: number;
  responsibleOfficeName: string;
  deadline: string;
  status: PlanStatus;
  ledgerStatus: Exclude<LedgerStatus, 'none'>;
  daysOverdue: number;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProgressView {
  id: number;
  week: string;
  weekStart: string;
  kind: 'progress' | 'supervision';
  note: string;
  authorName: string;
  authorOfficeName: string | null;
  recordedAt: string;
}

export interface RectificationView {
  caseId: number;
  caseCode: string;
  caseVersion: number;
  caseStatus: CaseStatus;
  title: string;
  applicable: boolean;
  enterprise: { name: string | null; uscc: string | null; hidden: boolean };
  plan: PlanView | null;
  progress: ProgressView[];
  actions: { editPlan: boolean; addProgress: boolean };
}

export interface PlanInput {
  version?: number;
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId?: number;
  deadline: string;
  status?: PlanStatus;
}

export interface LedgerItem {
  caseId: number;
  code: string;
  type: CaseType;
  caseStatus: CaseStatus;
  acceptedAt: string;
  title: string;
  enterprise: { name: string | null; uscc: string | null; hidden: boolean };
  leadOfficeId: number | null;
  leadOfficeName: string | null;
  plan: PlanView | null;
  ledgerStatus: LedgerStatus;
  daysOverdue: number;
  latestProgress: { note: string; week: string; weekStart: string; kind: 'progress' | 'supervision'; date: string; recordedAt: string } | null;
}

export interface LedgerFilter {
  officeId?: number;
  status?: readonly LedgerStatus[];
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface LedgerPage {
  items: LedgerItem[];
  total: number;
  page: number;
  pageSize: number;
  today: string;
}

const csv = (list?: readonly string[]) => (list && list.length ? list.join(',') : undefined);

function caseQuery(f: CaseFilter) {
  return {
    status: csv(f.status), type: f.type, channel: f.channel, priority: f.priority, dueState: f.dueState,
    overdueOnly: f.overdueOnly ? true : undefined, leadOfficeId: f.leadOfficeId, intakeOfficeId: f.intakeOfficeId,
    categoryId: f.categoryId, q: f.q?.trim() || undefined, from: f.from, to: f.to, page: f.page, pageSize: f.pageSize,
  };
}

function ledgerQuery(f: LedgerFilter, paged = true) {
  return {
    officeId: f.officeId, status: csv(f.status), from: f.from, to: f.to, q: f.q?.trim() || undefined,
    ...(paged ? { page: f.page, pageSize: f.pageSize } : {}),
  };
}

/** A plain link to a ledger export with the same filters (the session cookie goes along). */
export function ledgerExportUrl(kind: 'xlsx' | 'csv', f: LedgerFilter): string {
  return buildUrl(`/api/ledger.${kind}`, ledgerQuery(f, false));
}

export const casesApi = {
  list: (f: CaseFilter, signal?: AbortSignal) => api.get<CasePage>('/api/cases', caseQuery(f), { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<CaseView>(`/api/cases/${id}`, undefined, { signal }),
  events: (id: number, signal?: AbortSignal) =>
    api.get<ListResponse<CaseEvent>>(`/api/cases/${id}/events`, undefined, { signal }).then((r) => r.items),
  create: (body: IntakeInput) => api.post<CreatedCase>('/api/cases', body),
  act: <A extends CaseAction>(id: number, action: A, version: number, input: ActionInputs[A]) =>
    api.post<ActionResult>(`/api/cases/${id}/${action}`, { version, ...input }),
  hints: (probe: IntakeProbe, signal?: AbortSignal) =>
    api.get<IntakeHints>('/api/cases/intake-hints', { ...probe }, { signal }),
  dispatchSuggestions: (id: number, signal?: AbortSignal) =>
    api.get<ListResponse<DispatchSuggestion>>(`/api/cases/${id}/dispatch-suggestions`, undefined, { signal }).then((r) => r.items),
  categories: (signal?: AbortSignal) =>
    api.get<ListResponse<Category>>('/api/case-categories', undefined, { signal }).then((r) => r.items),
  rectification: (id: number, signal?: AbortSignal) => api.get<RectificationView>(`/api/cases/${id}/rectification`, undefined, { signal }),
  setRectification: (id: number, body: PlanInput) => api.put<RectificationView>(`/api/cases/${id}/rectification`, body),
  addProgress: (id: number, body: { note: string; week?: string }) =>
    api.post<RectificationView>(`/api/cases/${id}/rectification/progress`, body),
  ledger: (f: LedgerFilter, signal?: AbortSignal) => api.get<LedgerPage>('/api/ledger', ledgerQuery(f), { signal }),
};

// ---------------------------------------------------------------------------------------------
// Pure helpers shared by the pages

/** Office minutes in one working day, from the office hours (default 09:00–12:00, 13:30–17:30 = 420). */
export function officeDayMinutes(periods: readonly { start: string; end: string }[] | undefined): number {
  if (!periods?.length) return 420;
  const toMin = (s: string) => {
    const [h, m] = s.split(':').map(Number);
    return h * 60 + m;
  };
  const total = periods.reduce((n, p) => n + Math.max(0, toMin(p.end) - toMin(p.start)), 0);
  return total > 0 ? total : 420;
}

/** Splits office minutes into working days, hours and minutes (of a working day of `dayMinutes`). */
export function splitWorkingMinutes(minutes: number, dayMinutes = 420): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(Math.round(minutes));
  const days = Math.floor(abs / dayMinutes);
  const rest = abs - days * dayMinutes;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/**
 * Why an action listed in the case view would still be refused now, for a disabled button with
 * the reason (the lifecycle rules list pause and resume together, a decision without a request, …);
 * null when it can be taken.
 */
export function actionBlocker(c: Pick<CaseView, 'type' | 'clockPaused' | 'pendingExtension' | 'evaluation' | 'status' | 'visit'>, action: CaseAction):
  | 'onlyConsultation' | 'notPaused' | 'alreadyPaused' | 'noExtension' | 'extensionPending' | 'alreadyEvaluated' | 'visitFirst' | null {
  switch (action) {
    case 'answer':
      return c.type === 'consultation' ? null : 'onlyConsultation';
    case 'pause-clock':
      return c.clockPaused ? 'alreadyPaused' : null;
    case 'resume-clock':
      return c.clockPaused ? null : 'notPaused';
    case 'decide-extension':
      return c.pendingExtension ? null : 'noExtension';
    case 'request-extension':
      return c.pendingExtension ? 'extensionPending' : null;
    case 'evaluate':
      return c.evaluation ? 'alreadyEvaluated' : null;
    case 'close':
      return c.status === 'reviewed' && !c.visit ? 'visitFirst' : null;
    default:
      return null;
  }
}

/** The latest event of a kind (e.g. the last return, for its reason). */
export function lastEventOf(events: readonly CaseEvent[], action: string): CaseEvent | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) if (events[i].action === action) return events[i];
  return undefined;
}

/** Overdue first, then by office time left; cases without a running clock last. */
export function byUrgency(a: Pick<CaseView, 'id' | 'deadline'>, b: Pick<CaseView, 'id' | 'deadline'>): number {
  const left = (c: Pick<CaseView, 'deadline'>) => (c.deadline ? c.deadline.minutesLeft : Number.POSITIVE_INFINITY);
  const d = left(a) - left(b);
  return Number.isNaN(d) || d === 0 ? a.id - b.id : d;
}

/** An unsatisfied return visit on a reviewed or closed case: the supervisor decides to reopen or close. */
export function needsReopenDecision(c: Pick<CaseView, 'status' | 'visit'>): boolean {
  return (c.status === 'reviewed' || c.status === 'closed') && c.visit?.satisfaction === 'unsatisfied';
}

export interface CategoryNode {
  value: number;
  title: string;
  disabled?: boolean;
  children: CategoryNode[];
}

/** The category list (tree order, by path) as TreeSelect data; retired categories left out. */
export function categoryTree(list: readonly Category[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const c of list) {
    if (!c.active) continue;
    nodes.set(c.id, { value: c.id, title: c.name, children: [] });
  }
  for (const c of list) {
    const node = nodes.get(c.id);
    if (!node) continue;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.children.push(node);
    else if (c.parentId === null || !list.some((x) => x.id === c.parentId)) roots.push(node);
  }
  return roots;
}

/** "城乡建设 / 物业管理" for a category id. */
export function categoryPath(list: readonly Category[], id: number | null): string | null {
  if (id === null) return null;
  const byId = new Map(list.map((c) => [c.id, c]));
  const c = byId.get(id);
  if (!c) return null;
  return c.path.split('/').filter(Boolean).map((x) => byId.get(Number(x))?.name ?? x).join(' / ');
}
