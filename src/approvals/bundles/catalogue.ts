/**
 * The catalogue of bundles (一件事): a named "one thing" with its items and the materials it
 * shares, versioned as items are — every change adds a revision, so a bundle application keeps
 * the revision it was taken in under. Defined and revised by the system administrator (the
 * items belong to several departments); read by staff and, published, by the public guide.
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, notFound, staleVersion } from '../../platform/errors.js';
import { requireSystemAdministrator } from '../../auth/permissions.js';
import { materialsOfVersion } from '../applications/store.js';
import { mergeChecklist, parallelAndSerial, type BundleItemChecklist } from './rules.js';
import type { BundleItemView, BundleView, MergedMaterial } from './contract.js';

const LABEL = { zh: '一件事', en: 'bundle' };
const MaterialName = Type.String({ minLength: 1, maxLength: 200 });

export const BundleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: '开办餐馆“一件事”…' }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  itemIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 2, maxItems: 20, description: 'The service items, in the guide\'s order' }),
  sharedMaterials: Type.Array(MaterialName, { maxItems: 100, description: 'Material names asked once for every item that lists them' }),
  internalMaterials: Type.Array(MaterialName, { maxItems: 100, description: 'Material names another part\'s result supplies: never asked of the applicant' }),
}, { additionalProperties: false });
export type BundleInput = (typeof BundleBody)['static'];

export const NewBundleBody = Type.Composite([Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{2,60}$', description: 'restaurant-opening…' }) }), BundleBody], { additionalProperties: false });
export const RevisedBundleBody = Type.Composite([Type.Object({ version: Type.Integer({ minimum: 1 }) }), BundleBody], { additionalProperties: false });

interface BundleRow { id: number; code: string; status: 'published' | 'retired'; revision: number; version: number }
interface VersionRow { name: string; description: string; itemIds: number[]; sharedMaterials: string[]; internalMaterials: string[] }

/** The items as they stand now (their current versions), with their materials: what a new application takes in. */
async function currentItems(db: Db, itemIds: readonly number[]) {
  const rows = await queryRows<BundleItemView & { versionId: number; itemStatus: string }>(db, sql`
    select s.id as "serviceItemId", v.id as "versionId", v.name, v.office_id as "officeId", o.name as "officeName", v.statutory_limit::float8 as "statutoryLimit",
      v.committed_limit::float8 as "committedLimit", v.legal_basis as "legalBasis", s.status as "itemStatus"
    from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join offices o on o.id = v.office_id
    where s.id = any(${`{${itemIds.join(',')}}`}::int[])`);
  const items = itemIds.map((id) => rows.find((r) => r.serviceItemId === id)).filter((r) => r !== undefined);
  return Promise.all(items.map(async (i) => ({ ...i, materials: await materialsOfVersion(db, i.versionId) })));
}

/** Refuses items that do not exist, are named twice or are not published, and material names no item lists (400, nothing written). */
async function checkedDefinition(db: Db, input: BundleInput) {
  if (new Set(input.itemIds).size !== input.itemIds.length) throw badRequest('duplicate_item', '同一事项在一件事中只能出现一次', 'An item appears once in a bundle');
  const items = await currentItems(db, input.itemIds);
  const unknown = input.itemIds.filter((id) => !items.some((i) => i.serviceItemId === id && i.itemStatus === 'published'));
  if (unknown.length) throw badRequest('unknown_item', `事项 ${unknown.join('、')} 不存在或未发布`, `Items ${unknown.join(', ')} do not exist or are not published`);
  const names = new Set(items.flatMap((i) => i.materials.map((m) => m.name)));
  const strays = [...input.sharedMaterials, ...input.internalMaterials].filter((n) => !names.has(n));
  if (strays.length) throw badRequest('unknown_material', `材料「${strays.join('」「')}」不在这些事项的材料清单中`, `No item of the bundle lists the materials ${strays.join(', ')}`);
  const both = input.sharedMaterials.filter((n) => input.internalMaterials.includes(n));
  if (both.length) throw badRequest('shared_and_internal', `材料「${both.join('」「')}」不能既是共享材料又由其他事项结果提供`, `Materials ${both.join(', ')} cannot be both shared and supplied by another part`);
}

/** A text[] from a JSON list: safe for any name (commas, quotes, braces). */
const textArray = (values: readonly string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const insertVersion = (tx: Db, id: number, revision: number, input: BundleInput, by: string) => tx.execute(sql`
  insert into service_bundle_versions (bundle_id, revision, name, description, item_ids, shared_materials, internal_materials, created_by_name)
  values (${id}, ${revision}, ${input.name.trim()}, ${input.description?.trim() ?? ''}, ${`{${input.itemIds.join(',')}}`}::int[],
    ${textArray(input.sharedMaterials)}, ${textArray(input.internalMaterials)}, ${by})`);

export async function defineBundle(db: Db, actor: Actor, input: BundleInput & { code: string }): Promise<BundleView> {
  requireSystemAdministrator(actor, { zh: '定义一件事', en: 'define a bundle' });
  const id = await db.transaction(async (tx) => {
    await checkedDefinition(tx, input);
    const [taken] = await queryRows(tx, sql`select 1 from service_bundles where code = ${input.code}`);
    if (taken) throw badRequest('code_taken', `编码 ${input.code} 已被使用`, `The code ${input.code} is taken`);
    const [row] = await queryRows<{ id: number }>(tx, sql`insert into service_bundles (code, created_by_name) values (${input.code}, ${actor.name}) returning id`);
    await insertVersion(tx, row.id, 1, input, actor.name);
    return row.id;
  });
  return bundleView(db, id);
}

/** A new revision in force at once; earlier revisions stay as they were. 409 on a stale version. */
export async function reviseBundle(db: Db, actor: Actor, id: number, input: BundleInput & { version: number }): Promise<BundleView> {
  requireSystemAdministrator(actor, { zh: '修改一件事', en: 'revise a bundle' });
  await db.transaction(async (tx) => {
    const [row] = await queryRows<BundleRow>(tx, sql`select id, revision, version from service_bundles where id = ${id} for update`);
    if (!row) throw notFound(LABEL, id);
    if (row.version !== input.version) throw staleVersion(LABEL, row.version);
    await checkedDefinition(tx, input);
    await insertVersion(tx, id, row.revision + 1, input, actor.name);
    await tx.execute(sql`update service_bundles set revision = revision + 1, version = version + 1, updated_at = now() where id = ${id}`);
  });
  return bundleView(db, id);
}

/** A bundle's definition at a revision (its current one unless given). */
export async function bundleDefinition(db: Db, id: number, revision?: number): Promise<(BundleRow & VersionRow) | null> {
  const [row] = await queryRows<BundleRow & VersionRow>(db, sql`
    select b.id, b.code, b.status, v.revision, b.version, v.name, v.description, v.item_ids as "itemIds", v.shared_materials as "sharedMaterials",
      v.internal_materials as "internalMaterials"
    from service_bundles b join service_bundle_versions v on v.bundle_id = b.id and v.revision = coalesce(${revision ?? null}::int, b.revision)
    where b.id = ${id}`);
  return row ? { ...row, itemIds: row.itemIds.map(Number) } : null;
}

/**
 * The merged checklist of a definition over its items' current versions, or over the versions a
 * bundle application's parts were taken in under (each part keeps its own).
 */
export async function checklistOf(db: Db, def: VersionRow, parts?: readonly BundleItemChecklist[]): Promise<{ items: Awaited<ReturnType<typeof currentItems>>; checklist: MergedMaterial[] }> {
  const items = parts ? [] : await currentItems(db, def.itemIds);
  const lists = parts ?? items.map((i) => ({ serviceItemId: i.serviceItemId, itemName: i.name, materials: i.materials }));
  return { items, checklist: mergeChecklist(lists, def.sharedMaterials, def.internalMaterials) };
}

export async function bundleView(db: Db, id: number): Promise<BundleView> {
  const def = await bundleDefinition(db, id);
  if (!def) throw notFound(LABEL, id);
  const { items, checklist } = await checklistOf(db, def);
  return {
    id: def.id, code: def.code, status: def.status, revision: def.revision, version: def.version, name: def.name, description: def.description,
    items: items.map(({ materials: _m, versionId: _v, itemStatus: _s, ...i }) => i), sharedMaterials: def.sharedMaterials, internalMaterials: def.internalMaterials, checklist,
    committedDays: parallelAndSerial(items.map((i) => i.committedLimit)), statutoryDays: parallelAndSerial(items.map((i) => i.statutoryLimit)),
  };
}

/** Published bundles (the public guide lists these), or every bundle for staff. */
export async function listBundles(db: Db, publishedOnly: boolean): Promise<BundleView[]> {
  const ids = await queryRows<{ id: number }>(db, sql`select id from service_bundles ${publishedOnly ? sql`where status = 'published'` : sql``} order by id`);
  return Promise.all(ids.map((r) => bundleView(db, r.id)));
}

export async function publishedBundle(db: Db, id: number): Promise<BundleView> {
  const view = await bundleView(db, id);
  if (view.status !== 'published') throw notFound(LABEL, id);
  return view;
}
