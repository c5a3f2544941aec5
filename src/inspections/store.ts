/** Reading and writing tasks and visits, their chains and how an actor stands to them (I/O; the rules live in lifecycle.ts and draw.ts). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { itemTable, type ColumnMap, type EventChain, type ItemStore } from '../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../auth/permissions.js';
import { officePaths } from '../offices/subtree.js';
import type { Relation, TaskItem, TaskRow, VisitItem, VisitRow } from './lifecycle.js';

const TASK_COLUMNS: ColumnMap<TaskRow> = {
  id: ['id', 'int'], code: ['code', 'text'], planId: ['plan_id', 'int'], batch: ['batch', 'int'], title: ['title', 'text'], leadOfficeId: ['lead_office_id', 'int'],
  officeIds: ['office_ids', 'intarr'], itemIds: ['item_ids', 'intarr'], filters: ['filters', 'jsonb'], strata: ['strata', 'jsonb'], perDepartment: ['per_department', 'int'],
  periodFrom: ['period_from', 'date'], periodTo: ['period_to', 'date'], publicationDue: ['publication_due', 'date'], dueState: ['due_state', 'text'],
  seedSourceZh: ['seed_source_zh', 'text'], seedSourceEn: ['seed_source_en', 'text'], status: ['status', 'text'], rosters: ['rosters', 'jsonb'],
  commitment: ['commitment', 'text'], committedAt: ['committed_at', 'ts'], serverRandom: ['server_random', 'text'], serverRandomHash: ['server_random_hash', 'text'],
  witnessValue: ['witness_value', 'text'], seed: ['seed', 'text'], drawnAt: ['drawn_at', 'ts'], result: ['result', 'jsonb'], redraws: ['redraws', 'jsonb'], publishedAt: ['published_at', 'ts'],
  publishedOnTime: ['published_on_time', 'bool'], createdBy: ['created_by', 'int'], createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'],
  version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
};

const VISIT_COLUMNS: ColumnMap<VisitRow> = {
  id: ['id', 'int'], taskId: ['task_id', 'int'], uscc: ['uscc', 'text'], enterpriseName: ['enterprise_name', 'text'], stratum: ['stratum', 'text'], rank: ['rank', 'int'],
  teams: ['teams', 'jsonb'], recusals: ['recusals', 'jsonb'], status: ['status', 'text'], result: ['result', 'text'], findings: ['findings', 'text'],
  firstOffenceNoPenalty: ['first_offence_no_penalty', 'bool'], inspectedOn: ['inspected_on', 'date'], rectificationDeadline: ['rectification_deadline', 'date'],
  createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
};

export const TASKS = itemTable<TaskRow>('inspection_tasks', 't', TASK_COLUMNS);
export const VISITS = itemTable<VisitRow>('inspection_visits', 'v', VISIT_COLUMNS);

export const TASK_CHAIN: EventChain = { events: 'inspection_task_events', itemColumn: 'task_id', items: 'inspection_tasks' };
export const VISIT_CHAIN: EventChain = { events: 'inspection_visit_events', itemColumn: 'visit_id', items: 'inspection_visits' };

/** Lead and joining by the actor's office subtree. */
export async function departmentRelations(db: Db, actor: Actor, leadOfficeId: number, officeIds: readonly number[]): Promise<Relation[]> {
  const paths = await officePaths(db, officeIds);
  const relations: Relation[] = [];
  if (canSeeOfficePath(actor, paths.get(leadOfficeId) ?? '\u0000')) relations.push('lead');
  if (officeIds.some((id) => id !== leadOfficeId && canSeeOfficePath(actor, paths.get(id) ?? '\u0000'))) relations.push('joining');
  return relations;
}

const visitCounts = async (db: Db, taskId: number) => (await queryRows<{ openVisits: number; doneVisits: number }>(db, sql`select
    count(*) filter (where status = 'planned')::int as "openVisits", count(*) filter (where status = 'done')::int as "doneVisits"
  from inspection_visits where task_id = ${taskId}`))[0];

export async function loadTask(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<TaskItem | null> {
  const row = await (opts.lock ? TASKS.lock : TASKS.load)(db, id);
  return row && { ...row, ...(await visitCounts(db, id)) };
}

export const TASK_STORE: ItemStore<TaskItem, Relation> = {
  chain: TASK_CHAIN,
  lock: (tx, id) => loadTask(tx, id, { lock: true }),
  relationsOf: (tx, actor, task) => departmentRelations(tx, actor, task.leadOfficeId, task.officeIds),
  update: TASKS.update,
  insert: TASKS.insert,
  state: TASKS.state,
};

/** The certificate numbers of the inspectors the actor's log-in is. */
export async function ownCertificates(db: Db, actor: Actor): Promise<string[]> {
  if (actor.userId === null || !actor.roles.includes('inspector')) return [];
  return (await queryRows<{ no: string }>(db, sql`select certificate_no as no from inspectors where user_id = ${actor.userId} and active`)).map((r) => r.no);
}

function visitTask(t: TaskRow): VisitItem['task'] {
  return {
    code: t.code, status: t.status, leadOfficeId: t.leadOfficeId, officeIds: t.officeIds, periodFrom: t.periodFrom, periodTo: t.periodTo,
    rosters: t.rosters!, seed: t.seed!, result: t.result!,
  };
}

/** A visit with its task; `lock` takes the task's row first, then the visit's (the order the draw creates them in). */
export async function loadVisit(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<VisitItem | null> {
  const [ref] = await queryRows<{ taskId: number }>(db, sql`select task_id as "taskId" from inspection_visits where id = ${id}`);
  if (!ref) return null;
  const task = await (opts.lock ? TASKS.lock : TASKS.load)(db, Number(ref.taskId));
  const visit = await (opts.lock ? VISITS.lock : VISITS.load)(db, id);
  return visit && task && { ...visit, task: visitTask(task) };
}

export async function visitRelations(db: Db, actor: Actor, visit: VisitItem): Promise<Relation[]> {
  const relations = await departmentRelations(db, actor, visit.task.leadOfficeId, visit.task.officeIds);
  const mine = await ownCertificates(db, actor);
  if (visit.teams.some((t) => t.inspectors.some((i) => mine.includes(i)))) relations.push('team');
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc === visit.uscc) relations.push('target');
  return relations;
}

export const VISIT_STORE: ItemStore<VisitItem, Relation> = {
  chain: VISIT_CHAIN,
  lock: (tx, id) => loadVisit(tx, id, { lock: true }),
  relationsOf: visitRelations,
  update: VISITS.update,
  insert: VISITS.insert,
  state: VISITS.state,
};

/** The visit of a target in the task's current draw, by its code, or null. */
export async function visitIdOf(db: Db, taskId: number, uscc: string): Promise<number | null> {
  const [r] = await queryRows<{ id: number }>(db, sql`select id from inspection_visits where task_id = ${taskId} and uscc = ${uscc} and status <> 'cancelled'`);
  return r ? Number(r.id) : null;
}
