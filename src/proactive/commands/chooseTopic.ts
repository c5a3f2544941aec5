import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../platform/db/engine.js';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { conflict } from '../../platform/errors.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Month = Type.Object({ month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' }) }, { additionalProperties: false });

/**
 * A leader chooses the task as the month's topic (每月一题) of the supervising office: one per
 * office and month (409 naming the one chosen). Two leaders choosing at once are taken one after
 * the other by a lock on the office and month.
 */
export const chooseTopic = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Month>({
  summary: 'Choose the task as the monthly topic (每月一题) of its supervising office',
  input: Month,
  async apply({ tx, row }, input) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`proactive-topic:${row.scopeOfficeId}:${input.month}`}))`);
    const [taken] = await queryRows<{ id: number; title: string }>(tx, sql`select id::int as id, title from proactive_tasks where scope_office_id = ${row.scopeOfficeId} and topic_month = ${input.month}`);
    if (taken) {
      throw conflict('topic_taken', `${input.month} 的每月一题已选定：「${taken.title}」（任务 ${taken.id}）`, `The monthly topic of ${input.month} is already chosen: "${taken.title}" (task ${taken.id})`, { taskId: taken.id });
    }
    return { changes: { topicMonth: input.month }, event: { month: input.month } };
  },
});
