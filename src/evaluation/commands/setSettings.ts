import type { Db } from '../../platform/db/engine.js';
import { sql, queryRows } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, forbidden, staleVersion } from '../../platform/errors.js';
import { requireRole, seesEverything } from '../../auth/permissions.js';
import { isTopOffice } from '../../offices/rules.js';
import { recordAudit } from '../../audit/record.js';
import { RATES, type EvaluationSettings } from '../contract.js';
import { evaluationSettings } from '../settings.js';

const SETTINGS = { zh: '考评设置', en: 'evaluation settings' };

const WHAT = { zh: '修改考评设置', en: 'change the evaluation settings' };

/**
 * The settings weigh every office's score, so they belong to whoever owns the ranking: the
 * system administrator, or an administrator or leader of an office at the top of the tree.
 * An office that is ranked may not set the rules it is ranked by.
 */
function requireRankingOwner(actor: Actor): void {
  requireRole(actor, ['admin', 'leader'], WHAT);
  if (seesEverything(actor) || (actor.officePath !== null && isTopOffice(actor.officePath))) return;
  throw forbidden('考评设置只能由系统管理员或排名范围所属的最上级单位的管理员、领导修改：被排名的单位不能修改排名规则',
    'Only the system administrator, or an administrator or leader of the top office that owns the ranking, may change the evaluation settings: an office that is ranked may not set the rules it is ranked by');
}

/** Changes the weights, the "basically satisfied" weight, the minimum cases and the list size. */
export async function setEvaluationSettings(db: Db, actor: Actor, input: Omit<EvaluationSettings, 'version'> & { version: number }): Promise<EvaluationSettings> {
  requireRankingOwner(actor);
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
