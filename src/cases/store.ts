/** Reading and writing case rows and their hash-chained events (I/O; the rules live elsewhere). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { SQL } from 'drizzle-orm';
import { canonicalJson, chainHash, GENESIS_HASH } from '../audit/chain.js';
import type { CaseRow } from './record.js';
import type { CaseEvent, CaseEventContent } from './contract.js';
import { recordCaseFigures } from '../evaluation/index.js';

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

export type { CaseEventContent } from './contract.js';

/** Each case's events form their own chain: the hash covers the previous event's hash and this one's content. */
export function caseEventHash(prevHash: string, e: CaseEventContent): string {
  return chainHash(prevHash, canonicalJson([e.caseId, e.seq, e.at, e.action, e.actorUserId, e.actorName, e.actorOfficeId, e.fromStatus, e.toStatus, e.data]));
}

export { GENESIS_HASH };

/** Applies the changed fields, bumps version and the event chain head, and appends the event — one round trip each. */
export async function writeCaseChange(
  tx: Db, before: CaseRow, changes: Partial<CaseRow>, event: Omit<CaseEventContent, 'caseId' | 'seq' | 'fromStatus' | 'toStatus'>,
  // A system change of derived fields (the deadline sweep) keeps the version, so that it never
  // turns a person's next action on the case into a conflict.
  opts: { bumpVersion?: boolean } = {},
): Promise<string> {
  const toStatus = changes.status ?? before.status;
  const content: CaseEventContent = { ...event, caseId: before.id, seq: before.eventCount + 1, fromStatus: before.status, toStatus };
  const hash = caseEventHash(before.lastEventHash, content);
  const sets = Object.entries(changes).filter(([k]) => k !== 'version' && k !== 'eventCount' && k !== 'lastEventHash')
    .map(([k, v]) => {
      const [col, kind] = COLUMNS[k as keyof CaseRow];
      return sql`${sql.raw(col)} = ${encode(kind, v)}`;
    });
  const version = opts.bumpVersion === false ? [] : [sql`version = version + 1`];
  await tx.execute(sql`update cases set ${sql.join([...sets, ...version, sql`event_count = ${content.seq}`, sql`last_event_hash = ${hash}`, sql`updated_at = ${content.at}::timestamptz`], sql`, `)}
    where id = ${before.id}`);
  await insertEvents(tx, [{ ...content, prevHash: before.lastEventHash, hash }]);
  await recordCaseFigures(tx, before.id, content);
  return hash;
}

export async function insertEvents(tx: Db, events: (CaseEventContent & { prevHash: string; hash: string })[]): Promise<void> {
  await tx.execute(sql`insert into case_events (case_id, seq, at, action, actor_user_id, actor_name, actor_office_id, from_status, to_status, data, prev_hash, hash)
    select e."caseId", e.seq, e.at::timestamptz, e.action, e."actorUserId", e."actorName", e."actorOfficeId", e."fromStatus", e."toStatus", e.data, e."prevHash", e.hash
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as e("caseId" bigint, seq int, at text, action text, "actorUserId" int, "actorName" text,
      "actorOfficeId" int, "fromStatus" text, "toStatus" text, data jsonb, "prevHash" text, hash text)`);
}

/** An event as stored and as the timeline API answers it. */
export type StoredCaseEvent = CaseEvent;

export async function listCaseEvents(db: Db, caseId: number): Promise<StoredCaseEvent[]> {
  return queryRows<StoredCaseEvent>(db, sql`select case_id as "caseId", seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, action,
      actor_user_id as "actorUserId", actor_name as "actorName", actor_office_id as "actorOfficeId", from_status as "fromStatus", to_status as "toStatus",
      data, prev_hash as "prevHash", hash
    from case_events where case_id = ${caseId} order by seq`);
}
