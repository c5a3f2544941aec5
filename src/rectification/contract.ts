/**
 * What the rectification ledger (整改台账) speaks, shared by the server and the web app: plan
 * statuses and ledger statuses with their names, progress kinds, the subjects a plan can belong
 * to, and the shapes of the JSON — a subject's plan and progress, what drawing up a plan and
 * adding a note send, the ledger page. Constants and types only; its one import is of the case
 * contract's types (a ledger row is an enterprise's case), which the bundler erases, so the
 * browser takes this file as it is. The rules stay in the server modules (lifecycle.ts, rules.ts).
 */
import type { Bilingual, CaseStatus, CaseType } from '../cases/contract.js';

/**
 * What a rectification plan belongs to: an enterprise's case, or a random inspection's finding
 * (the visit that found it); a visit or a poor service review later. A new kind of subject is a new code here and its rules
 * (lifecycle.ts, subjects.ts) — the tables key a plan by (subject type, subject id) and USCC.
 */
export const SUBJECT_TYPES = ['case', 'inspection'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What can be done to a plan once drawn up (drawing it up is its `create`). */
export const PLAN_ACTIONS = ['revise', 'add-progress'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** What is stored: the handler moves a plan through these. */
export const PLAN_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** What is shown: `overdue` is derived from the deadline and today, never stored. */
export const LEDGER_STATUSES = ['planned', 'in_progress', 'done', 'overdue'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** A ledger filter may also ask for enterprise cases with no plan yet. */
export const LEDGER_FILTER_STATUSES = [...LEDGER_STATUSES, 'none'] as const;
export type LedgerStatusFilter = (typeof LEDGER_FILTER_STATUSES)[number];

export const LEDGER_STATUS_NAMES: Record<LedgerStatusFilter, Bilingual> = {
  planned: { zh: '未开始', en: 'planned' },
  in_progress: { zh: '整改中', en: 'in progress' },
  done: { zh: '已完成', en: 'done' },
  overdue: { zh: '已逾期', en: 'overdue' },
  none: { zh: '未制定', en: 'no plan yet' },
};

/** A handler's weekly progress report, or a supervisor's note on the plan (督办意见). */
export const PROGRESS_KINDS = ['progress', 'supervision'] as const;
export type ProgressKind = (typeof PROGRESS_KINDS)[number];

export interface PlanView {
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId: number;
  responsibleOfficeName: string;
  deadline: string;
  /** As stored: planned, in_progress or done. */
  status: PlanStatus;
  /** As shown: overdue when the deadline has passed and it is not done. */
  ledgerStatus: LedgerStatus;
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
  kind: ProgressKind;
  note: string;
  authorName: string;
  authorOfficeName: string | null;
  recordedAt: string;
}

/** The enterprise of a ledger entry (a protected requester's case is none: subjects.ts caseSubject). */
export interface LedgerEnterprise {
  name: string | null;
  uscc: string | null;
}

/** `GET /api/cases/:id/rectification` (and what its changes answer). */
export interface RectificationView {
  caseId: number;
  caseCode: string;
  /** The case's version (every ledger change moves it, as an event on its timeline). */
  caseVersion: number;
  caseStatus: CaseStatus;
  title: string;
  /** False for a case not raised by or about an enterprise: it has no ledger entry. */
  applicable: boolean;
  enterprise: LedgerEnterprise;
  plan: PlanView | null;
  progress: ProgressView[];
  /** What the caller may do now, for the web client's buttons. */
  actions: { editPlan: boolean; addProgress: boolean };
}

/** Drawing up or changing a case's rectification plan (整改方案): `PUT /api/cases/:id/rectification`. */
export interface PlanInput {
  /** The plan's version last read; absent when drawing the plan up for the first time. */
  version?: number;
  /** 整改措施: what will be done. */
  measures: string;
  /** 责任人: who answers for it (a name, e.g. 「张科长」). */
  responsiblePerson: string;
  /** The responsible person's office: the lead office or one below it, or an assisting office. Defaults to the lead office (or, on a change, stays). */
  responsibleOfficeId?: number;
  /** 整改时限 (YYYY-MM-DD). A new or moved deadline cannot be in the past. */
  deadline: string;
  /** Where the plan stands; a new plan starts as `planned`. Marking it `done` records when. */
  status?: PlanStatus;
}

/** A weekly progress note (每周进展) or a supervisor's note: `POST /api/cases/:id/rectification/progress`. */
export interface ProgressInput {
  note: string;
  /** The week reported on: an ISO week (`2026-W48`) or any date in it; the current week when absent. */
  week?: string;
}

export interface LedgerItem {
  caseId: number;
  code: string;
  type: CaseType;
  caseStatus: CaseStatus;
  acceptedAt: string;
  /** The problem (问题描述): the case's title. */
  title: string;
  enterprise: LedgerEnterprise;
  leadOfficeId: number | null;
  leadOfficeName: string | null;
  plan: PlanView | null;
  /** The plan's status as shown, or `none` when no plan is drawn up yet. */
  ledgerStatus: LedgerStatusFilter;
  daysOverdue: number;
  latestProgress: { note: string; week: string; weekStart: string; kind: ProgressKind; date: string; recordedAt: string } | null;
}

/** `GET /api/ledger` */
export interface LedgerPage {
  items: LedgerItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The office's local date the overdue days are counted to (YYYY-MM-DD). */
  today: string;
}

