/** What setting a task takes, from a hotspot or on its own: the offices, the limit, the words; their schema and checks. */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { recordCreation } from '../../platform/lifecycle/index.js';
import { findOffice } from '../../offices/queries.js';
import { officePaths } from '../../offices/subtree.js';
import { inSubtree } from '../../offices/rules.js';
import { addWorkingDays, toLocalDate, type WorkingCalendar } from '../../calendar/rules.js';
import { endOfOfficeDay } from '../../calendar/working-time.js';
import type { TaskRow } from '../lifecycle.js';
import { TASK_STORE, TASKS } from '../store.js';
import { TASK_LIFECYCLE } from '../lifecycle.js';

const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const AssignmentFields = {
  ownerOfficeId: { ...OfficeId, description: '牵头单位' },
  assistingOfficeIds: Type.Optional(Type.Array(OfficeId, { maxItems: 20, uniqueItems: true, description: '协办单位' })),
  limitDays: Type.Integer({ minimum: 1, maximum: 250, description: '办理时限（工作日，自立项次日起算）' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
};

export interface Assignment {
  ownerOfficeId: number;
  assistingOfficeIds?: number[];
  limitDays: number;
  title: string;
  description: string;
}

/** The offices must exist and lie under the supervising office (a task goes to the offices the scope answers for); the owner does not also assist. */
async function checkOffices(tx: Db, scopeOfficeId: number, a: Assignment): Promise<void> {
  const scopePath = (await officePaths(tx, [scopeOfficeId])).get(scopeOfficeId) ?? '\u0000';
  for (const [id, role] of [[a.ownerOfficeId, { zh: '牵头单位', en: 'Owner office' }] as const, ...(a.assistingOfficeIds ?? []).map((i) => [i, { zh: '协办单位', en: 'Assisting office' }] as const)]) {
    const office = await findOffice(tx, id);
    if (!office) throw badRequest('unknown_office', `${role.zh}：单位 ${id} 不存在`, `${role.en}: office ${id} does not exist`);
    if (!inSubtree(office.path, scopePath)) {
      throw badRequest('office_outside_scope', `${role.zh}「${office.name}」不在督办单位之下`, `${role.en} "${office.name}" is not under the supervising office`);
    }
  }
  if (a.assistingOfficeIds?.includes(a.ownerOfficeId)) throw badRequest('owner_also_assisting', '牵头单位不能同时是协办单位', 'The owner office cannot also assist');
}

/**
 * A new task's row: the deadline is the end of the office day `limitDays` working days after
 * today (the day itself not counted) on the official calendar.
 */
export async function taskFields(tx: Db, cal: WorkingCalendar, scopeOfficeId: number, a: Assignment, now: Date): Promise<Omit<TaskRow, 'id' | 'version' | 'eventCount' | 'lastEventHash' | 'updatedAt' | 'hotspotId' | 'caseIds' | 'createdBy'>> {
  const title = a.title.trim();
  const description = a.description.trim();
  if (!title) throw badRequest('invalid_title', '任务名称不能为空', 'The title must not be empty');
  if (!description) throw badRequest('invalid_description', '任务内容不能为空', 'The description must not be empty');
  await checkOffices(tx, scopeOfficeId, a);
  const dueDate = addWorkingDays(cal, toLocalDate(now, cal.officeHours), a.limitDays).date;
  return {
    scopeOfficeId, ownerOfficeId: a.ownerOfficeId, assistingOfficeIds: a.assistingOfficeIds ?? [], title, description, limitDays: a.limitDays,
    dueAt: endOfOfficeDay(cal, dueDate), dueState: 'on_time', wasOverdue: false, topicMonth: null, result: null, finishedAt: null, status: 'assigned', createdAt: now,
  };
}

/** Inserts a task set from a hotspot, in the hotspot's transaction, and starts its chain with its `create` event. */
export async function insertTaskFromHotspot(tx: Db, actor: Actor, fields: Omit<TaskRow, 'id' | 'version' | 'eventCount' | 'lastEventHash' | 'updatedAt'>, hotspotId: number): Promise<TaskRow> {
  const id = await TASKS.insert(tx, fields);
  const row = (await TASKS.lock(tx, id))!;
  return recordCreation(tx, { lifecycle: TASK_LIFECYCLE, store: TASK_STORE }, row, {
    at: fields.createdAt.toISOString(), action: 'create', actor,
    data: { hotspotId, title: fields.title, ownerOfficeId: fields.ownerOfficeId, assistingOfficeIds: fields.assistingOfficeIds, limitDays: fields.limitDays, dueAt: fields.dueAt.toISOString(), caseIds: fields.caseIds },
  });
}
