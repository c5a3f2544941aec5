/**
 * Reading the catalogue: staff lists and items (drafts only for their editors), versions, the
 * public guides (published items only, no log-in) and the catalogue report.
 */
import { type SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { containing } from '../platform/db/like.js';
import { actionsFor, canRead, publicationRelations } from '../platform/lifecycle/index.js';
import { canSeeOfficePath, requireRole, seesEverything } from '../auth/permissions.js';
import { ITEM_LIFECYCLE, READ_ROLES } from './lifecycle.js';
import {
  REDUCTION_TARGETS, type CatalogueReport, type ReportRow, type ServiceGuide, type ServiceItemFilter, type ServiceItemSummary, type ServiceItemView, type StoredVersion,
  type VersionSummary,
} from './contract.js';
import { reduction } from './rules.js';
import { ITEMS, loadVersion, loadVersions } from './store.js';

const ITEM = ITEM_LIFECYCLE.label;
const READ = { zh: '查看政务服务事项目录', en: 'read the service-item catalogue' };

const SUMMARY = sql`s.id, s.status, s.version, s.revision, s.implementation_code as "implementationCode", v.name, v.type_code as "typeCode",
  s.office_id as "officeId", o.name as "officeName", o.region_code as "regionCode", v.statutory_limit::float8 as "statutoryLimit",
  v.committed_limit::float8 as "committedLimit", (select count(*)::int from service_item_materials m where m.version_id = v.id) as materials,
  to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;
const FROM = sql`service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join offices o on o.id = s.office_id`;

/** What the actor may see: published and retired items for staff, drafts too within an editor's scope. */
function visible(actor: Actor): SQL {
  if (seesEverything(actor)) return sql`true`;
  if (actor.roles.includes('admin') && actor.officePath) return sql`(s.status <> 'draft' or o.path like ${`${actor.officePath}%`})`;
  return sql`s.status <> 'draft'`;
}

function filters(q: ServiceItemFilter): SQL[] {
  const where: SQL[] = [];
  if (q.q?.trim()) where.push(sql`(v.name like ${containing(q.q.trim())} or s.implementation_code like ${containing(q.q.trim().toUpperCase())} or v.basic_code like ${containing(q.q.trim())})`);
  if (q.officeId) where.push(sql`o.path like (select path from offices where id = ${q.officeId}) || '%'`);
  if (q.status) where.push(sql`s.status = ${q.status}`);
  if (q.typeCode) where.push(sql`v.type_code = ${q.typeCode}`);
  return where;
}

async function page(db: Db, where: SQL[], q: ServiceItemFilter): Promise<{ items: ServiceItemSummary[]; total: number; page: number; pageSize: number }> {
  const pageNo = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const cond = sql.join(where.length ? where : [sql`true`], sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from ${FROM} where ${cond}`);
  const items = await queryRows<ServiceItemSummary>(db, sql`select ${SUMMARY} from ${FROM} where ${cond}
    order by o.path, v.name, s.id limit ${pageSize} offset ${(pageNo - 1) * pageSize}`);
  return { items, total, page: pageNo, pageSize };
}

/** Staff list: searched by name or code, filtered by department (with those below it), status and type. */
export async function listServiceItems(db: Db, actor: Actor, q: ServiceItemFilter) {
  requireRole(actor, READ_ROLES, READ);
  return page(db, [visible(actor), ...filters(q)], q);
}

async function viewOf(db: Db, actor: Actor, id: number): Promise<ServiceItemView | null> {
  const row = await ITEMS.load(db, id);
  if (!row) return null;
  const [office] = await queryRows<{ name: string; path: string; regionCode: string; regionName: string }>(db, sql`select o.name, o.path,
    o.region_code as "regionCode", r.name as "regionName" from offices o join regions r on r.code = o.region_code where o.id = ${row.officeId}`);
  const relations = publicationRelations(canSeeOfficePath(actor, office.path), row.status);
  if (!canRead(ITEM_LIFECYCLE, actor.roles, relations)) return null;
  return {
    id: row.id, status: row.status, version: row.version, revision: row.revision, publishedAt: row.publishedAt?.toISOString() ?? null,
    officeName: office.name, regionCode: office.regionCode, regionName: office.regionName, current: (await loadVersion(db, row.id, row.revision))!,
    ...actionsFor(ITEM_LIFECYCLE, row, actor.roles, relations),
  };
}

/** One item with its current version and the actions open to the actor; 404 when they may not see it. */
export async function getServiceItem(db: Db, actor: Actor, id: number): Promise<ServiceItemView> {
  requireRole(actor, READ_ROLES, READ);
  const view = await viewOf(db, actor, id);
  if (!view) throw notFound(ITEM, id);
  return view;
}

/** Every version of an item, newest first. */
export async function listVersions(db: Db, actor: Actor, id: number): Promise<VersionSummary[]> {
  await getServiceItem(db, actor, id);
  return queryRows<VersionSummary>(db, sql`select revision, id as "versionId", name, statutory_limit::float8 as "statutoryLimit", committed_limit::float8 as "committedLimit",
    created_by_name as "createdByName", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
    from service_item_versions where item_id = ${id} order by revision desc`);
}

/** One version of an item, as it was written. */
export async function getVersion(db: Db, actor: Actor, id: number, revision: number): Promise<StoredVersion> {
  await getServiceItem(db, actor, id);
  const version = await loadVersion(db, id, revision);
  if (!version) throw notFound({ zh: `政务服务事项 ${id} 的版本`, en: `version of service item ${id}` }, revision);
  return version;
}

/** The current version of every item the actor may see (the export), in catalogue order. */
export async function currentVersions(db: Db, actor: Actor, q: ServiceItemFilter = {}): Promise<StoredVersion[]> {
  requireRole(actor, READ_ROLES, READ);
  const rows = await queryRows<{ itemId: number; revision: number }>(db, sql`select s.id as "itemId", s.revision from ${FROM}
    where ${sql.join([visible(actor), ...filters(q)], sql` and `)} order by o.path, v.name, s.id`);
  return loadVersions(db, rows);
}

const PUBLISHED = sql`s.status = 'published'`;

/** Published items, searched (no log-in). */
export async function listPublicItems(db: Db, q: ServiceItemFilter) {
  const { items, ...rest } = await page(db, [PUBLISHED, ...filters({ ...q, status: undefined })], q);
  return { ...rest, items: items.map(({ version: _v, status: _s, ...i }) => i) };
}

/** The guide of a published item by its implementation code; 404 when there is none. */
export async function getServiceGuide(db: Db, code: string): Promise<ServiceGuide> {
  const [row] = await queryRows<{ id: number; revision: number; officeName: string; regionName: string; publishedAt: string | null }>(db, sql`select s.id, s.revision,
    o.name as "officeName", r.name as "regionName", to_char(s.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "publishedAt"
    from service_items s join offices o on o.id = s.office_id join regions r on r.code = o.region_code where s.implementation_code = ${code.toUpperCase()} and ${PUBLISHED}`);
  if (!row) throw notFound({ zh: '办事指南', en: 'service guide' }, code);
  const { createdByName: _c, stepsBefore: _s, materialsBefore: _m, materials, ...version } = (await loadVersion(db, row.id, row.revision))!;
  const fileIds = materials.flatMap((m) => [m.blankFormFileId, m.sampleFileId]).filter((f): f is number => f !== null);
  const names = new Map((fileIds.length ? await queryRows<{ id: number; fileName: string }>(db, sql`select id, file_name as "fileName" from service_item_files
    where id = any(${`{${fileIds.join(',')}}`}::integer[])`) : []).map((f) => [f.id, f.fileName]));
  const file = (id: number | null) => (id === null ? null : { id, fileName: names.get(id)! });
  return {
    ...version, departmentName: row.officeName, regionName: row.regionName, whereToApply: version.place || row.officeName, publishedAt: row.publishedAt,
    materials: materials.map(({ blankFormFileId, sampleFileId, ...m }) => ({ ...m, blankForm: file(blankFormFileId), sample: file(sampleFileId) })),
  };
}

/** A blank form or sample of a published item's guide: only files its current version's materials name. */
export async function readGuideFile(db: Db, code: string, fileId: number): Promise<StoredFile> {
  const guide = await getServiceGuide(db, code);
  const offered = guide.materials.some((m) => m.blankForm?.id === fileId || m.sample?.id === fileId);
  const file = offered ? await readFile(db, guide.itemId, fileId) : null;
  if (!file) throw notFound({ zh: '文件', en: 'file' }, fileId);
  return file;
}

export interface StoredFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export async function readFile(db: Db, itemId: number, fileId: number): Promise<StoredFile | null> {
  const [row] = await queryRows<{ fileName: string; contentType: string; data: string }>(db, sql`select file_name as "fileName", content_type as "contentType",
    encode(data, 'base64') as data from service_item_files where item_id = ${itemId} and id = ${fileId}`);
  return row ? { ...row, data: Buffer.from(row.data, 'base64') } : null;
}

/** A staff member's download of an item's file. */
export async function readItemFile(db: Db, actor: Actor, itemId: number, fileId: number): Promise<StoredFile> {
  await getServiceItem(db, actor, itemId);
  const file = await readFile(db, itemId, fileId);
  if (!file) throw notFound({ zh: '文件', en: 'file' }, fileId);
  return file;
}

interface Sums {
  key: string;
  name: string;
  items: number;
  statutory: number;
  committed: number;
  limitedStatutory: number;
  limitedCommitted: number;
  steps: number;
  materials: number;
  baselineSteps: number;
  stepsBefore: number;
  stepsBaselineItems: number;
  baselineMaterials: number;
  materialsBefore: number;
  materialsBaselineItems: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function reportRow(s: Sums): ReportRow {
  const average = (n: number) => (s.items ? round(n / s.items) : 0);
  const share = (r: number | null) => (r === null ? null : round(r, 4));
  return {
    key: s.key, name: s.name, items: s.items, averageStatutory: average(s.statutory), averageCommitted: average(s.committed),
    timeSaved: share(reduction(s.limitedCommitted, s.limitedStatutory)), averageSteps: average(s.steps), averageMaterials: average(s.materials),
    stepsReduction: share(reduction(s.baselineSteps, s.stepsBefore)), materialsReduction: share(reduction(s.baselineMaterials, s.materialsBefore)),
    stepsBaselineItems: s.stepsBaselineItems, materialsBaselineItems: s.materialsBaselineItems,
  };
}

/**
 * The catalogue report over the published items' current versions, per department or per region
 * (the department's), with the whole: how many, average limits, steps and materials, and the
 * reductions the seeds count against the statutory limit and the recorded baselines.
 */
export async function catalogueReport(db: Db, actor: Actor, by: 'office' | 'region'): Promise<CatalogueReport> {
  requireRole(actor, READ_ROLES, READ);
  const key = by === 'office' ? sql`o.id::text` : sql`o.region_code`;
  const name = by === 'office' ? sql`o.name` : sql`r.name`;
  const sums = await queryRows<Sums>(db, sql`with item as (
      select ${key} as key, ${name} as name, v.statutory_limit::float8 as statutory, v.committed_limit::float8 as committed,
        jsonb_array_length(v.steps) as steps, (select count(*)::int from service_item_materials m where m.version_id = v.id) as materials,
        v.steps_before, v.materials_before, o.path
      from ${FROM} join regions r on r.code = o.region_code where ${PUBLISHED})
    select key, min(name) as name, count(*)::int as items, sum(statutory)::float8 as statutory, sum(committed)::float8 as committed,
      coalesce(sum(statutory) filter (where statutory > 0), 0)::float8 as "limitedStatutory", coalesce(sum(committed) filter (where statutory > 0), 0)::float8 as "limitedCommitted",
      sum(steps)::int as steps, sum(materials)::int as materials,
      coalesce(sum(steps) filter (where steps_before is not null), 0)::int as "baselineSteps", coalesce(sum(steps_before), 0)::int as "stepsBefore",
      count(steps_before)::int as "stepsBaselineItems",
      coalesce(sum(materials) filter (where materials_before is not null), 0)::int as "baselineMaterials", coalesce(sum(materials_before), 0)::int as "materialsBefore",
      count(materials_before)::int as "materialsBaselineItems"
    from item group by key order by min(path), min(name)`);
  const total = sums.reduce<Sums>((t, s) => {
    const out = { ...t };
    for (const k of Object.keys(s) as (keyof Sums)[]) if (typeof s[k] === 'number') (out[k] as number) += s[k] as number;
    return out;
  }, {
    key: 'total', name: '合计', items: 0, statutory: 0, committed: 0, limitedStatutory: 0, limitedCommitted: 0, steps: 0, materials: 0,
    baselineSteps: 0, stepsBefore: 0, stepsBaselineItems: 0, baselineMaterials: 0, materialsBefore: 0, materialsBaselineItems: 0,
  });
  return { by, targets: REDUCTION_TARGETS, rows: sums.map(reportRow), total: reportRow(total) };
}
