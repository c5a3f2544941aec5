// What a ranking's score is made of, for the pages that explain it to a citizen: the rates its
// settings weigh and the share of each, the rates they leave out, and an office of the ranking
// itself whose score stands far above its completion rate. Pure: everything comes from the
// ranking, whose settings are the ones the server scored it with.
import { LOWER_IS_BETTER, RATES, type EvaluationSettings, type RankedOffice, type Ranking, type Rate } from '../../../src/evaluation/contract';

export interface WeightedRate {
  rate: Rate;
  weight: number;
  /** The weight's part of all the weights, 0–1: how much of the score the rate makes when every rate can be judged. */
  share: number;
  /** Scored as 1 − rate. */
  lowerIsBetter: boolean;
}

export interface ScoreRecipe {
  weighted: WeightedRate[];
  /** Rates published beside the score that do not count in it. */
  unweighted: Rate[];
}

export function scoreRecipe(weights: EvaluationSettings['weights']): ScoreRecipe {
  const weightOf = (r: Rate) => Math.max(0, weights[r] ?? 0);
  const counted = RATES.filter((r) => weightOf(r) > 0);
  const sum = counted.reduce((n, r) => n + weightOf(r), 0);
  return {
    weighted: counted.map((rate) => ({ rate, weight: weightOf(rate), share: weightOf(rate) / sum, lowerIsBetter: LOWER_IS_BETTER.includes(rate) })),
    unweighted: RATES.filter((r) => weightOf(r) === 0),
  };
}

/** A share as the page prints it: a whole percentage, or one decimal when it is not whole. */
export function shareText(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** How far (in points of 100) a score must stand above the completion rate to make an example. */
export const EXAMPLE_GAP = 20;

/**
 * The ranked office whose score stands furthest above its completion rate (both out of 100), when
 * the gap is at least EXAMPLE_GAP points: the ranking's own case of a low completion rate scoring high.
 */
export function lowCompletionExample(ranking: Pick<Ranking, 'groups'>): RankedOffice | null {
  let best: RankedOffice | null = null;
  let bestGap = EXAMPLE_GAP;
  for (const o of ranking.groups.flatMap((g) => g.offices)) {
    const completion = o.rates.completionRate;
    if (o.rank === null || o.score === null || completion === null) continue;
    // To the score's two decimals, so that float noise cannot move an office across the line.
    const gap = Math.round((o.score - completion * 100) * 100) / 100;
    if (gap >= bestGap && (best === null || gap > bestGap)) {
      best = o;
      bestGap = gap;
    }
  }
  return best;
}
