/** Reading and writing service visits and their chains (I/O; the rules live in lifecycle.ts and rules.ts). */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { itemTable, type ColumnMap, type EventChain, type ItemStore } from '../platform/lifecycle/index.js';
import { casesRaisedBy } from '../cases/origins.js';
import { relationsTo, type Relation, type ServiceVisitItem, type ServiceVisitRow } from './lifecycle.js';

const COLUMNS: ColumnMap<ServiceVisitRow> = {
  id: ['id', 'int'], kind: ['kind', 'text'], uscc: ['uscc', 'text'], enterpriseName: ['enterprise_name', 'text'], regionCode: ['region_code', 'text'], officeId: ['office_id', 'int'],
  leaderUserId: ['leader_user_id', 'int'], assignmentId: ['assignment_id', 'int'], serviceMonth: ['service_month', 'text'],
  plannedOn: ['planned_on', 'date'], heldOn: ['held_on', 'date'], members: ['members', 'textarr'], purpose: ['purpose', 'text'],
  matters: ['matters', 'jsonb'], summary: ['summary', 'text'], status: ['status', 'text'], createdBy: ['created_by', 'int'],
  createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'], version: ['version', 'int'], eventCount: ['event_count', 'int'],
  lastEventHash: ['last_event_hash', 'text'],
};

export const SERVICE_VISITS = itemTable<ServiceVisitRow>('service_visits', 'v', COLUMNS);
export const SERVICE_VISIT_CHAIN: EventChain = { events: 'service_visit_events', itemColumn: 'service_visit_id', items: 'service_visits' };
export const SERVICE_VISIT_SOURCE = 'service_visit';

/** The row with what the rules read beside it: its office's place in the tree and its problems' cases. */
export async function withStanding(db: Db, row: ServiceVisitRow): Promise<ServiceVisitItem> {
  const [office] = await queryRows<{ path: string }>(db, sql`select path from offices where id = ${row.officeId}`);
  const raised = (await casesRaisedBy(db, SERVICE_VISIT_SOURCE, [row.id])).get(row.id) ?? [];
  const problems = row.matters.filter((m) => m.kind === 'problem').map((m) => m.key);
  const solved = new Set(raised.filter((c) => c.solved).map((c) => c.key));
  return { ...row, officePath: office.path, unsolvedProblems: problems.filter((k) => !solved.has(k)).length };
}

export const SERVICE_VISIT_STORE: ItemStore<ServiceVisitItem, Relation> = {
  chain: SERVICE_VISIT_CHAIN,
  async lock(tx, id) {
    const row = await SERVICE_VISITS.lock(tx, id);
    return row && withStanding(tx, row);
  },
  relationsOf: async (_tx, actor, v) => relationsTo(actor, v),
  update: SERVICE_VISITS.update,
  insert: SERVICE_VISITS.insert,
  state: SERVICE_VISITS.state,
};
