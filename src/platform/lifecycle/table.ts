/**
 * An item type's rows in one table, described by a column map: the select list, the reading of
 * a row (timestamps the same on both engines), the row lock the runner takes and the one
 * statement that writes an event's changes with the new chain head. Every item type keeps its
 * rows this way, so none writes its own UPDATE.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/engine.js';
import type { ChainHead, ItemRow, ItemState } from './definition.js';
import { stateHash } from './hash.js';

/** How a field travels to SQL. */
/** `date` is a calendar day read and written as YYYY-MM-DD text, never a Date (no time zone to shift it). */
export type ColumnKind = 'text' | 'int' | 'bool' | 'ts' | 'date' | 'jsonb' | 'intarr' | 'textarr';

export type ColumnMap<Row> = Record<keyof Row & string, readonly [column: string, kind: ColumnKind]>;

export function encodeValue(kind: ColumnKind, value: unknown): SQL {
  if (value === null || value === undefined) return sql`null`;
  switch (kind) {
    case 'ts': return sql`${(value as Date).toISOString()}::timestamptz`;
    case 'date': return sql`${value}::date`;
    case 'jsonb': return sql`${JSON.stringify(value)}::jsonb`;
    case 'intarr': return sql`${`{${(value as number[]).join(',')}}`}::integer[]`;
    case 'textarr': return sql`${`{${(value as string[]).map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
    default: return sql`${value}`;
  }
}

/**
 * A field's value as the state hash reads it: the same whether it comes from a command's changes
 * or from the stored row (a Date or its ISO text, an int8 as text, jsonb with its keys reordered).
 * Text is made well-formed as the database stores it (a lone surrogate becomes U+FFFD).
 */
function stateValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text': return wellFormed(String(value));
    case 'int': return Number(value);
    case 'bool': return value === true;
    case 'ts': return new Date(value as Date | string).toISOString();
    case 'date': return String(value);
    case 'jsonb': return JSON.parse(JSON.stringify(value));
    case 'intarr': return (value as unknown[]).map(Number);
    case 'textarr': return (value as unknown[]).map((s) => wellFormed(String(s)));
  }
}

// isWellFormed (ES2024, in Node 20) answers the usual case without running the replacement over the text.
const wellFormed = (s: string) => ((s as string & { isWellFormed(): boolean }).isWellFormed() ? s
  : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

export interface ItemTable<Row> {
  /** `select <this> from <table> <alias>`: camelCase keys, timestamps as ISO text. */
  select: SQL;
  toRow(r: Record<string, unknown>): Row;
  load(db: Db, id: number): Promise<Row | null>;
  /** Loads the row `for update`: the runner's lock. */
  lock(tx: Db, id: number): Promise<Row | null>;
  /** The changed fields and the chain head (`event_count`, `last_event_hash`, `updated_at`, `version + 1` unless not bumped) in one statement. */
  update(tx: Db, before: Row, changes: Partial<Row>, head: ChainHead): Promise<void>;
  /** A new row of the mapped fields the row gives, but its id and chain head (the table's defaults: version 1, no events); returns its id. */
  insert(tx: Db, row: Partial<Row>): Promise<number>;
  /** The row's state: every mapped field but the id and the chain head. */
  state: ItemState<Row>;
}

/** The kernel keeps these itself in `update`; an action's changes never set them, nor does an insert. */
const HEAD_FIELDS = new Set(['version', 'eventCount', 'lastEventHash', 'updatedAt']);

/** Not the item's state: its identity (each event names it) and the head the kernel keeps (checked against the chain itself). */
const NOT_STATE = new Set([...HEAD_FIELDS, 'id']);

export interface ItemTableOptions<Row> {
  /**
   * Fields added after items were written: left out of the state while null, so an item written
   * before them still hashes as its last event recorded it (a value set later is covered, and so
   * is its removal).
   */
  addedLater?: readonly (keyof Row & string)[];
}

export function itemTable<Row extends ItemRow>(table: string, alias: string, columns: ColumnMap<Row>, opts: ItemTableOptions<Row> = {}): ItemTable<Row> {
  const fields = Object.keys(columns) as (keyof Row & string)[];
  const timestamps = fields.filter((f) => columns[f][1] === 'ts');
  const select = sql.raw(fields.map((f) => {
    const [col, kind] = columns[f];
    if (kind === 'ts') return `to_char(${alias}.${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${f}"`;
    return kind === 'date' ? `to_char(${alias}.${col}, 'YYYY-MM-DD') as "${f}"` : `${alias}.${col} as "${f}"`;
  }).join(', '));
  const from = sql.raw(`${table} ${alias}`);
  const toRow = (r: Record<string, unknown>): Row => {
    const row = { ...r };
    for (const f of timestamps) row[f] = r[f] === null ? null : new Date(r[f] as string);
    return row as unknown as Row;
  };
  const read = async (db: Db, id: number, lock: boolean) => {
    const [r] = await queryRows<Record<string, unknown>>(db, sql`select ${select} from ${from} where ${sql.raw(alias)}.id = ${id}${lock ? sql` for update` : sql``}`);
    return r ? toRow(r) : null;
  };
  const stateFields = fields.filter((f) => !NOT_STATE.has(f)).sort();
  const later = new Set<string>(opts.addedLater ?? []);
  const hash = (row: Row) => stateHash(Object.fromEntries(stateFields
    .map((f) => [f, stateValue(columns[f][1], row[f])] as const)
    .filter(([f, v]) => v !== null || !later.has(f))));
  return {
    select, toRow,
    load: (db, id) => read(db, id, false),
    lock: (tx, id) => read(tx, id, true),
    async update(tx, before, changes, head) {
      const sets = Object.entries(changes).filter(([k]) => !HEAD_FIELDS.has(k)).map(([k, v]) => {
        const [col, kind] = columns[k as keyof Row & string];
        return sql`${sql.raw(col)} = ${encodeValue(kind, v)}`;
      });
      const version = head.bumpVersion ? [sql`version = version + 1`] : [];
      await tx.execute(sql`update ${sql.raw(table)} set ${sql.join([...sets, ...version, sql`event_count = ${head.seq}`, sql`last_event_hash = ${head.hash}`, sql`updated_at = ${head.at}::timestamptz`], sql`, `)}
        where id = ${before.id}`);
    },
    async insert(tx, row) {
      const given = fields.filter((f) => f !== 'id' && !HEAD_FIELDS.has(f) && row[f] !== undefined);
      const [r] = await queryRows<{ id: number }>(tx, sql`insert into ${sql.raw(table)} (${sql.raw(given.map((f) => columns[f][0]).join(', '))})
        values (${sql.join(given.map((f) => encodeValue(columns[f][1], row[f])), sql`, `)}) returning id`);
      return Number(r.id);
    },
    state: {
      hash,
      async read(db, ids) {
        const rows = await queryRows<Record<string, unknown>>(db, sql`select ${select} from ${from} where ${sql.raw(alias)}.id = any(${`{${ids.join(',')}}`}::bigint[])`);
        return new Map(rows.map((r) => [Number(r.id), hash(toRow(r))]));
      },
    },
  };
}
