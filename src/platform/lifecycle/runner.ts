/**
 * The one runner of every work item's actions, and the one writer of its events. In one
 * transaction: lock the row, work out how the actor stands to it, answer 404 when they may not
 * see it, 403 naming the roles when they may not take the action, 409 on a stale version, 409
 * naming the status when the status does not allow it, 409 when the item's state blocks it; then
 * apply, append the event to the item's chain, run the subscribers and return the new row.
 */
import type { Db } from '../db/engine.js';
import type { Actor } from '../actor.js';
import { ROLE_NAMES } from '../actor.js';
import { AppError, conflict, forbidden, notFound, staleVersion } from '../errors.js';
import type { ActingRole, AnyItemType, Bilingual, ItemRow, ItemType, Lifecycle, Permit } from './definition.js';
import { canRead, checkAction } from './rules.js';
import { chainEvent, GENESIS_HASH, insertEventsSql, type ChainedEvent, type EventContent } from './chain.js';
import { publish } from './subscribers.js';

export interface ActionRequest<A extends string, R extends string> {
  id: number;
  action: A;
  /** The version the caller last read. */
  version: number;
  input: Record<string, unknown>;
  /** When the action happened: now, unless the demo history replays the past (never from a request). */
  at?: Date;
  /** A standing proved outside the actor's account (a citizen's lookup secret): acts as `public` in that relation. */
  proven?: R;
}

/** A refusal inside an action's own rules (extension days beyond the policy…). */
export const actionRefused = (code: string, zh: string, en: string, status = 409) => new AppError(status, code, zh, en);

type Wording = Pick<Lifecycle<ItemRow, string, string, string>, 'label' | 'statuses' | 'scope' | 'wrongStatusCode'>;

/** 403 naming the roles the action needs. */
function refuseRole(lifecycle: Wording, name: Bilingual, needs: readonly Permit<string>[]): AppError {
  const { label } = lifecycle;
  const roles = [...new Set(needs.map((n) => n.role))].filter((r): r is keyof typeof ROLE_NAMES => r !== 'public');
  return forbidden(
    `您无权对此${label.zh}${name.zh}：需要 ${roles.map((r) => ROLE_NAMES[r].zh).join('、')} ${lifecycle.scope.zh}`,
    `You may not ${name.en} this ${label.en}: it needs the role ${roles.map((r) => ROLE_NAMES[r].en).join(' or ')} ${lifecycle.scope.en}`,
  );
}

/** 409 naming the item's status and the statuses the action starts from. */
function refuseStatus(lifecycle: Wording, name: Bilingual, status: string, allowedFrom: readonly string[]): AppError {
  const { label, statuses } = lifecycle;
  return conflict(lifecycle.wrongStatusCode ?? 'wrong_status',
    `${label.zh}当前状态为「${statuses[status].zh}」，不能${name.zh}（仅限：${allowedFrom.map((s) => statuses[s].zh).join('、')}）`,
    `The ${label.en} is ${statuses[status].en}; it cannot ${name.en} now (only when ${allowedFrom.map((s) => statuses[s].en).join(', ')})`,
    { status, allowedFrom });
}

/** Runs one action of an item type: every check, the change, its event and the subscribers, in one transaction. */
export async function runAction<Row extends ItemRow<S>, S extends string, R extends string, A extends string, X extends object>(
  db: Db, type: ItemType<Row, S, R, A, X>, actor: Actor, req: ActionRequest<A, R>,
): Promise<Row> {
  const { lifecycle, store } = type;
  const command = type.commands[req.action];
  const settings = await type.settings(db);
  const roles: ActingRole[] = req.proven ? [...actor.roles, 'public'] : [...actor.roles];
  const rule = lifecycle.actions[req.action];
  if (lifecycle.rolesBeforeScope && !rule.permits.some((p) => roles.includes(p.role))) {
    throw refuseRole(lifecycle, rule.label, rule.permits);
  }
  return db.transaction(async (tx) => {
    const row = await store.lock(tx, req.id);
    if (!row) throw notFound(lifecycle.label, req.id);
    const relations = await store.relationsOf(tx, actor, row);
    if (req.proven) relations.push(req.proven);
    if (!canRead(lifecycle, roles, relations)) throw notFound(lifecycle.label, req.id);
    const refusal = checkAction(lifecycle, req.action, row.status, roles, relations);
    if (refusal?.kind === 'role') throw refuseRole(lifecycle, rule.label, refusal.needs);
    if (row.version !== req.version) throw staleVersion(lifecycle.label, row.version);
    if (refusal) throw refuseStatus(lifecycle, rule.label, row.status, refusal.allowedFrom);
    const blocked = rule.blockedBy?.(row);
    if (blocked) throw new AppError(blocked.httpStatus ?? 409, blocked.code, blocked.zh, blocked.en, { status: row.status });
    const now = req.at ?? new Date();
    const outcome = await command.apply({ ...settings, tx, actor, row, relations, now, proven: req.proven }, req.input as never);
    const status: S = (outcome.changes?.status as S | undefined) ?? rule.to ?? row.status;
    const updated = await appendEvent(tx, type, row, { ...outcome.changes, status } as Partial<Row>, {
      at: now.toISOString(), action: req.action, actor, data: outcome.event ?? {},
    });
    await outcome.after?.(tx, updated);
    return updated;
  });
}

export interface EventInput {
  at: string;
  action: string;
  actor: Pick<Actor, 'userId' | 'name' | 'officeId'>;
  data: Record<string, unknown>;
}

/**
 * Starts a new item's chain with the event that created it (from no status to the row's own),
 * inside the transaction that inserted the row; the row keeps its version 1.
 */
export async function recordCreation<Row extends ItemRow>(tx: Db, type: Pick<AnyItemType, 'lifecycle' | 'store'>, row: Row, e: EventInput): Promise<Row> {
  const fresh = { ...row, status: null, eventCount: 0, lastEventHash: GENESIS_HASH } as unknown as Row;
  return appendEvent(tx, type, fresh, { status: row.status } as Partial<Row>, e, { bumpVersion: false });
}

/**
 * Appends one event to a locked item's chain with the changes it records, then runs the
 * subscribers. A system change of derived fields (a deadline sweep) passes `bumpVersion: false`,
 * so it never turns a person's next action into a conflict.
 */
export async function appendEvent<Row extends ItemRow>(
  tx: Db, type: Pick<AnyItemType, 'lifecycle' | 'store'>, before: Row, changes: Partial<Row>, e: EventInput, opts: { bumpVersion?: boolean } = {},
): Promise<Row> {
  const content: EventContent = {
    itemId: before.id, seq: before.eventCount + 1, at: e.at, action: e.action, actorUserId: e.actor.userId, actorName: e.actor.name,
    actorOfficeId: e.actor.officeId, fromStatus: before.status, toStatus: changes.status ?? before.status, data: e.data,
  };
  const event: ChainedEvent = chainEvent(before.lastEventHash, content);
  const bumpVersion = opts.bumpVersion !== false;
  await type.store.update(tx, before, changes, { seq: event.seq, hash: event.hash, at: event.at, bumpVersion });
  await tx.execute(insertEventsSql(type.store.chain, [event]));
  const after = { ...before, ...changes, version: before.version + (bumpVersion ? 1 : 0), eventCount: event.seq, lastEventHash: event.hash, updatedAt: new Date(event.at) } as Row;
  await publish(tx, { type: type.lifecycle.type, event, before, after });
  return after;
}
