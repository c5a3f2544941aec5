/**
 * The detection settings in force: the environment's defaults (config.ts) with what an
 * administrator overrode in the web app, read on every detection run.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { TUNABLE_SETTINGS, type ProactiveSettingsView, type TunableValues } from './contract.js';
import { tunablesOf, withTunables, type ProactiveConfig } from './config.js';

export async function proactiveSettings(db: Db, config: ProactiveConfig): Promise<ProactiveSettingsView> {
  const [row] = await queryRows<{ overrides: Partial<TunableValues>; version: number }>(db, sql`select overrides, version from proactive_settings where id = 1`);
  const defaults = tunablesOf(config);
  const overridden = TUNABLE_SETTINGS.filter((k) => typeof row.overrides[k] === 'number');
  const values = { ...defaults, ...Object.fromEntries(overridden.map((k) => [k, row.overrides[k]])) } as TunableValues;
  return { values, defaults, overridden, version: row.version };
}

/** The configuration a detection run uses now. */
export async function configInForce(db: Db, config: ProactiveConfig): Promise<ProactiveConfig> {
  return withTunables(config, (await proactiveSettings(db, config)).values);
}
