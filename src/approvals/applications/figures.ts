/**
 * The approvals figures, pure: one application's facts folded into a group's counts, the average
 * and 90th percentile of working days taken, and the time saved against the statutory limit.
 * Every application counts in the month it was received.
 */
import { REVIEW_GRADES, type ApprovalFigureRow, type ReviewGrade } from './contract.js';

/** What the figures read of one application, its clock already judged. */
export interface ApplicationFacts {
  accepted: boolean;
  acceptedDeficient: boolean;
  /** Decided (granted or refused). */
  completed: boolean;
  refused: boolean;
  /** For a completed one: judged where its clock stopped. */
  withinCommitted: boolean;
  withinStatutory: boolean;
  workingDaysTaken: number;
  /** The binding statutory limit (joint handling's 45 days where it applies). */
  statutoryLimit: number;
  supplements: number;
  greenChannel: boolean;
  grade: ReviewGrade | null;
}

/** The nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function foldFacts(key: string, name: string, facts: readonly ApplicationFacts[]): ApprovalFigureRow {
  const completed = facts.filter((f) => f.completed);
  const days = completed.map((f) => f.workingDaysTaken).sort((a, b) => a - b);
  const statutory = completed.reduce((s, f) => s + f.statutoryLimit, 0);
  const reviewsByGrade = Object.fromEntries(REVIEW_GRADES.map((g) => [g, facts.filter((f) => f.grade === g).length])) as Record<ReviewGrade, number>;
  return {
    key, name,
    counts: {
      received: facts.length,
      accepted: facts.filter((f) => f.accepted).length,
      acceptedDeficient: facts.filter((f) => f.acceptedDeficient).length,
      completed: completed.length,
      completedWithinCommitted: completed.filter((f) => f.withinCommitted).length,
      completedWithinStatutory: completed.filter((f) => f.withinStatutory).length,
      supplements: facts.reduce((s, f) => s + f.supplements, 0),
      refusals: facts.filter((f) => f.refused).length,
      greenChannel: facts.filter((f) => f.greenChannel).length,
      reviews: facts.filter((f) => f.grade !== null).length,
    },
    reviewsByGrade,
    averageDays: days.length ? round(days.reduce((s, d) => s + d, 0) / days.length, 1) : null,
    p90Days: percentile(days, 90),
    timeSaved: statutory > 0 ? round(1 - days.reduce((s, d) => s + d, 0) / statutory, 4) : null,
  };
}
