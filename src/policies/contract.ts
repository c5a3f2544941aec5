/**
 * What the policies API (惠企政策) speaks, shared by the server and the web app: a policy's
 * content, its eligibility conditions, enterprise facts, an evaluation, a match and the figures.
 * Constants and types only, so the browser bundle can take it as it is; the rules stay in
 * eligibility.ts and lifecycle.ts.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export const POLICY_STATUSES = ['draft', 'published', 'retired'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_STATUS_NAMES: Record<PolicyStatus, Bilingual> = {
  draft: { zh: '草稿', en: 'draft' }, published: { zh: '已发布', en: 'published' }, retired: { zh: '已废止', en: 'retired' },
};
export const POLICY_ACTIONS = ['update', 'publish', 'retire'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export const BENEFIT_KINDS = ['subsidy', 'award', 'tax_relief', 'interest_subsidy', 'fee_reduction', 'service'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export const BENEFIT_KIND_NAMES: Record<BenefitKind, Bilingual> = {
  subsidy: { zh: '资金补贴', en: 'subsidy' }, award: { zh: '奖励', en: 'award' }, tax_relief: { zh: '税费减免', en: 'tax relief' },
  interest_subsidy: { zh: '贷款贴息', en: 'loan interest subsidy' }, fee_reduction: { zh: '费用减免', en: 'fee reduction' }, service: { zh: '服务支持', en: 'service' },
};

/** A numbered clause of the policy document (第三条, 3.2…). */
export interface Clause {
  number: string;
  text: string;
}

export interface Benefit {
  kind: BenefitKind;
  /** 元, when the benefit is a fixed sum; null when it is described only (a rate, a service). */
  amount: number | null;
  description: string;
}

/** Sizes and credit standings as the registry records them. */
export type Size = 'large' | 'medium' | 'small' | 'micro';
export type Credit = 'good' | 'normal' | 'bad';

/** The facts the registry itself holds (source `registry`). */
export const REGISTRY_FACTS = ['region', 'industry', 'size', 'established_on', 'key_enterprise', 'credit', 'registered_capital'] as const;
export type RegistryFactName = (typeof REGISTRY_FACTS)[number];

/**
 * One eligibility condition, citing the clause it comes from. Every condition reads one fact:
 * a registry field, or (kind `fact`) a fact an administrator or the enterprise recorded.
 */
export type Condition = { clause: string } & (
  /** The enterprise's region is the code or lies under it (GB/T 2260). */
  | { kind: 'region'; regionCode: string }
  /** Its GB/T 4754 division, or the section holding it, is one of these (letters for sections, two digits for divisions). */
  | { kind: 'industry'; codes: string[] }
  | { kind: 'size'; sizes: Size[] }
  /** Full years since establishment as of the evaluation date: at least `minYears`, fewer than `underYears`. */
  | { kind: 'age'; minYears?: number; underYears?: number }
  | { kind: 'key_enterprise'; value: boolean }
  | { kind: 'credit'; standings: Credit[] }
  /** 万元, inclusive bounds. */
  | { kind: 'registered_capital'; min?: number; max?: number }
  | { kind: 'fact'; fact: string; test: FactTest }
);
export type ConditionKind = Condition['kind'];
export const CONDITION_KINDS = ['region', 'industry', 'size', 'age', 'key_enterprise', 'credit', 'registered_capital', 'fact'] as const satisfies readonly ConditionKind[];

/** What a recorded fact must be: a number within bounds (inclusive), a boolean, or one of some texts. */
export type FactTest =
  | { type: 'number'; min?: number; max?: number }
  | { type: 'boolean'; equals: boolean }
  | { type: 'text'; oneOf: string[] };

export const FACT_TYPES = ['number', 'boolean', 'text'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * Where a fact comes from: `registry` — the registry's authoritative data (its own fields, or an
 * authoritative register an administrator copied in, such as the list of certified high-tech
 * enterprises); `admin` — an administrator's finding; `declared` — the enterprise's own word.
 * Only `registry` facts grant 免申即享 without an application.
 */
export const FACT_SOURCES = ['registry', 'admin', 'declared'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];
export const FACT_SOURCE_NAMES: Record<FactSource, Bilingual> = {
  registry: { zh: '企业库权威数据', en: 'registry (authoritative)' }, admin: { zh: '管理员录入', en: 'entered by an administrator' }, declared: { zh: '企业自行申报', en: 'declared by the enterprise' },
};

export interface Fact {
  name: string;
  type: FactType;
  value: number | boolean | string;
  source: FactSource;
  /** YYYY-MM-DD: the fact is known from this day on. */
  asOf: string;
}

/** A fact as recorded (GET /api/enterprises/:key/facts). */
export interface StoredFact extends Fact {
  recordedByName: string;
  recordedAt: string;
  version: number;
}

/** GET /api/enterprises/:key/facts: the facts, and the sources the viewer may record (none: read only). */
export interface EnterpriseFacts {
  items: StoredFact[];
  recordableSources: FactSource[];
}

export type Outcome = 'met' | 'not_met' | 'unknown';
export type Eligibility = 'eligible' | 'not_eligible' | 'unknown';
export const ELIGIBILITY_NAMES: Record<Eligibility, Bilingual> = {
  eligible: { zh: '符合', en: 'eligible' }, not_eligible: { zh: '不符合', en: 'not eligible' }, unknown: { zh: '待确认', en: 'unknown' },
};

export interface ConditionOutcome {
  clause: string;
  kind: ConditionKind;
  /** The fact the condition reads. */
  fact: string;
  outcome: Outcome;
  reason: Bilingual;
  /** The source of the fact it was decided on; null when the fact is missing. */
  source: FactSource | null;
}

export interface Evaluation {
  result: Eligibility;
  /** Whether the policy is in force on the date (outside its validity nothing is eligible). */
  inForce: boolean;
  conditions: ConditionOutcome[];
  /** The facts that are missing, each once. */
  missing: string[];
  /** Eligible on the registry's authoritative facts alone: what 免申即享 needs. */
  authoritative: boolean;
}

/** A policy's content as created and edited. */
export interface PolicyContent {
  title: string;
  issuingBody: string;
  documentNumber: string;
  /** The issuing office: its administrators and leaders (and those above) edit the policy. */
  officeId: number;
  validFrom: string;
  validTo: string | null;
  clauses: Clause[];
  benefit: Benefit;
  /** 免申即享: granted without an application when the registry's authoritative facts meet every condition. */
  automaticGrant: boolean;
  conditions: Condition[];
}

export interface PolicyView extends PolicyContent {
  id: number;
  status: PolicyStatus;
  statusName: Bilingual;
  officeName: string;
  /** Counts content changes after the first publication: each revision is pushed once. */
  revision: number;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  actions: PolicyAction[];
}

export interface PolicyListPage {
  items: PolicyView[];
  total: number;
  page: number;
  pageSize: number;
}

export const MATCH_STATUSES = ['pushed', 'read', 'applied', 'granted', 'declined'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const MATCH_STATUS_NAMES: Record<MatchStatus, Bilingual> = {
  pushed: { zh: '已推送', en: 'pushed' }, read: { zh: '已阅读', en: 'read' }, applied: { zh: '已申请', en: 'applied' },
  granted: { zh: '已兑现', en: 'granted' }, declined: { zh: '未予兑现', en: 'declined' },
};
export const MATCH_ACTIONS = ['read', 'apply', 'grant', 'decline'] as const;
export type MatchAction = (typeof MATCH_ACTIONS)[number];

/** A policy pushed to an enterprise, and how far it has got. */
export interface MatchView {
  id: number;
  policyId: number;
  policyTitle: string;
  revision: number;
  enterpriseId: number;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  industryDivision: string | null;
  status: MatchStatus;
  statusName: Bilingual;
  /** The evaluation that pushed it. */
  evaluation: Evaluation;
  /** Granted without an application (免申即享). */
  automatic: boolean;
  grantedAmount: number | null;
  declineReason: string | null;
  pushedAt: string;
  readAt: string | null;
  appliedAt: string | null;
  decidedAt: string | null;
  version: number;
  actions: MatchAction[];
}

/** GET /api/enterprises/:uscc/policies: each published policy in force, evaluated for the enterprise today. */
export interface EnterprisePolicy {
  policy: Pick<PolicyView, 'id' | 'title' | 'issuingBody' | 'documentNumber' | 'validFrom' | 'validTo' | 'benefit' | 'automaticGrant' | 'revision' | 'clauses'>;
  evaluation: Evaluation;
  /** Its push to the enterprise, if any. */
  match: Pick<MatchView, 'id' | 'status' | 'statusName' | 'version' | 'actions' | 'grantedAmount' | 'automatic'> | null;
}

export interface EnterprisePolicies {
  uscc: string;
  name: string;
  asOf: string;
  eligible: EnterprisePolicy[];
  unknown: EnterprisePolicy[];
  notEligible: EnterprisePolicy[];
}

export const FIGURE_GROUPINGS = ['policy', 'region', 'industry'] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];

export interface FigureRow {
  key: string;
  name: string;
  pushed: number;
  read: number;
  applied: number;
  granted: number;
  declined: number;
  /** 元 granted. */
  amount: number;
}

export interface PolicyFigures {
  by: FigureGrouping;
  rows: FigureRow[];
  total: Omit<FigureRow, 'key' | 'name'>;
}
