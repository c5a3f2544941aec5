/** Reading bundle applications: one with its parts and critical path, the scoped list, the events. */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { actionsFor, canRead, listEvents } from '../../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import { workingCalendar } from '../../calendar/store.js';
import { applicationClock, checkCompleteness, clockInputOf } from '../applications/rules.js';
import { currentStage, type ApplicationItem } from '../applications/lifecycle.js';
import { APPLICATION_DUE_SOON } from '../applications/type.js';
import { bundleProgress, criticalPath, missingOverParts, parallelAndSerial } from './rules.js';
import { BUNDLE_APPLICATION_LIFECYCLE, bundleRelationsTo, type BundleApplicationItem } from './lifecycle.js';
import { BUNDLE_APPLICATION_CHAIN, loadBundleApplication } from './store.js';
import type { BundleApplicationView, BundlePartView } from './contract.js';

const LABEL = BUNDLE_APPLICATION_LIFECYCLE.label;

async function readable(db: Db, actor: Actor, id: number) {
  const item = await loadBundleApplication(db, id);
  const relations = item ? bundleRelationsTo(actor, item) : [];
  if (!item || !canRead(BUNDLE_APPLICATION_LIFECYCLE, actor.roles, relations)) throw notFound(LABEL, id);
  return item;
}

/** The clock stops at the decision, or where the part was withdrawn or ended. */
const stoppedAt = (p: ApplicationItem) => p.decidedAt ?? (['withdrawn', 'ended'].includes(p.status) ? p.updatedAt : null);

/**
 * A reviewer (or a department's leader) who came by a part sees the bundle with its own parts only;
 * the window, the applicant and a leader over the window see every part.
 */
function partsShown(actor: Actor, item: BundleApplicationItem): ApplicationItem[] {
  const relations = bundleRelationsTo(actor, item);
  if (relations.includes('window') || relations.includes('applicant')) return item.parts;
  return item.parts.filter((p) => actor.officePath !== null && canSeeOfficePath(actor, p.officePath));
}

export async function bundleApplicationView(db: Db, actor: Actor, item: BundleApplicationItem, now = new Date()): Promise<BundleApplicationView> {
  const cal = await workingCalendar(db);
  const shown = partsShown(actor, item);
  const received = new Set(item.parts.flatMap((p) => p.receivedMaterials));
  const missing = item.acceptedAt ? [] : missingOverParts(item.checklist, item.parts.flatMap((p) => checkCompleteness(p.materials, p.receivedMaterials).missing.map((m) => m.id)));
  const parts: BundlePartView[] = shown.map((p) => {
    const branch = currentStage(p)?.branches[0] ?? null;
    return {
      position: item.parts.indexOf(p) + 1, applicationId: p.id, serviceItemId: p.serviceItemId, itemName: p.itemName, officeId: p.officeId, officeName: p.officeName,
      status: p.status, branchStatus: branch?.status ?? null, branchReason: branch?.reason ?? null,
      clock: p.acceptedAt ? applicationClock(cal, APPLICATION_DUE_SOON, clockInputOf({ ...p, acceptedAt: p.acceptedAt }, stoppedAt(p)), now) : null,
      certificateCode: p.certificateCode, resultNumber: p.resultNumber,
    };
  });
  const accepted = item.parts.filter((p) => p.acceptedAt !== null);
  const path = accepted.length === item.parts.length && accepted.length
    ? criticalPath(cal, APPLICATION_DUE_SOON, item.parts.map((p, i) => ({ position: i + 1, clock: clockInputOf({ ...p, acceptedAt: p.acceptedAt! }, stoppedAt(p)) })), now)
    : null;
  return {
    id: item.id, bundleId: item.bundleId, bundleRevision: item.bundleRevision, bundleName: item.bundleName, applicantKind: item.applicantKind,
    applicantName: item.applicantName, applicantUscc: item.applicantUscc, channel: item.channel, ownerName: item.ownerName,
    receivedAt: item.receivedAt.toISOString(), acceptedAt: item.acceptedAt?.toISOString() ?? null, status: item.status,
    progress: bundleProgress(item.status, item.parts.map((p) => ({ status: p.status, branchStatus: currentStage(p)?.branches[0]?.status ?? null }))),
    version: item.version,
    checklist: item.checklist.map((m) => ({ ...m, received: m.internal || m.items.every((i) => received.has(i.materialId)) })),
    missing, parts,
    criticalPath: path && {
      committedDueAt: path.committedDueAt.toISOString(), statutoryDueAt: path.statutoryDueAt.toISOString(), criticalPosition: path.criticalPosition,
      workingDaysTaken: path.workingDaysTaken, committedDays: parallelAndSerial(item.parts.map((p) => p.committedLimit)),
    },
    ...actionsFor(BUNDLE_APPLICATION_LIFECYCLE, item, actor.roles, bundleRelationsTo(actor, item)),
  };
}

export async function getBundleApplication(db: Db, actor: Actor, id: number): Promise<BundleApplicationView> {
  return bundleApplicationView(db, actor, await readable(db, actor, id));
}

export async function bundleApplicationEvents(db: Db, actor: Actor, id: number) {
  await readable(db, actor, id);
  return listEvents(db, BUNDLE_APPLICATION_CHAIN, id);
}

const under = (officeColumn: string, path: string) => sql`exists (select 1 from offices o where o.id = ${sql.raw(officeColumn)} and o.path like ${`${path}%`})`;

/** Who sees which bundle applications, as SQL over `ba` (as the lifecycle's readers say). */
function visibleBundles(actor: Actor) {
  const conditions = [];
  const path = actor.officePath;
  const partUnder = path ? sql`exists (select 1 from bundle_parts bp join applications a on a.id = bp.application_id where bp.bundle_application_id = ba.id and ${under('a.office_id', path)})` : null;
  const window = path ? sql`(${under('ba.window_office_id', path)} or (ba.window_office_id is null and ${partUnder}))` : null;
  if (actor.roles.includes('window_agent') && window) conditions.push(window);
  if ((actor.roles.includes('reviewer') || actor.roles.includes('leader')) && partUnder) conditions.push(partUnder);
  if (actor.roles.includes('leader') && window) conditions.push(window);
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc) conditions.push(sql`ba.applicant_uscc = ${actor.enterpriseUscc}`);
  return conditions.length ? sql`(${sql.join(conditions, sql` or `)})` : sql`false`;
}

/** The bundle applications the actor may see, newest first, each as its view (a page of up to 100). */
export async function listBundleApplications(db: Db, actor: Actor, q: { page?: number; pageSize?: number }) {
  const pageSize = q.pageSize ?? 20;
  const page = q.page ?? 1;
  const rows = await queryRows<{ id: number; total: number }>(db, sql`select ba.id, count(*) over ()::int as total from bundle_applications ba
    where ${visibleBundles(actor)} order by ba.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`);
  const items = await Promise.all(rows.map(async (r) => bundleApplicationView(db, actor, (await loadBundleApplication(db, Number(r.id)))!)));
  return { items, total: rows[0]?.total ?? 0, page, pageSize };
}
