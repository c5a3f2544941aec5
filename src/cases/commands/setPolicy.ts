import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, forbidden, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole, seesEverything } from '../../auth/permissions.js';
import { policyProblems, type DeadlinePolicy } from '../deadlines.js';
import { forgetCasePolicy } from '../settings.js';

const POLICY = { zh: '时限规则', en: 'deadline policy' };

/**
 * Changes the deadline policy (时限规则) for cases dispatched from now on; running cases keep
 * the limits they started with until the next sweep recomputes them with the new one.
 */
export async function setCasePolicy(db: Db, actor: Actor, input: { version: number; policy: DeadlinePolicy }): Promise<{ policy: DeadlinePolicy; version: number }> {
  requireRole(actor, ['admin'], { zh: '修改时限规则', en: 'change the deadline policy' });
  if (!seesEverything(actor)) throw forbidden('时限规则只能由系统管理员修改', 'Only the system administrator changes the deadline policy');
  const problems = policyProblems(input.policy);
  if (problems.length) throw badRequest('invalid_policy', problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '));
  const result = await db.transaction(async (tx) => {
    const [before] = await queryRows<{ policy: DeadlinePolicy; version: number }>(tx, sql`select policy, version from case_settings where id = 1 for update`);
    if (before.version !== input.version) throw staleVersion(POLICY, before.version);
    await tx.execute(sql`update case_settings set policy = ${JSON.stringify(input.policy)}::jsonb, version = version + 1 where id = 1`);
    await recordAudit(tx, actor, { action: 'case_policy.update', entityType: 'case_policy', entityId: 1, before: before.policy, after: input.policy });
    return { policy: input.policy, version: before.version + 1 };
  });
  forgetCasePolicy(db);
  return result;
}
