/**
 * Demo history (`qinqing demo --cases N --months M`): years of realistic appeals for dashboards
 * and benchmarks, made through the same commands real cases go through, on a replayed clock.
 * What it acts on is in `history/world.ts`, the clock and queue in `history/simulation.ts`, the
 * story of each kind of case in `history/scripts.ts`.
 *
 * Everything random comes from a seeded generator (one stream for arrivals, one per case), so
 * the same seed and `until` give the same history apart from ids.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { inSubtree } from '../offices/rules.js';
import { findDemoOrganisation } from './organisation.js';
import { demoStaff, loadWorld } from './history/world.js';
import { runSimulation } from './history/simulation.js';
import { caseScripts, type HistorySummary } from './history/scripts.js';

export type { HistorySummary } from './history/scripts.js';

export interface HistoryOptions {
  /** How many cases to take in. */
  cases: number;
  /** Over how many months before `until`. */
  months: number;
  /** The end of the history (default: now). No step happens after it. */
  until?: Date;
  /** Seed of the random choices (default 1): the same seed and `until` give the same history. */
  seed?: number;
  /** Called after each intake with (cases taken in, cases). */
  progress?: (done: number, total: number) => void;
  /** Run the deadline sweep as the server does: twice every working day, and once at `until` (default true). */
  sweep?: boolean;
}

export const HISTORY_LIMITS = { cases: 10_000_000, months: 120 } as const;

export async function generateDemoHistory(db: Db, opts: HistoryOptions): Promise<HistorySummary> {
  const started = Date.now();
  if (!Number.isInteger(opts.cases) || opts.cases < 0 || opts.cases > HISTORY_LIMITS.cases) throw new RangeError(`cases must be a whole number from 0 to ${HISTORY_LIMITS.cases}`);
  if (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > HISTORY_LIMITS.months) throw new RangeError(`months must be a whole number from 1 to ${HISTORY_LIMITS.months}`);
  const until = new Date(Math.floor((opts.until ?? new Date()).getTime() / 1000) * 1000);
  const fromDate = new Date(until);
  fromDate.setUTCMonth(fromDate.getUTCMonth() - opts.months);
  const seed = opts.seed ?? 1;

  if (opts.cases === 0) return { ...summary0(fromDate, until), ms: Date.now() - started };
  const org = await findDemoOrganisation(db);
  if (!org) throw new Error('this database has no demo organisation: demo history goes only into a demo database (qinqing demo)');
  const world = await loadWorld(db, org);
  const summary = summary0(fromDate, until);
  const people = demoStaff(db, () => summary.staffCreated++);
  if (opts.cases >= 100) {
    // Each account costs a deliberately slow password hash: make the ones almost every history
    // needs (the catalogue's owners in Zhumadian) side by side rather than one by one on first use.
    const owners = new Set(world.rules.map((r) => r.officeId));
    await Promise.all([...owners].map((id) => world.offices.get(id)).filter((o) => o && inSubtree(o.path, world.zmd.office.path)).map((o) => people.handlerOf(o!)));
  }

  const newCase = caseScripts({ db, world, people, summary, seed, until, cases: opts.cases, progress: opts.progress });
  const { sweeps } = await runSimulation(db, { cal: world.cal, from: fromDate, until, cases: opts.cases, seed, sweep: opts.sweep ?? true, newCase });
  summary.sweeps = sweeps;
  if (summary.firstCaseId !== null) {
    const [r] = await queryRows<{ overdue: number }>(db, sql`select count(*) filter (where was_overdue)::int as overdue from cases
      where id between ${summary.firstCaseId} and ${summary.lastCaseId}`);
    summary.overdue = r.overdue;
  }
  summary.ms = Date.now() - started;
  summary.casesPerSecond = summary.cases / Math.max(0.001, summary.ms / 1000);
  return summary;
}

const summary0 = (from: Date, until: Date): HistorySummary => ({
  cases: 0, from, until, actions: 0, sweeps: 0,
  byStatus: { accepted: 0, answered: 0, dispatched: 0, handling: 0, replied: 0, reviewed: 0, closed: 0, merged: 0 },
  overdue: 0, signedLate: 0, repliedLate: 0, returned: 0, transferred: 0, extended: 0, sentBack: 0, visits: 0, unsatisfied: 0,
  reopened: 0, merged: 0, evaluated: 0, staffCreated: 0, firstCaseId: null, lastCaseId: null, ms: 0, casesPerSecond: 0,
});
