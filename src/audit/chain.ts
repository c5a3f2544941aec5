import { canonicalJson, chainHash, GENESIS_HASH } from '../platform/lifecycle/hash.js';

/** Pure rules of the audit hash chain, shared by the writer and `qinqing audit verify`. */
export { canonicalJson, chainHash, GENESIS_HASH };

export interface AuditContent {
  at: string; // ISO instant with milliseconds, UTC
  actorUserId: number | null;
  actorName: string;
  actorOfficeId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export function eventPayload(e: AuditContent): string {
  return canonicalJson([e.at, e.actorUserId, e.actorName, e.actorOfficeId, e.action, e.entityType, e.entityId, e.before ?? null, e.after ?? null]);
}

export interface StoredAuditEvent extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainProblem =
  | { seq: number; kind: 'altered'; message: string }
  | { seq: number; kind: 'broken_link'; message: string }
  | { seq: number; kind: 'missing'; message: string }
  | { seq: number; kind: 'head_mismatch'; message: string };

/**
 * Checks events in sequence order, continuing from `state` (so a long trail is verified in
 * pages). Returns the problems found and the state to continue from.
 */
export function verifyChainPage(
  events: StoredAuditEvent[],
  state: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { problems: ChainProblem[]; state: { seq: number; hash: string } } {
  const problems: ChainProblem[] = [];
  let { seq, hash } = state;
  for (const e of events) {
    if (e.seq !== seq + 1) {
      problems.push({ seq: seq + 1, kind: 'missing', message: `events ${seq + 1}..${e.seq - 1} are missing (deleted)` });
    } else if (e.prevHash !== hash) {
      problems.push({ seq: e.seq, kind: 'broken_link', message: `event ${e.seq} does not follow event ${seq} (previous hash differs)` });
    }
    const expected = chainHash(e.prevHash, eventPayload(e));
    if (expected !== e.hash) {
      problems.push({ seq: e.seq, kind: 'altered', message: `event ${e.seq} (${e.action} ${e.entityType} ${e.entityId}) was altered: its content no longer matches its hash` });
    }
    seq = e.seq;
    hash = e.hash;
  }
  return { problems, state: { seq, hash } };
}
