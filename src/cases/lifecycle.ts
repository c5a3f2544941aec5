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
import { CASE_ACTIONS, OPEN_STATUSES, EVENT_NAMES as NAMES_OF_EVENTS, type Bilingual, type CaseAction, type CaseStatus } from './contract.js';

// The vocabulary is the contract's, shared with the web app; the rules below are the server's.
export { ACTION_NAMES, CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, STATUS_NAMES } from './contract.js';
export type { CaseAction, CaseStatus } from './contract.js';

/** Names of everything that can appear on a case's timeline, looked up by any event's action. */
export const EVENT_NAMES: Record<string, Bilingual> = NAMES_OF_EVENTS;

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
