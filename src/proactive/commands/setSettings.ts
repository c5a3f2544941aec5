import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, forbidden, staleVersion } from '../../platform/errors.js';
import { requireRole, seesEverything } from '../../auth/permissions.js';
import { isTopOffice } from '../../offices/rules.js';
import { recordAudit } from '../../audit/record.js';
import { TUNABLES, TUNABLE_SETTINGS, tunableProblem, type ProactiveSettingsView, type TunableValues } from '../contract.js';
import type { ProactiveConfig } from '../config.js';
import { proactiveSettings } from '../settings.js';

const SETTINGS = { zh: '热点检测设置', en: 'hotspot detection settings' };

/** Whether the actor may change the settings: the system administrator, or an administrator or leader of the top office. */
export function maySetProactiveSettings(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'admin' || r === 'leader') && (seesEverything(actor) || (actor.officePath !== null && isTopOffice(actor.officePath)));
}

/**
 * Sets the detection settings: a number overrides the environment's default, null goes back to
 * it. They decide what every office is shown as a hotspot, so they belong to the system
 * administrator or an administrator or leader of the top office, as the evaluation's settings do.
 */
export async function setProactiveSettings(
  db: Db, actor: Actor, config: ProactiveConfig, input: { version: number; values: Partial<Record<keyof TunableValues, number | null>> },
): Promise<ProactiveSettingsView> {
  requireRole(actor, ['admin', 'leader'], { zh: '修改热点检测设置', en: 'change the hotspot detection settings' });
  if (!maySetProactiveSettings(actor)) {
    throw forbidden('热点检测设置只能由系统管理员或最上级单位的管理员、领导修改', 'Only the system administrator, or an administrator or leader of the top office, may change the hotspot detection settings');
  }
  for (const key of TUNABLE_SETTINGS) {
    const value = input.values[key];
    if (value === undefined || value === null) continue;
    const problem = tunableProblem(key, value);
    if (problem) throw badRequest('invalid_setting', problem.zh, problem.en, { field: key, env: TUNABLES[key].env });
  }
  return db.transaction(async (tx) => {
    const before = await proactiveSettings(tx, config);
    const overrides: Partial<TunableValues> = Object.fromEntries(before.overridden.map((k) => [k, before.values[k]]));
    for (const key of TUNABLE_SETTINGS) {
      const value = input.values[key];
      if (value === null) delete overrides[key];
      else if (value !== undefined) overrides[key] = value;
    }
    const [updated] = await queryRows<{ id: number }>(tx, sql`update proactive_settings set overrides = ${JSON.stringify(overrides)}::jsonb, version = version + 1
      where id = 1 and version = ${input.version} returning id`);
    if (!updated) throw staleVersion(SETTINGS, before.version);
    const after = await proactiveSettings(tx, config);
    await recordAudit(tx, actor, { action: 'proactive.settings.update', entityType: 'proactive_settings', entityId: 1, before, after });
    return after;
  });
}
