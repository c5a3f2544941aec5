// The evaluation and disclosure API (考评与公开) as the web app uses it. The shapes and the name
// tables come from the server's contract (types and constants only, no imports), so both sides
// agree on every field; the rest of this file is small pure helpers the pages share.
import dayjs, { type Dayjs } from 'dayjs';
import { api, buildUrl, type Query } from '../shell';
import type { CasePage } from '../cases/api';
import {
  DIMENSIONS, FIGURE_NAMES, FIGURES, LOWER_IS_BETTER, PEER_GROUP_NAMES, PEER_GROUPS, RATE_NAMES, RATES,
  type Dashboard, type Dimension, type EvaluationSettings, type Figure, type FigureCounts, type FigureRow, type FigureTable,
  type PeerGroup, type PublishedList, type PublishedListSummary, type RankedOffice, type Ranking, type Rate, type Rates, type TrendPoint,
} from '../../../src/evaluation/contract';
import type { FigureGroupBy, FigureKind, FigureSectionMeta, FigureSectionTable } from '../../../src/platform/contract';

export { DIMENSIONS, FIGURE_NAMES, FIGURES, LOWER_IS_BETTER, PEER_GROUP_NAMES, PEER_GROUPS, RATE_NAMES, RATES };
export type {
  Dashboard, Dimension, EvaluationSettings, Figure, FigureCounts, FigureRow, FigureTable, PeerGroup, PublishedList,
  PublishedListSummary, RankedOffice, Ranking, Rate, Rates, TrendPoint,
};

export type ExportFormat = 'xlsx' | 'csv';

/** Months of acceptance, inclusive (YYYY-MM), and optionally an office subtree inside the caller's scope. */
export interface Period {
  from: string;
  to: string;
  scope?: number | null;
}

export interface SettingsInput {
  version: number;
  weights: Partial<Record<Rate, number>>;
  basicallySatisfiedWeight: number;
  minimumCases: number;
  listSize: number;
}

/** What the drill-down list (`/evaluation/cases`) passes to `GET /api/cases`. */
export interface DrillFilter {
  figure?: Figure;
  monthFrom?: string;
  monthTo?: string;
  responsibleOfficeId?: number;
  regionCode?: string;
  categoryId?: number;
  channel?: string;
  type?: string;
  /** The weekly trend's point: received, or last completed, on these days (YYYY-MM-DD). */
  receivedFrom?: string;
  receivedTo?: string;
  completedFrom?: string;
  completedTo?: string;
  /** The dashboard's "overdue now": open cases past their deadline, by lead office. */
  dueState?: 'overdue';
  leadOfficeId?: number;
}

export const DRILL_KEYS = [
  'figure', 'monthFrom', 'monthTo', 'responsibleOfficeId', 'regionCode', 'categoryId', 'channel', 'type',
  'receivedFrom', 'receivedTo', 'completedFrom', 'completedTo', 'dueState', 'leadOfficeId',
] as const;

const periodQuery = (p: Period): Query => ({ from: p.from, to: p.to, scope: p.scope ?? undefined });

export const evaluationApi = {
  figures: (p: Period & { by: Dimension }, signal?: AbortSignal) =>
    api.get<FigureTable>('/api/evaluation/figures', { ...periodQuery(p), by: p.by }, { signal }),
  trend: (p: Period, signal?: AbortSignal) => api.get<TrendPoint[]>('/api/evaluation/trend', periodQuery(p), { signal }),
  dashboard: (p: Period, signal?: AbortSignal) => api.get<Dashboard>('/api/evaluation/dashboard', periodQuery(p), { signal }),
  ranking: (month: string, scope: number | null | undefined, signal?: AbortSignal) =>
    api.get<Ranking>('/api/evaluation/ranking', { month, scope: scope ?? undefined }, { signal }),
  settings: (signal?: AbortSignal) => api.get<EvaluationSettings>('/api/evaluation/settings', undefined, { signal }),
  saveSettings: (body: SettingsInput) => api.put<EvaluationSettings>('/api/evaluation/settings', body),
  publish: (body: { month: string; scope?: number; reason?: string }) => api.post<PublishedList>('/api/evaluation/lists', body),
  lists: (q: { month?: string; scope?: number | null }, signal?: AbortSignal) =>
    api.get<PublishedListSummary[]>('/api/evaluation/lists', { month: q.month, scope: q.scope ?? undefined }, { signal }),
  list: (id: number, signal?: AbortSignal) => api.get<PublishedList>(`/api/evaluation/lists/${id}`, undefined, { signal }),
  publicLists: (signal?: AbortSignal) =>
    api.get<PublishedListSummary[]>('/api/public/evaluation/lists', undefined, { signal, noAuthRedirect: true }),
  publicList: (id: number, signal?: AbortSignal) =>
    api.get<PublishedList>(`/api/public/evaluation/lists/${id}`, undefined, { signal, noAuthRedirect: true }),
  /** The cases behind a figure: the ordinary paged case list with the figure's filters. */
  drill: (f: DrillFilter & { page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<CasePage>('/api/cases', { ...f }, { signal }),
};

// ---------------------------------------------------------------------------------------------
// Downloads: plain links (the session cookie goes along), as the ledger does.

export function figuresExportUrl(kind: ExportFormat, p: Period & { by: Dimension }): string {
  return buildUrl('/api/evaluation/figures', { ...periodQuery(p), by: p.by, format: kind });
}

export function rankingExportUrl(kind: ExportFormat, month: string, scope?: number | null): string {
  return buildUrl('/api/evaluation/ranking', { month, scope: scope ?? undefined, format: kind });
}

export function listExportUrl(kind: ExportFormat, id: number): string {
  return buildUrl(`/api/evaluation/lists/${id}`, { format: kind });
}

// ---------------------------------------------------------------------------------------------
// Drill-down

/** The address of the list of cases behind a figure. */
export function drillPath(f: DrillFilter): string {
  const q: Query = {};
  for (const k of DRILL_KEYS) q[k] = f[k];
  return buildUrl('/evaluation/cases', q);
}

/** Reads a drill-down filter back from the address; anything malformed is left out. */
export function parseDrill(params: URLSearchParams): DrillFilter {
  const f: DrillFilter = {};
  const month = (v: string | null) => (v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined);
  const id = (v: string | null) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : undefined);
  const figure = params.get('figure');
  if (figure && (FIGURES as readonly string[]).includes(figure)) f.figure = figure as Figure;
  f.monthFrom = month(params.get('monthFrom'));
  f.monthTo = month(params.get('monthTo'));
  const day = (v: string | null) => (v && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v) ? v : undefined);
  for (const k of ['receivedFrom', 'receivedTo', 'completedFrom', 'completedTo'] as const) f[k] = day(params.get(k));
  f.responsibleOfficeId = id(params.get('responsibleOfficeId'));
  const region = params.get('regionCode');
  if (region && /^\d{2,12}$/.test(region)) f.regionCode = region;
  f.categoryId = id(params.get('categoryId'));
  const word = (v: string | null) => (v && /^[a-z_]{1,40}$/.test(v) ? v : undefined);
  f.channel = word(params.get('channel'));
  f.type = word(params.get('type'));
  if (params.get('dueState') === 'overdue') f.dueState = 'overdue';
  f.leadOfficeId = id(params.get('leadOfficeId'));
  for (const k of DRILL_KEYS) if (f[k] === undefined) delete f[k];
  return f;
}

/**
 * What a row of a table restricts the cases to: its office (with the subtree), region (with the
 * regions under it), category, channel, type or month. Null for a row that cannot be narrowed
 * down that way (e.g. "no category"), so its numbers are not offered as links.
 */
export function rowDrill(by: Dimension, key: string): DrillFilter | null {
  switch (by) {
    case 'office':
      return /^[1-9]\d*$/.test(key) ? { responsibleOfficeId: Number(key) } : null;
    case 'region':
      return /^\d{2,12}$/.test(key) ? { regionCode: key } : null;
    case 'category':
      return /^[1-9]\d*$/.test(key) ? { categoryId: Number(key) } : null;
    case 'channel':
    case 'type':
      return /^[a-z_]{1,40}$/.test(key) ? { [by]: key } : null;
    case 'month':
      return /^\d{4}-\d{2}$/.test(key) ? { monthFrom: key, monthTo: key } : null;
    default:
      return null;
  }
}

/** The figure a rate is drilled down to: the cases its numerator counts. */
export const RATE_FIGURE: Record<Rate, Figure> = {
  responseRate: 'signedOnTime',
  completionRate: 'completed',
  onTimeRate: 'completedOnTime',
  visitRate: 'visited',
  resolutionRate: 'resolved',
  satisfactionRate: 'satisfied',
  returnRate: 'returned',
  reopenRate: 'reopened',
};

// ---------------------------------------------------------------------------------------------
// Formatting and shaping

/** A rate (0–1) as a percentage with two decimals; "—" when it has no denominator. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(2)}%`;
}

export type FigureTreeRow = FigureRow & { children?: FigureTreeRow[] };

/**
 * Nests rows under their parentKey when the parent is in the same answer (offices, regions,
 * categories); the others stay at the top. Order is kept; a row never lists an empty `children`
 * (antd would draw an expand button).
 */
export function figureTree(rows: readonly FigureRow[]): FigureTreeRow[] {
  const nodes = new Map<string, FigureTreeRow>();
  for (const r of rows) nodes.set(r.key, { ...r });
  const roots: FigureTreeRow[] = [];
  for (const r of rows) {
    const node = nodes.get(r.key)!;
    const parent = r.parentKey === null ? undefined : nodes.get(r.parentKey);
    if (parent && parent !== node && !isAncestor(node, parent, nodes)) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Guards against a cycle in parentKey (a malformed answer must not hide rows). */
function isAncestor(candidate: FigureTreeRow, of: FigureTreeRow, nodes: Map<string, FigureTreeRow>): boolean {
  let cur: FigureTreeRow | undefined = of;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.key)) {
    if (cur.key === candidate.key) return true;
    seen.add(cur.key);
    cur = cur.parentKey === null ? undefined : nodes.get(cur.parentKey);
  }
  return false;
}

/** Keys of every row that has children (to open a tree table fully). */
export function expandableKeys(rows: readonly FigureTreeRow[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly FigureTreeRow[]) => {
    for (const r of list) {
      if (r.children?.length) {
        out.push(r.key);
        walk(r.children);
      }
    }
  };
  walk(rows);
  return out;
}

export const MONTH = 'YYYY-MM';

/** The dashboard's default period: the last twelve months up to the current one. */
export function defaultPeriod(now: Dayjs = dayjs()): { from: string; to: string } {
  return { from: now.subtract(11, 'month').format(MONTH), to: now.format(MONTH) };
}

/** The ranking's default month: the last complete month. */
export function defaultRankingMonth(now: Dayjs = dayjs()): string {
  return now.subtract(1, 'month').format(MONTH);
}

export function isMonth(v: string | null | undefined): v is string {
  return !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

/** The sum of the weights, rounded to hide floating-point noise. */
export function weightSum(weights: Partial<Record<Rate, number | null>>): number {
  const s = RATES.reduce((n, r) => n + (weights[r] ?? 0), 0);
  return Math.round(s * 1e6) / 1e6;
}

/** Published lists grouped by scope and month, newest month first, newest version first inside. */
export function groupLists(lists: readonly PublishedListSummary[]): { key: string; month: string; scopeOfficeId: number; scopeOfficeName: string; versions: PublishedListSummary[] }[] {
  const groups = new Map<string, { key: string; month: string; scopeOfficeId: number; scopeOfficeName: string; versions: PublishedListSummary[] }>();
  for (const l of lists) {
    const key = `${l.scopeOfficeId}:${l.month}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, month: l.month, scopeOfficeId: l.scopeOfficeId, scopeOfficeName: l.scopeOfficeName, versions: [] };
      groups.set(key, g);
    }
    g.versions.push(l);
  }
  const out = [...groups.values()];
  for (const g of out) g.versions.sort((a, b) => b.version - a.version);
  out.sort((a, b) => (a.month === b.month ? a.scopeOfficeName.localeCompare(b.scopeOfficeName) : a.month < b.month ? 1 : -1));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Figure sections: the other modules' figures (approvals, visits, inspections…), each cell
// linking to that module's own list filtered to what it counted.

export { FIGURE_GROUP_BY_NAMES } from '../../../src/platform/contract';
export type { FigureDefinition, FigureGroupBy, FigureKind, FigureSectionMeta, FigureSectionRow, FigureSectionTable } from '../../../src/platform/contract';

export const sectionsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: FigureSectionMeta[] }>('/api/evaluation/sections', undefined, { signal }),
  table: (code: string, q: Period & { groupBy?: FigureGroupBy }, signal?: AbortSignal) =>
    api.get<FigureSectionTable>(`/api/evaluation/sections/${encodeURIComponent(code)}`, { ...periodQuery(q), groupBy: q.groupBy }, { signal }),
};

export function sectionExportUrl(code: string, q: Period & { groupBy: FigureGroupBy }): string {
  return buildUrl(`/api/evaluation/sections/${encodeURIComponent(code)}`, { ...periodQuery(q), groupBy: q.groupBy, format: 'xlsx' });
}

/** A section's figure as shown: counts as integers, days to one decimal, ratios as percentages. */
export function figureText(kind: FigureKind, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'ratio') return percent(v);
  if (kind === 'days') return v.toFixed(1);
  return v.toLocaleString();
}

/** A bilingual name in the page's language; English labels (shared with the server's lower-case texts) start with a capital here. */
export function sectionText(b: { zh: string; en: string }, lang: string): string {
  return lang === 'en' ? b.en.charAt(0).toUpperCase() + b.en.slice(1) : b.zh;
}
