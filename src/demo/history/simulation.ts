/**
 * The replayed clock of the demo history, a discrete-event simulation. Intakes arrive over the
 * period (more on working days and in office hours); each case then walks the loop as a script
 * that waits until the moment of its next step. One queue orders every step of every case by
 * time, so a case's events are in time order, a duplicate is merged into a case as it stands at
 * that moment, and the deadline sweep runs as the server would (twice each working day). A step
 * that would fall after `until` never happens: recent cases stay open at whatever stage they
 * reached, and those past their deadline are overdue now.
 */
import type { Db } from '../../platform/db/engine.js';
import { addWorkingHours, isWorkingDay, workingMinutesBetween, type WorkingCalendar } from '../../calendar/rules.js';
import { sweepDeadlines } from '../../cases/commands/sweepDeadlines.js';
import { Rng, streamSeed } from './random.js';

/** A case's script: yields when it wants to act next and is resumed with the moment it acts (never earlier than asked). */
export type Script = AsyncGenerator<Date, void, Date>;

/** Intake by local hour: the hotline answers round the clock, most calls come in office hours. */
const HOURS = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.9, 1.8, 2.6, 2.6, 2.3, 1.6, 1.9, 2.4, 2.4, 2.2, 1.8, 1.2, 1.0, 0.9, 0.7, 0.45, 0.25];
const NON_WORKING_DAY = 0.35;
/** Local times of the day's deadline sweeps on working days (the server sweeps every minute; twice a day is enough for history). */
const SWEEP_TIMES = [9.5 * 60, 15.5 * 60];

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface SimulationPlan {
  cal: WorkingCalendar;
  from: Date;
  until: Date;
  /** How many cases arrive over the period. */
  cases: number;
  seed: number;
  /** Run the deadline sweep twice every working day and once at `until`. */
  sweep: boolean;
  /** The script of the `index`th case, taken in at `acceptedAt`: its first stretch (the intake) runs when first resumed. */
  newCase(index: number, acceptedAt: Date): Promise<Script>;
}

/** Runs every step that falls before `until`, in time order; returns how many sweeps ran. */
export async function runSimulation(db: Db, plan: SimulationPlan): Promise<{ sweeps: number }> {
  const { cal, from, until } = plan;
  const queue = new Queue();
  let clock = from.getTime();
  let sweeps = 0;
  const schedule = (at: Date, script: Script) => {
    const ms = Math.max(at.getTime(), clock);
    if (ms > until.getTime()) {
      void script.return(undefined);
      return;
    }
    queue.push(ms, async () => {
      const next = await script.next(new Date(ms));
      if (!next.done) schedule(next.value, script);
    });
  };

  const arrivals = new Rng(streamSeed(plan.seed, 0xa11));
  const days = arrivalDays(cal, from, until, plan.cases);
  let index = 0;
  const loadDay = (d: (typeof days)[number]) => {
    for (const at of d.arrivals(arrivals)) {
      const i = index++;
      queue.push(at, async () => {
        // The script's first stretch (the intake) runs now; it then waits for its next step.
        const script = await plan.newCase(i, new Date(at));
        const next = await script.next(new Date(at));
        if (!next.done) schedule(next.value, script);
      });
    }
    if (plan.sweep && d.working) {
      for (const minute of SWEEP_TIMES) {
        const at = d.start + minute * 60_000;
        if (at >= from.getTime() && at <= until.getTime()) {
          queue.push(at, async () => {
            await sweepDeadlines(db, new Date(at));
            sweeps++;
          });
        }
      }
    }
  };
  // Days are loaded only as the clock reaches them, so the queue holds about a day's intakes.
  let day = 0;
  for (;;) {
    while (day < days.length && (queue.size === 0 || days[day].start <= queue.peek()!.at)) loadDay(days[day++]);
    const task = queue.pop();
    if (!task) break;
    clock = task.at;
    await task.run();
  }
  if (plan.sweep) {
    await sweepDeadlines(db, until);
    sweeps++;
  }
  return { sweeps };
}

/** Office and wall-clock time on the calendar, in whole seconds, for scripts to say when they act next. */
export function officeClock(cal: WorkingCalendar) {
  const sec = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000);
  return {
    /** `lo`–`hi` hours of office time after `t` (dispatchers, handlers, reviewers, return visits). */
    work: (rng: Rng, t: Date, lo: number, hi: number) => sec(addWorkingHours(cal, t, rng.between(lo, hi)).at.getTime()),
    /** `lo`–`hi` minutes of wall-clock time after `t` (the hotline answers round the clock; requesters act any time). */
    wall: (rng: Rng, t: Date, lo: number, hi: number) => sec(t.getTime() + rng.between(lo, hi) * 60_000),
    /** A moment between `a` and `due` at `share` of the office time between them, never after `due`. */
    within: (a: Date, due: Date, share: number) => {
      const minutes = workingMinutesBetween(cal, a, due).minutes;
      if (minutes <= 0) return a;
      const t = sec(addWorkingHours(cal, a, (minutes * share) / 60).at.getTime());
      return t > due ? due : t;
    },
    later: (a: Date, b: Date) => (a > b ? a : b),
  };
}

// ---------------------------------------------------------------------------------------------
// The event queue: a binary heap of steps by (time, order of scheduling).

interface Task {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

class Queue {
  private heap: Task[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  peek(): Task | undefined {
    return this.heap[0];
  }
  push(at: number, run: () => Promise<void>) {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

// ---------------------------------------------------------------------------------------------
// When cases arrive: a count per local day in proportion to its weight (working days and office
// hours weigh more), exact in total; within a day, times drawn by the hourly weights.

interface ArrivalDay {
  /** UTC ms of the local day's midnight. */
  start: number;
  working: boolean;
  arrivals(rng: Rng): number[];
}

function arrivalDays(cal: WorkingCalendar, from: Date, until: Date, total: number): ArrivalDay[] {
  const offset = cal.officeHours.timeZoneOffsetMinutes * 60_000;
  const lo = from.getTime();
  const hi = until.getTime();
  const firstDay = Math.floor((lo + offset) / DAY_MS);
  const lastDay = Math.floor((hi + offset) / DAY_MS);
  const plan: { start: number; working: boolean; hours: number[]; weight: number }[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    const start = d * DAY_MS - offset;
    const working = isWorkingDay(cal, new Date(d * DAY_MS).toISOString().slice(0, 10));
    const dayWeight = working ? 1 : NON_WORKING_DAY;
    const hours = HOURS.map((w, h) => {
      const s = start + h * HOUR_MS;
      const covered = Math.max(0, Math.min(s + HOUR_MS, hi) - Math.max(s, lo)) / HOUR_MS;
      return w * dayWeight * covered;
    });
    plan.push({ start, working, hours, weight: hours.reduce((a, b) => a + b, 0) });
  }
  const sum = plan.reduce((a, p) => a + p.weight, 0);
  let cumulative = 0;
  let given = 0;
  return plan.map((p) => {
    cumulative += p.weight;
    const upTo = sum > 0 ? Math.round((total * cumulative) / sum) : 0;
    const count = upTo - given;
    given = upTo;
    return {
      start: p.start,
      working: p.working,
      arrivals(rng: Rng) {
        const times: number[] = [];
        for (let i = 0; i < count; i++) {
          const h = rng.weighted(p.hours.map((w, hour) => [hour, w] as const));
          const s = Math.max(p.start + h * HOUR_MS, lo);
          const e = Math.min(p.start + (h + 1) * HOUR_MS, hi);
          times.push(Math.floor((s + rng.next() * (e - s)) / 1000) * 1000);
        }
        return times.sort((a, b) => a - b);
      },
    };
  });
}
