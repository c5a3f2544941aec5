/** Reading the rectification tables (I/O; the rules live in rules.ts). */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { PlanStatus, ProgressKind } from './rules.js';

export const RECTIFICATION = { zh: '整改方案', en: 'rectification plan' };

export interface PlanRow {
  caseId: number;
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId: number;
  responsibleOfficeName: string;
  deadline: string;
  status: PlanStatus;
  completedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedBy: number | null;
  updatedAt: string;
  version: number;
}

export interface ProgressRow {
  id: number;
  caseId: number;
  weekStart: string;
  kind: ProgressKind;
  note: string;
  authorUserId: number | null;
  authorName: string;
  authorOfficeId: number | null;
  authorOfficeName: string | null;
  recordedAt: string;
  eventSeq: number;
}

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The plan of a case, or null; `forUpdate` inside a transaction that already holds the case lock. */
export async function loadPlan(db: Db, caseId: number, opts: { forUpdate?: boolean } = {}): Promise<PlanRow | null> {
  const [row] = await queryRows<PlanRow>(db, sql`select r.case_id as "caseId", r.measures, r.responsible_person as "responsiblePerson",
      r.responsible_office_id as "responsibleOfficeId", o.name as "responsibleOfficeName", to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.status,
      ${ts('r.completed_at')} as "completedAt", r.created_by as "createdBy", ${ts('r.created_at')} as "createdAt",
      r.updated_by as "updatedBy", ${ts('r.updated_at')} as "updatedAt", r.version
    from case_rectifications r join offices o on o.id = r.responsible_office_id
    where r.case_id = ${caseId}${opts.forUpdate ? sql` for update of r` : sql``}`);
  return row ?? null;
}

/** Progress notes of a case, newest week first (and newest note first within a week). */
export async function listProgress(db: Db, caseId: number, kinds: readonly ProgressKind[]): Promise<ProgressRow[]> {
  return queryRows<ProgressRow>(db, sql`select p.id, p.case_id as "caseId", to_char(p.week_start, 'YYYY-MM-DD') as "weekStart", p.kind, p.note,
      p.author_user_id as "authorUserId", p.author_name as "authorName", p.author_office_id as "authorOfficeId", o.name as "authorOfficeName",
      ${ts('p.recorded_at')} as "recordedAt", p.event_seq as "eventSeq"
    from case_rectification_progress p left join offices o on o.id = p.author_office_id
    where p.case_id = ${caseId} and p.kind = any(${`{${kinds.join(',')}}`}::text[])
    order by p.week_start desc, p.id desc`);
}
