/**
 * The life of a case (诉求/工单), as pure rules: which action is allowed in which status, for whom,
 * and where it leads, as the lifecycle kernel's data. The commands apply these; every view carries
 * the actions they open and the reasons any is blocked.
 *
 * accepted ─answer→ answered (a consultation answered at once from the knowledge base)
 * accepted ─dispatch→ dispatched ─sign→ handling ─reply→ replied ─review→ reviewed ─close→ closed
 * side paths: return (退单) → accepted; transfer (转办) / escalate (上报) → dispatched;
 * review sends back → handling; reopen (重办) → handling; merge (重复件) → merged.
 */
import { canRead as kernelCanRead, type ActingRole, type BlockedReason, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import { ACTION_NAMES, OPEN_STATUSES, STATUS_NAMES, EVENT_NAMES as NAMES_OF_EVENTS, type Bilingual, type CaseAction, type CaseStatus } from './contract.js';
import type { CaseRow, Relation } from './record.js';

export type { Relation } from './record.js';
import type { Actor, Role } from '../platform/actor.js';

// The vocabulary is the contract's, shared with the web app; the rules below are the server's.
export { ACTION_NAMES, CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, STATUS_NAMES } from './contract.js';
export type { CaseAction, CaseStatus } from './contract.js';

/** Names of everything that can appear on a case's timeline, looked up by any event's action. */
export const EVENT_NAMES: Record<string, Bilingual> = NAMES_OF_EVENTS;


const ANY_OPEN = OPEN_STATUSES;
/**
 * Which staff roles see a case through an office relation: intake staff what their centre took
 * in, handling staff what their offices lead or assist. The lifecycle's readers and the SQL scope
 * of the case lists (access.ts) are both made from this one list.
 */
export const STAFF_ROLES_SEEING = {
  intake: ['agent', 'dispatcher', 'supervisor', 'leader'],
  handling: ['handler', 'supervisor', 'leader'],
} as const satisfies Record<string, readonly Role[]>;
const STAFF_SEEING: readonly Permit<Relation>[] = [
  ...STAFF_ROLES_SEEING.intake.map((role) => ({ role, relation: 'intake' as const })),
  ...STAFF_ROLES_SEEING.handling.flatMap((role) => [{ role, relation: 'lead' as const }, { role, relation: 'assisting' as const }]),
];
/** Who acts at the public door (a citizen proving the lookup secret): nobody logged in. Events record the name `public`. */
export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, name: 'public', roles: [], officeId: null, officePath: null });

const REQUESTER: readonly Permit<Relation>[] = [{ role: 'enterprise', relation: 'requester' }, { role: 'public', relation: 'requester' }];
const at = (relation: Relation, ...roles: Permit<Relation>['role'][]) => roles.map((role) => ({ role, relation }));
const blocked = (code: string, zh: string, en: string): BlockedReason => ({ code, zh, en });

/**
 * The case as an item type of the lifecycle kernel: each action's statuses, who may take it
 * (role and relation to the case) and what in the case's own state blocks it. The effects are
 * the commands (commands/actions.ts).
 */
export const CASE_LIFECYCLE: Lifecycle<CaseRow, CaseStatus, Relation, CaseAction> = {
  type: 'case',
  label: { zh: '诉求', en: 'case' },
  statuses: STATUS_NAMES,
  readers: [...STAFF_SEEING, ...REQUESTER],
  scope: { zh: '且诉求属于您的单位', en: 'in an office the case belongs to' },
  actions: {
    answer: {
      label: ACTION_NAMES.answer, from: ['accepted'], to: 'answered', permits: at('intake', 'agent', 'dispatcher'),
      blockedBy: (c) => (c.type === 'consultation' ? null : blocked('answer_only_consultation', '只有咨询类诉求可以直接答复，其余须派单办理', 'Only a consultation can be answered directly; other types are dispatched')),
    },
    dispatch: { label: ACTION_NAMES.dispatch, from: ['accepted'], to: 'dispatched', permits: at('intake', 'dispatcher') },
    sign: { label: ACTION_NAMES.sign, from: ['dispatched'], to: 'handling', permits: at('lead', 'handler') },
    return: { label: ACTION_NAMES.return, from: ['dispatched', 'handling'], to: 'accepted', permits: at('lead', 'handler') },
    transfer: { label: ACTION_NAMES.transfer, from: ['dispatched', 'handling'], to: 'dispatched', permits: [...at('intake', 'dispatcher'), ...at('lead', 'handler')] },
    reply: { label: ACTION_NAMES.reply, from: ['handling'], to: 'replied', permits: at('lead', 'handler') },
    review: { label: ACTION_NAMES.review, from: ['replied'], permits: at('intake', 'dispatcher', 'supervisor') },
    'request-extension': {
      label: ACTION_NAMES['request-extension'], from: ['dispatched', 'handling'], permits: at('lead', 'handler'),
      blockedBy: (c) => (c.pendingExtension ? blocked('extension_pending', '已有待审批的延期申请', 'An extension request is already waiting for a decision') : null),
    },
    'decide-extension': {
      label: ACTION_NAMES['decide-extension'], from: ['dispatched', 'handling'], permits: at('intake', 'supervisor', 'dispatcher', 'leader'),
      blockedBy: (c) => (c.pendingExtension ? null : blocked('no_extension_pending', '没有待审批的延期申请', 'There is no extension request to decide')),
    },
    'return-visit': { label: ACTION_NAMES['return-visit'], from: ['answered', 'reviewed', 'closed'], permits: at('intake', 'agent', 'dispatcher') },
    close: {
      label: ACTION_NAMES.close, from: ['accepted', 'answered', 'reviewed'], to: 'closed', permits: at('intake', 'agent', 'dispatcher', 'supervisor'),
      blockedBy: (c) => (c.status === 'reviewed' && !c.visit ? blocked('visit_required', '办结前须完成回访', 'Record the return visit before closing') : null),
    },
    reopen: {
      label: ACTION_NAMES.reopen, from: ['reviewed', 'closed'], to: 'handling', permits: at('intake', 'supervisor'),
      blockedBy: (c) => (c.leadOfficeId === null ? blocked('no_lead_office', '诉求没有主办单位，无法重办', 'The case has no lead office to handle it again') : null),
    },
    merge: { label: ACTION_NAMES.merge, from: ['accepted', 'dispatched'], to: 'merged', permits: at('intake', 'agent', 'dispatcher') },
    supervise: { label: ACTION_NAMES.supervise, from: ANY_OPEN, permits: [...at('intake', 'supervisor'), ...at('lead', 'supervisor')] },
    escalate: { label: ACTION_NAMES.escalate, from: ['dispatched', 'handling'], to: 'dispatched', permits: [...at('lead', 'handler'), ...at('intake', 'supervisor')] },
    instruct: { label: ACTION_NAMES.instruct, from: ANY_OPEN, permits: [...at('intake', 'leader'), ...at('lead', 'leader')] },
    comment: { label: ACTION_NAMES.comment, from: [...ANY_OPEN, 'answered', 'closed'], permits: [...STAFF_SEEING, ...REQUESTER] },
    'pause-clock': {
      label: ACTION_NAMES['pause-clock'], from: ['handling'], permits: at('lead', 'handler'),
      blockedBy: (c) => (c.clockPausedAt ? blocked('already_paused', '计时已暂停', 'The clock is already paused') : null),
    },
    'resume-clock': {
      label: ACTION_NAMES['resume-clock'], from: ['handling'], permits: at('lead', 'handler'),
      blockedBy: (c) => (c.clockPausedAt ? null : blocked('not_paused', '计时没有暂停', 'The clock is not paused')),
    },
    evaluate: {
      label: ACTION_NAMES.evaluate, from: ['answered', 'closed'], permits: REQUESTER,
      blockedBy: (c) => (c.evaluation ? blocked('already_evaluated', '该诉求已评价', 'This case has already been evaluated') : null),
    },
  },
};

/** Who may read a case: every pair that may act on it in some way. */
export const canRead = (roles: readonly ActingRole[], relations: readonly Relation[]) => kernelCanRead(CASE_LIFECYCLE, roles, relations);

/** Whether the viewer reads the case only as its requester (no staff standing): they get the requester-facing view, as at the public door. */
export const readsAsRequesterOnly = (roles: readonly ActingRole[], relations: readonly Relation[]) =>
  relations.includes('requester') && !canRead(roles, relations.filter((r) => r !== 'requester'));
