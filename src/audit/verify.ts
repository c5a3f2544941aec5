import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { itemTypes, verifyChains, type ChainVerification } from '../platform/lifecycle/index.js';
import { integrityChecks } from '../platform/integrity.js';
import { verifyChainPage, type ChainProblem, type StoredAuditEvent } from './chain.js';

export interface AuditVerification {
  ok: boolean;
  events: number;
  problems: ChainProblem[];
}

const PAGE = 5000;

/** Walks the whole trail in pages and checks the chain and its head; `onProgress` gets (done, total). */
export async function verifyAuditTrail(db: Db, onProgress?: (done: number, total: number) => void): Promise<AuditVerification> {
  const [head] = await queryRows<{ seq: number; hash: string }>(db, sql`select seq, hash from audit_head where id = 1`);
  let state = { seq: 0, hash: '0'.repeat(64) };
  const problems: ChainProblem[] = [];
  let count = 0;
  for (;;) {
    const rows = await queryRows<{
      seq: number; at: string; actor_user_id: number | null; actor_name: string; actor_office_id: number | null;
      action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; prev_hash: string; hash: string;
    }>(db, sql`
      select seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_user_id, actor_name,
        actor_office_id, action, entity_type, entity_id, before, after, prev_hash, hash
      from audit_events where seq > ${state.seq} order by seq limit ${PAGE}`);
    if (rows.length === 0) break;
    const events: StoredAuditEvent[] = rows.map((r) => ({
      seq: r.seq, at: r.at, actorUserId: r.actor_user_id, actorName: r.actor_name, actorOfficeId: r.actor_office_id,
      action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after,
      prevHash: r.prev_hash, hash: r.hash,
    }));
    const page = verifyChainPage(events, state);
    problems.push(...page.problems);
    state = page.state;
    count += rows.length;
    onProgress?.(count, head.seq);
  }
  if (head.seq !== state.seq || head.hash !== state.hash) {
    problems.push({
      seq: head.seq,
      kind: 'head_mismatch',
      message: head.seq > state.seq
        ? `events ${state.seq + 1}..${head.seq} are missing at the end of the trail (deleted)`
        : `the chain head (event ${head.seq}) does not match the last event ${state.seq}`,
    });
  }
  return { ok: problems.length === 0, events: count, problems };
}

export interface WorkItemVerification extends ChainVerification {
  /** The item type's name in English, as the messages name its items. */
  label: string;
}

/** Walks the chains of every work-item type the application runs (cases, articles, plans…), one type after another. */
export async function verifyWorkItems(db: Db, onProgress?: (label: string) => (done: number, total: number) => void): Promise<WorkItemVerification[]> {
  const results: WorkItemVerification[] = [];
  for (const type of itemTypes()) {
    const label = type.lifecycle.label.en;
    results.push({ label, ...(await verifyChains(db, type.store, label, onProgress?.(label))) });
  }
  return results;
}

export interface RecordVerification {
  label: string;
  ok: boolean;
  checked: number;
  problems: string[];
}

/** Runs every module's integrity check (attachments' bytes, people's roles and office against their last audited change). */
export async function verifyRecords(db: Db): Promise<RecordVerification[]> {
  const results: RecordVerification[] = [];
  for (const check of integrityChecks()) {
    const { checked, problems } = await check.run(db);
    results.push({ label: check.label, ok: problems.length === 0, checked, problems });
  }
  return results;
}
