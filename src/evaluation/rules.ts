/**
 * The evaluation's rules (考评规则), pure: what each case counts for, derived event by event from
 * its timeline; the rates; the monthly score; the ranking within peer groups and the red/black
 * list. Definitions are in the README ("Evaluation"); the queries and rollups only add these up.
 */
import { DEFAULT_OFFICE_HOURS, toLocalDate } from '../calendar/rules.js';
import {
  FIGURES, LOWER_IS_BETTER, RATES,
  type EvaluationSettings, type Figure, type FigureCounts, type PeerGroup, type RankedOffice, type Rates,
} from './contract.js';

/** Facts about a case that the figures count; each is a bit of `CaseFigures.flags`. */
const FLAG = {
  merged: 1 << 0,
  answered: 1 << 1,
  dispatched: 1 << 2,
  transferred: 1 << 3,
  signed: 1 << 4,
  signLate: 1 << 5,
  completed: 1 << 6,
  overdue: 1 << 7,
  returned: 1 << 8,
  extended: 1 << 9,
  reopened: 1 << 10,
  visited: 1 << 11,
  resolved: 1 << 12,
  satisfied: 1 << 13,
  basicallySatisfied: 1 << 14,
  unsatisfied: 1 << 15,
} as const;
const SATISFACTION_FLAGS = FLAG.satisfied | FLAG.basicallySatisfied | FLAG.unsatisfied;
/** What a reopening (重办) undoes: the case is no longer completed, visited or rated. */
const UNDONE_BY_REOPEN = FLAG.completed | FLAG.visited | FLAG.resolved | SATISFACTION_FLAGS;

/**
 * Which cases a figure counts: those whose flags include every bit of `all` and none of `none`.
 * One definition serves the in-memory count, the SQL of the rollup rebuild and the drill-down.
 */
export const FIGURE_TEST: Record<Figure, { all: number; none: number }> = {
  received: { all: 0, none: 0 },
  merged: { all: FLAG.merged, none: 0 },
  answered: { all: FLAG.answered, none: 0 },
  dispatched: { all: FLAG.dispatched, none: 0 },
  transferred: { all: FLAG.transferred, none: 0 },
  signed: { all: FLAG.signed, none: 0 },
  signedOnTime: { all: FLAG.signed, none: FLAG.signLate },
  completed: { all: FLAG.completed, none: 0 },
  completedOnTime: { all: FLAG.completed, none: FLAG.overdue },
  overdue: { all: FLAG.overdue, none: 0 },
  returned: { all: FLAG.returned, none: 0 },
  extended: { all: FLAG.extended, none: 0 },
  reopened: { all: FLAG.reopened, none: 0 },
  visited: { all: FLAG.visited, none: 0 },
  resolved: { all: FLAG.resolved, none: 0 },
  satisfied: { all: FLAG.satisfied, none: 0 },
  basicallySatisfied: { all: FLAG.basicallySatisfied, none: 0 },
  unsatisfied: { all: FLAG.unsatisfied, none: 0 },
};

const countsByFlags = new Map<number, FigureCounts>();

/** What a case with these flags counts for; a new object each time (callers add into it). Worked out once per set of flags: intake asks for it for every case. */
export function counts(flags: number): FigureCounts {
  let known = countsByFlags.get(flags);
  if (!known) {
    known = Object.fromEntries(FIGURES.map((f) => [f, (flags & FIGURE_TEST[f].all) === FIGURE_TEST[f].all && (flags & FIGURE_TEST[f].none) === 0 ? 1 : 0])) as FigureCounts;
    countsByFlags.set(flags, known);
  }
  return { ...known };
}

export const zeroCounts = (): FigureCounts => Object.fromEntries(FIGURES.map((f) => [f, 0])) as FigureCounts;

export function addCounts(into: FigureCounts, add: FigureCounts, sign = 1): FigureCounts {
  for (const f of FIGURES) into[f] += sign * add[f];
  return into;
}

/** What a case counts for and where: the month it was received, the office answering for it, its region, category, channel and type. */
export interface CaseFigures {
  caseId: number;
  /** First day of the month of acceptance (Beijing time): the period the case's figures belong to. */
  month: string;
  acceptedDay: string;
  /** The office answering for the case: the lead office once dispatched, otherwise the hotline centre that took it in. */
  officeId: number;
  intakeOfficeId: number;
  regionCode: string | null;
  categoryId: number | null;
  channel: string;
  type: string;
  flags: number;
  /** The day the case was last completed (closed or answered), for the weekly trend. */
  completedDay: string | null;
}

/** What the fold reads of a case event. */
export interface FigureEvent {
  action: string;
  toStatus: string | null;
  at: string;
  data: Record<string, unknown>;
}

/** What the fold needs of the case beyond its events: attributes fixed at intake. */
export interface CaseAttributes {
  caseId: number;
  acceptedAt: string;
  intakeOfficeId: number;
  regionCode: string | null;
  categoryId: number | null;
  channel: string;
  type: string;
}

const localDay = (iso: string) => toLocalDate(new Date(iso), DEFAULT_OFFICE_HOURS);

export function initialFigures(c: CaseAttributes): CaseFigures {
  const acceptedDay = localDay(c.acceptedAt);
  return {
    caseId: c.caseId, month: `${acceptedDay.slice(0, 7)}-01`, acceptedDay, officeId: c.intakeOfficeId, intakeOfficeId: c.intakeOfficeId,
    regionCode: c.regionCode, categoryId: c.categoryId, channel: c.channel, type: c.type, flags: 0, completedDay: null,
  };
}

const SATISFACTION_FLAG: Record<string, number> = { satisfied: FLAG.satisfied, basically_satisfied: FLAG.basicallySatisfied, unsatisfied: FLAG.unsatisfied };
const officeIn = (data: Record<string, unknown>, key: string): number | null => (typeof data[key] === 'number' ? data[key] as number : null);

/** The case's figures after one more event of its timeline. */
export function foldFigures(prev: CaseFigures, e: FigureEvent): CaseFigures {
  let { flags, officeId, completedDay } = prev;
  const set = (bit: number, on = true) => { flags = on ? flags | bit : flags & ~bit; };
  switch (e.action) {
    case 'answer': set(FLAG.answered); break;
    case 'dispatch': set(FLAG.dispatched); officeId = officeIn(e.data, 'leadOfficeId') ?? officeId; break;
    case 'transfer': set(FLAG.transferred); officeId = officeIn(e.data, 'toOfficeId') ?? officeId; break;
    case 'escalate': officeId = officeIn(e.data, 'toOfficeId') ?? officeId; break;
    // Back with the hotline centre until it is dispatched again.
    case 'return': set(FLAG.returned); officeId = prev.intakeOfficeId; break;
    case 'sign': set(FLAG.signed); if (e.data.late === true) set(FLAG.signLate | FLAG.overdue); break;
    case 'reply': if (e.data.late === true) set(FLAG.overdue); break;
    case 'deadline': if (e.data.dueState === 'overdue') set(FLAG.overdue); break;
    case 'decide-extension': if (e.data.approve === true) set(FLAG.extended); break;
    case 'return-visit':
      // Only a visit that reached the requester counts as a return visit with an answer.
      if (e.data.contact === 'reached') {
        set(FLAG.visited);
        set(FLAG.resolved, e.data.resolved === true);
        set(SATISFACTION_FLAGS, false);
        set(SATISFACTION_FLAG[String(e.data.satisfaction)] ?? 0);
      }
      break;
    case 'evaluate':
      // The requester's own rating online counts like a return visit's, the latest one standing.
      set(SATISFACTION_FLAGS, false);
      set(SATISFACTION_FLAG[String(e.data.satisfaction)] ?? 0);
      break;
    case 'reopen': set(UNDONE_BY_REOPEN, false); set(FLAG.reopened); completedDay = null; break;
    case 'merge': set(FLAG.merged); break;
  }
  if ((e.toStatus === 'closed' || e.toStatus === 'answered') && !(prev.flags & FLAG.completed)) {
    set(FLAG.completed);
    completedDay = localDay(e.at);
  }
  return { ...prev, flags, officeId, completedDay };
}

const FIGURE_ACTIONS = new Set(['answer', 'dispatch', 'transfer', 'escalate', 'return', 'sign', 'reply', 'deadline', 'decide-extension', 'return-visit', 'evaluate', 'reopen', 'merge']);

/** Whether an event can change what its case counts for (a comment or an attachment cannot). */
export const affectsFigures = (e: Pick<FigureEvent, 'action' | 'toStatus'>) => FIGURE_ACTIONS.has(e.action) || e.toStatus === 'closed' || e.toStatus === 'answered';

export const sameFigures = (a: CaseFigures, b: CaseFigures) => a.flags === b.flags && a.officeId === b.officeId && a.completedDay === b.completedDay;

/**
 * A row of the monthly rollup: what a case counts for, by month and office and one facet of its
 * dimensions — `place` (region, category) or `channel` (channel, type). Each case counts once in
 * each facet; no table crosses region with channel, and keeping the facets apart keeps the rollup
 * near offices × regions × categories rows a month instead of near one row per case.
 */
export type Facet = 'place' | 'channel';
export interface MonthContribution {
  month: string;
  facet: Facet;
  officeId: number;
  regionCode: string | null;
  categoryId: number | null;
  channel: string | null;
  type: string | null;
  counts: FigureCounts;
}

/** A row of the daily flow: cases received and completed on a day, by the office answering for them. */
export interface DayContribution {
  day: string;
  officeId: number;
  received: number;
  completed: number;
}

function contributions(f: CaseFigures, sign: number): { month: MonthContribution[]; day: DayContribution[] } {
  const c = counts(f.flags);
  if (sign !== 1) for (const k of FIGURES) if (c[k] !== 0) c[k] *= sign;
  const day: DayContribution[] = [{ day: f.acceptedDay, officeId: f.officeId, received: sign, completed: 0 }];
  if (f.completedDay) day.push({ day: f.completedDay, officeId: f.officeId, received: 0, completed: sign });
  const at = { month: f.month, officeId: f.officeId };
  return {
    month: [
      { ...at, facet: 'place', regionCode: f.regionCode, categoryId: f.categoryId, channel: null, type: null, counts: c },
      { ...at, facet: 'channel', regionCode: null, categoryId: null, channel: f.channel, type: f.type, counts: { ...c } },
    ],
    day,
  };
}

/**
 * What the rollups must add when a case's figures change from `before` (null for a new case) to
 * `after`, as rows of signed counts with equal keys combined and rows of nothing dropped.
 */
export function figureDeltas(changes: { before: CaseFigures | null; after: CaseFigures }[]): { month: MonthContribution[]; day: DayContribution[] } {
  const month = new Map<string, MonthContribution>();
  const day = new Map<string, DayContribution>();
  for (const { before, after } of changes) {
    for (const part of [...(before ? [contributions(before, -1)] : []), contributions(after, 1)]) {
      for (const m of part.month) {
        const key = `${m.month}|${m.facet}|${m.officeId}|${m.regionCode}|${m.categoryId}|${m.channel}|${m.type}`;
        const row = month.get(key);
        if (row) addCounts(row.counts, m.counts);
        else month.set(key, { ...m, counts: { ...m.counts } });
      }
      for (const d of part.day) {
        const key = `${d.day}|${d.officeId}`;
        const row = day.get(key);
        if (row) { row.received += d.received; row.completed += d.completed; } else day.set(key, { ...d });
      }
    }
  }
  return {
    month: [...month.values()].filter((m) => FIGURES.some((f) => m.counts[f] !== 0)),
    day: [...day.values()].filter((d) => d.received !== 0 || d.completed !== 0),
  };
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function rates(c: FigureCounts, basicallySatisfiedWeight: number): Rates {
  const rated = c.satisfied + c.basicallySatisfied + c.unsatisfied;
  return {
    responseRate: ratio(c.signedOnTime, c.dispatched),
    completionRate: ratio(c.completed, c.received - c.merged),
    onTimeRate: ratio(c.completedOnTime, c.completed),
    visitRate: ratio(c.visited, c.completed),
    resolutionRate: ratio(c.resolved, c.visited),
    satisfactionRate: ratio(c.satisfied + basicallySatisfiedWeight * c.basicallySatisfied, rated),
    returnRate: ratio(c.returned, c.dispatched),
    reopenRate: ratio(c.reopened, c.completed),
  };
}

/**
 * The monthly score, 0–100 with two decimals: the weighted mean of the weighted rates, a rate
 * where less is better counting as 1 − rate. A rate with no denominator (no case to judge it by)
 * is left out and the other weights are scaled up, rather than scoring it 0 or 100. Null when no
 * weighted rate can be judged.
 */
export function score(r: Rates, weights: EvaluationSettings['weights']): number | null {
  let sum = 0;
  let weight = 0;
  for (const rate of RATES) {
    const w = weights[rate] ?? 0;
    const value = r[rate];
    if (w <= 0 || value === null) continue;
    sum += w * (LOWER_IS_BETTER.includes(rate) ? 1 - value : value);
    weight += w;
  }
  return weight > 0 ? Math.round((sum / weight) * 10000) / 100 : null;
}

/** Office kinds ranked against each other; a hotline centre answers for the whole and is not ranked. */
export function peerGroupOf(kind: string): PeerGroup | null {
  if (kind === 'county_platform') return 'county';
  if (kind === 'department' || kind === 'undertaking_unit' || kind === 'business_environment_office') return 'department';
  return null;
}

export interface OfficeMonth {
  officeId: number;
  name: string;
  peerGroup: PeerGroup;
  counts: FigureCounts;
}

/**
 * Ranks offices within their peer group. An office with fewer than the minimum cases is shown but
 * not ranked. Ranked offices are ordered by score, then satisfaction rate, then cases handled
 * (more work at the same quality ranks higher); equal scores share a rank (1, 2, 2, 4). The red
 * list takes the top `listSize` and the black list the bottom `listSize`, each at most half the
 * ranked group, so no office is on both.
 */
export function rankOffices(offices: OfficeMonth[], settings: EvaluationSettings): RankedOffice[] {
  const out: RankedOffice[] = [];
  for (const group of new Set(offices.map((o) => o.peerGroup))) {
    const members = offices.filter((o) => o.peerGroup === group).map((o) => {
      const r = rates(o.counts, settings.basicallySatisfiedWeight);
      const caseCount = o.counts.received - o.counts.merged;
      const eligible = caseCount >= Math.max(1, settings.minimumCases);
      const s = eligible ? score(r, settings.weights) : null;
      return {
        officeId: o.officeId, name: o.name, peerGroup: group, caseCount, counts: o.counts, rates: r, score: s,
        rank: null as number | null, list: null as RankedOffice['list'],
        unrankedReason: !eligible ? 'too_few_cases' as const : s === null ? 'nothing_to_score' as const : null,
      };
    });
    const ranked = members.filter((m) => m.score !== null).sort((a, b) =>
      b.score! - a.score! || (b.rates.satisfactionRate ?? -1) - (a.rates.satisfactionRate ?? -1) || b.caseCount - a.caseCount || a.officeId - b.officeId);
    ranked.forEach((m, i) => { m.rank = i > 0 && ranked[i - 1].score === m.score ? ranked[i - 1].rank : i + 1; });
    const size = Math.min(settings.listSize, Math.floor(ranked.length / 2));
    ranked.slice(0, size).forEach((m) => { m.list = 'red'; });
    ranked.slice(ranked.length - size).forEach((m) => { if (size > 0) m.list = 'black'; });
    const unranked = members.filter((m) => m.score === null).sort((a, b) => b.caseCount - a.caseCount || a.officeId - b.officeId);
    out.push(...ranked, ...unranked);
  }
  return out;
}

/** The first day of a month given as `YYYY-MM`. */
export const monthStart = (month: string) => `${month}-01`;

/** The months from `from` to `to` inclusive, as `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/** The day after the last day of the month, for half-open ranges. */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Monday of the ISO week of a day. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const shift = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - shift * 86_400_000).toISOString().slice(0, 10);
}
