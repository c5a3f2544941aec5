/** Reading and writing joint reviews and their verdicts (I/O; the rules live in lifecycle.ts and rules.ts). */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { itemTable, type ColumnMap, type ItemStore } from '../../platform/lifecycle/index.js';
import { jointRelationsTo, type JointRelation, type JointReviewItem, type JointReviewRecord, type StoredVerdict } from './lifecycle.js';

const COLUMNS: ColumnMap<JointReviewRecord> = {
  id: ['id', 'int'], applicationId: ['application_id', 'int'], kind: ['kind', 'text'], scheduledAt: ['scheduled_at', 'ts'], place: ['place', 'text'],
  organiserOfficeId: ['organiser_office_id', 'int'], organiserName: ['organiser_name', 'text'], outcome: ['outcome', 'text'], reportedAt: ['reported_at', 'ts'],
  cancelReason: ['cancel_reason', 'text'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'],
  lastEventHash: ['last_event_hash', 'text'], createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'],
};

export const JOINT_REVIEWS = itemTable<JointReviewRecord>('joint_reviews', 'jr', COLUMNS);
export const JOINT_REVIEW_CHAIN = { events: 'joint_review_events', itemColumn: 'joint_review_id', items: 'joint_reviews' };

export async function withContext(db: Db, row: JointReviewRecord): Promise<JointReviewItem> {
  const [c] = await queryRows<{ organiserOfficePath: string; organiserOfficeName: string; itemName: string; applicantName: string; applicantUscc: string | null }>(db, sql`
    select o.path as "organiserOfficePath", o.name as "organiserOfficeName", v.name as "itemName", a.applicant_name as "applicantName", a.applicant_uscc as "applicantUscc"
    from applications a join service_item_versions v on v.id = a.version_id join offices o on o.id = ${row.organiserOfficeId} where a.id = ${row.applicationId}`);
  const verdicts = await queryRows<Omit<StoredVerdict, 'recordedAt'> & { recordedAt: string | null }>(db, sql`
    select j.office_id as "officeId", o.name as "officeName", o.path as "officePath", j.verdict, j.remarks, j.recorded_by_name as "recordedBy",
      to_char(j.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt"
    from joint_review_verdicts j join offices o on o.id = j.office_id where j.joint_review_id = ${row.id} order by o.name, j.office_id`);
  return { ...row, ...c, verdicts: verdicts.map((v) => ({ ...v, recordedAt: v.recordedAt ? new Date(v.recordedAt) : null })) };
}

/** The person's name as the report prints it (the actor carries the log-in name). */
export async function personName(db: Db, actor: Actor): Promise<string> {
  if (actor.userId === null) return actor.name;
  const [u] = await queryRows<{ name: string }>(db, sql`select name from users where id = ${actor.userId}`);
  return u?.name ?? actor.name;
}

export async function loadJointReview(db: Db, id: number): Promise<JointReviewItem | null> {
  const row = await JOINT_REVIEWS.load(db, id);
  return row && withContext(db, row);
}

export const JOINT_REVIEW_STORE: ItemStore<JointReviewItem, JointRelation> = {
  chain: JOINT_REVIEW_CHAIN,
  lock: async (tx, id) => {
    const row = await JOINT_REVIEWS.lock(tx, id);
    return row && withContext(tx, row);
  },
  relationsOf: async (_tx, actor, r) => jointRelationsTo(actor, r),
  update: JOINT_REVIEWS.update,
  insert: JOINT_REVIEWS.insert,
  state: JOINT_REVIEWS.state,
};
