import { envInt as int } from '../platform/config.js';
import { DEFAULT_CLUSTERS, DEFAULT_DETECTION, type ClusterSettings, type DetectionSettings } from './detection.js';

/**
 * Proactive governance's settings from the environment (mirrored in the README's configuration
 * table). Bad values stop the start-up with a message naming the variable.
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

function rate(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 0.5) throw new Error(`${name} must be a number above 0 and below 0.5, got "${value}"`);
  return n;
}

export function loadProactiveConfig(env: NodeJS.ProcessEnv = process.env): ProactiveConfig {
  return {
    detection: {
      ...DEFAULT_DETECTION,
      alpha: rate('HOTSPOT_ALPHA', env.HOTSPOT_ALPHA, DEFAULT_DETECTION.alpha),
      minCount: int('HOTSPOT_MIN_COUNT', env.HOTSPOT_MIN_COUNT, DEFAULT_DETECTION.minCount, 1, 100_000),
    },
    clusters: { ...DEFAULT_CLUSTERS, minSize: int('HOTSPOT_CLUSTER_MIN_SIZE', env.HOTSPOT_CLUSTER_MIN_SIZE, DEFAULT_CLUSTERS.minSize, 2, 10_000) },
    weeksTested: int('HOTSPOT_WEEKS_TESTED', env.HOTSPOT_WEEKS_TESTED, 2, 1, 52),
    clusterDays: int('HOTSPOT_CLUSTER_DAYS', env.HOTSPOT_CLUSTER_DAYS, 14, 1, 90),
    clusterLimit: int('HOTSPOT_CLUSTER_LIMIT', env.HOTSPOT_CLUSTER_LIMIT, 50_000, 100, 1_000_000),
    intervalMinutes: int('HOTSPOT_INTERVAL_MINUTES', env.HOTSPOT_INTERVAL_MINUTES, 60, 0, 10_080),
  };
}
