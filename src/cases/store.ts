/** Reading and writing case rows and their hash-chained events (I/O; the rules live elsewhere). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { SQL } from 'drizzle-orm';
import { appendEvent, listEvents, type EventChain, type EventInput, type ItemStore } from '../platform/lifecycle/index.js';
import type { CaseRow } from './record.js';
import type { CaseEvent } from './contract.js';
import { CASE_LIFECYCLE, type Relation } from './lifecycle.js';
import { relationsTo } from './access.js';

type Kind = 'text' | 'int' | 'bool' | 'ts' | 'jsonb' | 'intarr' | 'textarr';

/** Column of each field, and how to pass it to SQL. */
const COLUMNS: Record<keyof CaseRow, [string, Kind]> = {
  id: ['id', 'int'], code: ['code', 'text'], channel: ['channel', 'text'], type: ['type', 'text'], priority: ['priority', 'text'],
  status: ['status', 'text'], title: ['title', 'text'], content: ['content', 'text'], address: ['address', 'text'],
  regionCode: ['region_code', 'text'], categoryId: ['category_id', 'int'], requesterKind: ['requester_kind', 'text'],
  requesterName: ['requester_name', 'text'], requesterPhone: ['requester_phone', 'text'], requesterUscc: ['requester_uscc', 'text'],
  requesterUserId: ['requester_user_id', 'int'], confidential: ['confidential', 'bool'], intakeOfficeId: ['intake_office_id', 'int'],
  leadOfficeId: ['lead_office_id', 'int'], assistingOfficeIds: ['assisting_office_ids', 'intarr'], acceptedAt: ['accepted_at', 'ts'],
  dispatchedAt: ['dispatched_at', 'ts'], signedAt: ['signed_at', 'ts'], repliedAt: ['replied_at', 'ts'], reviewedAt: ['reviewed_at', 'ts'],
  closedAt: ['closed_at', 'ts'], clockStartedAt: ['clock_started_at', 'ts'], signDueAt: ['sign_due_at', 'ts'], replyDueAt: ['reply_due_at', 'ts'], clockPausedAt: ['clock_paused_at', 'ts'],
  pausedMinutes: ['paused_minutes', 'int'], extensionDays: ['extension_days', 'int'], extensionsGranted: ['extensions_granted', 'int'],
  pendingExtension: ['pending_extension', 'jsonb'], dueState: ['due_state', 'text'], wasOverdue: ['was_overdue', 'bool'],
  signLate: ['sign_late', 'bool'], replyLate: ['reply_late', 'bool'], reply: ['reply', 'text'], outcome: ['outcome', 'text'],
  visit: ['visit', 'jsonb'], evaluation: ['evaluation', 'jsonb'], supervisionLevel: ['supervision_level', 'text'],
  returnCount: ['return_count', 'int'], transferCount: ['transfer_count', 'int'], reopenCount: ['reopen_count', 'int'],
  escalationLevel: ['escalation_level', 'int'], mergedIntoId: ['merged_into_id', 'int'], eventCount: ['event_count', 'int'],
  lastEventHash: ['last_event_hash', 'text'], version: ['version', 'int'], updatedAt: ['updated_at', 'ts'],
};

const FIELDS = Object.keys(COLUMNS) as (keyof CaseRow)[];
const TIMESTAMP_FIELDS = FIELDS.filter((f) => COLUMNS[f][1] === 'ts');

/** Select list giving camelCase keys, timestamps as ISO text (the same on both engines). */
export const CASE_SELECT = sql.raw(FIELDS.map((f) => {
  const [col, kind] = COLUMNS[f];
  return kind === 'ts' ? `to_char(c.${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${f}"` : `c.${col} as "${f}"`;
}).join(', '));

export function toCaseRow(r: Record<string, unknown>): CaseRow {
  const row = { ...r } as Record<string, unknown>;
  for (const f of TIMESTAMP_FIELDS) row[f] = r[f] === null ? null : new Date(r[f] as string);
  return row as unknown as CaseRow;
}

export function encode(kind: Kind, value: unknown): SQL {
  if (value === null || value === undefined) return sql`null`;
  switch (kind) {
    case 'ts': return sql`${(value as Date).toISOString()}::timestamptz`;
    case 'jsonb': return sql`${JSON.stringify(value)}::jsonb`;
    case 'intarr': return sql`${`{${(value as number[]).join(',')}}`}::integer[]`;
    case 'textarr': return sql`${`{${(value as string[]).map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
    default: return sql`${value}`;
  }
}

export async function lockCase(tx: Db, id: number): Promise<CaseRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(tx, sql`select ${CASE_SELECT} from cases c where c.id = ${id} for update`);
  return r ? toCaseRow(r) : null;
}

export async function loadCase(db: Db, id: number): Promise<CaseRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`select ${CASE_SELECT} from cases c where c.id = ${id}`);
  return r ? toCaseRow(r) : null;
}

export async function loadCaseByCode(db: Db, code: string): Promise<CaseRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`select ${CASE_SELECT} from cases c where c.code = ${code}`);
  return r ? toCaseRow(r) : null;
}

/** Each case's events form their own chain (the kernel's, src/platform/lifecycle/chain.ts). */
export const CASE_CHAIN: EventChain = { events: 'case_events', itemColumn: 'case_id', items: 'cases' };

/** Applies the changed fields and the new chain head in one statement. */
async function updateCase(tx: Db, before: CaseRow, changes: Partial<CaseRow>, head: { seq: number; hash: string; at: string; bumpVersion: boolean }): Promise<void> {
  const sets = Object.entries(changes).filter(([k]) => k !== 'version' && k !== 'eventCount' && k !== 'lastEventHash')
    .map(([k, v]) => {
      const [col, kind] = COLUMNS[k as keyof CaseRow];
      return sql`${sql.raw(col)} = ${encode(kind, v)}`;
    });
  const version = head.bumpVersion ? [sql`version = version + 1`] : [];
  await tx.execute(sql`update cases set ${sql.join([...sets, ...version, sql`event_count = ${head.seq}`, sql`last_event_hash = ${head.hash}`, sql`updated_at = ${head.at}::timestamptz`], sql`, `)}
    where id = ${before.id}`);
}

export const CASE_STORE: ItemStore<CaseRow, Relation> = { chain: CASE_CHAIN, lock: lockCase, relationsOf: (tx, actor, row) => relationsTo(tx, actor, row), update: updateCase };

/** Appends an event to a locked case with the changes it records (the kernel runs the subscribers). */
export function appendCaseEvent(tx: Db, before: CaseRow, changes: Partial<CaseRow>, event: EventInput, opts: { bumpVersion?: boolean } = {}): Promise<CaseRow> {
  return appendEvent(tx, { lifecycle: CASE_LIFECYCLE, store: CASE_STORE }, before, changes, event, opts);
}

/** An event as stored and as the timeline API answers it. */
export type StoredCaseEvent = CaseEvent;

export async function listCaseEvents(db: Db, caseId: number): Promise<StoredCaseEvent[]> {
  return (await listEvents(db, CASE_CHAIN, caseId)).map(({ itemId, ...e }) => ({ caseId: itemId, ...e }) as StoredCaseEvent);
}
