/** The kernel's pure rules: who may read an item, who may take an action now, and why not. */
import type { ActingRole, ItemRow, Lifecycle, Permit } from './definition.js';
import type { BlockedAction } from '../contract.js';

export type Refusal<S extends string, R extends string> =
  | { kind: 'role'; needs: readonly Permit<R>[] }
  | { kind: 'status'; status: S; allowedFrom: readonly S[] };

const permitted = <R extends string>(permits: readonly Permit<R>[], roles: readonly ActingRole[], relations: readonly R[]) =>
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
