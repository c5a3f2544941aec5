/** Reading applications: the scoped list, one application's view with its actions and clock, its events and the one-time notice. */
import { type SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor, Role } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { actionsFor, canRead, listEvents } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath, requireRole } from '../../auth/permissions.js';
import { officeNames } from '../../offices/subtree.js';
import { workingCalendar } from '../../calendar/store.js';
import { toLocalDate } from '../../calendar/rules.js';
import { isOpenBranch, stagePaused } from './join.js';
import { startingWith } from '../../platform/db/like.js';
import { APPLICATION_LIFECYCLE, currentStage, type ApplicationItem } from './lifecycle.js';
import { applicationClock, checkCompleteness, clockInputOf, isJointHandling, noticeDueDate } from './rules.js';
import { APPLICATION_CHAIN, loadApplication, relationsOfActor } from './store.js';
import { drillDown, type ApprovalFigure } from './figure-queries.js';
import { APPLICATION_DUE_SOON } from './type.js';
import { readsAsRequester, requesterEvents, requesterSummary, requesterView, type NamedEvent, type RequesterEvent } from './requester.js';
import type { ApplicationStatus, ApplicationSummary, ApplicationView, CertificateView, MissingNotice, OpenBranch, ReviewView, WindowAgent } from './contract.js';

const LABEL = APPLICATION_LIFECYCLE.label;
export const LIST_ROLES: readonly Role[] = ['window_agent', 'reviewer', 'leader', 'enterprise'];
const READ = { zh: '查看办件', en: 'read applications' };

/** The application if the actor may read it (else 404; 403 for a lapsed authorisation), with how they stand to it. */
async function readable(db: Db, actor: Actor, id: number) {
  const item = await loadApplication(db, id);
  const relations = item ? await relationsOfActor(db, actor, item) : [];
  if (!item || !canRead(APPLICATION_LIFECYCLE, actor.roles, relations)) throw notFound(LABEL, id);
  return { item, relations };
}

/** The result as issued, with the link its QR code carries. */
export function certificateView(item: ApplicationItem, publicUrl: string): CertificateView | null {
  if (!item.certificateCode || !item.resultKind || !item.issuedAt) return null;
  return {
    kind: item.resultKind, number: item.resultNumber!, holder: { name: item.applicantName, uscc: item.applicantUscc }, itemName: item.itemName,
    issuingDepartment: item.officeName, issuedAt: item.issuedAt.toISOString(), validUntil: item.resultValidUntil, verifyUrl: verifyUrl(publicUrl, item.certificateCode),
    revokedAt: item.revokedAt?.toISOString() ?? null, revokedReason: item.revokedReason,
  };
}

export const verifyUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/verify/${code}`;

function reviewView(item: ApplicationItem): ReviewView | null {
  if (!item.reviewGrade || !item.reviewedAt || !item.reviewChannel) return null;
  return { grade: item.reviewGrade, comment: item.reviewComment, channel: item.reviewChannel, reviewedAt: item.reviewedAt.toISOString(), recordedBy: item.reviewByName, appeal: item.reviewAppeal };
}

/** The open branches of the current stage whose department is in the actor's subtree. */
function openBranchesFor(actor: Actor, item: ApplicationItem): OpenBranch[] {
  const stage = item.stages.at(-1);
  if (!stage || stage.status !== 'open' || actor.officePath === null) return [];
  return stage.branches.filter((b) => isOpenBranch(b) && canSeeOfficePath(actor, b.officePath))
    .map((b) => ({ stageNo: stage.stageNo, departmentId: b.departmentId, departmentName: b.officeName, status: b.status as OpenBranch['status'] }));
}

export async function applicationView(db: Db, actor: Actor, item: ApplicationItem, publicUrl: string, now = new Date()): Promise<ApplicationView> {
  const relations = await relationsOfActor(db, actor, item);
  const [cal, [owner]] = await Promise.all([
    workingCalendar(db), item.ownerUserId === null ? [] : queryRows<{ name: string }>(db, sql`select name from users where id = ${item.ownerUserId}`),
  ]);
  const c = checkCompleteness(item.materials, item.receivedMaterials);
  const stoppedAt = item.decidedAt ?? (['withdrawn', 'ended'].includes(item.status) ? item.updatedAt : null);
  const view: ApplicationView = {
    id: item.id, status: item.status, version: item.version, itemName: item.itemName, officeId: item.officeId, applicantName: item.applicantName,
    applicantUscc: item.applicantUscc, channel: item.channel, ownerName: item.ownerName, ownerDisplayName: owner?.name ?? null, receivedAt: item.receivedAt.toISOString(),
    acceptedAt: item.acceptedAt?.toISOString() ?? null, dueState: item.dueState, openBranches: openBranchesFor(actor, item),
    stillNeeded: (item.acceptedAt ? item.materials.filter((m) => item.deficiencyMaterials.includes(m.id)) : c.missing).map((m) => m.name),
    asked: (currentStage(item)?.status === 'open' ? currentStage(item)!.branches.filter((b) => b.status === 'waiting') : []).map((b) => `${b.officeName}：${b.reason ?? ''}`),
    serviceItemId: item.serviceItemId, versionId: item.versionId, applicantKind: item.applicantKind,
    applicantPhone: item.applicantPhone, windowOfficeId: item.windowOfficeId, ownerUserId: item.ownerUserId, statutoryLimit: item.statutoryLimit,
    committedLimit: item.committedLimit,
    materials: item.materials.map((m) => ({ ...m, received: item.receivedMaterials.includes(m.id), owed: item.deficiencyMaterials.includes(m.id) })),
    missing: item.acceptedAt ? [] : c.missing, noticeDueDate: noticeDueDate(toLocalDate(item.receivedAt, cal.officeHours)), noticeAt: item.noticeAt?.toISOString() ?? null,
    deemedAccepted: item.deemedAccepted, deficiencyPromise: item.deficiencyPromise, supplementDueAt: item.supplementDueAt?.toISOString() ?? null,
    extensionDays: item.extensionDays, extensionReason: item.extensionReason, pauses: item.pauses, refusalReason: item.refusalReason,
    resultNumber: item.resultNumber, delivery: item.delivery, certificate: certificateView(item, publicUrl),
    greenChannel: item.greenChannelAt !== null, greenChannelReason: item.greenChannelReason, greenChannelBy: item.greenChannelByName,
    jointHandling: isJointHandling(item.stages), review: reviewView(item),
    clock: item.acceptedAt ? applicationClock(cal, APPLICATION_DUE_SOON, clockInputOf({ ...item, acceptedAt: item.acceptedAt }, stoppedAt), now) : null,
    stages: item.stages.map((s) => ({
      stageNo: s.stageNo, name: s.name, status: s.status, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null, paused: stagePaused(s),
      branches: s.branches.map((b) => ({ departmentId: b.departmentId, departmentName: b.officeName, status: b.status, reason: b.reason })),
    })),
    ...actionsFor(APPLICATION_LIFECYCLE, item, actor.roles, relations),
  };
  return readsAsRequester(relations) ? requesterView(view) : view;
}

export async function getApplication(db: Db, actor: Actor, id: number, publicUrl: string): Promise<ApplicationView> {
  return applicationView(db, actor, (await readable(db, actor, id)).item, publicUrl);
}

/**
 * The chain's events, each with the actor's name and office's name so that timelines name people
 * and offices, not numbers; a requester reads its projection (requester.ts).
 */
export async function applicationEvents(db: Db, actor: Actor, id: number): Promise<NamedEvent[] | RequesterEvent[]> {
  const { item, relations } = await readable(db, actor, id);
  const events = await listEvents(db, APPLICATION_CHAIN, id);
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((u): u is number => u !== null))];
  const [people, offices] = await Promise.all([
    userIds.length ? queryRows<{ id: number; name: string; uscc: string | null }>(db, sql`select id, name, enterprise_uscc as uscc from users where id = any(${`{${userIds.join(',')}}`}::int[])`) : [],
    officeNames(db, events.map((e) => e.actorOfficeId).filter((o): o is number => o !== null)),
  ]);
  const named = events.map((e) => ({
    ...e, actorDisplayName: people.find((p) => p.id === e.actorUserId)?.name ?? null, actorOfficeName: e.actorOfficeId === null ? null : offices.get(e.actorOfficeId) ?? null,
  }));
  if (!readsAsRequester(relations)) return named;
  return requesterEvents(named, new Set(people.filter((p) => item.applicantUscc !== null && p.uscc === item.applicantUscc).map((p) => p.id)));
}

/**
 * Active window agents in the actor's office subtree: whom an application may be handed over to;
 * for an enterprise, every window's (the public-facing staff it may authorise to act for it, 帮办代办).
 */
export async function windowAgents(db: Db, actor: Actor): Promise<WindowAgent[]> {
  requireRole(actor, ['window_agent', 'leader', 'enterprise'], { zh: '查看综合窗口人员', en: 'see the window agents' });
  const everyWindow = actor.roles.includes('enterprise');
  if (!everyWindow && actor.officePath === null) return [];
  return queryRows<WindowAgent>(db, sql`select u.id as "userId", u.name, o.name as "officeName" from users u join offices o on o.id = u.office_id
    where u.active and 'window_agent' = any(u.roles) and ${everyWindow ? sql`true` : sql`o.path like ${startingWith(actor.officePath!)}`} order by o.path, u.name`);
}

/** The printable one-time notice (一次告知书): everything missing, at once. */
export async function missingNotice(db: Db, actor: Actor, id: number): Promise<MissingNotice> {
  const { item } = await readable(db, actor, id);
  const cal = await workingCalendar(db);
  const [w] = item.windowOfficeId ? await queryRows<{ name: string }>(db, sql`select name from offices where id = ${item.windowOfficeId}`) : [];
  const missing = item.noticeAt ? item.materials.filter((m) => item.noticeMissing.includes(m.id)) : checkCompleteness(item.materials, item.receivedMaterials).missing;
  return {
    applicationId: item.id, itemName: item.itemName, applicantName: item.applicantName, receivedAt: item.receivedAt.toISOString(),
    noticeAt: item.noticeAt?.toISOString() ?? null, noticeDueDate: noticeDueDate(toLocalDate(item.receivedAt, cal.officeHours)), missing, windowName: w?.name ?? null,
  };
}

const under = (officeColumn: string, path: string) => sql`exists (select 1 from offices o where o.id = ${sql.raw(officeColumn)} and o.path like ${`${path}%`})`;

/** The applications an agent holds a valid authorisation for today (帮办代办, agency.ts mirrored). */
const validAgency = (userId: number) => sql`exists (select 1 from agency_authorisations g where g.agent_user_id = ${userId} and g.enterprise_uscc = a.applicant_uscc
  and g.revoked_at is null and g.valid_until >= ${toLocalDate(new Date())}::date and (g.service_item_id is null or g.service_item_id = a.service_item_id))`;

/** The applications the actor reads through their own office or ownership, as SQL over `applications a` (the lifecycle's staff relations, mirrored). */
function staffSees(actor: Actor): SQL[] {
  const parts: SQL[] = [];
  const path = actor.officePath;
  const window = path ? sql`(${under('a.window_office_id', path)} or (a.window_office_id is null and a.channel = 'online' and ${under('a.office_id', path)}))` : null;
  const department = path ? under('a.office_id', path) : null;
  const branch = path ? sql`exists (select 1 from application_branches b join offices o on o.id = b.office_id where b.application_id = a.id and o.path like ${`${path}%`})` : null;
  if (actor.roles.includes('window_agent')) {
    if (window) parts.push(window);
    if (actor.userId !== null) parts.push(sql`a.owner_user_id = ${actor.userId}`);
  }
  if (actor.roles.includes('reviewer')) parts.push(...[department, branch].filter((p): p is SQL => p !== null));
  if (actor.roles.includes('leader')) parts.push(...[window, department, branch].filter((p): p is SQL => p !== null));
  return parts;
}

const anyOf = (parts: readonly SQL[]) => (parts.length ? sql`(${sql.join([...parts], sql` or `)})` : sql`false`);

/** The applications the actor may read, as SQL over `applications a`: the lifecycle's readers, mirrored. */
export function visibleApplications(actor: Actor): SQL {
  const parts = staffSees(actor);
  if (actor.roles.includes('window_agent') && actor.userId !== null) parts.push(validAgency(actor.userId));
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) parts.push(sql`a.applicant_uscc = ${actor.enterpriseUscc}`);
  return anyOf(parts);
}

/** From the open branches `b` of `a`'s current open stage sent to a department `bo` under `path` (a query's from and where). */
const openBranchRows = (path: string) => sql`from application_branches b
  join application_stages s on s.application_id = b.application_id and s.stage_no = b.stage_no and s.status = 'open'
  join offices bo on bo.id = b.office_id
  where b.application_id = a.id and b.status in ('pending', 'reviewing', 'waiting') and bo.path like ${startingWith(path)}`;

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  serviceItemId?: number;
  dueState?: ApplicationSummary['dueState'];
  greenChannel?: boolean;
  /** The figures' drill-down: received in these months (YYYY-MM), implemented by this office's subtree or in this region. */
  monthFrom?: string;
  monthTo?: string;
  officeId?: number;
  regionCode?: string;
  /** The figure a drill-down counts: only the applications it counted. */
  figure?: ApprovalFigure;
  /** Only those with an open branch in this status sent to a department in the actor's subtree. */
  branchStatus?: OpenBranch['status'];
  page?: number;
  pageSize?: number;
}

export async function listApplications(db: Db, actor: Actor, q: ApplicationListQuery): Promise<{ items: ApplicationSummary[]; total: number; page: number; pageSize: number }> {
  requireRole(actor, LIST_ROLES, READ);
  const where = [visibleApplications(actor)];
  if (q.status) where.push(sql`a.status = ${q.status}`);
  if (q.serviceItemId) where.push(sql`a.service_item_id = ${q.serviceItemId}`);
  if (q.dueState) where.push(sql`a.due_state = ${q.dueState}`);
  if (q.greenChannel !== undefined) where.push(q.greenChannel ? sql`a.green_channel_at is not null` : sql`a.green_channel_at is null`);
  where.push(...drillDown(q));
  if (q.branchStatus) where.push(actor.officePath ? sql`exists (select 1 ${openBranchRows(actor.officePath)} and b.status = ${q.branchStatus})` : sql`false`);
  const cond = sql.join(where, sql` and `);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from applications a where ${cond}`);
  const items = await queryRows<ApplicationSummary & { staffSees: boolean }>(db, sql`select a.id, a.status, a.version, v.name as "itemName", a.office_id as "officeId",
      a.applicant_name as "applicantName", a.applicant_uscc as "applicantUscc", a.channel, a.owner_name as "ownerName", a.due_state as "dueState",
      a.green_channel_at is not null as "greenChannel", ${anyOf(staffSees(actor))} as "staffSees",
      (select u.name from users u where u.id = a.owner_user_id) as "ownerDisplayName",
      to_char(a.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt",
      to_char(a.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt",
      ${actor.officePath ? sql`(select coalesce(json_agg(json_build_object('stageNo', b.stage_no, 'departmentId', b.office_id, 'departmentName', bo.name, 'status', b.status)
        order by bo.path), '[]'::json) ${openBranchRows(actor.officePath)})`
        : sql`'[]'::json`} as "openBranches",
      array(select m.name from service_item_materials m where m.version_id = a.version_id
        and case when a.accepted_at is null then m.required and not (m.id = any(a.received_materials)) else m.id = any(a.deficiency_materials) end order by m.position) as "stillNeeded",
      array(select o.name || '：' || coalesce(b.reason, '') from application_branches b join application_stages s on s.application_id = b.application_id and s.stage_no = b.stage_no and s.status = 'open'
        join offices o on o.id = b.office_id where b.application_id = a.id and b.status = 'waiting' order by o.path) as "asked"
    from applications a join service_item_versions v on v.id = a.version_id where ${cond}
    order by a.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return {
    items: items.map(({ staffSees: staff, ...i }) => {
      const row = { ...i, id: Number(i.id), openBranches: typeof i.openBranches === 'string' ? JSON.parse(i.openBranches) : i.openBranches };
      return staff ? row : requesterSummary(row);
    }),
    total, page, pageSize,
  };
}
