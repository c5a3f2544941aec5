/**
 * Detection on generated history (seeded, so every run sees the same numbers): surges planted
 * in seasonal series are found; the seasonal swings themselves are flagged no more often than
 * the configured false-alarm rate; nested findings keep the most specific; alike texts across
 * categories cluster.
 */
import { describe, expect, it } from 'vitest';
import { searchTerms } from '../platform/search/terms.js';
import {
  baselineOf, binomialUpperTail, DEFAULT_DETECTION, detectSurges, effectOf, isoWeekLabel, mondayOf, mostSpecific, regionAncestors, rollUp,
  textClusters, weekOfDate, weekOfMonday, type DetectionSettings, type LeafCount, type Series, type Trees,
} from './detection.js';

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth's method for small means, a normal approximation above 60). */
function poisson(next: () => number, lambda: number): number {
  if (lambda > 60) {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= next();
  } while (p > l);
  return k - 1;
}

const FIRST = 2800;
const YEARS = 4;
const LAST = FIRST + 52 * YEARS - 1;

/** A seasonal rate: base × (1 + amplitude × sin), its peak somewhere in the year. */
const seasonal = (base: number, amplitude: number, phase: number) => (w: number) => base * (1 + amplitude * Math.sin((2 * Math.PI * (w + phase)) / 52));

function generated(count: number, seed: number, rate: (i: number) => (w: number) => number): Series[] {
  const next = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const r = rate(i);
    const counts = new Map<number, number>();
    for (let w = FIRST; w <= LAST; w++) counts.set(w, poisson(next, r(w)));
    return { officeId: 1, dimension: { kind: 'address', address: `series ${i}` }, counts };
  });
}

const settings = (over: Partial<DetectionSettings>): DetectionSettings => ({ ...DEFAULT_DETECTION, ...over });

describe('weeks', () => {
  it('numbers ISO weeks from Mondays and names them', () => {
    const w = weekOfMonday('2026-11-30');
    expect(mondayOf(w)).toBe('2026-11-30');
    expect(weekOfDate('2026-12-06')).toBe(w);
    expect(weekOfDate('2026-12-07')).toBe(w + 1);
    expect(isoWeekLabel(w)).toBe('2026-W49');
    expect(isoWeekLabel(weekOfMonday('2025-12-29'))).toBe('2026-W01');
    expect(isoWeekLabel(weekOfMonday('2020-12-28'))).toBe('2020-W53');
  });
});

describe('the Poisson test', () => {
  it('sums the binomial upper tail as the direct sum does', () => {
    const choose = (n: number, k: number) => { let c = 1; for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i; return c; };
    for (const [x, n, p] of [[3, 10, 0.1], [7, 20, 1 / 16], [0, 5, 0.5], [12, 12, 0.3], [30, 200, 0.05]] as const) {
      let direct = 0;
      for (let k = x; k <= n; k++) direct += choose(n, k) * p ** k * (1 - p) ** (n - k);
      expect(binomialUpperTail(x, n, p)).toBeCloseTo(direct, 12);
    }
    expect(binomialUpperTail(5000, 60000, 1 / 16)).toBeLessThan(1e-20);
  });

  it('takes the same weeks of earlier years when history reaches back, else the recent weeks before a guard week', () => {
    const counts = new Map([[LAST - 52, 10], [LAST - 104, 20], [LAST - 2, 4]]);
    const s = settings({ seasonalYears: 2, seasonalHalfWidth: 0, minSeasonalWeeks: 2 });
    expect(baselineOf(counts, LAST, FIRST, s)).toEqual({ method: 'seasonal', weeks: [LAST - 52, LAST - 104], total: 30, expected: 15 });
    const recent = baselineOf(counts, LAST, LAST - 20, s)!;
    expect(recent.method).toBe('recent');
    expect(recent.weeks).toEqual([LAST - 2, LAST - 3, LAST - 4, LAST - 5, LAST - 6, LAST - 7, LAST - 8, LAST - 9]);
    expect(recent.expected).toBe(0.5);
    expect(baselineOf(counts, LAST, LAST, s)).toBeNull();
  });
});

describe('surges on generated seasonal history', () => {
  it('finds surges planted in the last week of seasonal series', () => {
    const rate = (i: number) => seasonal(5 + (i % 20), 0.5, i);
    const series = generated(300, 7, rate);
    const next = rng(8);
    // The surge: four times the week's usual rate, on top of a season's swing.
    series.forEach((s, i) => (s.counts as Map<number, number>).set(LAST, poisson(next, 4 * rate(i)(LAST))));
    const found = detectSurges(series, LAST, FIRST, settings({ alpha: 0.001 })).length;
    expect(found / series.length).toBeGreaterThan(0.95);
  });

  it('flags the seasonal swings themselves no more often than the configured false-alarm rate', () => {
    const weeksTested = 20;
    for (const alpha of [0.01, 0.05]) {
      const series = generated(1500, 11, (i) => seasonal(3 + (i % 40), 0.6, i % 52));
      let flags = 0;
      for (let w = LAST - weeksTested + 1; w <= LAST; w++) flags += detectSurges(series, w, FIRST, settings({ alpha, minCount: 1 })).length;
      const rate = flags / (series.length * weeksTested);
      // The conditional test is exact but discrete, so it runs at or below α; far below would mean it cannot find anything.
      expect(rate).toBeLessThanOrEqual(alpha * 1.15);
      expect(rate).toBeGreaterThan(alpha * 0.3);
    }
  });

  it('would flag the season as a surge with only the recent weeks as baseline (why the seasonal one is used)', () => {
    const alpha = 0.01;
    const series = generated(800, 13, (i) => seasonal(20 + (i % 20), 0.6, i % 52));
    const recentOnly = settings({ alpha, minCount: 1, minSeasonalWeeks: 10_000 });
    let flags = 0;
    for (let w = LAST - 19; w <= LAST; w++) flags += detectSurges(series, w, FIRST, recentOnly).length;
    expect(flags / (series.length * 20)).toBeGreaterThan(alpha * 2);
  });

  it('needs the minimum count: a series usually at 0.2 a week with 4 appeals is not a hotspot', () => {
    const counts = new Map<number, number>();
    for (let w = FIRST; w < LAST; w++) counts.set(w, w % 5 === 0 ? 1 : 0);
    counts.set(LAST, 4);
    const one: Series = { officeId: 1, dimension: { kind: 'address', address: 'x' }, counts };
    expect(detectSurges([one], LAST, FIRST, settings({ minCount: 5 }))).toEqual([]);
    expect(detectSurges([one], LAST, FIRST, settings({ minCount: 4 }))).toHaveLength(1);
  });
});

describe('the two trees', () => {
  // Categories: 1 market > 2 food, 3 prices; regions: 411702, 411721 in city 411700.
  const trees: Trees = { categoryAncestors: (id) => (id === 1 ? [1] : [id, 1]), regionAncestors };
  const weeks = 20;
  function leaves(surge: (cat: number, region: string) => number): LeafCount[] {
    const out: LeafCount[] = [];
    const next = rng(5);
    for (const categoryId of [2, 3]) {
      for (const regionCode of ['411702', '411721']) {
        for (let w = 0; w < weeks; w++) out.push({ officeId: 9, categoryId, regionCode, week: 100 + w, count: poisson(next, 3) + (w === weeks - 1 ? surge(categoryId, regionCode) : 0) });
      }
    }
    return out;
  }

  it('rolls leaf counts up every level of both trees, and keeps the most specific of nested findings', () => {
    const series = rollUp(leaves((c, r) => (c === 2 && r === '411702' ? 25 : 0)), trees);
    // 2 leaf categories + their parent + all, × 2 counties + the city + the province + all.
    expect(series).toHaveLength(4 * 5);
    const all = series.find((s) => s.dimension.kind === 'category_region' && s.dimension.categoryId === null && s.dimension.regionCode === null)!;
    expect([...all.counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(4 * weeks * 2);
    const found = detectSurges(series, 100 + weeks - 1, 100, settings({ alpha: 0.001 }));
    expect(found.length).toBeGreaterThan(1);
    expect(mostSpecific(found, trees).map((d) => d.dimension)).toEqual([{ kind: 'category_region', categoryId: 2, regionCode: '411702' }]);
  });

  it('reports a surge spread over the counties of a city at the city', () => {
    const series = rollUp(leaves((c) => (c === 2 ? 7 : 0)), trees);
    const kept = mostSpecific(detectSurges(series, 100 + weeks - 1, 100, settings({ alpha: 0.001 })), trees);
    expect(kept.map((d) => d.dimension)).toContainEqual({ kind: 'category_region', categoryId: 2, regionCode: '411700' });
    expect(kept.every((d) => d.dimension.kind === 'category_region' && d.dimension.regionCode !== '411702' && d.dimension.regionCode !== '411721')).toBe(true);
  });
});

describe('clusters of alike texts', () => {
  // Unrelated appeals: 24 characters each from a pool of 400, so no two are alike.
  const POOL = Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i * 37));
  function corpus(seed: number) {
    const next = rng(seed);
    return Array.from({ length: 300 }, (_, i) => {
      const text = Array.from({ length: 24 }, () => POOL[Math.floor(next() * POOL.length)]).join('');
      return { id: i + 1, officeId: 1, categoryId: 10 + Math.floor(next() * 6), terms: searchTerms(text) };
    });
  }

  it('finds appeals about one matter filed under different categories, naming the words they share', () => {
    const items = corpus(3);
    const planted = ['幸福路小区门口雨后道路积水严重，行人无法通行', '幸福路小区门口道路积水严重，雨后行人无法通行，请尽快处理', '幸福路小区门口雨后积水严重，道路无法通行',
      '幸福路小区门口道路雨后积水严重行人无法通行', '反映幸福路小区门口雨后道路积水严重，无法通行', '幸福路小区门口雨后道路积水很严重，行人无法通行'];
    planted.forEach((text, k) => items.push({ id: 1000 + k, officeId: 1, categoryId: [10, 11, 12][k % 3], terms: searchTerms(text) }));
    const clusters = textClusters(items);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].caseIds).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
    expect(clusters[0].categoryIds).toEqual([10, 11, 12]);
    expect(clusters[0].sharedTerms).toEqual(expect.arrayContaining(['积水', '幸福']));
    expect(clusters[0].why.zh).toContain('分属 3 个类别');
  });

  it('leaves a cluster inside one category to the category series, and keeps offices apart', () => {
    const text = '幸福路小区门口雨后道路积水严重，行人无法通行';
    const same = Array.from({ length: 6 }, (_, k) => ({ id: k + 1, officeId: 1, categoryId: 10, terms: searchTerms(text) }));
    expect(textClusters(same)).toEqual([]);
    const split = Array.from({ length: 6 }, (_, k) => ({ id: k + 1, officeId: k % 2, categoryId: 10 + k, terms: searchTerms(text) }));
    expect(textClusters(split, { similarity: 0.5, minSize: 4, minCategories: 2 })).toEqual([]);
  });
});

describe('effect', () => {
  it('compares the weeks before the task with the weeks from its finish, against the same weeks a year earlier', () => {
    const counts = new Map<number, number>();
    for (let w = 0; w < 200; w++) counts.set(w, 10);
    for (let w = 140; w < 150; w++) counts.set(w, 30);
    for (let w = 140 - 52; w < 150 - 52; w++) counts.set(w, 12);
    const e = effectOf(counts, 150, 154, 163, 4);
    expect(e).toMatchObject({ weeks: 4, before: 120, after: 40, beforeLastYear: 48, afterLastYear: 40, change: -66.7, seasonalChange: -16.7, netChange: -50 });
    expect(effectOf(counts, 150, 154, 155, 4).weeks).toBe(2);
  });
});
