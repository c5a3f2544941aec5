/**
 * Hotspot detection (热点发现), pure: weekly appeal counts per series in, hotspots out, and
 * clusters of similar appeal texts across categories. No I/O; the method is described in
 * src/proactive/README.md.
 *
 * Weeks are ISO weeks numbered from the Monday 1970-01-05 (week 0), Beijing time; a year back is
 * 52 weeks back, so "the same week last year" is the same ISO week give or take one day.
 */

export interface DetectionSettings {
  /** The false-alarm rate: a series in its usual state is flagged in a given week with at most this probability. */
  alpha: number;
  /** Fewer appeals than this in a week are never a hotspot, whatever their history. */
  minCount: number;
  /** Years back whose same weeks (± seasonalHalfWidth) form the seasonal baseline. */
  seasonalYears: number;
  seasonalHalfWidth: number;
  /** The seasonal baseline needs at least this many weeks of history; else the recent weeks are the baseline. */
  minSeasonalWeeks: number;
  /** Recent weeks forming the baseline when there is no seasonal one, after skipping `guardWeeks` just before the week tested. */
  recentWeeks: number;
  guardWeeks: number;
}

export const DEFAULT_DETECTION: DetectionSettings = {
  alpha: 0.001, minCount: 5, seasonalYears: 3, seasonalHalfWidth: 2, minSeasonalWeeks: 5, recentWeeks: 8, guardWeeks: 1,
};

/** Clusters of similar texts over a window. */
export interface ClusterSettings {
  /** Two appeals are alike when their term sets' Jaccard similarity is at least this. */
  similarity: number;
  minSize: number;
  /** A cluster inside one category is the category series' business; only clusters across this many categories are flagged. */
  minCategories: number;
}

export const DEFAULT_CLUSTERS: ClusterSettings = { similarity: 0.5, minSize: 5, minCategories: 2 };

const DAY_MS = 86_400_000;
/** 1970-01-05, a Monday. */
const WEEK_ZERO = Date.UTC(1970, 0, 5);

/** The week number of a Monday (YYYY-MM-DD). */
export function weekOfMonday(monday: string): number {
  return Math.round((Date.parse(`${monday}T00:00:00Z`) - WEEK_ZERO) / (7 * DAY_MS));
}

/** The Monday (YYYY-MM-DD) that starts a week. */
export function mondayOf(week: number): string {
  return new Date(WEEK_ZERO + week * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The week holding a local date (YYYY-MM-DD). */
export function weekOfDate(date: string): number {
  return Math.floor((Date.parse(`${date}T00:00:00Z`) - WEEK_ZERO) / (7 * DAY_MS));
}

/** ISO 8601 week label of a week: 2026-W49. */
export function isoWeekLabel(week: number): string {
  const thursday = new Date(WEEK_ZERO + week * 7 * DAY_MS + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeek = Math.floor((firstThursday.getTime() - WEEK_ZERO) / (7 * DAY_MS));
  return `${year}-W${String(week - firstWeek + 1).padStart(2, '0')}`;
}

/** What a series counts: a category (null: all) in a region (null: all), an address, or an enterprise. */
export type SeriesDimension =
  | { kind: 'category_region'; categoryId: number | null; regionCode: string | null }
  | { kind: 'address'; address: string }
  | { kind: 'enterprise'; uscc: string };

export interface Series {
  /** The office that took the appeals in: whose supervisors and leaders watch the series. */
  officeId: number;
  dimension: SeriesDimension;
  /** Appeals per week; a week missing is a week with none. */
  counts: ReadonlyMap<number, number>;
}

export function seriesKey(officeId: number, d: SeriesDimension): string {
  switch (d.kind) {
    case 'category_region': return `${officeId}|category_region|${d.categoryId ?? '*'}|${d.regionCode ?? '*'}`;
    case 'address': return `${officeId}|address|${d.address}`;
    case 'enterprise': return `${officeId}|enterprise|${d.uscc}`;
  }
}

export interface Baseline {
  method: 'seasonal' | 'recent';
  weeks: number[];
  /** Appeals in those weeks together. */
  total: number;
  /** Expected appeals in the week tested: total / weeks. */
  expected: number;
}

/**
 * The weeks a week is compared with: the same weeks (± half width) of earlier years when the
 * history reaches back far enough, else the recent weeks before a guard gap. `firstWeek` is the
 * first week any appeal was recorded: weeks before it are no history, not weeks without appeals.
 */
export function baselineOf(counts: ReadonlyMap<number, number>, week: number, firstWeek: number, s: DetectionSettings): Baseline | null {
  const seasonal: number[] = [];
  for (let y = 1; y <= s.seasonalYears; y++) {
    for (let d = -s.seasonalHalfWidth; d <= s.seasonalHalfWidth; d++) {
      const w = week - 52 * y + d;
      if (w >= firstWeek) seasonal.push(w);
    }
  }
  let weeks = seasonal;
  let method: Baseline['method'] = 'seasonal';
  if (seasonal.length < s.minSeasonalWeeks) {
    method = 'recent';
    weeks = [];
    for (let k = 1; k <= s.recentWeeks; k++) {
      const w = week - s.guardWeeks - k;
      if (w >= firstWeek) weeks.push(w);
    }
  }
  if (weeks.length === 0) return null;
  const total = weeks.reduce((n, w) => n + (counts.get(w) ?? 0), 0);
  return { method, weeks, total, expected: total / weeks.length };
}

/**
 * P(X ≥ x) for X ~ Binomial(n, p), summed in log space (n runs to the tens of thousands on a
 * busy series).
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  let lnTerm = lnChoose(n, x) + x * lnP + (n - x) * lnQ;
  let sum = 0;
  for (let k = x; k <= n; k++) {
    sum += Math.exp(lnTerm);
    // Terms fall geometrically past the mean; once negligible the rest cannot matter.
    if (k > n * p && Math.exp(lnTerm) < sum * 1e-12) break;
    lnTerm += Math.log(n - k) - Math.log(k + 1) + lnP - lnQ;
  }
  return Math.min(1, sum);
}

function lnChoose(n: number, k: number): number {
  return lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k);
}

const LN_FACT: number[] = [0];
function lnFactorial(n: number): number {
  if (n < 1024) {
    for (let i = LN_FACT.length; i <= n; i++) LN_FACT[i] = LN_FACT[i - 1] + Math.log(i);
    return LN_FACT[n];
  }
  // Stirling's series: exact to well below a double's precision at this size.
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/**
 * The test: with the week's count x and the baseline's n weeks holding S appeals, both Poisson
 * with one rate under "nothing unusual", x given x + S is Binomial(x + S, 1/(n + 1)). Its upper
 * tail is the p-value; conditioning removes the unknown rate, so the false-alarm rate is at most
 * α however few baseline weeks there are.
 */
export function surgePValue(count: number, baseline: Baseline): number {
  return binomialUpperTail(count, count + baseline.total, 1 / (baseline.weeks.length + 1));
}

export interface Detection {
  officeId: number;
  dimension: SeriesDimension;
  key: string;
  week: number;
  count: number;
  baseline: Baseline;
  pValue: number;
}

/** Every series flagged in `week`: at least `minCount` appeals and a p-value below α. */
export function detectSurges(series: readonly Series[], week: number, firstWeek: number, s: DetectionSettings = DEFAULT_DETECTION): Detection[] {
  const found: Detection[] = [];
  for (const one of series) {
    const count = one.counts.get(week) ?? 0;
    if (count < s.minCount) continue;
    const baseline = baselineOf(one.counts, week, firstWeek, s);
    if (!baseline) continue;
    const pValue = surgePValue(count, baseline);
    if (pValue < s.alpha) found.push({ officeId: one.officeId, dimension: one.dimension, key: seriesKey(one.officeId, one.dimension), week, count, baseline, pValue });
  }
  return found;
}

/** Weekly counts of the finest series: one leaf category in one region, per office. */
export interface LeafCount {
  officeId: number;
  categoryId: number | null;
  regionCode: string | null;
  week: number;
  count: number;
}

/** The trees the rollup climbs: each category's ancestors (itself first), each region's. */
export interface Trees {
  categoryAncestors(id: number): readonly number[];
  regionAncestors(code: string): readonly string[];
}

/** GB/T 2260: a county 411702 lies in the city 411700 in the province 410000. */
export function regionAncestors(code: string): string[] {
  const out = [code];
  for (const up of [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) if (!out.includes(up)) out.push(up);
  return out;
}

/**
 * Every category × region series at every level of both trees (a category's counts include
 * those of the categories below it, a region's those of the regions in it; null is all), from
 * the leaf counts one grouped query reads.
 */
export function rollUp(leaves: readonly LeafCount[], trees: Trees): Series[] {
  const byKey = new Map<string, { officeId: number; dimension: SeriesDimension; counts: Map<number, number> }>();
  for (const leaf of leaves) {
    const cats: (number | null)[] = [...(leaf.categoryId === null ? [] : trees.categoryAncestors(leaf.categoryId)), null];
    const regions: (string | null)[] = [...(leaf.regionCode === null ? [] : trees.regionAncestors(leaf.regionCode)), null];
    for (const categoryId of cats) {
      for (const regionCode of regions) {
        const dimension: SeriesDimension = { kind: 'category_region', categoryId, regionCode };
        const key = seriesKey(leaf.officeId, dimension);
        let entry = byKey.get(key);
        if (!entry) byKey.set(key, (entry = { officeId: leaf.officeId, dimension, counts: new Map() }));
        entry.counts.set(leaf.week, (entry.counts.get(leaf.week) ?? 0) + leaf.count);
      }
    }
  }
  return [...byKey.values()];
}

/**
 * Keeps the most specific of nested findings: a flagged series is left out when a series inside
 * it (a category below it and a region within it, or the same at a finer level of one tree) is
 * flagged in the same week for the same office — a surge in one county's food-safety appeals
 * would otherwise be reported again for the city, the province and every category above.
 * A surge spread over several counties is caught only at the city's level, and stays.
 */
export function mostSpecific(found: readonly Detection[], trees: Trees): Detection[] {
  const within = (inner: Detection, outer: Detection): boolean => {
    if (inner === outer || inner.officeId !== outer.officeId || inner.week !== outer.week) return false;
    const a = inner.dimension;
    const b = outer.dimension;
    if (a.kind !== 'category_region' || b.kind !== 'category_region') return false;
    const catIn = b.categoryId === null || (a.categoryId !== null && trees.categoryAncestors(a.categoryId).includes(b.categoryId));
    const regionIn = b.regionCode === null || (a.regionCode !== null && trees.regionAncestors(a.regionCode).includes(b.regionCode));
    return catIn && regionIn;
  };
  return found.filter((outer) => !found.some((inner) => within(inner, outer)));
}

export interface WhyFlagged {
  zh: string;
  en: string;
}

/** Why a series was flagged, in words a supervisor reads. */
export function whyFlagged(d: Detection, s: DetectionSettings): WhyFlagged {
  const expected = d.baseline.expected.toFixed(1);
  const p = d.pValue < 1e-6 ? '< 0.000001' : d.pValue.toPrecision(2);
  const base = d.baseline.method === 'seasonal'
    ? { zh: `往年同期（前 ${s.seasonalYears} 年同周前后 ${s.seasonalHalfWidth} 周，共 ${d.baseline.weeks.length} 周）`, en: `the same weeks of earlier years (±${s.seasonalHalfWidth} weeks, ${d.baseline.weeks.length} weeks)` }
    : { zh: `近 ${d.baseline.weeks.length} 周（不含上周）`, en: `the ${d.baseline.weeks.length} weeks before last week` };
  return {
    zh: `${isoWeekLabel(d.week)} 受理 ${d.count} 件，${base.zh}平均每周 ${expected} 件；按泊松检验，若无异常出现这么多的概率为 ${p}，低于设定的误报率 ${s.alpha}`,
    en: `${d.count} appeals in ${isoWeekLabel(d.week)} against ${expected} a week in ${base.en}; a Poisson test gives p = ${p} of so many by chance, below the false-alarm rate ${s.alpha}`,
  };
}

/** One appeal as text clustering reads it: its category and its search terms (src/platform/search/terms.ts). */
export interface TextItem {
  id: number;
  officeId: number;
  categoryId: number | null;
  terms: readonly string[];
}

export interface TextCluster {
  officeId: number;
  caseIds: number[];
  categoryIds: number[];
  /** Terms most members share, most shared first. */
  sharedTerms: string[];
  why: WhyFlagged;
}

const MINHASH_BANDS = 12;
const MINHASH_ROWS = 2;

/** FNV-1a with a seed: a fixed hash so the same texts always give the same clusters. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Clusters of alike appeals (Jaccard similarity of their term sets at least `similarity`),
 * found with MinHash locality-sensitive hashing (12 bands of 2) so the work grows with the
 * number of appeals, not its square: appeals sharing a band's signature are compared with the
 * band's first member and joined when alike. Per office; flagged when a cluster has at least
 * `minSize` appeals in at least `minCategories` categories.
 */
export function textClusters(items: readonly TextItem[], s: ClusterSettings = DEFAULT_CLUSTERS): TextCluster[] {
  const sets = items.map((i) => new Set(i.terms));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const buckets = new Map<string, number>();
  items.forEach((item, i) => {
    if (sets[i].size === 0) return;
    const signature: number[] = [];
    for (let h = 0; h < MINHASH_BANDS * MINHASH_ROWS; h++) {
      let min = 0xffffffff;
      for (const t of sets[i]) min = Math.min(min, hash32(t, h * 0x9e3779b1));
      signature.push(min);
    }
    for (let b = 0; b < MINHASH_BANDS; b++) {
      const key = `${item.officeId}:${b}:${signature.slice(b * MINHASH_ROWS, (b + 1) * MINHASH_ROWS).join(',')}`;
      const first = buckets.get(key);
      if (first === undefined) buckets.set(key, i);
      else if (find(first) !== find(i) && jaccard(sets[first], sets[i]) >= s.similarity) parent[find(i)] = find(first);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const clusters: TextCluster[] = [];
  for (const members of groups.values()) {
    if (members.length < s.minSize) continue;
    const categoryIds = [...new Set(members.map((i) => items[i].categoryId).filter((c): c is number => c !== null))].sort((a, b) => a - b);
    if (categoryIds.length < s.minCategories) continue;
    const df = new Map<string, number>();
    for (const i of members) for (const t of sets[i]) df.set(t, (df.get(t) ?? 0) + 1);
    const sharedTerms = [...df.entries()].filter(([, n]) => n >= members.length * 0.8).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([t]) => t);
    const caseIds = members.map((i) => items[i].id).sort((a, b) => a - b);
    clusters.push({
      officeId: items[members[0]].officeId, caseIds, categoryIds, sharedTerms,
      why: {
        zh: `${caseIds.length} 件诉求内容相近（词语重合度不低于 ${s.similarity}），分属 ${categoryIds.length} 个类别，共同词语：${sharedTerms.join('、')}`,
        en: `${caseIds.length} appeals with alike texts (term overlap at least ${s.similarity}) across ${categoryIds.length} categories, sharing: ${sharedTerms.join(', ')}`,
      },
    });
  }
  return clusters.sort((a, b) => b.caseIds.length - a.caseIds.length || a.caseIds[0] - b.caseIds[0]);
}

/** Before and after a task, against the same weeks a year earlier (the effect, 成效). */
export interface Effect {
  weeks: number;
  before: number;
  after: number;
  beforeLastYear: number;
  afterLastYear: number;
  /** After against before, in per cent (null when before is zero). */
  change: number | null;
  /** The same for the weeks a year earlier: what the season alone would have done. */
  seasonalChange: number | null;
  /** change minus seasonalChange: how much more than the season the appeals moved. */
  netChange: number | null;
}

/**
 * The `weeks` weeks before the task started against the `weeks` weeks from its finish on (or as
 * many as have passed), and the same weeks 52 weeks earlier, from a series' weekly counts.
 */
export function effectOf(counts: ReadonlyMap<number, number>, startWeek: number, finishWeek: number, currentWeek: number, weeks: number): Effect {
  const sum = (from: number, n: number) => {
    let total = 0;
    for (let w = from; w < from + n; w++) total += counts.get(w) ?? 0;
    return total;
  };
  const span = Math.max(0, Math.min(weeks, currentWeek - finishWeek + 1));
  const before = sum(startWeek - span, span);
  const after = sum(finishWeek, span);
  const beforeLastYear = sum(startWeek - span - 52, span);
  const afterLastYear = sum(finishWeek - 52, span);
  const pct = (a: number, b: number) => (b === 0 ? null : Math.round(((a - b) / b) * 1000) / 10);
  const change = pct(after, before);
  const seasonalChange = pct(afterLastYear, beforeLastYear);
  return {
    weeks: span, before, after, beforeLastYear, afterLastYear, change, seasonalChange,
    netChange: change === null || seasonalChange === null ? null : Math.round((change - seasonalChange) * 10) / 10,
  };
}
