/** Reading and writing applications, their stages and branches (I/O; the rules live in lifecycle.ts, rules.ts and join.ts). */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import { itemTable, type ColumnMap, type EventChain, type ItemStore } from '../../platform/lifecycle/index.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { toLocalDate } from '../../calendar/rules.js';
import { bestStanding, type Authorisation } from './agency.js';
import type { Branch, Stage } from './join.js';
import { relationsTo, type ApplicationItem, type ApplicationRecord, type Relation, type StageRecord } from './lifecycle.js';

const COLUMNS: ColumnMap<ApplicationRecord> = {
  id: ['id', 'int'], serviceItemId: ['service_item_id', 'int'], versionId: ['version_id', 'int'], officeId: ['office_id', 'int'],
  applicantKind: ['applicant_kind', 'text'], applicantName: ['applicant_name', 'text'], applicantUscc: ['applicant_uscc', 'text'],
  applicantPhone: ['applicant_phone', 'text'], channel: ['channel', 'text'], windowOfficeId: ['window_office_id', 'int'],
  ownerUserId: ['owner_user_id', 'int'], ownerName: ['owner_name', 'text'], receivedAt: ['received_at', 'ts'], receivedMaterials: ['received_materials', 'intarr'],
  noticeAt: ['notice_at', 'ts'], noticeMissing: ['notice_missing', 'intarr'], acceptedAt: ['accepted_at', 'ts'], deemedAccepted: ['deemed_accepted', 'bool'],
  deficiencyMaterials: ['deficiency_materials', 'intarr'], deficiencyPromise: ['deficiency_promise', 'text'], supplementDueAt: ['supplement_due_at', 'ts'],
  creditBad: ['credit_bad', 'bool'], creditSource: ['credit_source', 'text'], extensionDays: ['extension_days', 'int'], extensionReason: ['extension_reason', 'text'],
  pauses: ['pauses', 'jsonb'], stageCount: ['stage_count', 'int'], dueState: ['due_state', 'text'], decidedAt: ['decided_at', 'ts'], refusalReason: ['refusal_reason', 'text'],
  issuedAt: ['issued_at', 'ts'], resultNumber: ['result_number', 'text'], deliveredAt: ['delivered_at', 'ts'], delivery: ['delivery', 'jsonb'],
  resultKind: ['result_kind', 'text'], resultValidUntil: ['result_valid_until', 'date'], certificateCode: ['certificate_code', 'text'],
  revokedAt: ['revoked_at', 'ts'], revokedReason: ['revoked_reason', 'text'], revokedByName: ['revoked_by_name', 'text'],
  reviewGrade: ['review_grade', 'text'], reviewComment: ['review_comment', 'text'], reviewChannel: ['review_channel', 'text'], reviewedAt: ['reviewed_at', 'ts'],
  reviewByName: ['review_by_name', 'text'], reviewAppeal: ['review_appeal', 'jsonb'],
  greenChannelAt: ['green_channel_at', 'ts'], greenChannelReason: ['green_channel_reason', 'text'], greenChannelByName: ['green_channel_by_name', 'text'],
  status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  createdAt: ['created_at', 'ts'], updatedAt: ['updated_at', 'ts'],
};

/** The fields of results, reviews and the green channel came after the first applications (migration 2026120355). */
const ADDED_LATER: (keyof ApplicationRecord & string)[] = [
  'resultKind', 'resultValidUntil', 'certificateCode', 'revokedAt', 'revokedReason', 'revokedByName', 'reviewGrade', 'reviewComment', 'reviewChannel',
  'reviewedAt', 'reviewByName', 'reviewAppeal', 'greenChannelAt', 'greenChannelReason', 'greenChannelByName',
];

export const APPLICATIONS = itemTable<ApplicationRecord>('applications', 'a', COLUMNS, { addedLater: ADDED_LATER });

export const APPLICATION_CHAIN: EventChain = { events: 'application_events', itemColumn: 'application_id', items: 'applications' };

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The stages of applications with their branches, in order. */
export async function stagesOf(db: Db, applicationId: number): Promise<StageRecord[]> {
  const stages = await queryRows<{ stageNo: number; name: string; status: Stage['status']; startedAt: string; endedAt: string | null }>(db, sql`
    select stage_no as "stageNo", name, status, ${ts('started_at')} as "startedAt", ${ts('ended_at')} as "endedAt"
    from application_stages where application_id = ${applicationId} order by stage_no`);
  const branches = await queryRows<Branch & { stageNo: number; officeName: string; officePath: string }>(db, sql`
    select b.stage_no as "stageNo", b.office_id as "departmentId", b.status, b.reason, o.name as "officeName", o.path as "officePath"
    from application_branches b join offices o on o.id = b.office_id where b.application_id = ${applicationId} order by b.stage_no, b.office_id`);
  return stages.map((s) => ({
    ...s, startedAt: new Date(s.startedAt), endedAt: s.endedAt ? new Date(s.endedAt) : null,
    branches: branches.filter((b) => b.stageNo === s.stageNo).map(({ stageNo: _s, ...b }) => b),
  }));
}

/** The version's limits and checklist and where the offices sit: what the rules read beside the row. */
async function withContext(db: Db, row: ApplicationRecord): Promise<ApplicationItem> {
  const [v] = await queryRows<{ itemName: string; statutoryLimit: number; committedLimit: number; officePath: string; officeName: string; windowOfficePath: string | null }>(db, sql`
    select v.name as "itemName", v.statutory_limit::float8 as "statutoryLimit", v.committed_limit::float8 as "committedLimit",
      o.path as "officePath", o.name as "officeName", w.path as "windowOfficePath"
    from service_item_versions v join offices o on o.id = ${row.officeId} left join offices w on w.id = ${row.windowOfficeId}::int
    where v.id = ${row.versionId}`);
  return { ...row, ...v, materials: await materialsOfVersion(db, row.versionId), stages: await stagesOf(db, row.id) };
}

export async function loadApplication(db: Db, id: number): Promise<ApplicationItem | null> {
  const row = await APPLICATIONS.load(db, id);
  return row && withContext(db, row);
}

export interface CurrentVersion {
  versionId: number;
  officeId: number;
  itemName: string;
  statutoryLimit: number;
  committedLimit: number;
  officePath: string;
  officeName: string;
  /** The item's status: only a published item takes applications. */
  status: string;
}

/** The version an application is taken in under: the item's current one, read under a share lock so it cannot change meanwhile. */
export async function currentVersionOf(db: Db, serviceItemId: number): Promise<CurrentVersion | null> {
  const [v] = await queryRows<CurrentVersion>(db, sql`
    select v.id as "versionId", v.office_id as "officeId", v.name as "itemName", v.statutory_limit::float8 as "statutoryLimit",
      v.committed_limit::float8 as "committedLimit", o.path as "officePath", o.name as "officeName", s.status
    from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join offices o on o.id = v.office_id
    where s.id = ${serviceItemId} for share of s`);
  return v ?? null;
}

export async function materialsOfVersion(db: Db, versionId: number): Promise<ApplicationItem['materials']> {
  return queryRows(db, sql`select id, name, required, deficiency from service_item_materials where version_id = ${versionId} order by position`);
}

export async function officePath(db: Db, officeId: number | null): Promise<string | null> {
  if (officeId === null) return null;
  const [o] = await queryRows<{ path: string }>(db, sql`select path from offices where id = ${officeId}`);
  return o?.path ?? null;
}

/** The actor's authorisations from the applicant enterprise (帮办代办), for a window agent. */
async function authorisationsOf(db: Db, actor: Actor, uscc: string | null): Promise<Authorisation[]> {
  if (!uscc || actor.userId === null || !actor.roles.includes('window_agent')) return [];
  return (await queryRows<Authorisation & { revokedAt: string | null }>(db, sql`select id, agent_user_id as "agentUserId", enterprise_uscc as "enterpriseUscc",
      service_item_id as "serviceItemId", to_char(valid_until, 'YYYY-MM-DD') as "validUntil", revoked_at as "revokedAt"
    from agency_authorisations where agent_user_id = ${actor.userId} and enterprise_uscc = ${uscc}`))
    .map((a) => ({ ...a, id: Number(a.id), revokedAt: a.revokedAt ? new Date(a.revokedAt) : null }));
}

/** The applicant's valid authorisation the actor acts under now, if any. */
export async function agencyOf(db: Db, actor: Actor, a: ApplicationItem, now = new Date()): Promise<Authorisation | null> {
  const best = bestStanding(await authorisationsOf(db, actor, a.applicantUscc), a.serviceItemId, toLocalDate(now));
  return best?.standing === 'valid' ? best.authorisation : null;
}

const LAPSED = {
  expired: { zh: '已过期', en: 'has expired' }, revoked: { zh: '已被撤销', en: 'has been revoked' }, other_item: { zh: '不包含该事项', en: 'does not cover this item' },
} as const;

/**
 * How the actor stands to the application, their authorisation looked up. Someone whose only tie
 * to it is an authorisation that lapsed (expired, revoked, for another item) is told so (403): they
 * know the application, and the reason is theirs to fix.
 */
export async function relationsOfActor(db: Db, actor: Actor, a: ApplicationItem, now = new Date()): Promise<Relation[]> {
  const best = bestStanding(await authorisationsOf(db, actor, a.applicantUscc), a.serviceItemId, toLocalDate(now));
  const relations = relationsTo(actor, a, best?.standing === 'valid');
  if (best && best.standing !== 'valid' && relations.length === 0) {
    const why = LAPSED[best.standing];
    throw forbidden(`您对「${a.applicantName}」的帮办代办授权${why.zh}（授权 ${best.authorisation.id}，有效期至 ${best.authorisation.validUntil}），不能代为办理`,
      `Your authorisation to act for ${a.applicantName} ${why.en} (authorisation ${best.authorisation.id}, valid until ${best.authorisation.validUntil}); you may not act for it`);
  }
  return relations;
}

/** Opens stage N with one pending branch per department. */
export async function insertStage(tx: Db, applicationId: number, stageNo: number, name: string, departmentIds: readonly number[], at: Date, by: string): Promise<void> {
  await tx.execute(sql`insert into application_stages (application_id, stage_no, name, status, started_at) values (${applicationId}, ${stageNo}, ${name}, 'open', ${at.toISOString()}::timestamptz)`);
  await tx.execute(sql`insert into application_branches (application_id, stage_no, office_id, status, updated_by_name, updated_at)
    select ${applicationId}, ${stageNo}, d, 'pending', ${by}, ${at.toISOString()}::timestamptz from unnest(${`{${departmentIds.join(',')}}`}::int[]) as d`);
}

/** Writes a stage after a move: its status and every branch that changed. */
export async function saveStage(tx: Db, applicationId: number, before: StageRecord, after: Stage, at: Date, by: string): Promise<void> {
  if (after.status !== before.status) {
    await tx.execute(sql`update application_stages set status = ${after.status}, ended_at = ${after.status === 'open' ? null : at.toISOString()}::timestamptz
      where application_id = ${applicationId} and stage_no = ${before.stageNo}`);
  }
  for (const b of after.branches) {
    const old = before.branches.find((o) => o.departmentId === b.departmentId)!;
    if (old.status === b.status && old.reason === b.reason) continue;
    await tx.execute(sql`update application_branches set status = ${b.status}, reason = ${b.reason}, updated_by_name = ${by}, updated_at = ${at.toISOString()}::timestamptz
      where application_id = ${applicationId} and stage_no = ${before.stageNo} and office_id = ${b.departmentId}`);
  }
}

export const APPLICATION_STORE: ItemStore<ApplicationItem, Relation> = {
  chain: APPLICATION_CHAIN,
  // The application's row is the one lock of every move on it and its branches: two departments deciding at once are taken one after the other.
  lock: async (tx, id) => {
    const row = await APPLICATIONS.lock(tx, id);
    return row && withContext(tx, row);
  },
  relationsOf: (tx, actor: Actor, a) => relationsOfActor(tx, actor, a),
  update: APPLICATIONS.update,
  insert: APPLICATIONS.insert,
  state: APPLICATIONS.state,
};
