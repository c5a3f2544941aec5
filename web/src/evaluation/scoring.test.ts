import { describe, expect, it } from 'vitest';
import { RATES, type RankedOffice, type Rates } from '../../../src/evaluation/contract';
import { lowCompletionExample, scoreRecipe, shareText } from './scoring';

const rates = (r: Partial<Rates>): Rates => ({ ...(Object.fromEntries(RATES.map((k) => [k, null])) as Rates), ...r });
const office = (officeId: number, score: number | null, completionRate: number | null, rank: number | null = score === null ? null : 1): RankedOffice => ({
  officeId, name: `o${officeId}`, peerGroup: 'department', caseCount: 10, counts: {} as RankedOffice['counts'], rates: rates({ completionRate }),
  score, rank, list: null, unrankedReason: rank === null ? 'too_few_cases' : null,
});

describe('what a score is made of', () => {
  it('names the weighted rates in the contract\'s order with their shares, and every other rate as left out', () => {
    const recipe = scoreRecipe({ satisfactionRate: 40, responseRate: 30, resolutionRate: 35, reopenRate: 0 });
    expect(recipe.weighted.map((w) => [w.rate, w.weight, Math.round(w.share * 10000) / 10000])).toEqual([
      ['responseRate', 30, 0.2857], ['resolutionRate', 35, 0.3333], ['satisfactionRate', 40, 0.381],
    ]);
    expect(recipe.unweighted).toEqual(['completionRate', 'onTimeRate', 'visitRate', 'returnRate', 'reopenRate']);
    expect(recipe.weighted.every((w) => !w.lowerIsBetter)).toBe(true);
    expect(scoreRecipe({ returnRate: 1, completionRate: 3 }).weighted).toEqual([
      { rate: 'completionRate', weight: 3, share: 0.75, lowerIsBetter: false },
      { rate: 'returnRate', weight: 1, share: 0.25, lowerIsBetter: true },
    ]);
  });

  it('prints a share as a whole percentage, or with one decimal', () => {
    expect(shareText(0.35)).toBe('35%');
    expect(shareText(40 / 105)).toBe('38.1%');
    expect(shareText(1)).toBe('100%');
  });

  it('takes as its example the ranked office whose score stands furthest above its completion rate, only when far enough', () => {
    const groups = (offices: RankedOffice[]) => ({ groups: [{ peerGroup: 'department' as const, offices }] });
    expect(lowCompletionExample(groups([office(1, 90, 0.8), office(2, 95, 0.5), office(3, 99, 0.7)]))?.officeId).toBe(2);
    // An unranked office is no example, nor one whose completion rate cannot be judged.
    expect(lowCompletionExample(groups([office(1, null, 0.1), office(2, 90, null)]))).toBeNull();
    // Just under twenty points apart does not make the point; twenty does (48 − 0.28 × 100 is 19.999999999999996 in floating point).
    expect(lowCompletionExample(groups([office(1, 89.99, 0.7)]))).toBeNull();
    expect(lowCompletionExample(groups([office(1, 90, 0.7)]))?.officeId).toBe(1);
    expect(lowCompletionExample(groups([office(1, 48, 0.28)]))?.officeId).toBe(1);
  });
});
