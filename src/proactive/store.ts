/** Reading and writing hotspots and proactive tasks (I/O; the rules live in lifecycle.ts and detection.ts). */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { itemTable, type ColumnMap, type ItemStore } from '../platform/lifecycle/index.js';
import { officePaths } from '../offices/subtree.js';
import { inSubtree } from '../offices/rules.js';
import type { HotspotRelation, HotspotRow, TaskRelation, TaskRow } from './lifecycle.js';

const HOTSPOT_COLUMNS: ColumnMap<HotspotRow> = {
  id: ['id', 'int'], officeId: ['office_id', 'int'], kind: ['kind', 'text'], seriesKey: ['series_key', 'text'], categoryId: ['category_id', 'int'],
  regionCode: ['region_code', 'text'], address: ['address', 'text'], uscc: ['uscc', 'text'], weekStart: ['week_start', 'date'], observed: ['observed', 'int'],
  basis: ['basis', 'jsonb'], caseIds: ['case_ids', 'intarr'], terms: ['terms', 'textarr'], whyZh: ['why_zh', 'text'], whyEn: ['why_en', 'text'],
  status: ['status', 'text'], dismissedReason: ['dismissed_reason', 'text'], taskId: ['task_id', 'int'], detectedAt: ['detected_at', 'ts'],
  version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'], updatedAt: ['updated_at', 'ts'],
};
export const HOTSPOTS = itemTable<HotspotRow>('hotspots', 'h', HOTSPOT_COLUMNS);

const TASK_COLUMNS: ColumnMap<TaskRow> = {
  id: ['id', 'int'], scopeOfficeId: ['scope_office_id', 'int'], ownerOfficeId: ['owner_office_id', 'int'], assistingOfficeIds: ['assisting_office_ids', 'intarr'],
  hotspotId: ['hotspot_id', 'int'], title: ['title', 'text'], description: ['description', 'text'], caseIds: ['case_ids', 'intarr'], limitDays: ['limit_days', 'int'],
  dueAt: ['due_at', 'ts'], dueState: ['due_state', 'text'], wasOverdue: ['was_overdue', 'bool'], topicMonth: ['topic_month', 'text'], result: ['result', 'text'],
  finishedAt: ['finished_at', 'ts'], status: ['status', 'text'], createdBy: ['created_by', 'int'], createdAt: ['created_at', 'ts'],
  version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'], updatedAt: ['updated_at', 'ts'],
};
export const TASKS = itemTable<TaskRow>('proactive_tasks', 't', TASK_COLUMNS);

async function mine(db: Db, actor: Actor, ids: readonly number[]): Promise<(id: number) => boolean> {
  if (actor.officePath === null) return () => false;
  const paths = await officePaths(db, ids);
  return (id) => inSubtree(paths.get(id) ?? '\u0000', actor.officePath!);
}

export async function hotspotRelations(db: Db, actor: Actor, row: Pick<HotspotRow, 'officeId'>): Promise<HotspotRelation[]> {
  return (await mine(db, actor, [row.officeId]))(row.officeId) ? ['watching'] : [];
}

export async function taskRelations(db: Db, actor: Actor, row: Pick<TaskRow, 'scopeOfficeId' | 'ownerOfficeId' | 'assistingOfficeIds'>): Promise<TaskRelation[]> {
  const is = await mine(db, actor, [row.scopeOfficeId, row.ownerOfficeId, ...row.assistingOfficeIds]);
  const relations: TaskRelation[] = [];
  if (is(row.scopeOfficeId)) relations.push('supervising');
  if (is(row.ownerOfficeId)) relations.push('owner');
  if (row.assistingOfficeIds.some(is)) relations.push('assisting');
  return relations;
}

export const HOTSPOT_STORE: ItemStore<HotspotRow, HotspotRelation> = {
  chain: { events: 'hotspot_events', itemColumn: 'hotspot_id', items: 'hotspots' },
  lock: HOTSPOTS.lock, relationsOf: hotspotRelations, update: HOTSPOTS.update, insert: HOTSPOTS.insert, state: HOTSPOTS.state,
};

export const TASK_STORE: ItemStore<TaskRow, TaskRelation> = {
  chain: { events: 'proactive_task_events', itemColumn: 'task_id', items: 'proactive_tasks' },
  lock: TASKS.lock, relationsOf: taskRelations, update: TASKS.update, insert: TASKS.insert, state: TASKS.state,
};
