import type { Db } from '../../platform/db/engine.js';
import { sql, queryRows } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, staleVersion } from '../../platform/errors.js';
import { requireRole } from '../../auth/permissions.js';
import { recordAudit } from '../../audit/record.js';
import { RATES, type EvaluationSettings } from '../contract.js';
import { evaluationSettings } from '../settings.js';

const SETTINGS = { zh: '考评设置', en: 'evaluation settings' };

/** Changes the weights, the "basically satisfied" weight, the minimum cases and the list size (admin or leader). */
export async function setEvaluationSettings(db: Db, actor: Actor, input: Omit<EvaluationSettings, 'version'> & { version: number }): Promise<EvaluationSettings> {
  requireRole(actor, ['admin', 'leader'], { zh: '修改考评设置', en: 'change the evaluation settings' });
  const weights = Object.fromEntries(RATES.filter((r) => (input.weights[r] ?? 0) > 0).map((r) => [r, input.weights[r]!]));
  if (Object.keys(weights).length === 0) throw badRequest('no_weights', '至少要给一项指标设置权重', 'Give at least one rate a weight');
  return db.transaction(async (tx) => {
    const before = await evaluationSettings(tx);
    const [updated] = await queryRows<{ id: number }>(tx, sql`update evaluation_settings set weights = ${JSON.stringify(weights)}::jsonb,
        basically_satisfied_weight = ${input.basicallySatisfiedWeight}, minimum_cases = ${input.minimumCases}, list_size = ${input.listSize}, version = version + 1
      where id = 1 and version = ${input.version} returning id`);
    if (!updated) throw staleVersion(SETTINGS, before.version);
    const after = await evaluationSettings(tx);
    await recordAudit(tx, actor, { action: 'evaluation.settings.update', entityType: 'evaluation_settings', entityId: 1, before, after });
    return after;
  });
}
