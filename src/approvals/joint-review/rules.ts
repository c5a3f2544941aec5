/**
 * The joint report's rule, pure: the report results only when every invited department has
 * recorded its verdict. A fail from one department does not stop the others — each still records
 * its own, and every verdict is kept in the report — but it makes the outcome failed: the
 * application goes back to the applicant to put things right, and a new appointment (复查) is
 * scheduled for it. Otherwise any pass with conditions makes it passed with conditions.
 */
import type { Outcome, Verdict } from './contract.js';

export function jointOutcome(verdicts: readonly (Verdict | null)[]): Outcome | null {
  if (!verdicts.length || verdicts.some((v) => v === null)) return null;
  if (verdicts.includes('fail')) return 'failed';
  return verdicts.includes('conditional') ? 'conditional' : 'passed';
}
