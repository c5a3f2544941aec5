/** Checks every case's event chain: each event's hash covers the previous one's, from the case's first event. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { caseEventHash, GENESIS_HASH, type StoredCaseEvent } from './store.js';

export interface CaseChainProblem {
  caseId: number;
  seq: number;
  message: string;
}

const PAGE = 5000;

export async function verifyCaseChains(db: Db, onProgress?: (done: number, total: number) => void): Promise<{ ok: boolean; cases: number; events: number; problems: CaseChainProblem[] }> {
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from case_events`);
  const problems: CaseChainProblem[] = [];
  let events = 0;
  let cases = 0;
  let cursor = { caseId: 0, seq: 0 };
  let current = { caseId: -1, seq: 0, hash: GENESIS_HASH };
  const heads = new Map<number, { count: number; hash: string }>();
  const finish = async (ids: number[]) => {
    if (!ids.length) return;
    const rows = await queryRows<{ id: number; event_count: number; last_event_hash: string }>(db, sql`select id, event_count, last_event_hash from cases where id = any(${`{${ids.join(',')}}`}::bigint[])`);
    for (const r of rows) heads.set(r.id, { count: r.event_count, hash: r.last_event_hash });
  };
  const closeCase = () => {
    if (current.caseId < 0) return;
    cases++;
    const head = heads.get(current.caseId);
    if (head && (head.count !== current.seq || head.hash !== current.hash)) {
      problems.push({ caseId: current.caseId, seq: head.count, message: `case ${current.caseId}: its record says ${head.count} events but the chain ends at event ${current.seq} (events deleted or the record altered)` });
    }
  };
  for (;;) {
    const page = await queryRows<StoredCaseEvent>(db, sql`select case_id as "caseId", seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, action,
        actor_user_id as "actorUserId", actor_name as "actorName", actor_office_id as "actorOfficeId", from_status as "fromStatus", to_status as "toStatus",
        data, prev_hash as "prevHash", hash
      from case_events where (case_id, seq) > (${cursor.caseId}, ${cursor.seq}) order by case_id, seq limit ${PAGE}`);
    if (!page.length) break;
    await finish([...new Set(page.map((e) => e.caseId))]);
    for (const e of page) {
      if (e.caseId !== current.caseId) {
        closeCase();
        current = { caseId: e.caseId, seq: 0, hash: GENESIS_HASH };
      }
      if (e.seq !== current.seq + 1) problems.push({ caseId: e.caseId, seq: current.seq + 1, message: `case ${e.caseId}: events ${current.seq + 1}..${e.seq - 1} are missing` });
      else if (e.prevHash !== current.hash) problems.push({ caseId: e.caseId, seq: e.seq, message: `case ${e.caseId}: event ${e.seq} does not follow event ${current.seq}` });
      if (caseEventHash(e.prevHash, e) !== e.hash) problems.push({ caseId: e.caseId, seq: e.seq, message: `case ${e.caseId}: event ${e.seq} (${e.action}) was altered` });
      current = { caseId: e.caseId, seq: e.seq, hash: e.hash };
    }
    cursor = { caseId: page.at(-1)!.caseId, seq: page.at(-1)!.seq };
    events += page.length;
    onProgress?.(events, total);
  }
  closeCase();
  return { ok: problems.length === 0, cases, events, problems };
}
