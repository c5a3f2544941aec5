/** Reading and writing case rows and their hash-chained events (I/O; the rules live elsewhere). */
import type { Db } from '../platform/db/engine.js';
import { appendEvent, itemTable, listEvents, type ColumnMap, type EventChain, type EventInput, type ItemStore } from '../platform/lifecycle/index.js';
import type { CaseRow } from './record.js';
import type { CaseEvent } from './contract.js';
import { CASE_LIFECYCLE, type Relation } from './lifecycle.js';
import { relationsTo } from './access.js';

/** Column of each field, and how to pass it to SQL. */
const COLUMNS: ColumnMap<CaseRow> = {
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

const CASES = itemTable<CaseRow>('cases', 'c', COLUMNS);

/** Select list giving camelCase keys, timestamps as ISO text (the same on both engines). */
export const CASE_SELECT = CASES.select;
export const toCaseRow = CASES.toRow;
export const lockCase = CASES.lock;
export const loadCase = CASES.load;

/** Each case's events form their own chain (the kernel's, src/platform/lifecycle/chain.ts). */
export const CASE_CHAIN: EventChain = { events: 'case_events', itemColumn: 'case_id', items: 'cases' };

/** What each case event records of the case after it (intake, which writes its own rows, records it too). */
export const CASE_STATE = CASES.state;

export const CASE_STORE: ItemStore<CaseRow, Relation> = {
  chain: CASE_CHAIN, lock: lockCase, relationsOf: (tx, actor, row) => relationsTo(tx, actor, row), update: CASES.update, state: CASE_STATE,
};

/** Appends an event to a locked case with the changes it records (the kernel runs the subscribers). */
export function appendCaseEvent(tx: Db, before: CaseRow, changes: Partial<CaseRow>, event: EventInput, opts: { bumpVersion?: boolean } = {}): Promise<CaseRow> {
  return appendEvent(tx, { lifecycle: CASE_LIFECYCLE, store: CASE_STORE }, before, changes, event, opts);
}

/** An event as stored and as the timeline API answers it. */
export type StoredCaseEvent = CaseEvent;

export async function listCaseEvents(db: Db, caseId: number): Promise<StoredCaseEvent[]> {
  return (await listEvents(db, CASE_CHAIN, caseId)).map(({ itemId, ...e }) => ({ caseId: itemId, ...e }) as StoredCaseEvent);
}
