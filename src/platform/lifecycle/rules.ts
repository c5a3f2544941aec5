/** The kernel's pure rules: who may read an item, who may take an action now, and why not. */
import type { ActingRole, ItemRow, Lifecycle, Permit } from './definition.js';
import type { Bilingual, BlockedAction, BlockedReason } from '../contract.js';

export type Refusal<S extends string, R extends string> =
  | { kind: 'role'; needs: readonly Permit<R>[] }
  | { kind: 'status'; status: S; allowedFrom: readonly S[] };

/** True when the actor holds one of the (role, relation) pairs. */
export const permitted = <R extends string>(permits: readonly Permit<R>[], roles: readonly ActingRole[], relations: readonly R[]) =>
  permits.some((p) => roles.includes(p.role) && relations.includes(p.relation));

export function canRead<R extends string>(lifecycle: { readers: readonly Permit<R>[] }, roles: readonly ActingRole[], relations: readonly R[]): boolean {
  return permitted(lifecycle.readers, roles, relations);
}

/** Null when the role and status allow the action; otherwise why not, for a 403 (role) or a 409 (status). */
export function checkAction<Row extends ItemRow<S>, S extends string, R extends string, A extends string>(
  lifecycle: Lifecycle<Row, S, R, A>, action: A, status: S, roles: readonly ActingRole[], relations: readonly R[],
): Refusal<S, R> | null {
  const rule = lifecycle.actions[action];
  if (!permitted(rule.permits, roles, relations)) return { kind: 'role', needs: rule.permits };
  if (!rule.from.includes(status)) return { kind: 'status', status, allowedFrom: rule.from };
  return null;
}

/**
 * The refusal of an action that the status does not allow, in the words every item type uses. An
 * item whose actions follow another item's status (a plan follows its case) refuses in the same
 * words, naming that item: `item` is whichever item's status refuses.
 */
export function wrongStatus<S extends string>(
  item: { label: Bilingual; statuses: Record<S, Bilingual>; wrongStatusCode?: string }, action: Bilingual, status: S, allowedFrom: readonly S[],
): BlockedReason {
  const { label, statuses } = item;
  return {
    code: item.wrongStatusCode ?? 'wrong_status',
    zh: `${label.zh}当前状态为「${statuses[status].zh}」，不能${action.zh}（仅限：${allowedFrom.map((s) => statuses[s].zh).join('、')}）`,
    en: `The ${label.en} is ${statuses[status].en}; it cannot ${action.en} now (only when ${allowedFrom.map((s) => statuses[s].en).join(', ')})`,
    details: { status, allowedFrom },
  };
}

/** Whether the viewer may create an item like the draft now: the create button of a view. */
export function mayCreate<Row extends ItemRow<S>, S extends string, R extends string, A extends string>(
  lifecycle: Lifecycle<Row, S, R, A>, draft: Row, roles: readonly ActingRole[], relations: readonly R[],
): boolean {
  const rule = lifecycle.create;
  return !!rule && permitted(rule.permits, roles, relations) && !rule.blockedBy?.(draft);
}

/** The actions open to the viewer now, and those the item's state blocks with the reason: what a view carries. */
export function actionsFor<Row extends ItemRow<S>, S extends string, R extends string, A extends string>(
  lifecycle: Lifecycle<Row, S, R, A>, row: Row, roles: readonly ActingRole[], relations: readonly R[],
): { actions: A[]; blockedActions: BlockedAction<A>[] } {
  const actions: A[] = [];
  const blockedActions: BlockedAction<A>[] = [];
  for (const action of Object.keys(lifecycle.actions) as A[]) {
    if (checkAction(lifecycle, action, row.status, roles, relations)) continue;
    const reason = lifecycle.actions[action].blockedBy?.(row) ?? null;
    if (reason) blockedActions.push({ action, code: reason.code, messageZh: reason.zh, messageEn: reason.en });
    else actions.push(action);
  }
  return { actions, blockedActions };
}
