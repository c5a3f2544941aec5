/**
 * What the public sees of a case (pure): status, times, the handling office's name, the reviewed
 * reply and the public steps of the timeline — never the requester's identity, internal notes,
 * actor names or internal ids.
 */
import { checkAction } from '../platform/lifecycle/index.js';
import { CASE_LIFECYCLE, PUBLIC_ACTOR, STATUS_NAMES } from './lifecycle.js';
import { TYPE_NAMES } from './deadlines.js';
import { DUE_STATE_NAMES, OUT_OF_SCOPE_ROUTE_NAMES, SATISFACTION_NAMES as NAMES_OF_SATISFACTIONS, type Bilingual, type PublicProgress, type PublicStep } from './contract.js';
import type { CaseRow } from './record.js';
import type { StoredCaseEvent } from './store.js';
import { REPLY_PUBLIC_FROM, type currentDeadline } from './view.js';

/** Where a matter outside the hotline's scope belongs (国办函〔2025〕66号), looked up by the code an event stores. */
const ROUTE_NAMES: Record<string, Bilingual> = OUT_OF_SCOPE_ROUTE_NAMES;
const SATISFACTION_NAMES: Record<string, Bilingual> = NAMES_OF_SATISFACTIONS;


const STEP_NAMES: Record<'sign' | 'reply', Bilingual> = { sign: { zh: '签收', en: 'signing' }, reply: { zh: '答复', en: 'reply' } };

const OUTCOME_NAMES: Record<'resolved' | 'unresolved' | 'out_of_scope', Bilingual> = {
  resolved: { zh: '已解决', en: 'resolved' },
  unresolved: { zh: '未解决', en: 'not resolved' },
  out_of_scope: { zh: '不属于热线受理范围，已告知办理途径', en: "outside the hotline's scope; the proper route was explained" },
};

const PAUSE_REASONS: Record<string, Bilingual> = {
  awaiting_requester: { zh: '等待诉求人补充信息', en: 'waiting for information from the requester' },
  excluded_step: { zh: '检测、鉴定等不计入办理时限的环节', en: 'a step that does not count towards the time limit (e.g. testing)' },
};

const named = (zh: string, en: string): Bilingual => ({ zh, en });

const officeNamed = (names: ReadonlyMap<number, string>) => (id: unknown) => (typeof id === 'number' ? names.get(id) ?? null : null);

/** Every office a timeline shown to the requester may name: where it was taken in and went to. */
export function officesNamedInTimeline(row: CaseRow, events: readonly StoredCaseEvent[]): number[] {
  const ids = [row.intakeOfficeId, row.leadOfficeId ?? 0];
  for (const e of events) for (const k of ['leadOfficeId', 'toOfficeId']) if (typeof e.data[k] === 'number') ids.push(e.data[k] as number);
  return ids;
}

/** Whether an event is the requester's own: written at the public door (marked, and by the public actor), or by the enterprise account that raised the case. */
const byRequester = (e: StoredCaseEvent, row: CaseRow) =>
  e.data.byRequester === true || (e.actorUserId === null && e.actorName === PUBLIC_ACTOR.name) || (row.requesterUserId !== null && e.actorUserId === row.requesterUserId);

/**
 * The timeline as the requester may see it: the steps of the loop, with the office names the
 * case went to; internal steps (supervision, instructions, extension requests, returns, merges
 * of others' duplicates) and every staff note are left out, and so is who did what.
 */
export function publicTimeline(row: CaseRow, events: readonly StoredCaseEvent[], officeNames: ReadonlyMap<number, string>): PublicStep[] {
  const officeName = officeNamed(officeNames);
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
  const officeName = officeNamed(officeNames);
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
    timeline: publicTimeline(row, events, officeNames),
  };
}
