/**
 * The approvals figures, pure: one group's totals, as SQL sums and counts them over its
 * applications (figure-queries.ts), made into the row the API answers — the average of working
 * days taken and the time saved against the statutory limit over the completed ones. Every
 * application counts in the month it was received.
 */
import type { ApprovalFigureCounts, ApprovalFigureRow, ReviewGrade } from './contract.js';

/** What SQL totals of one group's applications, each completed one judged where its clock stopped. */
export interface GroupTotals {
  counts: ApprovalFigureCounts;
  reviewsByGrade: Record<ReviewGrade, number>;
  /** Σ working days taken over the completed ones. */
  daysTaken: number;
  /** Σ binding statutory limits over the completed ones (joint handling's 45 days where it applied). */
  statutoryDays: number;
  /** The nearest-rank 90th percentile of working days taken over the completed ones; null with none. */
  p90Days: number | null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function figureRow(key: string, name: string, t: GroupTotals): ApprovalFigureRow {
  const completed = t.counts.completed;
  return {
    key, name, counts: t.counts, reviewsByGrade: t.reviewsByGrade,
    averageDays: completed ? round(t.daysTaken / completed, 1) : null,
    p90Days: t.p90Days,
    timeSaved: t.statutoryDays > 0 ? round(1 - t.daysTaken / t.statutoryDays, 4) : null,
  };
}
