/** The task and the visit as item types of the lifecycle kernel, and the ways people create a task and act on a visit. */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { createItem, GENESIS_HASH, runAction, type ItemType } from '../platform/lifecycle/index.js';
import { workingCalendar } from '../calendar/store.js';
import { sql, queryRows } from '../platform/db/engine.js';
import type { TaskAction, TaskStatus, VisitAction, VisitStatus } from './contract.js';
import { TASK_LIFECYCLE, VISIT_LIFECYCLE, type Relation, type TaskItem, type VisitItem } from './lifecycle.js';
import { TASK_STORE, VISIT_STORE, visitIdOf } from './store.js';
import type { TaskSettings } from './settings.js';
import { createTask } from './commands/createTask.js';
import { commit } from './commands/commit.js';
import { drawTask } from './commands/drawTask.js';
import { publish } from './commands/publish.js';
import { redraw } from './commands/redraw.js';
import { recuse } from './commands/recuse.js';
import { recordResult } from './commands/recordResult.js';

const settings = async (db: Db): Promise<TaskSettings> => ({ calendar: await workingCalendar(db) });

export const TASK_TYPE: ItemType<TaskItem, TaskStatus, Relation, TaskAction, TaskSettings> = {
  lifecycle: TASK_LIFECYCLE, create: createTask, commands: { commit, draw: drawTask, redraw, publish }, store: TASK_STORE, settings,
};

export const VISIT_TYPE: ItemType<VisitItem, VisitStatus, Relation, VisitAction, TaskSettings> = {
  lifecycle: VISIT_LIFECYCLE, commands: { recuse, 'record-result': recordResult }, store: VISIT_STORE, settings,
};

const PLAN = { zh: '抽查计划', en: 'inspection plan' };

/** A task as it would start under the plan, before its command fills it in: what the create rule is checked against. */
async function draftTask(tx: Db, planId: number): Promise<TaskItem | null> {
  const [plan] = await queryRows<{ officeId: number }>(tx, sql`select office_id as "officeId" from inspection_plans where id = ${planId} for update`);
  if (!plan) return null;
  return {
    id: 0, code: '', planId, batch: 0, title: '', leadOfficeId: plan.officeId, officeIds: [plan.officeId], itemIds: [], filters: {}, strata: [], perDepartment: 2,
    periodFrom: '', periodTo: '', publicationDue: '', dueState: 'on_time', seedSourceZh: '', seedSourceEn: '', status: 'draft', rosters: null, commitment: null,
    committedAt: null, serverRandom: null, serverRandomHash: null, witnessValue: null, seed: null, drawnAt: null, result: null, redraws: [], publishedAt: null,
    publishedOnTime: null, createdBy: null, createdAt: new Date(0), updatedAt: new Date(0), version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, openVisits: 0, doneVisits: 0,
  };
}

export function createTaskUnder(db: Db, actor: Actor, planId: number, input: Record<string, unknown>): Promise<TaskItem> {
  return createItem(db, TASK_TYPE, actor, { under: { label: PLAN, id: planId }, draft: (tx) => draftTask(tx, planId), input });
}

/** An action on the visit of the target `uscc` in the task: 404 when the task has no such target. */
export async function actOnVisit(db: Db, actor: Actor, taskId: number, uscc: string, action: VisitAction, version: number, input: Record<string, unknown>): Promise<VisitItem> {
  const id = await visitIdOf(db, taskId, uscc);
  if (id === null) throw notFound(VISIT_LIFECYCLE.label, `${taskId}/${uscc}`);
  return runAction(db, VISIT_TYPE, actor, { id, action, version, input });
}
