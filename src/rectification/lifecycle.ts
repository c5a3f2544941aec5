/**
 * A rectification plan (整改方案) as an item type of the lifecycle kernel, as pure rules: its
 * statuses, who may read it, who may draw it up, change it or add a note to it, and what in its
 * subject refuses that now. A plan belongs to a subject (a case today) and follows it: who
 * stands how to the plan is how they stand to the subject, and the subject's status says when
 * the plan may still change — so the runner's 409 names the subject's status, not the plan's.
 */
import { GENESIS_HASH, permitted, wrongStatus, type ActingRole, type Bilingual, type BlockedReason, type ItemRow, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import { CASE_LIFECYCLE, OPEN_STATUSES } from '../cases/lifecycle.js';
import { VISIT_LIFECYCLE } from '../inspections/lifecycle.js';
import { LEDGER_STATUS_NAMES, PLAN_STATUSES, type PlanAction, type PlanStatus, type SubjectType } from './contract.js';

export type { PlanAction, PlanStatus, SubjectType } from './contract.js';

/**
 * How the actor stands to the plan's subject (for a case, as the case module works it out):
 * - `intake`: the office that took the subject in is in the actor's subtree;
 * - `lead`: the office answering for the subject is in the actor's subtree;
 * - `assisting`: an assisting office is in the actor's subtree;
 * - `requester`: the actor is the enterprise the subject is about;
 * - `inspecting`: the actor inspected the subject (on an inspection visit's team).
 */
export type Relation = 'intake' | 'lead' | 'assisting' | 'requester' | 'inspecting';

/** What a plan reads of its subject, loaded (and, for an action, locked) with the plan. */
export interface SubjectState {
  type: SubjectType;
  id: number;
  /** How people name it in messages: a case's code. */
  reference: string;
  /** In the subject's own vocabulary (a case's status). */
  status: string;
  /** The enterprise the subject is about (统一社会信用代码), when it is about one: only then is there anything to rectify. */
  uscc: string | null;
  /** The office answering for the subject: a new plan's responsible office unless the plan names another. */
  leadOfficeId: number | null;
  assistingOfficeIds: number[];
  /** When the subject was taken in: no progress is reported for a week before that. */
  takenInAt: Date;
}

/** A plan as stored (one row of `rectifications`). */
export interface PlanRow extends ItemRow<PlanStatus> {
  subjectType: SubjectType;
  subjectId: number;
  uscc: string;
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId: number;
  /** 整改时限: YYYY-MM-DD in the office's time zone; overdue is derived from it, never stored. */
  deadline: string;
  completedAt: Date | null;
  createdBy: number | null;
  createdAt: Date;
  updatedBy: number | null;
  updatedAt: Date;
}

/** A plan as the runner holds it: the row and its subject's state. */
export interface PlanItem extends PlanRow {
  subject: SubjectState;
}

/**
 * A subject's plan as it would start, before drawing it up fills it in: what the runner checks
 * the `create` rule against, and what a view asks whether the plan may be drawn up.
 */
export function draftPlan(subject: SubjectState): PlanItem {
  return {
    id: 0, subjectType: subject.type, subjectId: subject.id, uscc: subject.uscc ?? '', measures: '', responsiblePerson: '',
    responsibleOfficeId: subject.leadOfficeId ?? 0, deadline: '', status: 'planned', completedAt: null, createdBy: null, createdAt: new Date(0),
    updatedBy: null, updatedAt: new Date(0), version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, subject,
  };
}

/**
 * What a plan needs of each kind of subject: its names (for the refusals) and the statuses in
 * which its plan is drawn up or changed, and in which notes are added. A new subject type adds
 * an entry here and a source in subjects.ts.
 */
interface SubjectRules {
  label: Bilingual;
  /** One subject as messages name it at the start of a sentence: 「诉求 2026112300001」, "Case 2026112300001". */
  named(reference: string): Bilingual;
  /** Why a subject not about an enterprise has no plan (after its name). */
  notAboutEnterprise: Bilingual;
  statuses: Record<string, Bilingual>;
  /** A plan is drawn up and changed while the office answering for the subject has it. */
  planFrom: readonly string[];
  /** Progress and supervision notes are added until the subject is done with. */
  progressFrom: readonly string[];
}

export const SUBJECT_RULES: Record<SubjectType, SubjectRules> = {
  // The lead office has a case from dispatch until the intake centre closes it; a closed or merged case takes no more notes.
  case: {
    label: CASE_LIFECYCLE.label, statuses: CASE_LIFECYCLE.statuses,
    named: (code) => ({ zh: `诉求 ${code}`, en: `Case ${code}` }),
    notAboutEnterprise: { zh: '不是企业诉求或诉求人身份保密，没有整改台账', en: 'was not raised by or about an enterprise, or its requester is protected; it has no rectification ledger entry' },
    planFrom: ['dispatched', 'handling', 'replied', 'reviewed'], progressFrom: OPEN_STATUSES,
  },
  // A finding is rectified once its visit's result is recorded, and reported on from then.
  inspection: {
    label: VISIT_LIFECYCLE.label, statuses: VISIT_LIFECYCLE.statuses,
    named: (reference) => ({ zh: `检查记录 ${reference}`, en: `Inspection visit ${reference}` }),
    notAboutEnterprise: { zh: '不涉及企业，没有整改台账', en: 'is about no enterprise; it has no rectification ledger entry' },
    planFrom: ['done'], progressFrom: ['done'],
  },
};

/** Who draws the plan up and changes it: a handler of the office answering for the subject. */
export const PLAN_EDITORS: readonly Permit<Relation>[] = [{ role: 'handler', relation: 'lead' }];
/** Who draws it up: those, and the inspector whose finding it rectifies (with the result). */
const PLAN_OPENERS: readonly Permit<Relation>[] = [...PLAN_EDITORS, { role: 'inspector', relation: 'inspecting' }];
/** Who adds notes: that handler (progress reports) and a supervisor of the intake or lead office (督办意见). */
export const PROGRESS_WRITERS: readonly Permit<Relation>[] = [...PLAN_EDITORS, { role: 'supervisor', relation: 'intake' }, { role: 'supervisor', relation: 'lead' }];

export const mayEditPlan = (roles: readonly ActingRole[], relations: readonly Relation[]) => permitted(PLAN_EDITORS, roles, relations);
export const mayAddProgress = (roles: readonly ActingRole[], relations: readonly Relation[]) => permitted(PROGRESS_WRITERS, roles, relations);

/** What each deed is called when the subject's status refuses it: "the case … cannot have its plan changed now". */
const SUBJECT_DEEDS = {
  plan: { zh: '制定或修改整改方案', en: 'have its rectification plan drawn up or changed' },
  progress: { zh: '填报整改进展', en: 'take rectification progress notes' },
} as const;

function subjectRefuses(subject: SubjectState, deed: keyof typeof SUBJECT_DEEDS): BlockedReason | null {
  const rules = SUBJECT_RULES[subject.type];
  const allowed = deed === 'plan' ? rules.planFrom : rules.progressFrom;
  return allowed.includes(subject.status) ? null : wrongStatus(rules, SUBJECT_DEEDS[deed], subject.status, allowed);
}

/** Only a subject about an enterprise has anything to rectify (a citizen's complaint has no ledger entry). */
function notAboutEnterprise(subject: SubjectState): BlockedReason | null {
  if (subject.uscc) return null;
  const rules = SUBJECT_RULES[subject.type];
  const name = rules.named(subject.reference);
  return { code: 'not_enterprise_case', zh: `${name.zh} ${rules.notAboutEnterprise.zh}`, en: `${name.en} ${rules.notAboutEnterprise.en}` };
}

const STAFF_SEEING: readonly Permit<Relation>[] = [
  ...(['agent', 'dispatcher', 'supervisor', 'leader'] as const).map((role) => ({ role, relation: 'intake' as const })),
  ...(['handler', 'supervisor', 'leader'] as const).flatMap((role) => [{ role, relation: 'lead' as const }, { role, relation: 'assisting' as const }]),
  { role: 'inspector', relation: 'inspecting' },
];

export const RECTIFICATION_LIFECYCLE: Lifecycle<PlanItem, PlanStatus, Relation, PlanAction> = {
  type: 'rectification',
  label: { zh: '整改方案', en: 'rectification plan' },
  statuses: Object.fromEntries(PLAN_STATUSES.map((s) => [s, LEDGER_STATUS_NAMES[s]])) as Record<PlanStatus, Bilingual>,
  // The staff working on the subject and the enterprise itself; there is no public door to a plan.
  readers: [...STAFF_SEEING, { role: 'enterprise', relation: 'requester' }],
  scope: { zh: '且整改事项由您的单位主办（督办员也可在受理单位）', en: 'in the office leading the matter (or, for a supervisor, the office that took it in)' },
  create: {
    label: { zh: '制定', en: 'draw up' }, to: 'planned', permits: PLAN_OPENERS,
    blockedBy: (draft) => notAboutEnterprise(draft.subject) ?? subjectRefuses(draft.subject, 'plan'),
  },
  actions: {
    // The plan's own status never refuses a change or a note: a done plan may be reopened, and notes go on until the subject closes.
    revise: { label: { zh: '修改', en: 'change' }, from: PLAN_STATUSES, permits: PLAN_EDITORS, blockedBy: (plan) => subjectRefuses(plan.subject, 'plan') },
    'add-progress': {
      label: { zh: '填报进展', en: 'add progress to' }, from: PLAN_STATUSES, permits: PROGRESS_WRITERS, unversioned: true,
      blockedBy: (plan) => subjectRefuses(plan.subject, 'progress'),
    },
  },
};
