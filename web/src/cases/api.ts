// The appeals (诉求) API as the web app uses it, with the enterprise rectification ledger of its
// cases. The vocabulary (statuses, actions, types, channels, …) and the shapes of the JSON come
// from the server's contracts (src/cases/contract.ts, src/rectification/contract.ts: types and
// constants only), so both sides agree on every code and field; what is
// left here is the queries the pages send, the calls, and small pure helpers the pages share.
import { api, buildUrl, fileType, type ListResponse, type Role } from '../shell';
import {
  CASE_SORTS, CASE_STATUSES, CASE_TYPES, CHANNELS, CHANNELS_BY_ROLE as DOORS, DUE_STATES,
  type BulkDispatchResult, type CaseSort,
  type ActionInputs, type ActionResult, type AttachmentPart, type CaseAttachment, type CaseAction, type CaseEvent, type CasePage, type CaseTimelineView, type CaseStatus, type CaseType, type CaseView, type Category,
  type Channel, type CreatedCase, type DispatchRule, type DueState, type DuplicateHint, type CallerCase, type CategorySuggestion, type HiddenCase, type IntakeInput, type Priority,
} from '../../../src/cases/contract';
// The rectification ledger is its own module (src/rectification/); its pages sit with the case they belong to.
import type { LedgerPage, LedgerStatusFilter, PlanInput, ProgressInput, RectificationView } from '../../../src/rectification/contract';

export {
  ATTACHMENT_PARTS, CASE_ACTIONS, CASE_STATUSES, CASE_TYPES, CHANNELS, DUE_STATES, EVENT_ACTIONS, MAX_ATTACHMENTS_PER_CASE, OUT_OF_SCOPE_ROUTES, PAUSE_REASONS, PRIORITIES, REQUESTER_KINDS,
  REVIEW_DECISIONS, SATISFACTIONS, SUPERVISION_LEVELS, VISIT_CONTACTS,
} from '../../../src/cases/contract';
export { LEDGER_FILTER_STATUSES, LEDGER_STATUSES, PLAN_STATUSES, PROGRESS_KINDS } from '../../../src/rectification/contract';
export type {
  ActionInputs, ActionResult, BulkDispatchResult, CaseSort, AttachmentPart, CaseAttachment, CaseAction, GeoPoint, CaseEvent, CasePage, CaseTimelineView, CaseStatus, CaseType, CaseView, Category, Channel, CreatedCase, Deadline,
  DuplicateHint, CallerCase, CategorySuggestion, DueState, EventAction, HiddenCase, IntakeInput, OutOfScopeRoute, PauseReason, PendingExtension, Priority,
  RequesterKind, ReviewDecision, Satisfaction, SupervisionLevel, VisitContact,
  // The pages' names for three of the contract's shapes.
  RequesterView as Requester, CaseVisit as Visit, CaseEvaluation as Evaluation,
} from '../../../src/cases/contract';
export type {
  LedgerItem, LedgerPage, LedgerStatus, LedgerStatusFilter, PlanInput, PlanStatus, PlanView, ProgressInput, ProgressKind, ProgressView, RectificationView,
} from '../../../src/rectification/contract';
import type { ArticleSuggestion } from '../../../src/knowledge/contract';

/** The dispatch catalogue's entries for a case's category and region (the contract's DispatchRule). */
export type DispatchSuggestion = DispatchRule;

/** Which channels each role takes in: the contract's table, which the server enforces (a role not in it takes in none). */
export const CHANNELS_BY_ROLE: Partial<Record<Role, readonly Channel[]>> = DOORS;

/** The channels a person with these roles may take appeals from, in the order of CHANNELS. */
export function intakeChannels(roles: readonly Role[]): Channel[] {
  const allowed = new Set(roles.flatMap((r) => CHANNELS_BY_ROLE[r] ?? []));
  return CHANNELS.filter((c) => allowed.has(c));
}

export function isHidden(r: ActionResult): r is HiddenCase {
  return (r as HiddenCase).visible === false;
}

/**
 * The query of the case list (`GET /api/cases`), as the pages build it; the server parses it into
 * its own filter (src/cases/queries.ts), which also takes the evaluation's drill-down fields.
 */
export interface CaseFilter {
  status?: readonly CaseStatus[];
  type?: CaseType;
  channel?: Channel;
  priority?: Priority;
  dueState?: DueState;
  overdueOnly?: boolean;
  /** The return-visit queue: reviewed, not yet visited, the longest waiting first. */
  awaitingVisit?: boolean;
  /** Only cases whose extension request waits for a decision. */
  extensionPending?: boolean;
  leadOfficeId?: number;
  intakeOfficeId?: number;
  categoryId?: number;
  q?: string;
  from?: string;
  to?: string;
  /** A hotspot's drill-down (its series in its week): region with those under it, address as folded, enterprise, received days. */
  regionCode?: string;
  address?: string;
  requesterUscc?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** The list's order (the server's CASE_SORTS; newest received first when left out). */
  sort?: CaseSort;
  page?: number;
  pageSize?: number;
}

/** A knowledge-base answer offered at intake (the knowledge module's contract). */
export type { ArticleSuggestion } from '../../../src/knowledge/contract';

/** `GET /api/cases/intake-hints` (assembled in src/cases/routes.ts). */
export interface IntakeHints {
  callerCases: CallerCase[];
  categories: CategorySuggestion[];
  duplicates: DuplicateHint[];
  articles: ArticleSuggestion[];
}

/** The query of the intake hints (the server's schema: src/cases/routes.ts). */
export interface IntakeProbe {
  title?: string;
  content?: string;
  phone?: string;
  address?: string;
  uscc?: string;
}

// ---------------------------------------------------------------------------------------------
// The enterprise problem ledger (整改台账)

/** The ledger's query (`GET /api/ledger`, and the exports), as the pages build it; the server parses it into its own LedgerFilter. */
export interface LedgerFilter {
  officeId?: number;
  status?: readonly LedgerStatusFilter[];
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

const csv = (list?: readonly string[]) => (list && list.length ? list.join(',') : undefined);

function caseQuery(f: CaseFilter) {
  return {
    status: csv(f.status), type: f.type, channel: f.channel, priority: f.priority, dueState: f.dueState,
    overdueOnly: f.overdueOnly ? true : undefined, awaitingVisit: f.awaitingVisit ? true : undefined, extensionPending: f.extensionPending ? true : undefined, leadOfficeId: f.leadOfficeId, intakeOfficeId: f.intakeOfficeId,
    categoryId: f.categoryId, q: f.q?.trim() || undefined, from: f.from, to: f.to, regionCode: f.regionCode, address: f.address,
    requesterUscc: f.requesterUscc, receivedFrom: f.receivedFrom, receivedTo: f.receivedTo, sort: f.sort, page: f.page, pageSize: f.pageSize,
  };
}

const id = (v: string | null) => (v && /^[0-9]+$/.test(v) ? Number(v) : undefined);

function pick<T extends string>(v: string | null, allowed: readonly T[]): T | undefined {
  return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * The case list's filter as its address holds it (/cases?status=…), so that a worklist count, a
 * link and the page's "back" all open the same list; caseListPath writes what this reads.
 */
export function caseFilterOf(params: URLSearchParams): CaseFilter {
  return {
    status: (params.get('status') ?? '').split(',').filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s)),
    type: pick<CaseType>(params.get('type'), CASE_TYPES),
    channel: pick<Channel>(params.get('channel'), CHANNELS),
    dueState: pick<DueState>(params.get('dueState'), DUE_STATES),
    extensionPending: params.get('extensionPending') === 'true' || undefined,
    q: params.get('q') ?? undefined,
    intakeOfficeId: id(params.get('intakeOfficeId')),
    categoryId: id(params.get('categoryId')),
    regionCode: params.get('regionCode') ?? undefined,
    address: params.get('address') ?? undefined,
    requesterUscc: params.get('requesterUscc') ?? undefined,
    receivedFrom: params.get('receivedFrom') ?? undefined,
    receivedTo: params.get('receivedTo') ?? undefined,
    leadOfficeId: id(params.get('leadOfficeId')),
    sort: pick<CaseSort>(params.get('sort'), CASE_SORTS),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/** The list as a workbook: the cases `ids` names, or every case `f` finds, in its order (GET /api/cases.xlsx). */
export function casesExportUrl(f: CaseFilter, ids?: readonly number[]): string {
  const { page: _page, pageSize: _size, ...rest } = caseQuery(f);
  return buildUrl('/api/cases.xlsx', ids?.length ? { ids: ids.join(','), sort: f.sort } : rest);
}

/** The address of the case list showing `f` (without paging). */
export function caseListPath(f: CaseFilter): string {
  const { page: _page, pageSize: _size, ...rest } = caseQuery(f);
  return buildUrl('/cases', rest);
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
  /** Dispatches several accepted cases, each with the version read; answers each case's outcome. */
  bulkDispatch: (items: { id: number; version: number; leadOfficeId: number }[]) =>
    api.post<{ items: BulkDispatchResult[] }>('/api/cases/bulk-dispatch', { items }).then((r) => r.items),
  timeline: (id: number, signal?: AbortSignal) => api.get<CaseTimelineView>(`/api/cases/${id}/events`, undefined, { signal }),
  create: (body: IntakeInput) => api.post<CreatedCase>('/api/cases', body),
  attachments: (id: number, signal?: AbortSignal) => api.get<{ items: CaseAttachment[] }>(`/api/cases/${id}/attachments`, undefined, { signal }).then((r) => r.items),
  /** Adds a file to the case (the version it has now); `part` left out: the server's default for the viewer (a requester's file is the appeal's). */
  attach: (id: number, version: number, file: File, part?: AttachmentPart) =>
    api.upload<CaseAttachment & { caseVersion: number }>(`/api/cases/${id}/attachments`, file, fileType(file), { query: { version, fileName: file.name, part } }),
  attachmentUrl: (id: number, attachmentId: number) => `/api/cases/${id}/attachments/${attachmentId}`,
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
  addProgress: (id: number, body: ProgressInput) =>
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
