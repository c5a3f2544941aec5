/** Reading and writing bundle applications and their parts (I/O; the rules live in lifecycle.ts and rules.ts). */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import { itemTable, type ColumnMap, type ItemStore } from '../../platform/lifecycle/index.js';
import { loadApplication, officePath } from '../applications/store.js';
import { bundleDefinition, checklistOf } from './catalogue.js';
import { bundleRelationsTo, type BundleApplicationItem, type BundleApplicationRecord, type BundleRelation } from './lifecycle.js';

const COLUMNS: ColumnMap<BundleApplicationRecord> = {
  id: ['id', 'int'], bundleId: ['bundle_id', 'int'], bundleRevision: ['bundle_revision', 'int'], applicantKind: ['applicant_kind', 'text'],
  applicantName: ['applicant_name', 'text'], applicantUscc: ['applicant_uscc', 'text'], channel: ['channel', 'text'], windowOfficeId: ['window_office_id', 'int'],
  ownerName: ['owner_name', 'text'], receivedAt: ['received_at', 'ts'], acceptedAt: ['accepted_at', 'ts'],
  status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'],
};

export const BUNDLE_APPLICATIONS = itemTable<BundleApplicationRecord>('bundle_applications', 'ba', COLUMNS);

export const BUNDLE_APPLICATION_CHAIN = { events: 'bundle_application_events', itemColumn: 'bundle_application_id', items: 'bundle_applications' };

/** The applications of a bundle application, by position. */
export async function partIds(db: Db, id: number): Promise<number[]> {
  return (await queryRows<{ applicationId: number }>(db, sql`select application_id as "applicationId" from bundle_parts where bundle_application_id = ${id} order by position`))
    .map((r) => Number(r.applicationId));
}

export async function insertParts(tx: Db, id: number, applicationIds: readonly number[]): Promise<void> {
  for (const [i, applicationId] of applicationIds.entries()) {
    await tx.execute(sql`insert into bundle_parts (bundle_application_id, position, application_id) values (${id}, ${i + 1}, ${applicationId})`);
  }
}

/** The row with its definition's name, its merged checklist (of the revision it was taken in under, over its parts' own versions) and its parts. */
export async function withParts(db: Db, row: BundleApplicationRecord): Promise<BundleApplicationItem> {
  const def = (await bundleDefinition(db, row.bundleId, row.bundleRevision))!;
  const parts = await Promise.all((await partIds(db, row.id)).map(async (id) => (await loadApplication(db, id))!));
  const { checklist } = await checklistOf(db, def, parts);
  return { ...row, bundleName: def.name, itemIds: def.itemIds, windowOfficePath: await officePath(db, row.windowOfficeId), checklist, parts };
}

export async function loadBundleApplication(db: Db, id: number): Promise<BundleApplicationItem | null> {
  const row = await BUNDLE_APPLICATIONS.load(db, id);
  return row && withParts(db, row);
}

export const BUNDLE_APPLICATION_STORE: ItemStore<BundleApplicationItem, BundleRelation> = {
  chain: BUNDLE_APPLICATION_CHAIN,
  // The bundle's row is locked before any part's: a department's move locks its part only, so the two never wait on each other in turn.
  lock: async (tx, id) => {
    const row = await BUNDLE_APPLICATIONS.lock(tx, id);
    return row && withParts(tx, row);
  },
  relationsOf: async (_tx, actor, a) => bundleRelationsTo(actor, a),
  update: BUNDLE_APPLICATIONS.update,
  insert: BUNDLE_APPLICATIONS.insert,
  state: BUNDLE_APPLICATIONS.state,
};
