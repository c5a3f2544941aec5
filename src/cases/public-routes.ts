/**
 * The public door to the appeals loop (群众): raise an appeal without an account, follow it with
 * the case code and the lookup secret shown once at intake, add information, and evaluate the
 * answer. The secret is the only credential: a wrong one and an unknown code get the same 404.
 * What the public sees is a projection made here — status, times, the handling office's name,
 * the reviewed reply and the public steps of the timeline — never the requester's identity,
 * internal notes, actor names or internal ids.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { sql, queryRows, type Database, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest, notFound } from '../platform/errors.js';
import { workingCalendar } from '../calendar/store.js';
import { checkAction } from '../platform/lifecycle/index.js';
import { CASE_LIFECYCLE, STATUS_NAMES, type CaseStatus } from './lifecycle.js';
import { TYPE_NAMES, type CaseType } from './deadlines.js';
import {
  DUE_STATE_NAMES as NAMES_OF_DUE_STATES, OUT_OF_SCOPE_ROUTE_NAMES, SATISFACTION_NAMES as NAMES_OF_SATISFACTIONS,
  type Bilingual, type DueState, type PublicAppealReceipt, type PublicProgress, type PublicStep,
} from './contract.js';
import type { CaseRow } from './record.js';
import { casePolicy } from './settings.js';
import { listCaseEvents, loadCase, type StoredCaseEvent } from './store.js';
import { currentDeadline } from './view.js';
import { IntakeBody } from './routes.js';
import { hashSecret, prepareCase } from './commands/createCase.js';
import { intakeBatcher } from './intake-batcher.js';
import { CASE, runCaseAction } from './commands/runAction.js';
import { comment, evaluate } from './commands/actions.js';

/** Who acts at the public door: nobody logged in. Events record the name `public`. */
export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, name: 'public', roles: [], officeId: null, officePath: null });

// The answers' shapes are the contract's, shared with the web app.
export type { PublicAppealReceipt, PublicProgress, PublicStep } from './contract.js';

// ---------------------------------------------------------------------------------------------
// Intake

const PublicRequester = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('anonymous')], { description: 'person (name required) or anonymous' }),
  name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
}, { additionalProperties: false });

/**
 * The web form: the staff intake body without what staff decide (channel — always `web` —,
 * priority, category) and without enterprise requesters (they use the enterprise portal).
 */
export const PublicAppealBody = Type.Object({
  type: IntakeBody.properties.type,
  title: IntakeBody.properties.title,
  content: IntakeBody.properties.content,
  address: IntakeBody.properties.address,
  regionCode: IntakeBody.properties.regionCode,
  requester: PublicRequester,
  confidential: Type.Optional(Type.Boolean({ description: 'Keep my identity from the offices handling the case (reports always are)' })),
}, { additionalProperties: false });
export type PublicAppealInput = Static<typeof PublicAppealBody>;

export const lookupUrlFor = (code: string, secret: string) => `/public/appeals/${encodeURIComponent(code)}#secret=${encodeURIComponent(secret)}`;

export function keepSecretNotice(code: string, secret: string): Bilingual {
  return {
    zh: `您的诉求已受理，编号 ${code}，查询密码 ${secret}。查询密码只显示这一次，请妥善保存（可截图或记下）：凭编号和查询密码可查看办理进度、补充材料和评价。请勿告诉他人。`,
    en: `Your appeal has been taken in as ${code}; its lookup secret is ${secret}. The secret is shown only this once: keep it (take a screenshot or write it down). With the code and the secret you can follow the case, add information and evaluate the answer. Do not share it.`,
  };
}

/**
 * Takes in a citizen's appeal from the web form (or an Open311 client) as a `web` case: what
 * `createCase(db, PUBLIC_ACTOR, input, { public: true })` does, group-committed with the other
 * appeals arriving at the same moment, as staff intake is.
 */
export async function createPublicAppeal(database: Database, input: PublicAppealInput): Promise<PublicAppealReceipt> {
  // The schema admits only the six appeal types; TypeBox types a union built from a list as string.
  const prepared = await prepareCase(database.db, PUBLIC_ACTOR, { ...input, type: input.type as CaseType, channel: 'web' }, { public: true });
  const created = await intakeBatcher(database).submit(prepared);
  // The public door always issues a secret; without one the citizen could never follow the case.
  if (!created.lookupSecret) throw new Error(`public intake of ${created.code} issued no lookup secret`);
  return { code: created.code, secret: created.lookupSecret, lookupUrl: lookupUrlFor(created.code, created.lookupSecret), notice: keepSecretNotice(created.code, created.lookupSecret) };
}

// ---------------------------------------------------------------------------------------------
// The secret

const NO_HASH = Buffer.alloc(32);

/**
 * The case with this code whose lookup secret matches, or the same 404 whether the code is
 * unknown, has no secret or the secret is wrong. The hashes are compared in constant time, and
 * a hash is computed and compared even when there is nothing to compare with.
 */
export async function findCaseBySecret(db: Db, code: string, secret: string): Promise<CaseRow> {
  const [found] = await queryRows<{ id: number; hash: string | null }>(db, sql`select id, lookup_secret_hash as hash from cases where code = ${code}`);
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = found?.hash && /^[0-9a-f]{64}$/.test(found.hash) ? Buffer.from(found.hash, 'hex') : NO_HASH;
  const matches = timingSafeEqual(given, stored) && stored !== NO_HASH;
  const row = matches ? await loadCase(db, found!.id) : null;
  if (!row) throw notFound(CASE, code);
  return row;
}

// ---------------------------------------------------------------------------------------------
// What the public sees (pure)

/** The reply is shown once the hotline has reviewed it (or answered directly): an unreviewed reply may still be sent back. */
export const REPLY_PUBLIC_FROM: readonly CaseStatus[] = ['answered', 'reviewed', 'closed'];

export const DUE_STATE_NAMES: Record<DueState, Bilingual> = NAMES_OF_DUE_STATES;

const STEP_NAMES: Record<'sign' | 'reply', Bilingual> = { sign: { zh: '签收', en: 'signing' }, reply: { zh: '答复', en: 'reply' } };

/** Where a matter outside the hotline's scope belongs (国办函〔2025〕66号), looked up by the stored code. */
export const ROUTE_NAMES: Record<string, Bilingual> = OUT_OF_SCOPE_ROUTE_NAMES;

const OUTCOME_NAMES: Record<'resolved' | 'unresolved' | 'out_of_scope', Bilingual> = {
  resolved: { zh: '已解决', en: 'resolved' },
  unresolved: { zh: '未解决', en: 'not resolved' },
  out_of_scope: { zh: '不属于热线受理范围，已告知办理途径', en: "outside the hotline's scope; the proper route was explained" },
};

const PAUSE_REASONS: Record<string, Bilingual> = {
  awaiting_requester: { zh: '等待诉求人补充信息', en: 'waiting for information from the requester' },
  excluded_step: { zh: '检测、鉴定等不计入办理时限的环节', en: 'a step that does not count towards the time limit (e.g. testing)' },
};

const SATISFACTION_NAMES: Record<string, Bilingual> = NAMES_OF_SATISFACTIONS;

const named = (zh: string, en: string): Bilingual => ({ zh, en });

/** Whether an event is the requester's own: written at the public door (marked, and by the public actor), or by the enterprise account that raised the case. */
const byRequester = (e: StoredCaseEvent, row: CaseRow) =>
  e.data.byRequester === true || (e.actorUserId === null && e.actorName === PUBLIC_ACTOR.name) || (row.requesterUserId !== null && e.actorUserId === row.requesterUserId);

/**
 * The timeline as the requester may see it: the steps of the loop, with the office names the
 * case went to; internal steps (supervision, instructions, extension requests, returns, merges
 * of others' duplicates) and every staff note are left out, and so is who did what.
 */
export function publicTimeline(row: CaseRow, events: readonly StoredCaseEvent[], officeName: (id: unknown) => string | null): PublicStep[] {
  const steps: PublicStep[] = [];
  const add = (e: StoredCaseEvent, name: Bilingual, extra: Omit<PublicStep, 'at' | 'step' | 'name'> = {}) => steps.push({ at: e.at, step: e.action, name, ...extra });
  for (const e of events) {
    const d = e.data;
    switch (e.action) {
      case 'create': add(e, named('已受理', 'taken in')); break;
      case 'answer': add(e, named('已直接答复', 'answered directly')); break;
      case 'dispatch': add(e, named('已派单至承办单位', 'sent to the handling office'), { office: officeName(d.leadOfficeId) }); break;
      case 'sign': add(e, named('承办单位已签收', 'signed for by the handling office')); break;
      case 'transfer': add(e, named('已转交其他单位办理', 'transferred to another office'), { office: officeName(d.toOfficeId) }); break;
      case 'escalate': add(e, named('已提级办理', 'escalated to the office above'), { office: officeName(d.toOfficeId) }); break;
      case 'reply': add(e, named('承办单位已答复', 'the handling office replied')); break;
      case 'review':
        add(e, d.decision === 'accept' ? named('答复已审核', 'the reply was reviewed') : named('答复未通过审核，继续办理', 'the reply was sent back for more handling'));
        break;
      case 'decide-extension':
        if (d.approve === true) add(e, named('已批准延期办理', 'an extension was granted'), { detail: { workingDays: d.days } });
        break;
      case 'pause-clock': add(e, named('暂停计时', 'the clock was paused'), { detail: { reason: PAUSE_REASONS[String(d.reason)] ?? null } }); break;
      case 'resume-clock': add(e, named('恢复计时', 'the clock runs again')); break;
      case 'return-visit': add(e, named('已回访', 'return visit made')); break;
      case 'close': {
        const route = typeof d.route === 'string' ? d.route : null;
        add(e, named('已办结', 'closed'),
          route ? { detail: { route, routeName: ROUTE_NAMES[route] ?? null, explanation: typeof d.explanation === 'string' ? d.explanation : null } } : {});
        break;
      }
      case 'reopen': add(e, named('重新办理', 'reopened for handling')); break;
      case 'merge': add(e, named('与同一事项的其他诉求合并办理', 'merged with another appeal about the same matter')); break;
      case 'comment':
        if (byRequester(e, row)) add(e, named('诉求人补充信息', 'the requester added information'), { detail: { text: d.text } });
        break;
      case 'evaluate':
        add(e, named('诉求人已评价', 'evaluated by the requester'), { detail: { satisfaction: d.satisfaction, satisfactionName: SATISFACTION_NAMES[String(d.satisfaction)] ?? null } });
        break;
      default:
        // supervise, instruct, return, request-extension, merged-in and anything added later stay internal.
        break;
    }
  }
  return steps;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function publicProgressView(row: CaseRow, events: readonly StoredCaseEvent[], officeNames: ReadonlyMap<number, string>, deadline: ReturnType<typeof currentDeadline>): PublicProgress {
  const officeName = (id: unknown) => (typeof id === 'number' ? officeNames.get(id) ?? null : null);
  const can = (action: 'comment' | 'evaluate') => checkAction(CASE_LIFECYCLE, action, row.status, ['public'], ['requester']) === null;
  let outcome: PublicProgress['outcome'] = null;
  if (row.outcome?.startsWith('out_of_scope:')) {
    const route = row.outcome.slice('out_of_scope:'.length);
    const close = [...events].reverse().find((e) => e.action === 'close');
    outcome = { code: 'out_of_scope', name: OUTCOME_NAMES.out_of_scope, route, routeName: ROUTE_NAMES[route] ?? null, explanation: typeof close?.data.explanation === 'string' ? close.data.explanation : null };
  } else if (row.outcome === 'resolved' || row.outcome === 'unresolved') {
    outcome = { code: row.outcome, name: OUTCOME_NAMES[row.outcome] };
  }
  return {
    code: row.code, type: row.type, typeName: TYPE_NAMES[row.type], title: row.title, content: row.content, address: row.address,
    status: row.status, statusName: STATUS_NAMES[row.status],
    acceptedAt: row.acceptedAt.toISOString(), dispatchedAt: iso(row.dispatchedAt), signedAt: iso(row.signedAt), repliedAt: iso(row.repliedAt), closedAt: iso(row.closedAt),
    intakeOffice: officeName(row.intakeOfficeId), handlingOffice: officeName(row.leadOfficeId),
    replyDueAt: iso(row.replyDueAt),
    deadline: deadline && { step: deadline.step, stepName: STEP_NAMES[deadline.step], dueAt: deadline.dueAt, state: deadline.state, stateName: DUE_STATE_NAMES[deadline.state], paused: deadline.paused },
    reply: REPLY_PUBLIC_FROM.includes(row.status) ? row.reply : null,
    outcome,
    evaluation: row.evaluation,
    canComment: can('comment'),
    canEvaluate: can('evaluate') && !row.evaluation,
    timeline: publicTimeline(row, events, officeName),
  };
}

/** Office names by id (names only: the public never sees an office's id). */
export async function officeNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from offices where id = any(${`{${unique.join(',')}}`}::int[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function publicProgress(db: Db, row: CaseRow, now = new Date()): Promise<PublicProgress> {
  const [events, cal, { policy }] = await Promise.all([listCaseEvents(db, row.id), workingCalendar(db), casePolicy(db)]);
  const ids = [row.intakeOfficeId, row.leadOfficeId ?? 0];
  for (const e of events) for (const k of ['leadOfficeId', 'toOfficeId']) if (typeof e.data[k] === 'number') ids.push(e.data[k] as number);
  return publicProgressView(row, events, await officeNames(db, ids), currentDeadline(cal, policy, row, now));
}

// ---------------------------------------------------------------------------------------------
// Routes

const Code = Type.String({ minLength: 1, maxLength: 40, description: 'The case code (诉求编号)' });
const Secret = Type.String({ minLength: 1, maxLength: 100, description: 'The lookup secret (查询密码) shown once at intake' });
const CodeParams = Type.Object({ code: Code }, { additionalProperties: false });
/** The secret may come in this header instead of the query string, which proxies and access logs keep. */
export const SECRET_HEADER = 'x-lookup-secret';

export const publicAppealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const writes = { public: true, rateLimit: { max: app.config.publicRateLimit, timeWindow: '1 minute' } };
  // README: public reads may be ten times as frequent as log-ins and writes.
  const reads = { public: true, rateLimit: { max: app.config.publicRateLimit * 10, timeWindow: '1 minute' } };
  const doc = { tags: ['public'], security: [] };

  app.post('/public/appeals', {
    config: writes,
    schema: { ...doc, summary: 'A citizen raises an appeal on the web form without an account; answers the code and the lookup secret (shown once)', body: PublicAppealBody },
  }, async (request, reply) => reply.status(201).send(await createPublicAppeal(app.database, request.body)));

  app.get('/public/appeals/:code', {
    config: reads,
    schema: {
      ...doc, summary: `Progress of an appeal for the holder of its lookup secret (?secret=, or the ${SECRET_HEADER} header); a wrong secret is the same 404 as an unknown code`,
      params: CodeParams, querystring: Type.Object({ secret: Type.Optional(Secret) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const header = request.headers[SECRET_HEADER];
    const secret = request.query.secret ?? (typeof header === 'string' ? header : undefined);
    if (!secret) throw badRequest('secret_required', '请提供查询密码', 'Give the lookup secret');
    return publicProgress(db, await findCaseBySecret(db, request.params.code, secret));
  });

  app.post('/public/appeals/:code/evaluate', {
    config: writes,
    schema: {
      ...doc, summary: 'The requester evaluates the answer to their appeal (once the case is answered or closed)', params: CodeParams,
      body: Type.Object({ secret: Secret, ...evaluate.input.properties }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { secret, ...input } = request.body;
    const row = await findCaseBySecret(db, request.params.code, secret);
    const updated = await runCaseAction(db, PUBLIC_ACTOR, { caseId: row.id, action: 'evaluate', version: row.version, asRequester: true, input });
    return publicProgress(db, updated);
  });

  app.post('/public/appeals/:code/comment', {
    config: writes,
    schema: {
      ...doc, summary: 'The requester adds information to their appeal', params: CodeParams,
      body: Type.Object({ secret: Secret, ...comment.input.properties }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { secret, ...input } = request.body;
    const row = await findCaseBySecret(db, request.params.code, secret);
    const updated = await runCaseAction(db, PUBLIC_ACTOR, { caseId: row.id, action: 'comment', version: row.version, asRequester: true, input });
    return publicProgress(db, updated);
  });
};
