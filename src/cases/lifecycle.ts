/**
 * The life of a case (诉求/工单), as pure rules: which action is allowed in which status, for whom,
 * and where it leads. The commands apply these; the web client shows the same buttons.
 *
 * accepted ─answer→ answered (a consultation answered at once from the knowledge base)
 * accepted ─dispatch→ dispatched ─sign→ handling ─reply→ replied ─review→ reviewed ─close→ closed
 * side paths: return (退单) → accepted; transfer (转办) / escalate (上报) → dispatched;
 * review sends back → handling; reopen (重办) → handling; merge (重复件) → merged.
 */
import type { Role } from '../platform/actor.js';

export const CASE_STATUSES = ['accepted', 'answered', 'dispatched', 'handling', 'replied', 'reviewed', 'closed', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_NAMES: Record<CaseStatus, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'accepted' },
  answered: { zh: '已直接答复', en: 'answered directly' },
  dispatched: { zh: '已派单待签收', en: 'dispatched, awaiting signing' },
  handling: { zh: '办理中', en: 'being handled' },
  replied: { zh: '已答复待审核', en: 'replied, awaiting review' },
  reviewed: { zh: '已审核待回访', en: 'reviewed, awaiting return visit' },
  closed: { zh: '已办结', en: 'closed' },
  merged: { zh: '已合并', en: 'merged' },
};

export const OPEN_STATUSES: readonly CaseStatus[] = ['accepted', 'dispatched', 'handling', 'replied', 'reviewed'];

export const CASE_ACTIONS = [
  'answer', 'dispatch', 'sign', 'return', 'transfer', 'reply', 'review', 'request-extension', 'decide-extension',
  'return-visit', 'close', 'reopen', 'merge', 'supervise', 'escalate', 'instruct', 'comment', 'pause-clock', 'resume-clock', 'evaluate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_NAMES: Record<CaseAction | 'create', { zh: string; en: string }> = {
  create: { zh: '受理', en: 'take in' },
  answer: { zh: '直接答复', en: 'answer directly' },
  dispatch: { zh: '派单', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign for' },
  return: { zh: '退单', en: 'return' },
  transfer: { zh: '转办', en: 'transfer' },
  reply: { zh: '答复', en: 'reply' },
  review: { zh: '审核', en: 'review' },
  'request-extension': { zh: '申请延期', en: 'request an extension' },
  'decide-extension': { zh: '审批延期', en: 'decide an extension' },
  'return-visit': { zh: '回访', en: 'record a return visit' },
  close: { zh: '办结', en: 'close' },
  reopen: { zh: '重办', en: 'reopen' },
  merge: { zh: '合并重复件', en: 'merge as a duplicate' },
  supervise: { zh: '督办', en: 'supervise' },
  escalate: { zh: '上报', en: 'escalate' },
  instruct: { zh: '批示', en: 'instruct' },
  comment: { zh: '备注', en: 'comment' },
  'pause-clock': { zh: '暂停计时', en: 'pause the clock' },
  'resume-clock': { zh: '恢复计时', en: 'resume the clock' },
  evaluate: { zh: '评价', en: 'evaluate' },
};

/** Names of everything that can appear on a case's timeline: the actions and the system's own entries. */
export const EVENT_NAMES: Record<string, { zh: string; en: string }> = {
  ...ACTION_NAMES,
  'merged-in': { zh: '并入重复件', en: 'duplicate merged in' },
  attach: { zh: '上传附件', en: 'attachment added' },
  deadline: { zh: '时限预警', en: 'deadline warning' },
  'rectification-plan': { zh: '整改计划', en: 'rectification plan' },
  'rectification-progress': { zh: '整改进展', en: 'rectification progress' },
};

/**
 * How the actor stands to the case, worked out by the command from office paths:
 * - `intake`: the case's intake office (the hotline centre that took it in) is in the actor's subtree;
 * - `lead`: the current lead office is in the actor's subtree;
 * - `assisting`: an assisting office is in the actor's subtree;
 * - `requester`: the actor raised the case (an enterprise user, or a citizen holding the lookup secret).
 */
export type Relation = 'intake' | 'lead' | 'assisting' | 'requester';

interface ActionRule {
  from: readonly CaseStatus[];
  /** Any one of these (role, relation) pairs allows the action. */
  allowed: readonly { role: Role | 'public'; relation: Relation }[];
  /** Where the case goes; undefined keeps the status (e.g. comment, supervise). */
  to?: CaseStatus;
}

const ANY_OPEN = OPEN_STATUSES;
const STAFF_SEEING: ActionRule['allowed'] = [
  ...(['agent', 'dispatcher', 'supervisor', 'leader'] as const).map((role) => ({ role, relation: 'intake' as const })),
  ...(['handler', 'supervisor', 'leader'] as const).flatMap((role) => [{ role, relation: 'lead' as const }, { role, relation: 'assisting' as const }]),
];

export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  answer: { from: ['accepted'], allowed: [{ role: 'agent', relation: 'intake' }, { role: 'dispatcher', relation: 'intake' }], to: 'answered' },
  dispatch: { from: ['accepted'], allowed: [{ role: 'dispatcher', relation: 'intake' }], to: 'dispatched' },
  sign: { from: ['dispatched'], allowed: [{ role: 'handler', relation: 'lead' }], to: 'handling' },
  return: { from: ['dispatched', 'handling'], allowed: [{ role: 'handler', relation: 'lead' }], to: 'accepted' },
  transfer: { from: ['dispatched', 'handling'], allowed: [{ role: 'dispatcher', relation: 'intake' }, { role: 'handler', relation: 'lead' }], to: 'dispatched' },
  reply: { from: ['handling'], allowed: [{ role: 'handler', relation: 'lead' }], to: 'replied' },
  review: { from: ['replied'], allowed: [{ role: 'dispatcher', relation: 'intake' }, { role: 'supervisor', relation: 'intake' }] },
  'request-extension': { from: ['dispatched', 'handling'], allowed: [{ role: 'handler', relation: 'lead' }] },
  'decide-extension': { from: ['dispatched', 'handling'], allowed: [{ role: 'supervisor', relation: 'intake' }, { role: 'dispatcher', relation: 'intake' }, { role: 'leader', relation: 'intake' }] },
  'return-visit': { from: ['answered', 'reviewed', 'closed'], allowed: [{ role: 'agent', relation: 'intake' }, { role: 'dispatcher', relation: 'intake' }] },
  close: { from: ['accepted', 'answered', 'reviewed'], allowed: [{ role: 'agent', relation: 'intake' }, { role: 'dispatcher', relation: 'intake' }, { role: 'supervisor', relation: 'intake' }], to: 'closed' },
  reopen: { from: ['reviewed', 'closed'], allowed: [{ role: 'supervisor', relation: 'intake' }], to: 'handling' },
  merge: { from: ['accepted', 'dispatched'], allowed: [{ role: 'agent', relation: 'intake' }, { role: 'dispatcher', relation: 'intake' }], to: 'merged' },
  supervise: { from: ANY_OPEN, allowed: [{ role: 'supervisor', relation: 'intake' }, { role: 'supervisor', relation: 'lead' }] },
  escalate: { from: ['dispatched', 'handling'], allowed: [{ role: 'handler', relation: 'lead' }, { role: 'supervisor', relation: 'intake' }], to: 'dispatched' },
  instruct: { from: ANY_OPEN, allowed: [{ role: 'leader', relation: 'intake' }, { role: 'leader', relation: 'lead' }] },
  comment: { from: [...ANY_OPEN, 'answered', 'closed'], allowed: [...STAFF_SEEING, { role: 'enterprise', relation: 'requester' }, { role: 'public', relation: 'requester' }] },
  'pause-clock': { from: ['handling'], allowed: [{ role: 'handler', relation: 'lead' }] },
  'resume-clock': { from: ['handling'], allowed: [{ role: 'handler', relation: 'lead' }] },
  evaluate: { from: ['answered', 'closed'], allowed: [{ role: 'enterprise', relation: 'requester' }, { role: 'public', relation: 'requester' }] },
};

/** Who may read a case: every pair that may act on it in some way. */
export const READ_RULE: ActionRule['allowed'] = [...STAFF_SEEING, { role: 'enterprise', relation: 'requester' }, { role: 'public', relation: 'requester' }];

export type Refusal =
  | { kind: 'status'; status: CaseStatus; allowedFrom: readonly CaseStatus[] }
  | { kind: 'role'; needs: readonly { role: Role | 'public'; relation: Relation }[] };

/** Null when allowed; otherwise why not, for a 409 (wrong status) or a 403 (wrong role/relation). */
export function checkAction(action: CaseAction, status: CaseStatus, roles: readonly (Role | 'public')[], relations: readonly Relation[]): Refusal | null {
  const rule = ACTION_RULES[action];
  const permitted = rule.allowed.some((a) => roles.includes(a.role) && relations.includes(a.relation));
  if (!permitted) return { kind: 'role', needs: rule.allowed };
  if (!rule.from.includes(status)) return { kind: 'status', status, allowedFrom: rule.from };
  return null;
}

export function canRead(roles: readonly (Role | 'public')[], relations: readonly Relation[]): boolean {
  return READ_RULE.some((a) => roles.includes(a.role) && relations.includes(a.relation));
}

/** The actions the actor could take now, for the web client's buttons. */
export function availableActions(status: CaseStatus, roles: readonly (Role | 'public')[], relations: readonly Relation[]): CaseAction[] {
  return CASE_ACTIONS.filter((a) => checkAction(a, status, roles, relations) === null);
}
