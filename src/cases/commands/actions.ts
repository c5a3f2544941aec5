/**
 * The case actions' commands (one definition each: input and effect). Who may take them and from
 * which status is the case's lifecycle (../lifecycle.ts); the checks common to all, the event and
 * its subscribers are the lifecycle kernel's (src/platform/lifecycle/).
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows } from '../../platform/db/engine.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { findOffice } from '../../offices/queries.js';
import { recordArticleUse } from '../../knowledge/index.js';
import { inSubtree } from '../../offices/rules.js';
import { officePaths } from '../../offices/subtree.js';
import { defineAction, type CaseActionDef } from './actionDef.js';
import type { CaseAction } from '../contract.js';
import { actionRefused } from '../../platform/lifecycle/index.js';
import { openPauseMinutes, replyDue, signDue } from './clock.js';
import { appendCaseEvent, lockCase } from '../store.js';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { OUT_OF_SCOPE_ROUTES, PAUSE_REASONS, REVIEW_DECISIONS, SATISFACTIONS, SUPERVISION_LEVELS, VISIT_CONTACTS } from '../contract.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });
/** One of the contract's codes (shared with the web app's forms). */
const oneOf = <T extends string>(codes: readonly T[]) => Type.Union(codes.map((c) => Type.Literal(c)));

/** The office must exist and lie in the actor's subtree (a dispatcher dispatches within their centre's tree). */
async function officeInScope(tx: Db, actor: Actor, id: number, label: { zh: string; en: string }) {
  const office = await findOffice(tx, id);
  if (!office) throw badRequest('unknown_office', `${label.zh}：单位 ${id} 不存在`, `${label.en}: office ${id} does not exist`);
  if (actor.officePath === null || !inSubtree(office.path, actor.officePath)) {
    throw forbidden(`${label.zh}：单位「${office.name}」不在您的管辖范围内`, `${label.en}: the office "${office.name}" is outside your scope`);
  }
  return office;
}

export const answer = defineAction({
  action: 'answer', summary: 'Answer a consultation at once (from the knowledge base); accepted → answered',
  input: Type.Object({ answer: Text(5000), knowledgeArticleId: Type.Optional(Type.Integer({ minimum: 1 })) }),
  async apply({ tx, actor, row, now }, input) {
    // The article must be in force; its use is counted with the answer, in the same transaction.
    if (input.knowledgeArticleId) await recordArticleUse(tx, actor, input.knowledgeArticleId, { caseId: row.id });
    return { changes: { reply: input.answer, repliedAt: now }, event: { answer: input.answer, knowledgeArticleId: input.knowledgeArticleId ?? null } };
  },
});

export const dispatch = defineAction({
  action: 'dispatch', summary: 'Dispatch to a lead office (主办) with optional assisting offices (协办); accepted → dispatched',
  input: Type.Object({ leadOfficeId: OfficeId, assistingOfficeIds: Type.Optional(Type.Array(OfficeId, { maxItems: 10, uniqueItems: true })), note: Type.Optional(Text(1000)) }),
  async apply(ctx, input) {
    const { tx, actor, row, now } = ctx;
    await officeInScope(tx, actor, input.leadOfficeId, { zh: '主办单位', en: 'lead office' });
    const assisting = (input.assistingOfficeIds ?? []).filter((id) => id !== input.leadOfficeId);
    for (const id of assisting) await officeInScope(tx, actor, id, { zh: '协办单位', en: 'assisting office' });
    // The reply clock runs from the first dispatch; a re-dispatch after a return keeps it running.
    const clockStartedAt = row.clockStartedAt ?? now;
    return {
      changes: {
        leadOfficeId: input.leadOfficeId, assistingOfficeIds: assisting, dispatchedAt: now, clockStartedAt,
        signDueAt: signDue(ctx, row), replyDueAt: replyDue(ctx, { ...row, clockStartedAt }), signedAt: null,
      },
      event: { leadOfficeId: input.leadOfficeId, assistingOfficeIds: assisting, note: input.note ?? null },
    };
  },
});

export const sign = defineAction({
  action: 'sign', summary: 'Sign for the case (签收); dispatched → handling',
  input: Type.Object({}),
  apply({ row, now }) {
    const late = row.signDueAt !== null && now > row.signDueAt;
    return { changes: { signedAt: now, signLate: late, ...(late ? { wasOverdue: true } : {}) }, event: { late } };
  },
});

export const returnCase = defineAction({
  action: 'return', summary: 'Return a wrong assignment to the dispatcher (退单) with the reason; → accepted',
  input: Type.Object({ reason: Text(1000) }),
  apply({ row }, input) {
    return {
      changes: { leadOfficeId: null, assistingOfficeIds: [], signDueAt: null, signedAt: null, returnCount: row.returnCount + 1 },
      event: { reason: input.reason, fromOfficeId: row.leadOfficeId },
    };
  },
});

export const transfer = defineAction({
  action: 'transfer', summary: 'Transfer to another lead office (转办): a dispatcher anywhere in the centre\'s tree, a handler down their own tree; → dispatched',
  input: Type.Object({ toOfficeId: OfficeId, reason: Text(1000) }),
  async apply(ctx, input) {
    const { tx, actor, row } = ctx;
    if (input.toOfficeId === row.leadOfficeId) throw badRequest('same_office', '转办对象与当前主办单位相同', 'The case is already led by that office');
    await officeInScope(tx, actor, input.toOfficeId, { zh: '转办单位', en: 'transfer target' });
    return {
      changes: { leadOfficeId: input.toOfficeId, dispatchedAt: ctx.now, signedAt: null, signDueAt: signDue(ctx, row), transferCount: row.transferCount + 1 },
      event: { fromOfficeId: row.leadOfficeId, toOfficeId: input.toOfficeId, reason: input.reason },
    };
  },
});

export const reply = defineAction({
  action: 'reply', summary: 'Reply with the result of handling (答复); handling → replied',
  input: Type.Object({ reply: Text(10000) }),
  apply(ctx, input) {
    const { row, now } = ctx;
    // Replying ends a pause: the paused office time is credited before judging lateness.
    const pausedMinutes = row.pausedMinutes + openPauseMinutes(ctx, row);
    const due = replyDue(ctx, { ...row, pausedMinutes });
    const late = now > due;
    return {
      changes: { reply: input.reply, repliedAt: now, clockPausedAt: null, pausedMinutes, replyDueAt: due, replyLate: late, ...(late ? { wasOverdue: true, dueState: 'overdue' } : {}) },
      event: { reply: input.reply, late },
    };
  },
});

export const review = defineAction({
  action: 'review', summary: 'Review a reply (审核): accept (→ reviewed) or send back for more handling (→ handling)',
  input: Type.Object({ decision: oneOf(REVIEW_DECISIONS), note: Type.Optional(Text(2000)) }),
  apply({ now }, input) {
    if (input.decision === 'send_back' && !input.note) throw badRequest('note_required', '退回重办须说明理由', 'Sending a reply back needs a note saying why');
    return input.decision === 'accept'
      ? { changes: { status: 'reviewed', reviewedAt: now }, event: { decision: 'accept', note: input.note ?? null } }
      : { changes: { status: 'handling', reply: null, repliedAt: null, replyLate: null }, event: { decision: 'send_back', note: input.note } };
  },
});

export const requestExtension = defineAction({
  action: 'request-extension', summary: 'Ask for more working days (延期申请), with the reason',
  input: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 60 }), reason: Text(1000) }),
  apply({ row, actor, now, policy }, input) {
    if (input.days > policy.maxExtensionDays) {
      throw badRequest('extension_too_long', `每次延期最多 ${policy.maxExtensionDays} 个工作日`, `An extension is at most ${policy.maxExtensionDays} working days`);
    }
    const pendingExtension = { days: input.days, reason: input.reason, requestedBy: actor.name, at: now.toISOString() };
    return { changes: { pendingExtension }, event: { days: input.days, reason: input.reason, beyondPolicy: row.extensionsGranted >= policy.maxExtensions } };
  },
});

export const decideExtension = defineAction({
  action: 'decide-extension', summary: 'Approve or refuse a pending extension; approval moves the reply deadline',
  input: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Text(1000)) }),
  apply(ctx, input) {
    const { row, actor, policy } = ctx;
    // Never null here: the lifecycle blocks the decision until a request waits.
    const pending = row.pendingExtension!;
    if (input.approve && row.extensionsGranted >= policy.maxExtensions && !actor.roles.includes('leader')) {
      throw forbidden(`已延期 ${row.extensionsGranted} 次，再次延期须由领导审批`, `Already extended ${row.extensionsGranted} time(s): a further extension needs a leader's approval`);
    }
    if (!input.approve) return { changes: { pendingExtension: null }, event: { approve: false, days: pending.days, note: input.note ?? null } };
    const extensionDays = row.extensionDays + pending.days;
    return {
      changes: { pendingExtension: null, extensionDays, extensionsGranted: row.extensionsGranted + 1, replyDueAt: replyDue(ctx, { ...row, extensionDays }) },
      event: { approve: true, days: pending.days, note: input.note ?? null },
    };
  },
});

const Satisfaction = oneOf(SATISFACTIONS);

export const returnVisit = defineAction({
  action: 'return-visit', summary: 'Record the return visit (回访): contact outcome, resolved, satisfaction',
  input: Type.Object({
    contact: oneOf(VISIT_CONTACTS),
    resolved: Type.Optional(Type.Boolean()), satisfaction: Type.Optional(Satisfaction), note: Type.Optional(Text(2000)),
  }),
  apply({ now }, input) {
    if (input.contact === 'reached' && (input.resolved === undefined || input.satisfaction === undefined)) {
      throw badRequest('visit_incomplete', '联系上诉求人时须记录是否解决和满意度', 'When the requester was reached, record whether it was resolved and how satisfied they are');
    }
    const visit = { contact: input.contact, resolved: input.resolved ?? null, satisfaction: input.satisfaction ?? null, note: input.note, at: now.toISOString() };
    return { changes: { visit }, event: visit };
  },
});

export const close = defineAction({
  action: 'close', summary: 'Close the case (办结) after the return visit; or close a matter outside the hotline\'s scope with the legal route explained',
  input: Type.Object({ outOfScopeRoute: Type.Optional(oneOf(OUT_OF_SCOPE_ROUTES)), explanation: Type.Optional(Text(2000)) }),
  apply({ row, actor, now }, input) {
    if (row.status === 'accepted') {
      if (!input.outOfScopeRoute || !input.explanation) {
        throw actionRefused('needs_route', '未派单的诉求只能作为非受理范围事项办结：须选择转交渠道并说明', 'A case not yet dispatched can only be closed as outside the hotline\'s scope: give the route and the explanation');
      }
      return { changes: { closedAt: now, outcome: `out_of_scope:${input.outOfScopeRoute}` }, event: { route: input.outOfScopeRoute, explanation: input.explanation } };
    }
    if (row.visit?.satisfaction === 'unsatisfied' && !actor.roles.includes('supervisor')) {
      throw forbidden('回访不满意：由督办员决定重办或办结', 'The requester was unsatisfied: a supervisor decides whether to reopen or close');
    }
    return { changes: { closedAt: now, outcome: row.visit?.resolved === false ? 'unresolved' : 'resolved', dueState: 'on_time' }, event: { explanation: input.explanation ?? null } };
  },
});

export const reopen = defineAction({
  action: 'reopen', summary: 'Reopen for handling again (重办), e.g. after an unsatisfied return visit; the reply clock starts again',
  input: Type.Object({ reason: Text(2000) }),
  apply(ctx, input) {
    const { row, now } = ctx;
    const restarted = { ...row, clockStartedAt: now, extensionDays: 0, pausedMinutes: 0 };
    return {
      changes: {
        reopenCount: row.reopenCount + 1, closedAt: null, reviewedAt: null, repliedAt: null, reply: null, replyLate: null, visit: null, outcome: null,
        clockStartedAt: now, extensionDays: 0, pausedMinutes: 0, clockPausedAt: null, replyDueAt: replyDue(ctx, restarted), dueState: 'on_time',
      },
      event: { reason: input.reason, previousVisit: row.visit },
    };
  },
});

export const merge = defineAction({
  action: 'merge', summary: 'Merge a duplicate (重复件) into another case; both records stay, linked',
  input: Type.Object({ intoCaseId: Type.Integer({ minimum: 1 }), note: Type.Optional(Text(1000)) }),
  async apply({ tx, row, actor, now }, input) {
    if (input.intoCaseId === row.id) throw badRequest('merge_self', '不能与自身合并', 'A case cannot be merged into itself');
    const [target] = await queryRows<{ id: number; status: string; intake_office_id: number }>(tx, sql`select id, status, intake_office_id from cases where id = ${input.intoCaseId}`);
    const paths = target ? await officePaths(tx, [target.intake_office_id]) : new Map<number, string>();
    if (!target || actor.officePath === null || !inSubtree(paths.get(target.intake_office_id) ?? '\u0000', actor.officePath)) {
      throw badRequest('unknown_target', `目标诉求 ${input.intoCaseId} 不存在或不在您的范围内`, `Target case ${input.intoCaseId} does not exist or is outside your scope`);
    }
    if (target.status === 'merged') throw actionRefused('target_merged', '目标诉求本身已被合并，请合并到主件', 'The target was itself merged; merge into the case it was merged into');
    return {
      changes: { mergedIntoId: target.id, closedAt: now },
      event: { intoCaseId: target.id, note: input.note ?? null },
      async after(t) {
        const into = (await lockCase(t, target.id))!;
        await appendCaseEvent(t, into, {}, { at: now.toISOString(), action: 'merged-in', actor, data: { duplicateCaseId: row.id, duplicateCode: row.code } });
      },
    };
  },
});

const LEVELS = SUPERVISION_LEVELS;

export const supervise = defineAction({
  action: 'supervise', summary: 'Issue a supervision notice (督办): normal, yellow card or red card',
  input: Type.Object({ level: oneOf(LEVELS), note: Text(2000) }),
  apply({ row }, input) {
    const current = LEVELS.indexOf((row.supervisionLevel ?? 'normal') as (typeof LEVELS)[number]);
    const level = LEVELS[Math.max(current, LEVELS.indexOf(input.level))];
    return { changes: { supervisionLevel: level }, event: { level: input.level, note: input.note } };
  },
});

export const escalate = defineAction({
  action: 'escalate', summary: 'Escalate to the office a level up (上报): it becomes the lead and must sign; → dispatched',
  input: Type.Object({ reason: Text(2000) }),
  async apply(ctx, input) {
    const { tx, row } = ctx;
    const lead = row.leadOfficeId === null ? null : await findOffice(tx, row.leadOfficeId);
    if (!lead?.parentId) throw actionRefused('no_level_up', '主办单位没有上级单位，无法上报', 'The lead office has no office above it to escalate to');
    return {
      changes: { leadOfficeId: lead.parentId, dispatchedAt: ctx.now, signedAt: null, signDueAt: signDue(ctx, row), escalationLevel: row.escalationLevel + 1 },
      event: { fromOfficeId: lead.id, toOfficeId: lead.parentId, reason: input.reason },
    };
  },
});

export const instruct = defineAction({
  action: 'instruct', summary: 'A leader\'s instruction on the case (批示)',
  input: Type.Object({ instruction: Text(2000) }),
  apply(_ctx, input) {
    return { event: { instruction: input.instruction } };
  },
});

export const comment = defineAction({
  action: 'comment', summary: 'Add a note to the case\'s timeline (the requester may add information too)',
  input: Type.Object({ text: Text(2000) }),
  apply({ proven }, input) {
    // Marks the requester's own words (proved by the lookup secret), so the public timeline shows them and never a staff note.
    return { event: { text: input.text, ...(proven ? { byRequester: true } : {}) } };
  },
});

export const pauseClock = defineAction({
  action: 'pause-clock', summary: 'Pause the clock while waiting on the requester or an excluded step (e.g. on-site testing)',
  input: Type.Object({ reason: oneOf(PAUSE_REASONS), note: Text(1000) }),
  apply({ row, now }, input) {
    return { changes: { clockPausedAt: now }, event: { reason: input.reason, note: input.note } };
  },
});

export const resumeClock = defineAction({
  action: 'resume-clock', summary: 'Resume the clock; the paused office time moves the reply deadline out',
  input: Type.Object({ note: Type.Optional(Text(1000)) }),
  apply(ctx, input) {
    const { row } = ctx;
    // The lifecycle blocks a resume unless paused.
    const paused = openPauseMinutes(ctx, row);
    const pausedMinutes = row.pausedMinutes + paused;
    return { changes: { clockPausedAt: null, pausedMinutes, replyDueAt: replyDue(ctx, { ...row, pausedMinutes }) }, event: { pausedMinutes: paused, note: input.note ?? null } };
  },
});

export const evaluate = defineAction({
  action: 'evaluate', summary: 'The requester evaluates their own closed case online',
  input: Type.Object({ satisfaction: Satisfaction, comment: Type.Optional(Text(1000)) }),
  apply({ row, now }, input) {
    const evaluation = { satisfaction: input.satisfaction, comment: input.comment, at: now.toISOString() };
    return { changes: { evaluation }, event: evaluation };
  },
});

export const CASE_ACTION_DEFS: CaseActionDef[] = [
  answer, dispatch, sign, returnCase, transfer, reply, review, requestExtension, decideExtension, returnVisit, close, reopen, merge,
  supervise, escalate, instruct, comment, pauseClock, resumeClock, evaluate,
] as unknown as CaseActionDef[];

/** Each action's command, by name: what the kernel runs after its checks. */
export const CASE_COMMANDS = Object.fromEntries(CASE_ACTION_DEFS.map((def) => [def.action, def])) as Record<CaseAction, CaseActionDef>;
