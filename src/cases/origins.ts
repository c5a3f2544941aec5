/** Where a case the system opened came from (a bad review of an application…): one case per origin. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';

export interface CaseOrigin {
  type: string;
  id: number;
}

export async function recordCaseOrigin(tx: Db, caseId: number, origin: CaseOrigin): Promise<void> {
  await tx.execute(sql`insert into case_origins (case_id, origin_type, origin_id) values (${caseId}, ${origin.type}, ${origin.id})`);
}

/** The origin of a case, if the system opened it from something else. */
export async function caseOrigin(db: Db, caseId: number): Promise<CaseOrigin | null> {
  const [o] = await queryRows<{ type: string; id: number }>(db, sql`select origin_type as type, origin_id as id from case_origins where case_id = ${caseId}`);
  return o ? { type: o.type, id: Number(o.id) } : null;
}
