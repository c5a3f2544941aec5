/**
 * The scripts of the demo history: how each kind of case is taken in and walks the loop, through
 * the same commands real cases go through — `createCase` for intake and `runCaseAction` with the
 * action definitions for every later step, each with its event in the same transaction.
 *
 * Timings follow the deadlines the commands themselves compute (the returned row's `signDueAt`
 * and `replyDueAt`): most steps land inside them, a planned share lands after, and the command
 * records it late.
 */
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { createCase, type IntakeInput } from '../../cases/commands/createCase.js';
import { runCaseAction } from '../../cases/commands/runAction.js';
import { PUBLIC_ACTOR } from '../../cases/lifecycle.js';
import { findCaseBySecret } from '../../cases/public-progress.js';
import type { CaseAction, CaseStatus } from '../../cases/lifecycle.js';
import type { CaseType, Priority } from '../../cases/deadlines.js';
import type { CaseRow, Channel } from '../../cases/record.js';
import { Rng, streamSeed } from './random.js';
import { DAY_MS, officeClock, type Script } from './simulation.js';
import { rightOffice, type Centre, type DemoStaff, type World } from './world.js';
import * as T from './content.js';

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
  // Of the appeals in the last two weeks, the share about the planted hotspot (T.SURGE).
  surge: 0.6,
};
const SATISFACTION: [string, number][] = [['satisfied', 85], ['basically_satisfied', 9], ['unsatisfied', 6]];

const BACKLOG_MS = 14 * DAY_MS;

/** What a history run made, as `qinqing demo --cases` reports it. */
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

export interface ScriptContext {
  db: Db;
  world: World;
  people: DemoStaff;
  /** Counted as the scripts run. */
  summary: HistorySummary;
  seed: number;
  until: Date;
  /** How many cases the history takes in, for `progress`. */
  cases: number;
  progress?: (done: number, total: number) => void;
}

/** The scripts over `ctx`; returns what starts the `index`th case's. */
export function caseScripts(ctx: ScriptContext): (index: number, acceptedAt: Date) => Promise<Script> {
  const { db, world, summary, until } = ctx;
  const { maxExtensionDays } = world;
  const { staff, handlerOf, enterprise: enterpriseActor } = ctx.people;
  const { work, wall, within, later } = officeClock(world.cal);
  /** Handlers often use most of the time allowed: skewed towards the deadline. */
  const replyShare = (rng: Rng) => 0.1 + 0.85 * Math.pow(rng.next(), 0.7);
  /** Each centre's recent cases, for duplicates to be merged into. */
  const recent: Record<Centre['key'], CaseState[]> = { 'zmd-centre': [], 'zz-centre': [] };
  /**
   * The planted hotspot (未诉先办) starts on the Monday (Beijing time) of the week before `until`'s,
   * so a fresh demo shows the hotspot detection something to find: a flooded car park in one
   * county's estate, far above that category's history there.
   */
  const beijing = new Date(until.getTime() + 8 * 3_600_000);
  const surgeFrom = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() - ((beijing.getUTCDay() + 6) % 7) - 7) - 8 * 3_600_000;

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

  // --- the scripts -----------------------------------------------------------------------------
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
    ctx.progress?.(summary.cases, ctx.cases);
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
    recent[c.centre.key].push(c);
    if (recent[c.centre.key].length > 50) recent[c.centre.key].shift();

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
  async function newCase(index: number, acceptedAt: Date): Promise<Script> {
    const rng = new Rng(streamSeed(ctx.seed, index + 1));
    // Drawn only for the last two weeks' cases, so the history before them stays as it was.
    const surge = acceptedAt.getTime() >= surgeFrom && rng.chance(P.surge);
    const channel = surge ? 'hotline' : rng.weighted(CHANNELS);
    const zz = !surge && (channel === 'hotline' || channel === 'web' || channel === 'mailbox' || channel === 'wechat_group') && rng.chance(P.zhengzhou);
    const centre = zz ? world.zz : world.zmd;
    const recentSame = recent[centre.key].filter((r) => r.id && r.status !== 'merged' && acceptedAt.getTime() - r.acceptedAt.getTime() < 5 * DAY_MS);
    const duplicateOf = !surge && channel === 'hotline' && recentSame.length && rng.chance(P.duplicate) ? rng.pick(recentSame) : null;
    let type: CaseType = surge ? 'complaint' : duplicateOf ? duplicateOf.type : rng.weighted(TYPES);
    const enterpriseRequester = channel === 'enterprise_portal' || channel === 'wechat_group' || channel === 'onsite_visit' || (channel === 'leader_hotline' && rng.chance(0.5));
    if (type === 'report' && enterpriseRequester) type = 'complaint';
    const categoryCode = surge ? T.SURGE.category : duplicateOf ? duplicateOf.categoryCode : pickCategory(rng, type, enterpriseRequester);
    const regionCode = surge ? T.SURGE.region : duplicateOf ? duplicateOf.regionCode : zz ? rng.pick(world.zzCounties).code
      : channel === 'enterprise_portal' ? world.demoEnterpriseRegion : rng.chance(0.35) ? '411700' : rng.weighted(world.zmdCountyWeights);
    const priority: Priority = type !== 'consultation' && type !== 'suggestion' && type !== 'praise' && rng.chance(P.urgent / 0.47) ? 'urgent' : 'normal';
    const topic = T.TOPICS[categoryCode];
    const place = world.placeName(regionCode);
    const address = surge ? T.SURGE.address : `${place}${rng.pick(T.ROADS)}${rng.int(1, 300)}号`;
    let title: string;
    let content: string;
    if (surge) {
      title = rng.pick(T.SURGE.titles);
      content = `${address}，${title}。${rng.pick(T.SURGE.details)}`;
    } else if (duplicateOf) {
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
      case 'onsite_visit': taker = await rng.weighted<() => Promise<Actor>>([[() => staff(centre, 'supervisor'), 2], [() => staff(centre, 'leader'), 1], [() => handlerOf(world.byKey.get('zmd-dept-0')!), 1]])(); break;
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

  return newCase;
}

const phone = (rng: Rng) => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
