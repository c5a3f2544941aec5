/**
 * The one runner of every work item's actions, and the one writer of its events. In one
 * transaction: lock the row, work out how the actor stands to it, answer 404 when they may not
 * see it, 403 naming the roles when they may not take the action, 409 on a stale version, 409
 * naming the status when the status does not allow it, 409 when the item's state blocks it (400
 * when correcting the item fixes it); then
 * apply, append the event to the item's chain, run the subscribers and return the new row.
 * Creating an item one at a time (`createItem`) goes through the same checks against its draft.
 */
import type { Db } from '../db/engine.js';
import type { Actor } from '../actor.js';
import { ROLE_NAMES } from '../actor.js';
import { AppError, forbidden, notFound, staleVersion } from '../errors.js';
import type { ActingRole, AnyItemType, Bilingual, BlockedReason, ItemRow, ItemType, Permit } from './definition.js';
import { canRead, checkAction, permitted, wrongStatus } from './rules.js';
import { chainEvent, GENESIS_HASH, insertEventsSql, type ChainedEvent, type EventContent } from './chain.js';
import { publish } from './subscribers.js';

export interface ActionRequest<A extends string, R extends string> {
  id: number;
  action: A;
  /** The version the caller last read; none for an `unversioned` action. */
  version?: number;
  input: Record<string, unknown>;
  /** When the action happened: now, unless the demo history replays the past (never from a request). */
  at?: Date;
  /** A standing proved outside the actor's account (a citizen's lookup secret): acts as `public` in that relation. */
  proven?: R;
}

/** A refusal inside an action's own rules (extension days beyond the policy…). */
export const actionRefused = (code: string, zh: string, en: string, status = 409) => new AppError(status, code, zh, en);

/** 403 naming the roles that would allow it; `what` is the refused deed (「对此诉求派单」, "dispatch this case"). */
function roleRefused(needs: readonly Permit<string>[], what: Bilingual, scope: Bilingual): AppError {
  const roles = [...new Set(needs.map((n) => n.role))].filter((r): r is keyof typeof ROLE_NAMES => r !== 'public');
  return forbidden(
    `您无权${what.zh}：需要 ${roles.map((r) => ROLE_NAMES[r].zh).join('、')} ${scope.zh}`,
    `You may not ${what.en}: it needs the role ${roles.map((r) => ROLE_NAMES[r].en).join(' or ')} ${scope.en}`,
  );
}

/** 409 with the reason's code and the item's status, unless the reason names another's (the status of what the item follows). */
const blockedConflict = (blocked: BlockedReason, status: string) =>
  new AppError(blocked.httpStatus ?? 409, blocked.code, blocked.zh, blocked.en, { status, ...blocked.details });

/** The deed an action's 403 names: 「对此诉求派单」, "dispatch this case". */
const deed = (lifecycle: { label: Bilingual }, action: Bilingual): Bilingual => ({ zh: `对此${lifecycle.label.zh}${action.zh}`, en: `${action.en} this ${lifecycle.label.en}` });

/** Runs one action of an item type: every check, the change, its event and the subscribers, in one transaction. */
export async function runAction<Row extends ItemRow<S>, S extends string, R extends string, A extends string, X extends object>(
  db: Db, type: ItemType<Row, S, R, A, X>, actor: Actor, req: ActionRequest<A, R>,
): Promise<Row> {
  const { lifecycle, store } = type;
  const command = type.commands[req.action];
  const rule = lifecycle.actions[req.action];
  const roles: ActingRole[] = req.proven ? [...actor.roles, 'public'] : [...actor.roles];
  if (lifecycle.rolesBeforeScope && !rule.permits.some((p) => roles.includes(p.role))) throw roleRefused(rule.permits, deed(lifecycle, rule.label), lifecycle.scope);
  const settings = await type.settings(db);
  return db.transaction(async (tx) => {
    const row = await store.lock(tx, req.id);
    if (!row) throw notFound(lifecycle.label, req.id);
    const relations = await store.relationsOf(tx, actor, row);
    if (req.proven) relations.push(req.proven);
    if (!canRead(lifecycle, roles, relations)) throw notFound(lifecycle.label, req.id);
    const refusal = checkAction(lifecycle, req.action, row.status, roles, relations);
    if (refusal?.kind === 'role') throw roleRefused(refusal.needs, deed(lifecycle, rule.label), lifecycle.scope);
    if (!rule.unversioned && row.version !== req.version) throw staleVersion(lifecycle.label, row.version);
    if (refusal) throw blockedConflict(wrongStatus(lifecycle, rule.label, refusal.status, refusal.allowedFrom), row.status);
    const blocked = rule.blockedBy?.(row);
    if (blocked) throw blockedConflict(blocked, row.status);
    const now = req.at ?? new Date();
    const outcome = await command.apply({ ...settings, tx, actor, row, relations, now, proven: req.proven }, req.input as never);
    if (!outcome) return row;
    const status: S = (outcome.changes?.status as S | undefined) ?? rule.to ?? row.status;
    const updated = await appendEvent(tx, type, row, { ...outcome.changes, status } as Partial<Row>, {
      at: now.toISOString(), action: req.action, actor, data: outcome.event ?? {},
    }, { bumpVersion: !rule.unversioned || status !== row.status });
    await outcome.after?.(tx, updated);
    return updated;
  });
}

export interface CreateRequest<Row> {
  /** What the new item belongs to (a plan's case): the 404 names it when it does not exist or the actor may not see the draft. */
  under: { label: Bilingual; id: number };
  /** The item as it would start, built inside the transaction (locking what it belongs to); null when that does not exist. */
  draft(tx: Db): Promise<Row | null>;
  input: Record<string, unknown>;
  at?: Date;
}

/**
 * Creates one item through the lifecycle's `create` rule: 404 when the actor may not see the
 * draft, 403 naming the roles, 409 when the draft is blocked; then the command fills the draft
 * in, the row is inserted and its first event (`create`) starts its chain from genesis, with the
 * subscribers told (`before` null), all in one transaction.
 */
export async function createItem<Row extends ItemRow<S>, S extends string, R extends string, A extends string, X extends object>(
  db: Db, type: ItemType<Row, S, R, A, X>, actor: Actor, req: CreateRequest<Row>,
): Promise<Row> {
  const { lifecycle, store } = type;
  const rule = lifecycle.create;
  const command = type.create;
  const insert = store.insert;
  if (!rule || !command || !insert) throw new Error(`lifecycle: ${lifecycle.type} items are not created through the runner`);
  const settings = await type.settings(db);
  return db.transaction(async (tx) => {
    const draft = await req.draft(tx);
    if (!draft) throw notFound(req.under.label, req.under.id);
    const relations = await store.relationsOf(tx, actor, draft);
    if (!canRead(lifecycle, actor.roles, relations)) throw notFound(req.under.label, req.under.id);
    if (!permitted(rule.permits, actor.roles, relations)) throw roleRefused(rule.permits, { zh: `${rule.label.zh}${lifecycle.label.zh}`, en: `${rule.label.en} a ${lifecycle.label.en}` }, lifecycle.scope);
    const blocked = rule.blockedBy?.(draft);
    if (blocked) throw blockedConflict(blocked, draft.status);
    const now = req.at ?? new Date();
    const outcome = await command.apply({ ...settings, tx, actor, row: draft, relations, now }, req.input as never);
    if (!outcome) throw new Error(`lifecycle: creating a ${lifecycle.type} must give its fields`);
    const row = { ...draft, ...outcome.changes, status: outcome.changes?.status ?? rule.to, version: 1, eventCount: 0, lastEventHash: GENESIS_HASH } as Row;
    const id = await insert(tx, row);
    // As stored, with what the table's defaults filled in: the state the first event records.
    const stored = (await store.lock(tx, id))!;
    const after = await recordCreation(tx, type, stored, { at: now.toISOString(), action: 'create', actor, data: outcome.event ?? {} });
    await outcome.after?.(tx, after);
    return after;
  });
}

/**
 * Starts a new item's chain with the event that created it (from no status to the row's own),
 * inside the transaction that inserted the row (version 1, chain head at genesis); subscribers
 * are told with `before` null. `row` is the row as stored: its first event records its state.
 */
export async function recordCreation<Row extends ItemRow>(tx: Db, type: Pick<AnyItemType, 'lifecycle' | 'store'>, row: Row, e: EventInput): Promise<Row> {
  const event = chainEvent(GENESIS_HASH, {
    itemId: row.id, seq: 1, at: e.at, action: e.action, actorUserId: e.actor.userId, actorName: e.actor.name, actorOfficeId: e.actor.officeId,
    fromStatus: null, toStatus: row.status, data: e.data, stateHash: type.store.state.hash(row),
  });
  await type.store.update(tx, row, {}, { seq: event.seq, hash: event.hash, at: event.at, bumpVersion: false });
  await tx.execute(insertEventsSql(type.store.chain, [event]));
  const after = { ...row, eventCount: event.seq, lastEventHash: event.hash, updatedAt: new Date(event.at) } as Row;
  await publish(tx, { type: type.lifecycle.type, event, before: null, after });
  return after;
}

export interface EventInput {
  at: string;
  action: string;
  actor: Pick<Actor, 'userId' | 'name' | 'officeId'>;
  data: Record<string, unknown>;
}

/**
 * Appends one event to a locked item's chain with the changes it records and the state they
 * leave it in, then runs the subscribers. A system change of derived fields (a deadline sweep) passes `bumpVersion: false`,
 * so it never turns a person's next action into a conflict.
 */
export async function appendEvent<Row extends ItemRow>(
  tx: Db, type: Pick<AnyItemType, 'lifecycle' | 'store'>, before: Row, changes: Partial<Row>, e: EventInput, opts: { bumpVersion?: boolean } = {},
): Promise<Row> {
  const bumpVersion = opts.bumpVersion !== false;
  const changed = { ...before, ...changes } as Row;
  const content: EventContent = {
    itemId: before.id, seq: before.eventCount + 1, at: e.at, action: e.action, actorUserId: e.actor.userId, actorName: e.actor.name,
    actorOfficeId: e.actor.officeId, fromStatus: before.status, toStatus: changes.status ?? before.status, data: e.data, stateHash: type.store.state.hash(changed),
  };
  const event: ChainedEvent = chainEvent(before.lastEventHash, content);
  await type.store.update(tx, before, changes, { seq: event.seq, hash: event.hash, at: event.at, bumpVersion });
  await tx.execute(insertEventsSql(type.store.chain, [event]));
  const after = { ...changed, version: before.version + (bumpVersion ? 1 : 0), eventCount: event.seq, lastEventHash: event.hash, updatedAt: new Date(event.at) } as Row;
  await publish(tx, { type: type.lifecycle.type, event, before, after });
  return after;
}
