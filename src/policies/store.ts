/** Where policies, their pushes and enterprise facts are kept (I/O; the rules live in eligibility.ts, rules.ts and lifecycle.ts). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { itemTable, type EventChain } from '../platform/lifecycle/index.js';
import type { MatchRow, PolicyRow } from './lifecycle.js';
import type { Fact, FactSource, FactType, PolicyContent } from './contract.js';

export const POLICIES = itemTable<PolicyRow>('policies', 'p', {
  id: ['id', 'int'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  officeId: ['office_id', 'int'], title: ['title', 'text'], issuingBody: ['issuing_body', 'text'], documentNumber: ['document_number', 'text'],
  validFrom: ['valid_from', 'date'], validTo: ['valid_to', 'date'], clauses: ['clauses', 'jsonb'], benefit: ['benefit', 'jsonb'],
  automaticGrant: ['automatic_grant', 'bool'], conditions: ['conditions', 'jsonb'], revision: ['revision', 'int'], publishedAt: ['published_at', 'ts'],
});
export const POLICY_CHAIN: EventChain = { events: 'policy_events', itemColumn: 'policy_id', items: 'policies' };

export const MATCHES = itemTable<MatchRow>('policy_matches', 'm', {
  id: ['id', 'int'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  policyId: ['policy_id', 'int'], revision: ['revision', 'int'], policyTitle: ['policy_title', 'text'], enterpriseId: ['enterprise_id', 'int'], uscc: ['uscc', 'text'],
  enterpriseName: ['enterprise_name', 'text'], regionCode: ['region_code', 'text'], industryDivision: ['industry_division', 'text'],
  evaluation: ['evaluation', 'jsonb'], automatic: ['automatic', 'bool'], grantedAmount: ['granted_amount', 'int'], declineReason: ['decline_reason', 'text'],
  pushedAt: ['pushed_at', 'ts'], readAt: ['read_at', 'ts'], appliedAt: ['applied_at', 'ts'], decidedAt: ['decided_at', 'ts'],
});
export const MATCH_CHAIN: EventChain = { events: 'policy_match_events', itemColumn: 'match_id', items: 'policy_matches' };

/** The content of a policy's row, as the commands compare and the evaluator reads it. */
export function contentOf(row: PolicyRow): PolicyContent {
  return {
    title: row.title, issuingBody: row.issuingBody, documentNumber: row.documentNumber, officeId: row.officeId, validFrom: row.validFrom, validTo: row.validTo,
    clauses: row.clauses, benefit: row.benefit, automaticGrant: row.automaticGrant, conditions: row.conditions,
  };
}

export async function publishedPolicies(db: Db): Promise<PolicyRow[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select ${POLICIES.select} from policies p where p.status = 'published' order by p.id`);
  return rows.map(POLICIES.toRow);
}

/** The recorded facts of these enterprises, by enterprise. */
export async function factsOf(db: Db, enterpriseIds: readonly number[]): Promise<Map<number, Fact[]>> {
  const byEnterprise = new Map<number, Fact[]>(enterpriseIds.map((id) => [id, []]));
  if (!enterpriseIds.length) return byEnterprise;
  const rows = await queryRows<{ enterpriseId: number; name: string; type: FactType; value: string; source: FactSource; asOf: string }>(db, sql`
    select enterprise_id as "enterpriseId", name, type, value::text as value, source, to_char(as_of, 'YYYY-MM-DD') as "asOf"
    from enterprise_facts where enterprise_id = any(${`{${enterpriseIds.join(',')}}`}::int[]) order by enterprise_id, name, source`);
  for (const { enterpriseId, value, ...f } of rows) byEnterprise.get(enterpriseId)?.push({ ...f, value: JSON.parse(value) as Fact['value'] });
  return byEnterprise;
}

/** Queues enterprises for the matching job, in the caller's transaction (one statement, whatever their number). */
export async function queueRematch(tx: Db, enterpriseIds: readonly number[]): Promise<void> {
  if (!enterpriseIds.length) return;
  await tx.execute(sql`insert into policy_rematch_queue (enterprise_id) select unnest(${`{${[...new Set(enterpriseIds)].join(',')}}`}::int[])
    on conflict (enterprise_id) do update set queued_at = excluded.queued_at`);
}
