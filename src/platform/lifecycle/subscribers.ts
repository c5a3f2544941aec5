/**
 * Reactions to events, in the event's own transaction (as Outline's queue processors declare the
 * events they apply to and a `perform`): a module that writes an event never knows who follows
 * it. Subscribers are assembled once, by the application entry, from the module manifests; the
 * kernel refuses to write an event before then, so a forgotten assembly fails loudly rather than
 * losing figures or notices.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import type { ChainedEvent } from './chain.js';

export interface ItemChange<Row = unknown> {
  /** The item type (`case`, `knowledge_article`…). */
  type: string;
  event: ChainedEvent;
  /** The item before the event; null when the event created it. */
  before: Row | null;
  after: Row;
}

export interface Subscriber<Row = unknown> {
  name: string;
  /** The item type followed. */
  type: string;
  /** The event actions followed; all of the type's when absent. */
  actions?: readonly string[];
  perform(tx: Db, change: ItemChange<Row>): Promise<void>;
  /**
   * For items created in bulk (group-committed intake): writes to run as parts of the creating
   * statement instead of `perform` per item, so the batch stays one round trip.
   */
  createdInBulk?(changes: readonly ItemChange<Row>[]): SQL[];
}

let assembled: readonly Subscriber[] | null = null;

/** Called once by the application entry with every manifest's subscribers. */
export function installSubscribers(subscribers: readonly Subscriber[]): void {
  assembled = [...subscribers];
}

function installed(): readonly Subscriber[] {
  if (!assembled) throw new Error('lifecycle: subscribers not installed — import the application (src/app.ts) before writing events');
  return assembled;
}

const follows = (s: Subscriber, type: string, action: string) => s.type === type && (!s.actions || s.actions.includes(action));

/** Runs every subscriber of the change, in order, inside `tx`: one that throws rolls the event back. */
export async function publish<Row>(tx: Db, change: ItemChange<Row>): Promise<void> {
  for (const s of installed()) if (follows(s, change.type, change.event.action)) await (s as Subscriber<Row>).perform(tx, change);
}

/**
 * The statement parts that bring every subscriber up to date with items created together (or
 * moved on together by the statement that follows their creation, as 免申即享 grants their pushes).
 * A subscriber of such events must offer the bulk form: the writing statement is all there is.
 */
export function bulkCreateWrites<Row>(type: string, changes: readonly ItemChange<Row>[]): SQL[] {
  const writes: SQL[] = [];
  for (const s of installed() as Subscriber<Row>[]) {
    const followed = changes.filter((c) => follows(s, type, c.event.action));
    if (!followed.length) continue;
    if (!s.createdInBulk) throw new Error(`lifecycle: subscriber ${s.name} follows ${type} creations but has no bulk form`);
    writes.push(...s.createdInBulk(followed));
  }
  return writes;
}
