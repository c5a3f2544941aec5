/**
 * The two work items of 双随机、一公开 on the lifecycle kernel, as pure rules (no I/O).
 *
 * A task (抽查任务) names its department and any joining departments, items, period, roster
 * filters and ratios: `commit` freezes the candidate rosters and publishes their hash and the
 * server random's hash; `draw` enters the witness value, draws the targets and their teams and
 * plans one visit per target; `publish` makes every result public once each visit has one.
 *
 * A visit (检查记录) is one enterprise's joint inspection: the enterprise sees one visit whatever
 * the number of departments. `recuse` replaces an inspector by the next in the ranking;
 * `record-result` records the national result category, findings and 首违不罚.
 */
import { permitted, type ActingRole, type ItemRow, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import type { Role } from '../platform/actor.js';
import type { DrawResult, DrawRosters } from './draw.js';
import {
  TASK_STATUS_NAMES, VISIT_STATUS_NAMES, type DueState, type Redraw, type InspectionResult, type Stratum, type TaskAction, type TaskStatus, type VisitAction, type VisitStatus,
} from './contract.js';

/**
 * How the actor stands to a task or visit: `lead` — the department running it is in their office
 * subtree; `joining` — a joining department is; `team` — they are an inspector on the visit's
 * team; `target` — they act for the enterprise inspected.
 */
export type Relation = 'lead' | 'joining' | 'team' | 'target';

export interface TaskFilters {
  kind?: string;
  size?: string;
  /** A GB/T 4754 section letter or two-digit division. */
  industry?: string;
  regionCode?: string;
}

export interface TaskRow extends ItemRow<TaskStatus> {
  code: string;
  planId: number;
  batch: number;
  title: string;
  leadOfficeId: number;
  officeIds: number[];
  itemIds: number[];
  filters: TaskFilters;
  strata: { stratum: Stratum; basisPoints: number }[];
  perDepartment: number;
  periodFrom: string;
  periodTo: string;
  publicationDue: string;
  dueState: DueState;
  seedSourceZh: string;
  seedSourceEn: string;
  rosters: DrawRosters | null;
  commitment: string | null;
  committedAt: Date | null;
  serverRandom: string | null;
  serverRandomHash: string | null;
  witnessValue: string | null;
  seed: string | null;
  drawnAt: Date | null;
  result: DrawResult | null;
  redraws: Redraw[];
  publishedAt: Date | null;
  publishedOnTime: boolean | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A task as the runner holds it: its row and how many of its current visits have a result, and how many not yet. */
export interface TaskItem extends TaskRow {
  openVisits: number;
  doneVisits: number;
}

export interface TeamEntry {
  /** The department's office id, as the draw names it. */
  department: string;
  inspectors: string[];
}

export interface RecusalEntry {
  inspector: string;
  department: string;
  replacement: string;
  reason: string;
  /** Who asked: the enterprise, or the department recording it (an inspector's own declaration). */
  askedBy: 'enterprise' | 'department';
  at: string;
}

export interface VisitRow extends ItemRow<VisitStatus> {
  taskId: number;
  uscc: string;
  enterpriseName: string;
  stratum: string;
  rank: number;
  teams: TeamEntry[];
  recusals: RecusalEntry[];
  result: InspectionResult | null;
  findings: string | null;
  firstOffenceNoPenalty: boolean;
  inspectedOn: string | null;
  rectificationDeadline: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a visit reads of its task, loaded (and locked) with it. */
export interface VisitTask {
  code: string;
  status: TaskStatus;
  leadOfficeId: number;
  officeIds: number[];
  periodFrom: string;
  periodTo: string;
  rosters: DrawRosters;
  seed: string;
  result: DrawResult;
}

export interface VisitItem extends VisitRow {
  task: VisitTask;
}

const pairs = (roles: readonly Role[], relations: readonly Relation[]): Permit<Relation>[] => roles.flatMap((role) => relations.map((relation) => ({ role, relation })));

/** The department's staff who run tasks: draw them up, commit, draw, publish. */
export const TASK_RUNNERS = pairs(['handler', 'leader'], ['lead']);
/** A redraw sets a draw aside: the department's leader decides it, with the reason on record. */
const REDRAWERS = pairs(['leader'], ['lead']);
const DEPARTMENT_STAFF = pairs(['handler', 'leader', 'supervisor', 'inspector'], ['lead', 'joining']);

export const TASK_LIFECYCLE: Lifecycle<TaskItem, TaskStatus, Relation, TaskAction> = {
  type: 'inspection_task',
  label: { zh: '抽查任务', en: 'inspection task' },
  statuses: TASK_STATUS_NAMES,
  readers: DEPARTMENT_STAFF,
  scope: { zh: '且任务由您的部门（或下级单位）牵头', en: 'in the department leading the task (or an office above it)' },
  create: { label: { zh: '新建', en: 'create' }, to: 'draft', permits: TASK_RUNNERS },
  actions: {
    commit: { label: { zh: '公布承诺', en: 'commit the rosters of' }, from: ['draft'], to: 'committed', permits: TASK_RUNNERS },
    draw: { label: { zh: '抽取', en: 'draw' }, from: ['committed'], to: 'drawn', permits: TASK_RUNNERS },
    redraw: {
      label: { zh: '重新抽取', en: 'redraw' }, from: ['drawn'], to: 'committed', permits: REDRAWERS,
      blockedBy: (task) => (task.doneVisits > 0
        ? { code: 'results_recorded', zh: `已有 ${task.doneVisits} 户录入检查结果，不能重新抽取`, en: `${task.doneVisits} targets have results; the draw can no longer be redone`, details: { doneVisits: task.doneVisits } }
        : null),
    },
    publish: {
      label: { zh: '公示结果', en: 'publish the results of' }, from: ['drawn'], to: 'published', permits: TASK_RUNNERS,
      blockedBy: (task) => (task.openVisits > 0
        ? { code: 'results_missing', zh: `还有 ${task.openVisits} 户未录入检查结果`, en: `${task.openVisits} targets have no result yet`, details: { openVisits: task.openVisits } }
        : null),
    },
  },
};

export const VISIT_LIFECYCLE: Lifecycle<VisitItem, VisitStatus, Relation, VisitAction> = {
  type: 'inspection_visit',
  label: { zh: '检查记录', en: 'inspection visit' },
  statuses: VISIT_STATUS_NAMES,
  readers: [...DEPARTMENT_STAFF, { role: 'inspector', relation: 'team' }, { role: 'enterprise', relation: 'target' }],
  scope: { zh: '（检查组成员、检查部门或被检查企业）', en: 'on the team, in an inspecting department or for the enterprise inspected' },
  actions: {
    // The enterprise asks; the department records an inspector's own declaration or a request made by phone.
    recuse: {
      label: { zh: '申请回避', en: 'recuse an inspector from' }, from: ['planned'],
      permits: [{ role: 'enterprise', relation: 'target' }, ...pairs(['handler', 'leader'], ['lead', 'joining'])],
      blockedBy: taskNotDrawn,
    },
    'record-result': { label: { zh: '录入结果', en: 'record the result of' }, from: ['planned'], to: 'done', permits: [{ role: 'inspector', relation: 'team' }], blockedBy: taskNotDrawn },
  },
};

function taskNotDrawn(visit: VisitItem) {
  return visit.task.status === 'drawn' ? null : {
    code: 'task_not_open', zh: `抽查任务 ${visit.task.code} 当前为「${TASK_STATUS_NAMES[visit.task.status].zh}」`,
    en: `Inspection task ${visit.task.code} is ${TASK_STATUS_NAMES[visit.task.status].en}`, details: { taskStatus: visit.task.status },
  };
}

/** Who edits a department's item list, inspector roster and plans: its administrator, handlers and leaders, in their office subtree. */
export const LIST_EDITORS: readonly Role[] = ['admin', 'handler', 'leader'];
/** Who reads them: every staff role of the department. */
export const LIST_READERS: readonly Role[] = ['admin', 'handler', 'leader', 'supervisor', 'inspector'];

export const mayRunTasks = (roles: readonly ActingRole[], relations: readonly Relation[]) => permitted(TASK_RUNNERS, roles, relations);
