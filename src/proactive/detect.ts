/**
 * The detection run (I/O around the pure detection.ts): reads the weekly counts with one grouped
 * query per kind of series, tests the weeks, clusters the recent texts and records each new
 * hotspot with its `detect` event — which the notifications follow to tell the scope's
 * supervisors and leaders. Safe in several processes: a run is claimed in the database, and the
 * writes take one lock and skip a series already flagged that week.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { recordCreation } from '../platform/lifecycle/index.js';
import { listCategories } from '../cases/catalogue.js';
import { recentCaseTexts, weeklyKeyedCounts, weeklyLeafCounts } from '../cases/series.js';
import { toLocalDate } from '../calendar/rules.js';
import {
  detectSurges, mondayOf, mostSpecific, regionAncestors, rollUp, seriesKey, textClusters, weekOfDate, weekOfMonday, whyFlagged,
  type Detection, type Series, type TextCluster, type Trees,
} from './detection.js';
import type { ProactiveConfig } from './config.js';
import { configInForce } from './settings.js';
import type { HotspotRow } from './lifecycle.js';
import { HOTSPOTS } from './store.js';
import { HOTSPOT_TYPE } from './type.js';

const DETECTION_ACTOR: Actor = { userId: null, name: 'system:hotspot-detection', roles: [], officeId: null, officePath: null };

export interface DetectionResult {
  /** False when another process ran it within the interval. */
  ran: boolean;
  series: number;
  found: number;
  created: number;
  ms: number;
}

/** Beijing midnight starting a week, as an instant. */
const weekStartInstant = (week: number) => new Date(`${mondayOf(week)}T00:00:00+08:00`);

/** Claims the run: it is due once the interval has passed since the last (a forced run is always due, and counts as the last). */
async function claimRun(db: Db, intervalMinutes: number, now: Date, force: boolean): Promise<boolean> {
  const rows = await queryRows(db, sql`update proactive_detection_runs set last_started_at = ${now.toISOString()}::timestamptz
    where id = 1 and (${force} or last_started_at <= ${now.toISOString()}::timestamptz - make_interval(mins => ${intervalMinutes})) returning id`);
  return rows.length > 0;
}

async function categoryTrees(db: Db): Promise<Trees> {
  const ancestors = new Map<number, number[]>();
  for (const c of await listCategories(db)) ancestors.set(c.id, c.path.split('/').filter(Boolean).map(Number).reverse());
  return { categoryAncestors: (id) => ancestors.get(id) ?? [id], regionAncestors };
}

/** Every series' findings in the weeks tested, nested ones reduced to the most specific. */
export async function findSurges(db: Db, config: ProactiveConfig, now: Date): Promise<{ series: number; found: Detection[] }> {
  const s = config.detection;
  const current = weekOfDate(toLocalDate(now));
  const tested = Array.from({ length: config.weeksTested }, (_, i) => current - i);
  const fromWeek = current - 52 * s.seasonalYears - s.seasonalHalfWidth;
  const from = weekStartInstant(fromWeek);
  const testedFrom = weekStartInstant(tested.at(-1)!);
  const [leaves, addresses, enterprises, trees] = await Promise.all([
    weeklyLeafCounts(db, from),
    weeklyKeyedCounts(db, 'address', from, testedFrom, s.minCount),
    weeklyKeyedCounts(db, 'enterprise', from, testedFrom, s.minCount),
    categoryTrees(db),
  ]);
  if (leaves.length === 0) return { series: 0, found: [] };
  const firstWeek = Math.max(fromWeek, Math.min(...leaves.map((l) => weekOfMonday(l.week))));
  const bySeries = rollUp(leaves.map((l) => ({ ...l, week: weekOfMonday(l.week) })), trees);
  const keyed = (rows: typeof addresses, kind: 'address' | 'enterprise'): Series[] => {
    const map = new Map<string, { officeId: number; dimension: Series['dimension']; counts: Map<number, number> }>();
    for (const r of rows) {
      const dimension: Series['dimension'] = kind === 'address' ? { kind, address: r.key } : { kind, uscc: r.key };
      const key = seriesKey(r.officeId, dimension);
      let one = map.get(key);
      if (!one) map.set(key, (one = { officeId: r.officeId, dimension, counts: new Map() }));
      one.counts.set(weekOfMonday(r.week), r.count);
    }
    return [...map.values()];
  };
  const others = [...keyed(addresses, 'address'), ...keyed(enterprises, 'enterprise')];
  const found: Detection[] = [];
  for (const week of tested) found.push(...mostSpecific(detectSurges(bySeries, week, firstWeek, s), trees), ...detectSurges(others, week, firstWeek, s));
  return { series: bySeries.length + others.length, found };
}

function surgeRow(d: Detection, config: ProactiveConfig, now: Date): Partial<HotspotRow> {
  const why = whyFlagged(d, config.detection);
  const dim = d.dimension;
  return {
    officeId: d.officeId, kind: dim.kind, seriesKey: d.key, weekStart: mondayOf(d.week), observed: d.count,
    categoryId: dim.kind === 'category_region' ? dim.categoryId : null, regionCode: dim.kind === 'category_region' ? dim.regionCode : null,
    address: dim.kind === 'address' ? dim.address : null, uscc: dim.kind === 'enterprise' ? dim.uscc : null,
    basis: { method: d.baseline.method, weeks: d.baseline.weeks.map(mondayOf), total: d.baseline.total, expected: d.baseline.expected, pValue: d.pValue, alpha: config.detection.alpha },
    caseIds: [], terms: [], whyZh: why.zh, whyEn: why.en, status: 'new', dismissedReason: null, taskId: null, detectedAt: now,
  };
}

function clusterRow(c: TextCluster, week: number, config: ProactiveConfig, now: Date): Partial<HotspotRow> {
  return {
    officeId: c.officeId, kind: 'text_cluster', seriesKey: `${c.officeId}|text_cluster|${c.caseIds[0]}`, weekStart: mondayOf(week), observed: c.caseIds.length,
    categoryId: null, regionCode: null, address: null, uscc: null,
    basis: { similarity: config.clusters.similarity, categoryIds: c.categoryIds, windowDays: config.clusterDays },
    caseIds: c.caseIds, terms: c.sharedTerms, whyZh: c.why.zh, whyEn: c.why.en, status: 'new', dismissedReason: null, taskId: null, detectedAt: now,
  };
}

/**
 * Runs detection once: unless `force`, only when no process has within the configured interval;
 * with the settings an administrator set over `defaults` (settings.ts).
 */
export async function runDetection(db: Db, defaults: ProactiveConfig, opts: { now?: Date; force?: boolean } = {}): Promise<DetectionResult> {
  const now = opts.now ?? new Date();
  const t0 = performance.now();
  if (!(await claimRun(db, defaults.intervalMinutes, now, opts.force ?? false))) return { ran: false, series: 0, found: 0, created: 0, ms: 0 };
  const config = await configInForce(db, defaults);
  const { series, found } = await findSurges(db, config, now);
  const week = weekOfDate(toLocalDate(now));
  const texts = await recentCaseTexts(db, new Date(now.getTime() - config.clusterDays * 86_400_000), config.clusterLimit);
  const clusters = textClusters(texts, config.clusters);
  const rows = [...found.map((d) => surgeRow(d, config, now)), ...clusters.map((c) => clusterRow(c, week, config, now))];
  let created = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('proactive-detection'))`);
    for (const row of rows) {
      const [exists] = await queryRows(tx, row.kind === 'text_cluster'
        // A cluster found again (grown, or on the next run) is the same hotspot while it holds an appeal of one already recorded.
        ? sql`select 1 from hotspots where office_id = ${row.officeId} and kind = 'text_cluster' and case_ids && ${`{${row.caseIds!.join(',')}}`}::int[]
            and week_start >= ${mondayOf(week - Math.ceil(config.clusterDays / 7))}::date`
        : sql`select 1 from hotspots where series_key = ${row.seriesKey} and week_start = ${row.weekStart}::date`);
      if (exists) continue;
      const id = await HOTSPOTS.insert(tx, row);
      const stored = (await HOTSPOTS.lock(tx, id))!;
      await recordCreation(tx, HOTSPOT_TYPE, stored, {
        at: now.toISOString(), action: 'detect', actor: DETECTION_ACTOR,
        data: { kind: stored.kind, seriesKey: stored.seriesKey, weekStart: stored.weekStart, observed: stored.observed, basis: stored.basis, why: stored.whyZh },
      });
      created++;
    }
  });
  return { ran: true, series, found: rows.length, created, ms: Math.round(performance.now() - t0) };
}
