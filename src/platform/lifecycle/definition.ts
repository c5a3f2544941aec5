/**
 * How a work-item type declares itself to the lifecycle kernel (pure types, no I/O). A type's
 * *lifecycle* is data — its statuses, who may read it, and for each action the statuses it
 * starts from, where it leads, which (role, relation) pairs may take it and what in the item's
 * own state blocks it — so the server, the view and the web app read the same rules. Its
 * *commands* add the input schema and the effect. The runner (runner.ts) does everything the
 * actions have in common.
 */
import type { Static, TObject } from '@sinclair/typebox';
import type { Db } from '../db/engine.js';
import type { Actor, Role } from '../actor.js';
import type { Bilingual, BlockedReason } from '../contract.js';

export type { Bilingual, BlockedReason } from '../contract.js';

/** Anyone the item lets act: a role of the platform, or `public` (a citizen proving a secret). */
export type ActingRole = Role | 'public';

/** One (role, relation) pair that allows something: the actor has the role and stands in the relation to the item. */
export interface Permit<R extends string> {
  role: ActingRole;
  relation: R;
}

/** What every item's row carries for the kernel: its status, optimistic version and chain head. */
export interface ItemRow<S extends string = string> {
  id: number;
  status: S;
  version: number;
  eventCount: number;
  lastEventHash: string;
}

export interface ActionRule<Row, S extends string, R extends string> {
  label: Bilingual;
  from: readonly S[];
  /** Where the item goes; undefined keeps the status (a comment, a supervision notice). */
  to?: S;
  /** Any one of these pairs allows the action. */
  permits: readonly Permit<R>[];
  /** Why the item's own state refuses the action now, beyond its status (a pause can only be resumed…). */
  blockedBy?: (row: Row) => BlockedReason | null;
  /**
   * Taken without quoting the item's version: the action only adds to the item (a weekly note on
   * a plan), so nobody's copy of it goes stale. Its version then moves only when its status does.
   */
  unversioned?: boolean;
}

/**
 * How people create an item one at a time through the runner (a rectification plan drawn up for
 * its case). The runner checks it against a draft of the item — how it would start, built from
 * what it belongs to — as it checks an action against the item. A case's intake, batched, has
 * its own door.
 */
export interface CreateRule<Row, S extends string, R extends string> {
  label: Bilingual;
  /** The status a new item starts in, unless its command's changes say otherwise. */
  to: S;
  permits: readonly Permit<R>[];
  /** Why the draft may not become an item now (what it belongs to is in the wrong state…). */
  blockedBy?: (draft: Row) => BlockedReason | null;
}

export interface Lifecycle<Row extends ItemRow<S>, S extends string, R extends string, A extends string> {
  /** The subject type in events, notifications and the chain registry: `case`, `knowledge_article`… */
  type: string;
  label: Bilingual;
  statuses: Record<S, Bilingual>;
  /** Who may see an item at all; someone else is told it does not exist (404). */
  readers: readonly Permit<R>[];
  actions: Record<A, ActionRule<Row, S, R>>;
  /** How people create an item, when they do so through the runner (`createItem`). */
  create?: CreateRule<Row, S, R>;
  /** Closes the 403 sentence: "…needs the role X <scope>" (`in an office the case belongs to`). */
  scope: Bilingual;
  /** The error code of a 409 for the wrong status, when clients of the type already read one other than `wrong_status`. */
  wrongStatusCode?: string;
  /**
   * Answer 403 naming the roles before reading the item when none of the actor's roles could ever
   * take the action: for types whose items are no secret by existence (knowledge articles), where
   * naming the roles helps more than "not found". Cases keep 404 first.
   */
  rolesBeforeScope?: boolean;
}

/** What an action's effect is given: the locked row, the actor's standing, and the type's settings spread in (calendar, policy…). */
export type ActionContext<Row, R extends string, X> = X & {
  tx: Db;
  actor: Actor;
  row: Row;
  relations: R[];
  now: Date;
  /** The relation the actor proved outside their account (a citizen's lookup secret), if any. */
  proven?: R;
};

export interface ActionOutcome<Row> {
  /** Fields to change; `status` defaults to where the action leads. */
  changes?: Partial<Row>;
  /** What the event records beyond the status change. */
  event?: Record<string, unknown>;
  /** Work in the same transaction after the change (an event on a linked item). */
  after?: (tx: Db, updated: Row) => Promise<void>;
}

export interface ActionCommand<Row, R extends string, X extends object, I extends TObject = TObject> {
  summary: string;
  input: I;
  /** Null when the input changes nothing (a form saved as it was): the runner then writes nothing, no event and no new version. */
  apply(ctx: ActionContext<Row, R, X>, input: Static<I>): Promise<ActionOutcome<Row> | null> | ActionOutcome<Row> | null;
}

/** Where an item type keeps its rows and events. */
export interface ItemStore<Row, R extends string> {
  /** The events table and the item table whose rows head each chain. */
  chain: EventChain;
  lock(tx: Db, id: number): Promise<Row | null>;
  relationsOf(tx: Db, actor: Actor, row: Row): Promise<R[]>;
  /**
   * Writes the changed fields and the new chain head (`eventCount`, `lastEventHash`, `updatedAt`
   * and, unless `bumpVersion` is false, `version + 1`) in one statement.
   */
  update(tx: Db, before: Row, changes: Partial<Row>, head: ChainHead): Promise<void>;
  /** Inserts a new item's row (its version 1, its chain head at genesis) and returns its id: needed by types created through `createItem`. */
  insert?(tx: Db, row: Row): Promise<number>;
  /** The item's state as its events record it (`itemTable(…).state`). */
  state: ItemState<Row>;
}

/**
 * The hash of an item's state, which every event records of the item after it, so that `audit
 * verify` sees a current row changed behind the events' back.
 */
export interface ItemState<Row> {
  hash(row: Row): string;
  /** The stored rows' state hashes by id, read as the runner reads a row. */
  read(db: Db, ids: readonly number[]): Promise<Map<number, string>>;
}

/** Where an item's chain stands after an event, as its row records it. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: string;
  bumpVersion: boolean;
}

export interface EventChain {
  /** Events table: (<itemColumn>, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, state_hash, prev_hash, hash). */
  events: string;
  itemColumn: string;
  /** Item table with `id`, `event_count` and `last_event_hash`. */
  items: string;
}

export interface ItemType<Row extends ItemRow<S>, S extends string, R extends string, A extends string, X extends object = object> {
  lifecycle: Lifecycle<Row, S, R, A>;
  commands: { [K in A]: ActionCommand<Row, R, X> };
  /** The effect of the lifecycle's `create` rule: the draft's fields filled in from the input. */
  create?: ActionCommand<Row, R, X>;
  store: ItemStore<Row, R>;
  /** Read before the transaction and handed to every action. */
  settings(db: Db): Promise<X>;
}

/** Any item type, as registries and generic code hold it. */
export type AnyItemType = ItemType<any, any, any, any, any>;

export const defineCommand = <Row, R extends string, X extends object, I extends TObject>(c: ActionCommand<Row, R, X, I>) => c as unknown as ActionCommand<Row, R, X>;
