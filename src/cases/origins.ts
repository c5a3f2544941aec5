/**
 * Cases raised by other work (诉求来源): a problem an enterprise raised on a service visit, a
 * complaint in a visit's rating, a bad review of an application. The cases module's subscribers
 * follow those modules' events and open the case here, in the event's transaction; the case is
 * then the appeals loop's like any other (dispatched by the region's hotline centre), and the
 * source reads back what became of it through `casesRaisedBy`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import type { ChainedEvent } from '../platform/lifecycle/index.js';
import type { Bilingual } from '../platform/contract.js';
import { insertCases, prepareCase } from './commands/createCase.js';
import { STATUS_NAMES, type CaseStatus, type IntakeInput } from './contract.js';

export interface CaseOrigin {
  /** The item type that raised it (`service_visit`). */
  type: string;
  id: number;
  /** Which of the item's matters (a problem's key): one case each. */
  key: string;
}

/** The person whose event raised the case, as its intake records them (their office decides no door). */
export function raisedByActorOf(event: ChainedEvent, officePath: string | null = null): Actor {
  return { userId: event.actorUserId, name: event.actorName, roles: [], officeId: event.actorOfficeId, officePath };
}

/** Opens the case of one origin, once: a second call for the same origin answers the first case, not opened now. */
export async function openCaseFrom(tx: Db, actor: Actor, origin: CaseOrigin, input: IntakeInput, at?: Date): Promise<{ caseId: number; opened: boolean }> {
  const [existing] = await queryRows<{ case_id: number }>(tx, sql`
    select case_id from case_origins where source_type = ${origin.type} and source_id = ${origin.id} and source_key = ${origin.key}`);
  if (existing) return { caseId: Number(existing.case_id), opened: false };
  const prepared = await prepareCase(tx, actor, input, { raised: true, at });
  const [created] = await insertCases(tx, [prepared]);
  await tx.execute(sql`insert into case_origins (case_id, source_type, source_id, source_key) values (${created.id}, ${origin.type}, ${origin.id}, ${origin.key})`);
  return { caseId: created.id, opened: true };
}

/** Where a case came from, if another module's work raised it. */
export async function caseOrigin(db: Db, caseId: number): Promise<CaseOrigin | null> {
  const [o] = await queryRows<{ type: string; id: number; key: string }>(db, sql`
    select source_type as type, source_id as id, source_key as key from case_origins where case_id = ${caseId}`);
  return o ? { type: o.type, id: Number(o.id), key: o.key } : null;
}

/** What became of a case an item raised, as the item's page shows it. */
export interface RaisedCase {
  key: string;
  caseId: number;
  code: string;
  status: CaseStatus;
  statusName: Bilingual;
  /** Answered, replied or closed: the matter has its answer (办结). */
  solved: boolean;
  repliedAt: string | null;
}

const SOLVED: readonly CaseStatus[] = ['answered', 'replied', 'reviewed', 'closed'];

/** SQL counting the cases an item raised that have their answer, for lists that show the count per item. */
export function solvedRaisedCount(type: string, sourceId: SQL): SQL {
  return sql`(select count(*)::int from case_origins co join cases c on c.id = co.case_id
    where co.source_type = ${type} and co.source_id = ${sourceId} and c.status in (${sql.join(SOLVED.map((s) => sql`${s}`), sql`, `)}))`;
}

/** The cases these items raised, by item id (unscoped: the caller decides who may read the item). */
export async function casesRaisedBy(db: Db, type: string, ids: readonly number[]): Promise<Map<number, RaisedCase[]>> {
  const out = new Map<number, RaisedCase[]>();
  if (!ids.length) return out;
  const rows = await queryRows<{ source_id: number; source_key: string; id: number; code: string; status: CaseStatus; replied_at: Date | string | null }>(db, sql`
    select o.source_id, o.source_key, c.id, c.code, c.status, c.replied_at
    from case_origins o join cases c on c.id = o.case_id
    where o.source_type = ${type} and o.source_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
    order by o.source_id, c.id`);
  for (const r of rows) {
    const list = out.get(Number(r.source_id)) ?? [];
    list.push({
      key: r.source_key, caseId: Number(r.id), code: r.code, status: r.status, statusName: STATUS_NAMES[r.status],
      solved: SOLVED.includes(r.status), repliedAt: r.replied_at === null ? null : new Date(r.replied_at).toISOString(),
    });
    out.set(Number(r.source_id), list);
  }
  return out;
}
