/**
 * Demo history (`qinqing demo --cases N --months M`): years of realistic appeals for dashboards
 * and benchmarks, made through the same commands real cases go through — `createCase` for
 * intake and `runCaseAction` with the action definitions for every later step, each with its
 * event in the same transaction — on a replayed clock.
 *
 * The generator is a discrete-event simulation. Intakes arrive over the period (more on working
 * days and in office hours); each case then walks the loop as a small script that waits until
 * the moment of its next step. One queue orders every step of every case by time, so a case's
 * events are in time order, a duplicate is merged into a case as it stands at that moment, and
 * the deadline sweep runs as the server would (twice each working day). A step that would fall
 * after `until` never happens: recent cases stay open at whatever stage they reached, and those
 * past their deadline are overdue now.
 *
 * Timings follow the deadlines the commands themselves compute (the returned row's `signDueAt`
 * and `replyDueAt`): most steps land inside them, a planned share lands after, and the command
 * records it late. Everything random comes from a seeded generator (one stream for arrivals, one
 * per case), so the same seed and `until` give the same history apart from ids.
 */
import type { Db } from '../platform/db/engine.js';
import { sql, queryRows } from '../platform/db/engine.js';
import { operatorActor, type Actor, type Role } from '../platform/actor.js';
import { workingCalendar } from '../calendar/store.js';
import { addWorkingHours, isWorkingDay, workingMinutesBetween, type WorkingCalendar } from '../calendar/rules.js';
import { createCase, type IntakeInput } from '../cases/commands/createCase.js';
import { runCaseAction } from '../cases/commands/runAction.js';
import { sweepDeadlines } from '../cases/commands/sweepDeadlines.js';
import { listCategories, listDispatchRules } from '../cases/catalogue.js';
import { casePolicy } from '../cases/settings.js';
import { findCaseBySecret, PUBLIC_ACTOR } from '../cases/public-routes.js';
import type { CaseAction, CaseStatus } from '../cases/lifecycle.js';
import type { CaseType, Priority } from '../cases/deadlines.js';
import type { CaseRow, Channel } from '../cases/record.js';
import { createUser } from '../people/commands/createUser.js';
import { findUser, findUserIdByUsername } from '../people/queries.js';
import { listRegions } from '../regions/queries.js';
import { parentRegionCode } from '../regions/rules.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import { DEMO_PASSWORD, findDemoOrganisation, type DemoOrganisation } from './organisation.js';
import * as T from './history-content.js';

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

export interface HistorySummary {
  cases: number;
  from: Date;
  until: Date;
  /** Actions run on the cases after intake (each one event). */
  actions: number;
  sweeps: number;
  /** Final status of the generated cases. */
  byStatus: Record<CaseStatus, number>;
  /** Cases that were late at some step (signed or replied late, or marked overdue by the sweep). */
  overdue: number;
  signedLate: number;
  repliedLate: number;
  returned: number;
  transferred: number;
  extended: number;
  sentBack: number;
  visits: number;
  unsatisfied: number;
  reopened: number;
  merged: number;
  evaluated: number;
  /** Demo staff accounts created for offices that led cases (handler-<office>, and Zhengzhou's centre). */
  staffCreated: number;
  firstCaseId: number | null;
  lastCaseId: number | null;
  ms: number;
  casesPerSecond: number;
}

export const HISTORY_LIMITS = { cases: 10_000_000, months: 120 } as const;

// ---------------------------------------------------------------------------------------------
// Random numbers: mulberry32, seeded per stream, so nothing depends on Math.random.

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) if ((r -= w) < 0) return v;
    return entries[entries.length - 1][0];
  }
}

/** A well-mixed 32-bit seed for stream `n` of `seed`. */
function streamSeed(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The shares of the loop. `replyLate` is the planned share of late replies; returns, transfers,
// late signing and sent-back replies make about as many again, for some 8% overall.

const CHANNELS: [Channel, number][] = [
  ['hotline', 60], ['web', 12], ['enterprise_portal', 8], ['mailbox', 5], ['wechat_group', 6], ['onsite_visit', 5], ['supervisor_report', 2], ['leader_hotline', 2],
];
const TYPES: [CaseType, number][] = [['consultation', 40], ['complaint', 25], ['help', 17], ['report', 5], ['suggestion', 10], ['praise', 3]];
const P = {
  zhengzhou: 0.12, urgent: 0.05, answerDirectly: 0.75, duplicate: 0.015, outOfScope: 0.012, anonymous: 0.04, confidential: 0.03,
  signLate: 0.06, replyLate: 0.05, replyVeryLate: 0.4, slowDispatch: 0.12, backlogLate: 0.3, extension: 0.03, extensionApproved: 0.85, returned: 0.04, transferred: 0.03, downTransfer: 0.3,
  assisting: 0.08, pause: 0.02, sendBack: 0.05, reached: 0.9, unreachableRetry: 0.5, resolved: 0.92, reopen: 0.5,
  supervise: 0.6, instructUrgent: 0.3, instructOther: 0.01, answeredClosed: 0.35, answeredVisited: 0.1,
  evaluateEnterprise: 0.5, evaluatePublic: 0.2,
};
const SATISFACTION: [string, number][] = [['satisfied', 85], ['basically_satisfied', 9], ['unsatisfied', 6]];
/** Intake by local hour: the hotline answers round the clock, most calls come in office hours. */
const HOURS = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.9, 1.8, 2.6, 2.6, 2.3, 1.6, 1.9, 2.4, 2.4, 2.2, 1.8, 1.2, 1.0, 0.9, 0.7, 0.45, 0.25];
const NON_WORKING_DAY = 0.35;
/** Local times of the day's deadline sweeps on working days (the server sweeps every minute; twice a day is enough for history). */
const SWEEP_TIMES = [9.5 * 60, 15.5 * 60];

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BACKLOG_MS = 14 * DAY_MS;

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

interface OfficeInfo {
  id: number;
  key: string;
  name: string;
  kind: string;
  path: string;
  parentId: number | null;
  regionCode: string;
}

interface Centre {
  key: 'zmd-centre' | 'zz-centre';
  office: OfficeInfo;
  /** Offices below the centre that can lead a case. */
  leaders: OfficeInfo[];
  /** Recent cases, for duplicates to be merged into. */
  recent: CaseState[];
}

interface CaseState {
  rng: Rng;
  centre: Centre;
  acceptedAt: Date;
  id: number;
  code: string;
  version: number;
  row: CaseRow | null;
  status: CaseStatus;
  type: CaseType;
  priority: Priority;
  channel: Channel;
  categoryCode: string;
  categoryId: number;
  regionCode: string;
  title: string;
  /** Who can evaluate online: the enterprise account, or a citizen holding the lookup secret. */
  requester: { actor: Actor } | { secret: string } | null;
  evaluated: boolean;
  reopened: boolean;
}

export async function generateDemoHistory(db: Db, opts: HistoryOptions): Promise<HistorySummary> {
  const started = Date.now();
  if (!Number.isInteger(opts.cases) || opts.cases < 0 || opts.cases > HISTORY_LIMITS.cases) throw new RangeError(`cases must be a whole number from 0 to ${HISTORY_LIMITS.cases}`);
  if (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > HISTORY_LIMITS.months) throw new RangeError(`months must be a whole number from 1 to ${HISTORY_LIMITS.months}`);
  const until = new Date(Math.floor((opts.until ?? new Date()).getTime() / 1000) * 1000);
  const fromDate = new Date(until);
  fromDate.setUTCMonth(fromDate.getUTCMonth() - opts.months);
  const seed = opts.seed ?? 1;
  const doSweep = opts.sweep ?? true;

  if (opts.cases === 0) return { ...summary0(fromDate, until), ms: Date.now() - started };
  const org = await findDemoOrganisation(db);
  if (!org) throw new Error('this database has no demo organisation: demo history goes only into a demo database (qinqing demo)');
  const world = await loadWorld(db, org);
  const { cal, maxExtensionDays } = world;

  const summary = summary0(fromDate, until);

  // --- staff: the demo accounts, and one handler per lead office, created on first need -------
  const staffCache = new Map<string, Promise<Actor>>();
  const actorOf = (username: string, role: Role, office: OfficeInfo | null, name: string): Promise<Actor> => {
    let p = staffCache.get(username);
    if (!p) {
      p = (async () => {
        let id = await findUserIdByUsername(db, username);
        if (id === null) {
          id = (await createUser(db, operatorActor(), { username, password: DEMO_PASSWORD, name, roles: [role], officeId: office?.id ?? null, demo: true })).id;
          summary.staffCreated++;
        }
        const user = (await findUser(db, id))!;
        return { userId: user.id, name: user.username, roles: user.roles, officeId: user.officeId, officePath: user.officePath ?? null, enterpriseUscc: user.enterpriseUscc };
      })();
      staffCache.set(username, p);
    }
    return p;
  };
  const personName = (key: string) => {
    const h = streamSeed(0x5eed, [...key].reduce((s, ch) => Math.imul(s, 31) + ch.charCodeAt(0), 7));
    return T.SURNAMES[h % T.SURNAMES.length] + T.GIVEN[(h >>> 8) % T.GIVEN.length];
  };
  /** Intake-centre staff: the demo log-ins in Zhumadian, `<role>-zz-centre` in Zhengzhou. */
  const staff = (centre: Centre, role: 'agent' | 'dispatcher' | 'supervisor' | 'leader') =>
    centre.key === 'zmd-centre' ? actorOf(role, role, centre.office, role) : actorOf(`${role}-${centre.key}`, role, centre.office, personName(`${role}-${centre.key}`));
  const handlerOf = (office: OfficeInfo) =>
    office.key === 'zmd-dept-0' ? actorOf('handler', 'handler', office, 'handler') : actorOf(`handler-${office.key}`, 'handler', office, personName(office.key));
  const enterpriseActor = () => actorOf('enterprise', 'enterprise', null, 'enterprise');
  if (opts.cases >= 100) {
    // Each account costs a deliberately slow password hash: make the ones almost every history
    // needs (the catalogue's owners in Zhumadian) side by side rather than one by one on first use.
    const owners = new Set(world.rules.map((r) => r.officeId));
    await Promise.all([...owners].map((id) => world.offices.get(id)).filter((o) => o && o.path.startsWith(world.zmd.office.path)).map((o) => handlerOf(o!)));
  }

  // --- running actions ---------------------------------------------------------------------------
  const setStatus = (c: CaseState, to: CaseStatus) => {
    summary.byStatus[c.status]--;
    summary.byStatus[to]++;
    c.status = to;
  };
  const act = async (c: CaseState, actor: Actor, action: CaseAction, input: Record<string, unknown>, at: Date, asRequester = false): Promise<CaseRow> => {
    const row = await runCaseAction(db, actor, { caseId: c.id, action, version: c.version, at, asRequester, input });
    c.version = row.version;
    c.row = row;
    setStatus(c, row.status);
    summary.actions++;
    return row;
  };

  // --- time ------------------------------------------------------------------------------------
  const sec = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000);
  /** `lo`–`hi` hours of office time after `t` (dispatchers, handlers, reviewers, return visits). */
  const work = (rng: Rng, t: Date, lo: number, hi: number) => sec(addWorkingHours(cal, t, rng.between(lo, hi)).at.getTime());
  /** `lo`–`hi` minutes of wall-clock time after `t` (the hotline answers round the clock; requesters act any time). */
  const wall = (rng: Rng, t: Date, lo: number, hi: number) => sec(t.getTime() + rng.between(lo, hi) * 60_000);
  /** A moment between `a` and `due` at `share` of the office time between them, never after `due`. */
  const within = (a: Date, due: Date, share: number) => {
    const minutes = workingMinutesBetween(cal, a, due).minutes;
    if (minutes <= 0) return a;
    const t = sec(addWorkingHours(cal, a, (minutes * share) / 60).at.getTime());
    return t > due ? due : t;
  };
  const later = (a: Date, b: Date) => (a > b ? a : b);
  /** Handlers often use most of the time allowed: skewed towards the deadline. */
  const replyShare = (rng: Rng) => 0.1 + 0.85 * Math.pow(rng.next(), 0.7);

  // --- the scripts -----------------------------------------------------------------------------
  /** A case's script: yields when it wants to act next and is resumed with the moment it acts (never earlier than asked). */
  type Script = AsyncGenerator<Date, void, Date>;

  async function* life(c: CaseState, acceptedAt: Date, input: IntakeInput, taker: Actor | 'public', duplicateOf: CaseState | null): Script {
    const { rng } = c;
    const created = taker === 'public'
      ? await createCase(db, PUBLIC_ACTOR, input, { public: true, at: acceptedAt })
      : await createCase(db, taker, input, { at: acceptedAt });
    c.id = created.id;
    c.code = created.code;
    c.version = created.version;
    summary.cases++;
    summary.byStatus.accepted++;
    summary.firstCaseId ??= created.id;
    summary.lastCaseId = created.id;
    if (created.lookupSecret && taker === 'public') c.requester = { secret: created.lookupSecret };
    opts.progress?.(summary.cases, opts.cases);
    let t = acceptedAt;

    if (duplicateOf) {
      // A second call about the same matter: the agent finds it among the intake hints and merges it.
      t = yield wall(rng, t, 5, 90);
      if (duplicateOf.status !== 'merged' && duplicateOf.id) {
        await act(c, await staff(c.centre, 'agent'), 'merge', { intoCaseId: duplicateOf.id, note: rng.pick(T.MERGE_NOTES) }, t);
        duplicateOf.version++; // the target's timeline got its 'merged-in' event
        summary.merged++;
        return;
      }
    }
    c.centre.recent.push(c);
    if (c.centre.recent.length > 50) c.centre.recent.shift();

    // (Hotline cases other than consultations and praise are about 0.34 of all.)
    if (c.type !== 'consultation' && c.type !== 'praise' && c.channel === 'hotline' && rng.chance(P.outOfScope / 0.34)) {
      // Outside the hotline's scope: closed at once with the legal route explained.
      const out = rng.pick(T.OUT_OF_SCOPE);
      t = yield wall(rng, t, 3, 30);
      await act(c, await staff(c.centre, 'agent'), 'close', { outOfScopeRoute: out.route, explanation: out.explanation }, t);
      return;
    }

    if (c.type === 'consultation' && rng.chance(P.answerDirectly)) {
      // Answered on the spot from the knowledge base.
      const agent = await staff(c.centre, 'agent');
      t = yield wall(rng, t, 2, 15);
      await act(c, agent, 'answer', { answer: rng.pick(T.ANSWERS) }, t);
      const closeRoll = rng.next();
      if (closeRoll < P.answeredVisited) {
        yield* visitAndClose(c, t);
      } else if (closeRoll < P.answeredVisited + P.answeredClosed) {
        t = yield wall(rng, t, 1, 20);
        await act(c, agent, 'close', {}, t);
        yield* evaluation(c, t);
      } else {
        yield* evaluation(c, t);
      }
      return;
    }
    yield* dispatched(c, t);
  }

  async function* dispatched(c: CaseState, t: Date): Script {
    const { rng } = c;
    const dispatcher = await staff(c.centre, 'dispatcher');
    const right = rightOffice(world, c);
    // Some cases first go to the wrong office, which returns them (退单) or from which they are transferred (转办).
    const wrongFirst = rng.next();
    const others = c.centre.leaders.filter((o) => o.id !== right.id && o.parentId === c.centre.office.id);
    const wrong = wrongFirst < P.returned + P.transferred && others.length ? rng.pick(others) : null;
    const returned = wrong !== null && wrongFirst < P.returned;
    const transferred = wrong !== null && !returned;
    const urgent = c.priority === 'urgent';
    const assisting = rng.chance(P.assisting)
      ? [...new Set([rng.pick(c.centre.leaders), rng.pick(c.centre.leaders)].filter((o) => o.id !== right.id && o.id !== wrong?.id).map((o) => o.id))]
      : [];

    // Most cases are dispatched within the hour; some wait while the dispatcher clarifies them.
    t = yield urgent ? work(rng, t, 0.05, 0.4) : rng.chance(P.slowDispatch) ? work(rng, t, 2.5, 14) : work(rng, t, 0.1, 2.5);
    let row = await act(c, dispatcher, 'dispatch', { leadOfficeId: (wrong ?? right).id, ...(assisting.length && !wrong ? { assistingOfficeIds: assisting } : {}) }, t);
    let lead = wrong ?? right;

    if (urgent && c.centre.key === 'zmd-centre' && rng.chance(P.instructUrgent)) {
      t = yield work(rng, t, 0.1, 1);
      row = await act(c, await staff(c.centre, 'leader'), 'instruct', { instruction: rng.pick(T.INSTRUCTIONS) }, t);
    } else if (!urgent && c.type === 'complaint' && c.centre.key === 'zmd-centre' && rng.chance(P.instructOther)) {
      t = yield work(rng, t, 0.5, 6);
      row = await act(c, await staff(c.centre, 'leader'), 'instruct', { instruction: rng.pick(T.INSTRUCTIONS) }, t);
    }

    if (returned) {
      // The wrong office sends it back (退单); the dispatcher sends it where it belongs.
      t = yield within(row.dispatchedAt!, row.signDueAt!, rng.between(0.05, 0.7));
      await act(c, await handlerOf(lead), 'return', { reason: rng.pick(T.RETURN_REASONS) }, t);
      summary.returned++;
      t = yield work(rng, t, 0.2, 2);
      row = await act(c, dispatcher, 'dispatch', { leadOfficeId: right.id, ...(assisting.length ? { assistingOfficeIds: assisting } : {}) }, t);
      lead = right;
    } else if (transferred) {
      // The dispatcher notices (or is told) and transfers it (转办); sometimes after the wrong office signed.
      if (rng.chance(0.4)) {
        t = yield within(row.dispatchedAt!, row.signDueAt!, rng.between(0.05, 0.5));
        row = await act(c, await handlerOf(lead), 'sign', {}, t);
      }
      t = yield work(rng, t, 0.3, 4);
      row = await act(c, dispatcher, 'transfer', { toOfficeId: right.id, reason: rng.pick(T.TRANSFER_REASONS) }, t);
      summary.transferred++;
      lead = right;
    }

    const below = world.children.get(lead.id) ?? [];
    if (below.length && rng.chance(P.downTransfer)) {
      // A county platform hands the matter to its street office or county department.
      const to = rng.pick(below);
      t = yield within(row.dispatchedAt!, row.signDueAt!, rng.between(0.05, 0.5));
      row = await act(c, await handlerOf(lead), 'transfer', { toOfficeId: to.id, reason: rng.pick(T.DOWN_TRANSFER_REASONS) }, t);
      summary.transferred++;
      lead = to;
    }

    const handler = await handlerOf(lead);
    const signLate = rng.chance(P.signLate);
    t = yield signLate ? work(rng, row.signDueAt!, 0.3, 10) : within(row.dispatchedAt!, row.signDueAt!, Math.pow(rng.next(), 1.6) * 0.9);
    row = await act(c, handler, 'sign', {}, t);
    if (row.signLate) summary.signedLate++;

    yield* handleAndReply(c, handler, t, true);
  }

  /** From signed (or reopened) to closed: optional pause and extension, reply, review, return visit, close. */
  async function* handleAndReply(c: CaseState, handler: Actor, t: Date, firstRound: boolean): Script {
    const { rng } = c;
    let row = c.row!;
    if (firstRound && (c.type === 'help' || c.type === 'complaint' || c.type === 'report') && rng.chance(P.pause / 0.47)) {
      const reason = rng.chance(0.5) ? 'awaiting_requester' : 'excluded_step';
      t = yield within(t, row.replyDueAt!, rng.between(0.1, 0.5));
      row = await act(c, handler, 'pause-clock', { reason, note: rng.pick(T.PAUSE_NOTES[reason]) }, t);
      t = yield work(rng, t, 3, 24);
      row = await act(c, handler, 'resume-clock', {}, t);
    }
    if (firstRound && rng.chance(P.extension)) {
      t = yield within(t, row.replyDueAt!, rng.between(0.3, 0.8));
      row = await act(c, handler, 'request-extension', { days: Math.min(maxExtensionDays, rng.int(3, 10)), reason: rng.pick(T.EXTENSION_REASONS) }, t);
      t = yield work(rng, t, 0.3, 4);
      const approve = rng.chance(P.extensionApproved);
      row = await act(c, await staff(c.centre, rng.chance(0.7) ? 'supervisor' : 'dispatcher'), 'decide-extension', { approve, ...(approve ? {} : { note: '理由不充分，请按原时限办理' }) }, t);
      if (approve) summary.extended++;
    }
    // The history ends with a backlog, as any centre's board shows on any day: of the cases taken in
    // during the last two weeks, more are still being handled past their deadline.
    const late = rng.chance(until.getTime() - c.acceptedAt.getTime() < BACKLOG_MS ? P.backlogLate : P.replyLate);
    let replyAt: Date;
    if (late || t >= row.replyDueAt!) {
      // Late by hours, or (the cases that pile up on the supervisors' boards) by days.
      replyAt = rng.chance(P.replyVeryLate) ? work(rng, later(t, row.replyDueAt!), 16, 80) : work(rng, later(t, row.replyDueAt!), 0.5, 16);
      if (rng.chance(P.supervise)) {
        // The supervisor chases it once it is overdue.
        const chase = work(rng, later(t, row.replyDueAt!), 0.2, 4);
        if (chase < replyAt) {
          t = yield chase;
          row = await act(c, await staff(c.centre, 'supervisor'), 'supervise', { level: 'red', note: T.SUPERVISE_NOTES[0] }, t);
        }
      }
    } else {
      replyAt = within(t, row.replyDueAt!, replyShare(rng));
    }
    const resolved = rng.chance(P.resolved);
    for (let round = 0; ; round++) {
      t = yield later(replyAt, t);
      const text = c.type === 'suggestion' ? rng.pick(T.REPLIES.suggestion) : c.type === 'praise' ? rng.pick(T.REPLIES.praise)
        : c.type === 'consultation' ? rng.pick(T.REPLIES.consultation) : rng.pick(resolved ? T.REPLIES.resolved : T.REPLIES.unresolved);
      row = await act(c, handler, 'reply', { reply: text }, t);
      if (row.replyLate) summary.repliedLate++;
      t = yield work(rng, t, 0.3, 6);
      const reviewer = await staff(c.centre, rng.chance(0.7) ? 'dispatcher' : 'supervisor');
      if (round === 0 && rng.chance(P.sendBack)) {
        row = await act(c, reviewer, 'review', { decision: 'send_back', note: rng.pick(T.SEND_BACK_NOTES) }, t);
        summary.sentBack++;
        // The handler completes the reply quickly, inside the deadline when any time is left.
        replyAt = t < row.replyDueAt! && rng.chance(0.8) ? within(t, row.replyDueAt!, rng.between(0.05, 0.5)) : work(rng, t, 0.5, 8);
        continue;
      }
      row = await act(c, reviewer, 'review', { decision: 'accept' }, t);
      break;
    }
    yield* visitAndClose(c, t);
  }

  /** The return visit (回访) and what follows it: close, or the supervisor's call after an unsatisfied one. */
  async function* visitAndClose(c: CaseState, t: Date): Script {
    const { rng } = c;
    const agent = await staff(c.centre, 'agent');
    t = yield work(rng, t, 0.5, 14);
    let contact = rng.weighted([['reached', P.reached], ['unreachable', 0.08], ['refused', 0.02]] as const);
    if (contact === 'unreachable' && rng.chance(P.unreachableRetry)) {
      await act(c, agent, 'return-visit', { contact: 'unreachable', note: '电话无人接听' }, t);
      summary.visits++;
      t = yield work(rng, t, 3, 10);
      contact = rng.chance(0.6) ? 'reached' : 'unreachable';
    }
    if (contact !== 'reached') {
      await act(c, agent, 'return-visit', { contact, note: contact === 'refused' ? '诉求人拒绝回访' : '多次联系未果' }, t);
      summary.visits++;
      t = yield wall(rng, t, 1, 30);
      await act(c, agent, 'close', { explanation: contact === 'refused' ? '诉求人拒绝回访，按规定办结' : '多次回访未能联系上诉求人，按规定办结' }, t);
      yield* evaluation(c, t);
      return;
    }
    const satisfaction = rng.weighted(SATISFACTION);
    const resolved = satisfaction === 'unsatisfied' ? rng.chance(0.4) : rng.chance(0.95);
    await act(c, agent, 'return-visit', { contact: 'reached', resolved, satisfaction }, t);
    summary.visits++;
    if (satisfaction !== 'unsatisfied') {
      t = yield wall(rng, t, 1, 30);
      await act(c, agent, 'close', {}, t);
      yield* evaluation(c, t);
      return;
    }
    summary.unsatisfied++;
    // After an unsatisfied visit the supervisor decides: handle it again (重办) or close it.
    const supervisor = await staff(c.centre, 'supervisor');
    t = yield work(rng, t, 0.5, 8);
    if (!c.reopened && c.row?.leadOfficeId && rng.chance(P.reopen)) {
      const row = await act(c, supervisor, 'reopen', { reason: rng.pick(T.REOPEN_REASONS) }, t);
      c.reopened = true;
      summary.reopened++;
      const office = world.offices.get(row.leadOfficeId!)!;
      yield* handleAndReply(c, await handlerOf(office), t, false);
      return;
    }
    await act(c, supervisor, 'close', { explanation: rng.pick(T.SUPERVISED_CLOSE) }, t);
    yield* evaluation(c, t);
  }

  /** Now and then the requester evaluates online: the enterprise from its account, a citizen with the lookup secret. */
  async function* evaluation(c: CaseState, t: Date): Script {
    const { rng } = c;
    if (!c.requester || c.evaluated) return;
    const p = 'actor' in c.requester ? P.evaluateEnterprise : P.evaluatePublic;
    if (!rng.chance(p)) return;
    t = yield wall(rng, t, 30, 4 * 24 * 60);
    const satisfaction = rng.weighted(SATISFACTION);
    const input = { satisfaction, comment: satisfaction === 'unsatisfied' ? T.EVALUATION_COMMENTS[4] : rng.pick(T.EVALUATION_COMMENTS.slice(0, 4)) };
    if ('actor' in c.requester) {
      await act(c, c.requester.actor, 'evaluate', input, t);
    } else {
      // As the public door does: find the case by its code and secret, then act as the requester.
      const found = await findCaseBySecret(db, c.code, c.requester.secret);
      c.version = found.version;
      await act(c, PUBLIC_ACTOR, 'evaluate', input, t, true);
    }
    c.evaluated = true;
    summary.evaluated++;
  }

  // --- intake: who takes what in ----------------------------------------------------------------
  const arrivals = new Rng(streamSeed(seed, 0xa11));
  async function newCase(index: number, acceptedAt: Date): Promise<Script> {
    const rng = new Rng(streamSeed(seed, index + 1));
    const channel = rng.weighted(CHANNELS);
    const zz = (channel === 'hotline' || channel === 'web' || channel === 'mailbox' || channel === 'wechat_group') && rng.chance(P.zhengzhou);
    const centre = zz ? world.zz : world.zmd;
    const recentSame = centre.recent.filter((r) => r.id && r.status !== 'merged' && acceptedAt.getTime() - r.acceptedAt.getTime() < 5 * DAY_MS);
    const duplicateOf = channel === 'hotline' && recentSame.length && rng.chance(P.duplicate) ? rng.pick(recentSame) : null;
    let type: CaseType = duplicateOf ? duplicateOf.type : rng.weighted(TYPES);
    const enterpriseRequester = channel === 'enterprise_portal' || channel === 'wechat_group' || channel === 'onsite_visit' || (channel === 'leader_hotline' && rng.chance(0.5));
    if (type === 'report' && enterpriseRequester) type = 'complaint';
    const categoryCode = duplicateOf ? duplicateOf.categoryCode : pickCategory(rng, type, enterpriseRequester);
    const regionCode = duplicateOf ? duplicateOf.regionCode : zz ? rng.pick(world.zzCounties).code
      : channel === 'enterprise_portal' ? world.demoEnterpriseRegion : rng.chance(0.35) ? '411700' : rng.weighted(world.zmdCountyWeights);
    const priority: Priority = type !== 'consultation' && type !== 'suggestion' && type !== 'praise' && rng.chance(P.urgent / 0.47) ? 'urgent' : 'normal';
    const topic = T.TOPICS[categoryCode];
    const place = world.placeName(regionCode);
    const address = `${place}${rng.pick(T.ROADS)}${rng.int(1, 300)}号`;
    let title: string;
    let content: string;
    if (duplicateOf) {
      title = duplicateOf.title;
      content = `${address}：${title}，此前已有人反映，至今没有处理。`;
    } else {
      switch (type) {
        case 'consultation': { const q = rng.pick(topic.questions); title = `咨询${q}`; content = `想咨询${q}？请告知具体政策和办理渠道。`; break; }
        case 'suggestion': { const s = rng.pick(topic.suggestions); title = s; content = `${s}，方便群众和企业。`; break; }
        case 'praise': title = `表扬${rng.pick(topic.problems).slice(0, 4)}问题办理人员`; content = '反映的问题很快得到处理，工作人员热情负责，特此表扬。'; break;
        default: {
          const problem = rng.pick(topic.problems);
          title = type === 'report' ? `举报${problem}` : type === 'help' ? `求助：${problem}` : problem;
          content = `${address}，${problem}。${rng.pick(T.DETAIL[type])}`;
        }
      }
    }
    let requester: IntakeInput['requester'];
    if (enterpriseRequester) {
      const e = rng.pick(world.enterprises);
      requester = { kind: 'enterprise', name: e.name, uscc: e.uscc, phone: phone(rng) };
    } else if (rng.chance(type === 'report' ? 0.3 : P.anonymous)) {
      requester = { kind: 'anonymous' };
    } else {
      requester = { kind: 'person', name: `${rng.pick(T.SURNAMES)}${rng.chance(0.5) ? '先生' : '女士'}`, phone: phone(rng) };
    }
    const input: IntakeInput = {
      channel, type, priority, title, content, address, regionCode, categoryId: world.categories.get(categoryCode)!, requester,
      confidential: type !== 'report' && rng.chance(P.confidential),
    };
    let taker: Actor | 'public';
    switch (channel) {
      case 'web': taker = 'public'; break;
      case 'enterprise_portal': taker = await enterpriseActor(); break;
      case 'supervisor_report': taker = await staff(centre, 'supervisor'); break;
      case 'leader_hotline': taker = await staff(centre, 'leader'); break;
      case 'onsite_visit': taker = await rng.weighted<() => Promise<Actor>>([[() => staff(centre, 'supervisor'), 2], [() => staff(centre, 'leader'), 1], [() => handlerOf(world.offices.get(org!.offices['zmd-dept-0'])!), 1]])(); break;
      default: taker = await staff(centre, 'agent');
    }
    const c: CaseState = {
      rng, centre, acceptedAt, id: 0, code: '', version: 0, row: null, status: 'accepted', type, priority, channel, categoryCode,
      categoryId: input.categoryId!, regionCode, title, requester: channel === 'enterprise_portal' ? { actor: taker as Actor } : null, evaluated: false, reopened: false,
    };
    return life(c, acceptedAt, input, taker, duplicateOf);
  }

  function pickCategory(rng: Rng, type: CaseType, enterprise: boolean): string {
    if (type === 'report') return rng.pick(T.REPORTABLE);
    const root = enterprise && rng.chance(0.45) ? 'business' : rng.weighted(T.ROOT_WEIGHTS);
    const leaves = world.leaves.get(root)!;
    return rng.pick(leaves);
  }

  // --- the simulation ----------------------------------------------------------------------------
  const queue = new Queue();
  let clock = fromDate.getTime();
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

  const days = arrivalDays(cal, fromDate, until, opts.cases);
  let index = 0;
  const loadDay = (d: (typeof days)[number]) => {
    for (const at of d.arrivals(arrivals)) {
      const i = index++;
      queue.push(at, async () => {
        // The script's first stretch (the intake) runs now; it then waits for its next step.
        const script = await newCase(i, new Date(at));
        const next = await script.next(new Date(at));
        if (!next.done) schedule(next.value, script);
      });
    }
    if (doSweep && d.working) {
      for (const minute of SWEEP_TIMES) {
        const at = d.start + minute * 60_000;
        if (at >= fromDate.getTime() && at <= until.getTime()) {
          queue.push(at, async () => {
            await sweepDeadlines(db, new Date(at));
            summary.sweeps++;
          });
        }
      }
    }
  };
  let day = 0;
  for (;;) {
    while (day < days.length && (queue.size === 0 || days[day].start <= queue.peek()!.at)) loadDay(days[day++]);
    const task = queue.pop();
    if (!task) break;
    clock = task.at;
    await task.run();
  }
  if (doSweep) {
    await sweepDeadlines(db, until);
    summary.sweeps++;
  }
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

const phone = (rng: Rng) => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;

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

// ---------------------------------------------------------------------------------------------
// What the generator reads once: offices, categories, the dispatch catalogue, regions, policy.

interface World {
  cal: WorkingCalendar;
  maxExtensionDays: number;
  offices: Map<number, OfficeInfo>;
  children: Map<number, OfficeInfo[]>;
  zmd: Centre;
  zz: Centre;
  categories: Map<string, number>;
  categoryPaths: Map<number, number[]>;
  leaves: Map<string, string[]>;
  rules: { categoryId: number; regionCode: string; officeId: number }[];
  byKey: Map<string, OfficeInfo>;
  zzCounties: { code: string; name: string }[];
  zmdCountyWeights: [string, number][];
  demoEnterpriseRegion: string;
  enterprises: { name: string; uscc: string }[];
  placeName(regionCode: string): string;
}

async function loadWorld(db: Db, org: DemoOrganisation): Promise<World> {
  const cal = await workingCalendar(db);
  const { policy } = await casePolicy(db);
  const keyOf = new Map(Object.entries(org.offices).map(([k, id]) => [id, k]));
  const rows = await queryRows<{ id: number; name: string; kind: string; path: string; parent_id: number | null; region_code: string }>(db,
    sql`select id, name, kind, path, parent_id, region_code from offices`);
  const offices = new Map<number, OfficeInfo>(rows.filter((r) => keyOf.has(r.id)).map((r) => [r.id, {
    id: r.id, key: keyOf.get(r.id)!, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id, regionCode: r.region_code,
  }]));
  const byKey = new Map([...offices.values()].map((o) => [o.key, o]));
  const children = new Map<number, OfficeInfo[]>();
  for (const o of offices.values()) {
    if (o.parentId !== null && offices.get(o.parentId)?.kind === 'county_platform') {
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
    }
  }
  const centre = (key: 'zmd-centre' | 'zz-centre'): Centre => {
    const office = byKey.get(key)!;
    const leaders = [...offices.values()].filter((o) => o.id !== office.id && o.path.startsWith(office.path)).sort((a, b) => a.id - b.id);
    return { key, office, leaders, recent: [] };
  };
  const categoryRows = await listCategories(db);
  const categories = new Map(categoryRows.filter((c) => c.active).map((c) => [c.code, c.id]));
  const categoryPaths = new Map(categoryRows.map((c) => [c.id, c.path.split('/').filter(Boolean).map(Number).reverse()]));
  const leaves = new Map<string, string[]>();
  for (const [root] of T.ROOT_WEIGHTS) {
    const own = [...categories.keys()].filter((code) => code.startsWith(`${root}.`) && T.TOPICS[code]);
    leaves.set(root, own.length ? own : [root]);
  }
  for (const code of [...leaves.values()].flat().concat(T.REPORTABLE)) {
    if (!categories.has(code)) throw new Error(`demo history: the demo category ${code} is missing or retired`);
  }
  const rules = (await listDispatchRules(db)).map((r) => ({ categoryId: r.categoryId, regionCode: r.regionCode, officeId: r.officeId }));
  const zmdCounties = await listRegions(db, '411700');
  const zzCounties = ['410122', '410108', '410105'].filter((code) => byKey.has(`county-${code}`)).map((code) => ({ code, name: '' }));
  const names = new Map<string, string>([['411700', '驻马店市'], ['410100', '郑州市']]);
  for (const r of zmdCounties) names.set(r.code, r.name);
  for (const r of await listRegions(db, '410100')) names.set(r.code, r.name);
  for (const z of zzCounties) z.name = names.get(z.code) ?? '';
  // Made-up codes in the demo counties, each with a correct check character.
  const enterpriseRng = new Rng(0xe17e);
  const enterprises = T.ENTERPRISES.map((name, i) => {
    const region = i % 3 === 0 || !zmdCounties.length ? '411702' : zmdCounties[i % zmdCounties.length].code;
    let first17 = `91${region}MA`;
    while (first17.length < 17) first17 += '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(enterpriseRng.next() * 31)];
    return { name: `驻马店${name}`, uscc: first17 + usccCheckCharacter(first17)! };
  });
  return {
    cal, maxExtensionDays: policy.maxExtensionDays, offices, children, zmd: centre('zmd-centre'), zz: centre('zz-centre'), categories, categoryPaths, leaves, rules, byKey,
    zzCounties,
    zmdCountyWeights: zmdCounties.map((r) => [r.code, r.code === '411702' ? 3 : 1] as [string, number]),
    demoEnterpriseRegion: '411702',
    enterprises,
    placeName(regionCode) {
      if (regionCode === '411700' || regionCode === '410100') return names.get(regionCode)!;
      const city = regionCode.startsWith('4117') ? '驻马店市' : '郑州市';
      return `${city}${names.get(regionCode) ?? ''}`;
    },
  };
}

/**
 * Where the dispatcher sends a case: the dispatch catalogue's owner for its category and region
 * (the nearest region first, then the nearest category, as suggestOwners ranks them) when that
 * office is in the centre's tree; otherwise a sensible owner in the tree.
 */
function rightOffice(world: World, c: CaseState): OfficeInfo {
  const categoryIds = world.categoryPaths.get(c.categoryId) ?? [];
  const regions: string[] = [];
  for (let r: string | null = c.regionCode; r; r = parentRegionCode(r)) regions.push(r);
  let best: OfficeInfo | null = null;
  let bestRank = Infinity;
  for (const rule of world.rules) {
    const ri = regions.indexOf(rule.regionCode);
    const ci = categoryIds.indexOf(rule.categoryId);
    if (ri < 0 || ci < 0) continue;
    const office = world.offices.get(rule.officeId);
    if (!office || !office.path.startsWith(c.centre.office.path)) continue;
    const rank = ri * 100 + ci;
    if (rank < bestRank) {
      bestRank = rank;
      best = office;
    }
  }
  if (best) return best;
  const root = c.categoryCode.split('.')[0];
  const fallbackKey = c.centre.key === 'zz-centre'
    ? root === 'construction' ? 'zz-housing' : root === 'market' || root === 'business' ? 'zz-market' : `county-${c.regionCode}`
    : `county-${c.regionCode}`;
  return world.byKey.get(fallbackKey) ?? c.centre.leaders[0];
}
