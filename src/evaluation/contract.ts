/**
 * What the evaluation API answers (考评与公开), shared by the server and the web app: names of the
 * figures and rates and the shapes of the JSON. Types and constants only — no imports — so the
 * browser bundle can take it as it is.
 */

/** Counts of cases, every one derived from case events (definitions: README "Evaluation"). */
export const FIGURES = [
  'received', 'merged', 'answered', 'dispatched', 'transferred', 'signed', 'signedOnTime', 'completed', 'completedOnTime',
  'overdue', 'returned', 'extended', 'reopened', 'visited', 'resolved', 'satisfied', 'basicallySatisfied', 'unsatisfied',
] as const;
export type Figure = (typeof FIGURES)[number];
export type FigureCounts = Record<Figure, number>;

export const FIGURE_NAMES: Record<Figure, { zh: string; en: string }> = {
  received: { zh: '受理量', en: 'received' },
  merged: { zh: '重复件', en: 'merged duplicates' },
  answered: { zh: '直接答复', en: 'answered directly' },
  dispatched: { zh: '转办量', en: 'dispatched' },
  transferred: { zh: '二次转办', en: 'transferred again' },
  signed: { zh: '已签收', en: 'signed for' },
  signedOnTime: { zh: '按时签收', en: 'signed on time' },
  completed: { zh: '办结量', en: 'completed' },
  completedOnTime: { zh: '按期办结', en: 'completed on time' },
  overdue: { zh: '超期', en: 'overdue' },
  returned: { zh: '退单', en: 'returned' },
  extended: { zh: '延期', en: 'extended' },
  reopened: { zh: '重办', en: 'reopened' },
  visited: { zh: '已回访', en: 'return-visited' },
  resolved: { zh: '已解决', en: 'resolved' },
  satisfied: { zh: '满意', en: 'satisfied' },
  basicallySatisfied: { zh: '基本满意', en: 'basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'unsatisfied' },
};

/** Rates, each a fraction 0–1 or null when its denominator is zero. */
export const RATES = ['responseRate', 'completionRate', 'onTimeRate', 'visitRate', 'resolutionRate', 'satisfactionRate', 'returnRate', 'reopenRate'] as const;
export type Rate = (typeof RATES)[number];
export type Rates = Record<Rate, number | null>;

export const RATE_NAMES: Record<Rate, { zh: string; en: string; definition: string }> = {
  responseRate: { zh: '响应率', en: 'response rate', definition: 'signedOnTime / dispatched' },
  completionRate: { zh: '办结率', en: 'completion rate', definition: 'completed / (received − merged)' },
  onTimeRate: { zh: '按期办结率', en: 'on-time completion rate', definition: 'completedOnTime / completed' },
  visitRate: { zh: '回访率', en: 'return-visit rate', definition: 'visited / completed' },
  resolutionRate: { zh: '解决率', en: 'resolution rate', definition: 'resolved / visited' },
  satisfactionRate: { zh: '满意率', en: 'satisfaction rate', definition: '(satisfied + w × basicallySatisfied) / (satisfied + basicallySatisfied + unsatisfied)' },
  returnRate: { zh: '退单率', en: 'return rate', definition: 'returned / dispatched' },
  reopenRate: { zh: '重办率', en: 'reopen rate', definition: 'reopened / completed' },
};

/** Rates where less is better: a weight on them scores 1 − rate. */
export const LOWER_IS_BETTER: readonly Rate[] = ['returnRate', 'reopenRate'];

export interface EvaluationSettings {
  /** Weight of each rate in the monthly score; rates without a weight do not count. */
  weights: Partial<Record<Rate, number>>;
  /** How much a "basically satisfied" counts towards the satisfaction rate: 1, 0.5 or 0 are usual. */
  basicallySatisfiedWeight: number;
  /** An office enters the ranking only with at least this many cases (received − merged) in the month. */
  minimumCases: number;
  /** How many offices of each peer group go on the red list, and on the black list. */
  listSize: number;
  version: number;
}

/** Peer groups ranked apart: counties (county platforms) among counties, departments (and undertaking units) among departments. */
export const PEER_GROUPS = ['county', 'department'] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];
export const PEER_GROUP_NAMES: Record<PeerGroup, { zh: string; en: string }> = {
  county: { zh: '县（市、区）', en: 'counties and districts' },
  department: { zh: '市直部门及承办单位', en: 'departments and undertaking units' },
};

/** Figures and rates of one row of a table: an office with its subtree, a region with the regions under it, a category, a channel… */
export interface FigureRow {
  key: string;
  name: string;
  /** The row above this one in a tree (offices, regions, categories), if it is in the same answer. */
  parentKey: string | null;
  counts: FigureCounts;
  rates: Rates;
}

export const DIMENSIONS = ['office', 'region', 'category', 'channel', 'type', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** `GET /api/evaluation/figures?from=YYYY-MM&to=YYYY-MM&by=…` */
export interface FigureTable {
  /** Months of acceptance, inclusive; figures count the cases received in them. */
  from: string;
  to: string;
  by: Dimension;
  rows: FigureRow[];
  total: FigureRow;
  basicallySatisfiedWeight: number;
}

/** `GET /api/evaluation/trend?from&to` — cases received and completed in each ISO week (Monday). */
export interface TrendPoint {
  weekStart: string;
  received: number;
  completed: number;
}

export interface RankedOffice {
  officeId: number;
  name: string;
  peerGroup: PeerGroup;
  /** received − merged in the month. */
  caseCount: number;
  counts: FigureCounts;
  rates: Rates;
  /** 0–100, two decimals; null for an office below the minimum. */
  score: number | null;
  /** 1 = best; offices with equal scores share a rank. Null when not ranked. */
  rank: number | null;
  list: 'red' | 'black' | null;
  /** Why an office is not ranked: fewer cases than the minimum, or none of the weighted rates could be judged (e.g. no case was rated). */
  unrankedReason: 'too_few_cases' | 'nothing_to_score' | null;
}

/** `GET /api/evaluation/ranking?month=YYYY-MM&scope=officeId` */
export interface Ranking {
  month: string;
  scopeOfficeId: number;
  scopeOfficeName: string;
  settings: EvaluationSettings;
  groups: { peerGroup: PeerGroup; offices: RankedOffice[] }[];
  total: FigureRow;
}

export interface PublishedListSummary {
  id: number;
  scopeOfficeId: number;
  scopeOfficeName: string;
  month: string;
  version: number;
  reason: string | null;
  publishedAt: string;
  publishedBy: string;
}

/** A published red/black list (红黑榜): immutable; a correction is a new version with its reason. */
export interface PublishedList extends PublishedListSummary {
  ranking: Ranking;
}

/** `GET /api/evaluation/dashboard?from&to&scope` — everything the leader's dashboard draws, in one answer. */
export interface Dashboard {
  from: string;
  to: string;
  scopeOfficeId: number | null;
  total: FigureRow;
  trend: TrendPoint[];
  /** The scope's direct sub-offices, each with its subtree. */
  offices: FigureRow[];
  /** Regions in scope as a tree (parentKey), each with the regions under it. */
  regions: FigureRow[];
  /** Top-level categories by cases received, most first. */
  topCategories: FigureRow[];
  channels: FigureRow[];
  /** Open cases past their deadline right now, by lead office. */
  overdueNow: { officeId: number; name: string; count: number }[];
  overdueNowTotal: number;
}
