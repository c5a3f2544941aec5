/** Reading and writing plans, their chains and their notes (I/O; the rules live in lifecycle.ts and rules.ts). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { itemTable, type ColumnMap, type EventChain, type ItemStore } from '../platform/lifecycle/index.js';
import type { PlanItem, PlanRow, Relation, SubjectType } from './lifecycle.js';
import type { ProgressKind, ProgressView } from './contract.js';
import { SUBJECTS } from './subjects.js';

const COLUMNS: ColumnMap<PlanRow> = {
  id: ['id', 'int'], subjectType: ['subject_type', 'text'], subjectId: ['subject_id', 'int'], uscc: ['uscc', 'text'], measures: ['measures', 'text'],
  responsiblePerson: ['responsible_person', 'text'], responsibleOfficeId: ['responsible_office_id', 'int'],
  // A date column: both engines read it as YYYY-MM-DD text (platform/db/engine.ts), and a text parameter is cast to it.
  deadline: ['deadline', 'text'], status: ['status', 'text'], completedAt: ['completed_at', 'ts'], createdBy: ['created_by', 'int'],
  createdAt: ['created_at', 'ts'], updatedBy: ['updated_by', 'int'], updatedAt: ['updated_at', 'ts'], version: ['version', 'int'],
  eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
};

const PLANS = itemTable<PlanRow>('rectifications', 'r', COLUMNS);

/** Each plan's events form their own chain (the kernel's, src/platform/lifecycle/chain.ts). */
export const RECTIFICATION_CHAIN: EventChain = { events: 'rectification_events', itemColumn: 'rectification_id', items: 'rectifications' };

/** The plan of a subject, or null. */
export async function planOf(db: Db, subjectType: SubjectType, subjectId: number): Promise<PlanRow | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`select ${PLANS.select} from rectifications r where r.subject_type = ${subjectType} and r.subject_id = ${subjectId}`);
  return r ? PLANS.toRow(r) : null;
}

/**
 * Locks a plan for an action: its subject's row first, then its own — the order in which drawing
 * a plan up takes them, so two writers never wait on each other crosswise.
 */
async function lockPlan(tx: Db, id: number): Promise<PlanItem | null> {
  const [ref] = await queryRows<{ subjectType: SubjectType; subjectId: number }>(tx,
    sql`select subject_type as "subjectType", subject_id as "subjectId" from rectifications where id = ${id}`);
  if (!ref) return null;
  const subject = await SUBJECTS[ref.subjectType].load(tx, ref.subjectId, { lock: true });
  const plan = await PLANS.lock(tx, id);
  return plan && subject && { ...plan, subject };
}

export const RECTIFICATION_STORE: ItemStore<PlanItem, Relation> = {
  chain: RECTIFICATION_CHAIN,
  lock: lockPlan,
  relationsOf: (tx, actor, plan) => SUBJECTS[plan.subjectType].relationsOf(tx, actor, plan.subjectId),
  update: PLANS.update,
  insert: PLANS.insert,
  state: PLANS.state,
};

/** A progress note as stored: the view without the week's label, which the view derives. */
export type ProgressRow = Omit<ProgressView, 'week'>;

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Files a note under the plan; `eventSeq` is the plan's event that records it. Returns its id. */
export async function insertProgress(tx: Db, n: {
  rectificationId: number; weekStart: string; kind: ProgressKind; note: string; author: { userId: number | null; name: string; officeId: number | null }; recordedAt: Date; eventSeq: number;
}): Promise<number> {
  const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into rectification_progress
      (rectification_id, week_start, kind, note, author_user_id, author_name, author_office_id, recorded_at, event_seq)
    values (${n.rectificationId}, ${n.weekStart}::date, ${n.kind}, ${n.note}, ${n.author.userId}, ${n.author.name}, ${n.author.officeId},
      ${n.recordedAt.toISOString()}::timestamptz, ${n.eventSeq})
    returning id`);
  return Number(id);
}

/** A plan's notes of these kinds, newest week first (and newest note first within a week). */
export async function listProgress(db: Db, rectificationId: number, kinds: readonly ProgressKind[]): Promise<ProgressRow[]> {
  return queryRows<ProgressRow>(db, sql`select p.id, to_char(p.week_start, 'YYYY-MM-DD') as "weekStart", p.kind, p.note,
      p.author_name as "authorName", o.name as "authorOfficeName", ${ts('p.recorded_at')} as "recordedAt"
    from rectification_progress p left join offices o on o.id = p.author_office_id
    where p.rectification_id = ${rectificationId} and p.kind = any(${`{${kinds.join(',')}}`}::text[])
    order by p.week_start desc, p.id desc`);
}

/** The status of each subject's plan, by subject id (subjects without a plan are absent): figures of other modules' work. */
export async function planStatusesOf(db: Db, subjectType: SubjectType, subjectIds: readonly number[]): Promise<Map<number, PlanRow['status']>> {
  if (!subjectIds.length) return new Map();
  const rows = await queryRows<{ subjectId: number; status: PlanRow['status'] }>(db, sql`select subject_id as "subjectId", status from rectifications
    where subject_type = ${subjectType} and subject_id = any(${`{${subjectIds.join(',')}}`}::bigint[])`);
  return new Map(rows.map((r) => [Number(r.subjectId), r.status]));
}
