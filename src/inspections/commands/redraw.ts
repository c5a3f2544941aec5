import { Type } from '@sinclair/typebox';
import { randomBytes } from 'node:crypto';
import { sql, queryRows } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { appendEvent, defineCommand } from '../../platform/lifecycle/index.js';
import { sha256 } from '../draw.js';
import { VISIT_LIFECYCLE, type Relation, type TaskItem } from '../lifecycle.js';
import { VISIT_STORE } from '../store.js';
import type { TaskSettings } from '../settings.js';

export const RedrawInput = Type.Object({
  reason: Type.String({ minLength: 10, maxLength: 1000, description: 'Why the draw is set aside (at least 10 characters): kept on the task and published' }),
}, { additionalProperties: false });

/**
 * Sets the draw aside for an audited reason, before any result is recorded (the lifecycle blocks
 * it after): the rosters stay committed, the old server random, witness value and seed are
 * published with the reason, a fresh server random is committed by its hash for the next draw,
 * and each of the draw's visits is cancelled by an event of its own.
 */
export const redraw = defineCommand<TaskItem, Relation, TaskSettings, typeof RedrawInput>({
  summary: 'Set the draw aside for an audited reason (a leader, before any result): a fresh server random is committed for the next draw',
  input: RedrawInput,
  apply({ actor, row, now }, input) {
    const reason = input.reason.trim();
    if (reason.length < 10) throw badRequest('invalid_reason', '请写明重新抽取的理由（至少 10 个字）', 'Give the reason for the redraw (at least 10 characters)');
    const serverRandom = randomBytes(32).toString('hex');
    const setAside = { at: now.toISOString(), reason, by: actor.name, serverRandom: row.serverRandom!, witnessValue: row.witnessValue!, seed: row.seed! };
    return {
      changes: { serverRandom, serverRandomHash: sha256(serverRandom), witnessValue: null, seed: null, drawnAt: null, result: null, redraws: [...row.redraws, setAside] },
      event: { ...setAside, serverRandomHash: sha256(serverRandom) },
      after: async (tx, task) => {
        const visits = await queryRows<{ id: number }>(tx, sql`select id from inspection_visits where task_id = ${task.id} and status = 'planned' order by id`);
        for (const { id } of visits) {
          const visit = (await VISIT_STORE.lock(tx, Number(id)))!;
          await appendEvent(tx, { lifecycle: VISIT_LIFECYCLE, store: VISIT_STORE }, visit, { status: 'cancelled' }, {
            at: now.toISOString(), action: 'cancelled', actor, data: { taskId: task.id, uscc: visit.uscc, reason },
          });
        }
      },
    };
  },
});
