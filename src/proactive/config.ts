import { envInt as int } from '../platform/config.js';
import { DEFAULT_CLUSTERS, DEFAULT_DETECTION, type ClusterSettings, type DetectionSettings } from './detection.js';
import { TUNABLES, TUNABLE_SETTINGS, tunableProblem, type TunableSetting, type TunableValues } from './contract.js';

/**
 * Proactive governance's settings from the environment (mirrored in the README's configuration
 * table). Bad values stop the start-up with a message naming the variable. The tunable ones are
 * defaults an administrator may override in the web app (settings.ts).
 */
export interface ProactiveConfig {
  detection: DetectionSettings;
  clusters: ClusterSettings;
  /** How many weeks, the current one included, each run tests. */
  weeksTested: number;
  /** The window of appeal texts clustered. */
  clusterDays: number;
  /** The most recent appeals of that window clustered at most. */
  clusterLimit: number;
  /** A run at most this often, whichever process's sweep comes first. */
  intervalMinutes: number;
}

const BUILT_IN: TunableValues = { alpha: DEFAULT_DETECTION.alpha, minCount: DEFAULT_DETECTION.minCount, weeksTested: 2, clusterMinSize: DEFAULT_CLUSTERS.minSize, clusterDays: 14 };

function tunableFromEnv(key: TunableSetting, value: string | undefined): number {
  if (value === undefined || value === '') return BUILT_IN[key];
  const problem = tunableProblem(key, Number(value));
  if (problem) throw new Error(`${TUNABLES[key].env}: ${problem.en.replace(/got .*$/, `got "${value}"`)}`);
  return Number(value);
}

/** The configuration with these tunable values in force. */
export function withTunables(config: ProactiveConfig, v: TunableValues): ProactiveConfig {
  return {
    ...config,
    detection: { ...config.detection, alpha: v.alpha, minCount: v.minCount },
    clusters: { ...config.clusters, minSize: v.clusterMinSize },
    weeksTested: v.weeksTested,
    clusterDays: v.clusterDays,
  };
}

/** The tunable values a configuration holds. */
export const tunablesOf = (c: ProactiveConfig): TunableValues =>
  ({ alpha: c.detection.alpha, minCount: c.detection.minCount, weeksTested: c.weeksTested, clusterMinSize: c.clusters.minSize, clusterDays: c.clusterDays });

export function loadProactiveConfig(env: NodeJS.ProcessEnv = process.env): ProactiveConfig {
  const tuned = Object.fromEntries(TUNABLE_SETTINGS.map((k) => [k, tunableFromEnv(k, env[TUNABLES[k].env])])) as TunableValues;
  return withTunables({
    detection: DEFAULT_DETECTION,
    clusters: DEFAULT_CLUSTERS,
    weeksTested: tuned.weeksTested,
    clusterDays: tuned.clusterDays,
    clusterLimit: int('HOTSPOT_CLUSTER_LIMIT', env.HOTSPOT_CLUSTER_LIMIT, 50_000, 100, 1_000_000),
    intervalMinutes: int('HOTSPOT_INTERVAL_MINUTES', env.HOTSPOT_INTERVAL_MINUTES, 60, 0, 10_080),
  }, tuned);
}
