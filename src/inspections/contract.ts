/**
 * What random inspections (双随机、一公开) speak, shared by the server, the web app and the public
 * draw document: the national result categories, task and visit statuses, the strata (credit
 * classes) and the shapes of the JSON; and the canonical texts of a draw, which the server
 * hashes (draw.ts) and the web app's draw page hashes in the browser (SubtleCrypto) to check a
 * published commitment and seed, so both read the same lines. Only other contracts' types are
 * imported, so the browser bundle takes it as it is.
 */
import type { EnterpriseKind, EnterpriseSize } from '../enterprises/contract.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/** The national result categories of a 双随机 spot check (国家企业信用信息公示系统's list), in its order. */
export const INSPECTION_RESULTS = [
  'no_problem', 'not_disclosed', 'false_disclosure', 'unreachable', 'ordered_to_correct', 'refused_inspection', 'no_such_business', 'pending_follow_up',
] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const INSPECTION_RESULT_NAMES: Record<InspectionResult, Bilingual> = {
  no_problem: { zh: '未发现问题', en: 'no problem found' },
  not_disclosed: { zh: '未按规定公示应当公示的信息', en: 'information that must be disclosed was not disclosed as required' },
  false_disclosure: { zh: '公示信息隐瞒真实情况弄虚作假', en: 'disclosed information hides the facts or is falsified' },
  unreachable: { zh: '通过登记的住所或经营场所无法联系', en: 'cannot be reached at the registered domicile or premises' },
  ordered_to_correct: { zh: '发现问题已责令改正', en: 'problem found, ordered to correct' },
  refused_inspection: { zh: '不配合检查情节严重', en: 'seriously refused to cooperate with the inspection' },
  no_such_business: { zh: '未发现开展本次抽查涉及的经营活动', en: 'none of the business activity this check covers was found' },
  pending_follow_up: { zh: '发现问题待后续处理', en: 'problem found, pending follow-up' },
};

/** Results that are a problem found: each such finding opens a rectification plan. */
export const RESULTS_WITH_FINDINGS: readonly InspectionResult[] = ['not_disclosed', 'false_disclosure', 'ordered_to_correct', 'pending_follow_up'];

/** The strata of a draw: the registry's credit standing (守信 / 一般 / 失信), each with its own ratio. */
export const STRATA = ['good', 'normal', 'bad'] as const;
export type Stratum = (typeof STRATA)[number];
export const STRATUM_NAMES: Record<Stratum, Bilingual> = {
  good: { zh: '守信（低风险）', en: 'good credit (low risk)' },
  normal: { zh: '一般（一般风险）', en: 'normal credit (general risk)' },
  bad: { zh: '失信（高风险）', en: 'bad credit (high risk)' },
};

/**
 * A task: drafted with its departments, items, filters and ratios; committed (its rosters frozen
 * and their hash and the server random's hash published); drawn (the witness value entered, the
 * targets and teams drawn, one visit per target); published (every result public).
 */
export const TASK_STATUSES = ['draft', 'committed', 'drawn', 'published'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_NAMES: Record<TaskStatus, Bilingual> = {
  draft: { zh: '待抽取', en: 'draft' },
  committed: { zh: '已公布承诺', en: 'committed' },
  drawn: { zh: '已抽取', en: 'drawn' },
  published: { zh: '已公示', en: 'published' },
};

export const TASK_ACTIONS = ['commit', 'draw', 'redraw', 'publish'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** One visit per drawn target, however many departments inspect it (跨部门联合抽查). */
export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_NAMES: Record<VisitStatus, Bilingual> = {
  planned: { zh: '待检查', en: 'planned' }, done: { zh: '已检查', en: 'inspected' }, cancelled: { zh: '已因重新抽取作废', en: 'set aside by a redraw' },
};

export const VISIT_ACTIONS = ['recuse', 'record-result'] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

/** Where the publication clock stands: results due within 20 working days of the inspection's end. */
export const DUE_STATES = ['on_time', 'due_soon', 'overdue'] as const;
export type DueState = (typeof DUE_STATES)[number];

/** Working days after the inspection period's end within which results are published. */
export const PUBLICATION_WORKING_DAYS = 20;
/** Working days before the due date at which the sweep says "due soon". */
export const DUE_SOON_WORKING_DAYS = 3;

/** `GET /api/public/inspections/:taskId/draw`: everything needed to re-run the draw (bin/verify-draw.mjs). */
export interface PublishedDraw {
  format: 'qinqing-draw/1';
  taskId: number;
  taskCode: string;
  title: string;
  rosters: {
    task: string;
    perDepartment: number;
    departments: string[];
    strata: { stratum: string; basisPoints: number }[];
    targets: { id: string; stratum: string }[];
    inspectors: { id: string; department: string }[];
    conflicts: { inspector: string; target: string }[];
  };
  /** SHA-256 of the canonical rosters, published at the commit. */
  commitment: string;
  committedAt: string;
  serverRandomHash: string;
  seedSource: Bilingual;
  /** Revealed at the draw; null before it. */
  serverRandom: string | null;
  witnessValue: string | null;
  seed: string | null;
  drawnAt: string | null;
  result: {
    targets: { id: string; stratum: string; rank: number }[];
    /** As drawn, before any recusal. */
    teams: { target: string; department: string; inspectors: string[] }[];
  } | null;
  /** In the order they were recorded. */
  recusals: { target: string; inspector: string; department: string; replacement: string }[];
  /** Each draw set aside by a redraw, with its audited reason and its sources revealed. */
  redraws: Redraw[];
}

export interface Redraw {
  at: string;
  reason: string;
  /** Who decided it (a leader of the lead department). */
  by: string;
  serverRandom: string;
  witnessValue: string;
  seed: string;
}

/** 检查事项: one item of a department's list. */
export interface InspectionItemView {
  id: number;
  officeId: number;
  officeName: string;
  code: string;
  name: string;
  /** 检查依据. */
  legalBasis: string;
  /** An enterprise kind of the registry, or null for any. */
  targetKind: string | null;
  method: string;
  /** Default sampling ratio in basis points (300 = 3 %). */
  defaultBasisPoints: number;
  active: boolean;
  version: number;
}

export interface DeclaredConflict {
  uscc: string;
  /** The relation declared: 亲属任职, 曾任职, 持股… */
  relation: string;
}

export interface InspectorView {
  id: number;
  officeId: number;
  officeName: string;
  name: string;
  /** 执法证号. */
  certificateNo: string;
  qualifications: string[];
  userId: number | null;
  active: boolean;
  conflicts: DeclaredConflict[];
  version: number;
}

export interface PlanBatch {
  no: number;
  name: string;
  from: string;
  to: string;
}

export interface InspectionPlanView {
  id: number;
  officeId: number;
  officeName: string;
  year: number;
  title: string;
  batches: PlanBatch[];
  tasks: number;
  version: number;
}

export interface TeamView {
  departmentId: number;
  departmentName: string;
  inspectors: { certificateNo: string; name: string }[];
}

export interface VisitView {
  id: number;
  taskId: number;
  taskCode: string;
  uscc: string;
  enterpriseName: string;
  stratum: string;
  rank: number;
  teams: TeamView[];
  recusals: { inspector: string; replacement: string; departmentId: number; reason: string; askedBy: 'enterprise' | 'department'; at: string }[];
  status: VisitStatus;
  result: InspectionResult | null;
  findings: string | null;
  firstOffenceNoPenalty: boolean;
  inspectedOn: string | null;
  rectificationDeadline: string | null;
  /** When the draw planned it. */
  createdAt: string;
  version: number;
  actions: VisitAction[];
}

export interface TaskView {
  id: number;
  code: string;
  planId: number;
  batch: number;
  title: string;
  leadOfficeId: number;
  departments: { id: number; name: string }[];
  items: { id: number; code: string; name: string; officeId: number }[];
  filters: { kind?: string; size?: string; industry?: string; regionCode?: string };
  strata: { stratum: Stratum; basisPoints: number }[];
  perDepartment: number;
  periodFrom: string;
  periodTo: string;
  publicationDue: string;
  dueState: DueState;
  seedSource: Bilingual;
  status: TaskStatus;
  commitment: string | null;
  committedAt: string | null;
  serverRandomHash: string | null;
  /** Shown once drawn. */
  serverRandom: string | null;
  witnessValue: string | null;
  seed: string | null;
  drawnAt: string | null;
  publishedAt: string | null;
  publishedOnTime: boolean | null;
  redraws: Redraw[];
  /** Targets in the frozen roster, once committed. */
  candidates: number | null;
  visits: VisitView[];
  version: number;
  actions: TaskAction[];
}

/** `POST /api/inspection-tasks/roster-preview`: the rosters a commit would freeze now, before the task is drawn up. */
export interface RosterPreview {
  /** Target candidates in the classes drawn from. */
  candidates: number;
  /** Per credit class: its candidates and the exact number the draw will take, ⌈candidates × ratio⌉. */
  strata: { stratum: Stratum; basisPoints: number; candidates: number; quota: number }[];
  quota: number;
  departments: { id: number; name: string; activeInspectors: number; needed: number; declaredConflicts: number }[];
  /** What would stop the commit now (empty roster, too few inspectors…); none when it can go ahead. */
  problems: { code: string; zh: string; en: string }[];
  /** The candidates by name, a page at a time. */
  page: {
    items: { uscc: string; name: string; stratum: Stratum; regionName: string; kind: EnterpriseKind; size: EnterpriseSize | null; industryName: string | null }[];
    total: number;
    page: number;
    pageSize: number;
  };
}

/** A published result as the public sees it (no inspector's name, no findings' rectification detail). */
export interface PublicResult {
  uscc: string;
  enterpriseName: string;
  result: InspectionResult;
  resultName: Bilingual;
  findings: string | null;
  firstOffenceNoPenalty: boolean;
  inspectedOn: string;
  departments: string[];
}

export interface PublicTask {
  id: number;
  code: string;
  title: string;
  departments: string[];
  items: string[];
  periodFrom: string;
  periodTo: string;
  publishedAt: string;
  commitment: string;
  results: PublicResult[];
}

/** `GET /api/inspection-figures`: one row per lead department, and the total. */
export interface InspectionFigures {
  officeId: number | null;
  officeName: string;
  tasks: number;
  targetsDrawn: number;
  inspected: number;
  problemsFound: number;
  rectified: number;
  publishedOnTime: number;
  published: number;
  visitsSavedByJoining: number;
}

// The canonical texts of a draw.

export const DRAW_FORMAT = 'qinqing-draw/1';

/** What the canonical rosters are made of (draw.ts DrawRosters). */
export interface CanonicalRosters {
  task: string;
  perDepartment: number;
  departments: readonly string[];
  strata: readonly { stratum: string; basisPoints: number }[];
  targets: readonly { id: string; stratum: string }[];
  inspectors: readonly { id: string; department: string }[];
  conflicts: readonly { inspector: string; target: string }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rosters as one text, one line each, every list sorted by its identifier (code-unit order),
 * so the same rosters in any order give the same text:
 * `qinqing-draw/1`, `task:T`, `per-department:N`, `department:D`…, `stratum:S:BP`…,
 * `target:ID:S`…, `inspector:ID:D`…, `conflict:INSPECTOR:TARGET`…, each line ending in "\n".
 */
export function canonicalRosters(r: CanonicalRosters): string {
  const lines = [
    DRAW_FORMAT, `task:${r.task}`, `per-department:${r.perDepartment}`,
    ...[...r.departments].sort(byText).map((d) => `department:${d}`),
    ...r.strata.map((s) => `stratum:${s.stratum}:${s.basisPoints}`).sort(byText),
    ...r.targets.map((t) => `target:${t.id}:${t.stratum}`).sort(byText),
    ...r.inspectors.map((i) => `inspector:${i.id}:${i.department}`).sort(byText),
    ...[...new Set(r.conflicts.map((c) => `conflict:${c.inspector}:${c.target}`))].sort(byText),
  ];
  return lines.map((l) => `${l}\n`).join('');
}

/** The witness value as it enters the seed: Unicode NFKC, trimmed, each run of white space one space. */
export function canonicalWitness(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/** RFC 3797's key of the two sources, each followed by "/": its SHA-256 is the seed. */
export const seedKey = (serverRandom: string, witness: string) => `${serverRandom}/${canonicalWitness(witness)}/`;
