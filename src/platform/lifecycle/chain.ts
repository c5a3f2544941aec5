/**
 * One hash chain per item, for every item type: each event's hash covers the previous event's
 * hash and its own content, from the item's first event. The events tables are append-only (a
 * trigger refuses UPDATE and DELETE); the item row keeps the chain's head, so a deleted last
 * event shows too. Each event also records the hash of the item's state after it, so a current
 * row changed without an event shows against its last event. Table names come from the item
 * types' code, never from input.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/engine.js';
import { canonicalJson, chainHash, GENESIS_HASH } from './hash.js';
import type { EventChain, ItemStore } from './definition.js';
import type { EventRecord } from '../contract.js';

export { GENESIS_HASH };

export interface EventContent extends EventRecord {
  itemId: number;
  /** The item's state hash after the event; null on events written before events recorded it. */
  stateHash: string | null;
}

export interface ChainedEvent extends EventContent {
  prevHash: string;
  hash: string;
}

/** The state hash is hashed last and only when there is one, so events from before it keep their hashes. */
export function eventHash(prevHash: string, e: EventContent): string {
  const content = [e.itemId, e.seq, e.at, e.action, e.actorUserId, e.actorName, e.actorOfficeId, e.fromStatus, e.toStatus, e.data];
  return chainHash(prevHash, canonicalJson(e.stateHash === null ? content : [...content, e.stateHash]));
}

export function chainEvent(prevHash: string, e: EventContent): ChainedEvent {
  return { ...e, prevHash, hash: eventHash(prevHash, e) };
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** One insert of chained events: a statement of its own or the body of a `with` part. */
export function insertEventsSql(chain: EventChain, events: readonly ChainedEvent[]): SQL {
  return sql`insert into ${ident(chain.events)} (${ident(chain.itemColumn)}, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, state_hash, prev_hash, hash)
    select e."itemId", e.seq, e.at::timestamptz, e.action, e."actorUserId", e."actorName", e."actorOfficeId", e."fromStatus", e."toStatus", e.data, e."stateHash", e."prevHash", e.hash
    from json_to_recordset(${JSON.stringify(events)}::json) as e("itemId" bigint, seq int, at text, action text, "actorUserId" int, "actorName" text,
      "actorOfficeId" int, "fromStatus" text, "toStatus" text, data jsonb, "stateHash" text, "prevHash" text, hash text)`;
}

const eventColumns = (chain: EventChain) => sql`${ident(chain.itemColumn)} as "itemId", seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, action,
  actor_user_id as "actorUserId", actor_name as "actorName", actor_office_id as "actorOfficeId", from_status as "fromStatus", to_status as "toStatus",
  data, state_hash as "stateHash", prev_hash as "prevHash", hash`;

export async function listEvents(db: Db, chain: EventChain, itemId: number): Promise<ChainedEvent[]> {
  return queryRows<ChainedEvent>(db, sql`select ${eventColumns(chain)} from ${ident(chain.events)} where ${ident(chain.itemColumn)} = ${itemId} order by seq`);
}

export interface ChainProblem {
  itemId: number;
  seq: number;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  items: number;
  events: number;
  /** Items whose current state cannot be checked yet: their last event predates state hashes (or they have none). */
  uncovered: number;
  problems: ChainProblem[];
}

const PAGE = 5000;

/**
 * Walks every item's chain of one type in (item, seq) pages and compares each chain's end with
 * its item's head and the item's current state with the state its last event recorded; names
 * each event altered, missing or out of line and each item whose state differs. `label` names
 * the items in the messages (`case 12: event 3 (reply) was altered`).
 */
export async function verifyChains(db: Db, store: Pick<ItemStore<unknown, string>, 'chain' | 'state'>, label: string, onProgress?: (done: number, total: number) => void): Promise<ChainVerification> {
  const { chain } = store;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from ${ident(chain.events)}`);
  const problems: ChainProblem[] = [];
  let events = 0;
  let items = 0;
  let cursor = { itemId: 0, seq: 0 };
  let uncovered = 0;
  let current: { itemId: number; seq: number; hash: string; action?: string; stateHash?: string | null } = { itemId: -1, seq: 0, hash: GENESIS_HASH };
  const heads = new Map<number, { count: number; hash: string; state?: string }>();
  const readHeads = async (ids: number[]) => {
    const rows = await queryRows<{ id: number; event_count: number; last_event_hash: string }>(db,
      sql`select id, event_count, last_event_hash from ${ident(chain.items)} where id = any(${`{${ids.join(',')}}`}::bigint[])`);
    const states = await store.state.read(db, ids);
    for (const r of rows) heads.set(Number(r.id), { count: r.event_count, hash: r.last_event_hash, state: states.get(Number(r.id)) });
  };
  const closeItem = () => {
    if (current.itemId < 0) return;
    items++;
    const head = heads.get(current.itemId);
    if (head && (head.count !== current.seq || head.hash !== current.hash)) {
      problems.push({ itemId: current.itemId, seq: head.count, message: `${label} ${current.itemId}: its record says ${head.count} events but the chain ends at event ${current.seq} (events deleted or the record altered)` });
    } else if (head && !current.stateHash) {
      uncovered++;
    } else if (head && head.state !== current.stateHash) {
      problems.push({ itemId: current.itemId, seq: current.seq, message: `${label} ${current.itemId}: its current state differs from its last event (event ${current.seq}, ${current.action}): changed without an event` });
    }
    heads.delete(current.itemId);
  };
  for (;;) {
    const page = await queryRows<ChainedEvent>(db, sql`select ${eventColumns(chain)} from ${ident(chain.events)}
      where (${ident(chain.itemColumn)}, seq) > (${cursor.itemId}, ${cursor.seq}) order by ${ident(chain.itemColumn)}, seq limit ${PAGE}`);
    if (!page.length) break;
    await readHeads([...new Set(page.map((e) => e.itemId))]);
    for (const e of page) {
      if (e.itemId !== current.itemId) {
        closeItem();
        current = { itemId: e.itemId, seq: 0, hash: GENESIS_HASH };
      }
      if (e.seq !== current.seq + 1) problems.push({ itemId: e.itemId, seq: current.seq + 1, message: `${label} ${e.itemId}: events ${current.seq + 1}..${e.seq - 1} are missing` });
      else if (e.prevHash !== current.hash) problems.push({ itemId: e.itemId, seq: e.seq, message: `${label} ${e.itemId}: event ${e.seq} does not follow event ${current.seq}` });
      if (eventHash(e.prevHash, e) !== e.hash) problems.push({ itemId: e.itemId, seq: e.seq, message: `${label} ${e.itemId}: event ${e.seq} (${e.action}) was altered` });
      current = { itemId: e.itemId, seq: e.seq, hash: e.hash, action: e.action, stateHash: e.stateHash };
    }
    cursor = { itemId: page.at(-1)!.itemId, seq: page.at(-1)!.seq };
    events += page.length;
    onProgress?.(events, total);
  }
  closeItem();
  // An item whose record counts events none of which is left: every event deleted.
  const emptied = await queryRows<{ id: number; event_count: number }>(db, sql`select i.id, i.event_count from ${ident(chain.items)} i
    where i.event_count > 0 and not exists (select 1 from ${ident(chain.events)} e where e.${ident(chain.itemColumn)} = i.id) order by i.id limit 1000`);
  for (const r of emptied) {
    problems.push({ itemId: r.id, seq: 1, message: `${label} ${r.id}: its record says ${r.event_count} events but none is left (events deleted)` });
  }
  // Items from before their type had events (knowledge articles written before the kernel) have no state to compare with.
  const [{ eventless }] = await queryRows<{ eventless: number }>(db, sql`select count(*)::int as eventless from ${ident(chain.items)} where event_count = 0`);
  uncovered += eventless;
  return { ok: problems.length === 0, items, events, uncovered, problems };
}
