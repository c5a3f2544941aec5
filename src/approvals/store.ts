/**
 * Where the catalogue keeps its items: the item rows the kernel locks and changes, and their
 * versions with their materials. Only the commands write here.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { itemTable } from '../platform/lifecycle/index.js';
import type { ServiceItemRow } from './lifecycle.js';
import type { ServiceItemContent } from './contract.js';
import type { StoredMaterial, StoredVersion } from './contract.js';

export type { StoredMaterial, StoredVersion } from './contract.js';

export const ITEMS = itemTable<ServiceItemRow>('service_items', 's', {
  id: ['id', 'int'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  officeId: ['office_id', 'int'], implementationCode: ['implementation_code', 'text'], revision: ['revision', 'int'],
  publishedAt: ['published_at', 'ts'], createdByName: ['created_by_name', 'text'], updatedAt: ['updated_at', 'ts'],
});

export const ITEM_CHAIN = { events: 'service_item_events', itemColumn: 'item_id', items: 'service_items' };

/** The select list of a version `v` (limits as numbers on both engines). */
export const VERSION_COLUMNS = sql.raw(`v.id as "versionId", v.item_id as "itemId", v.revision, v.basic_code as "basicCode",
  v.implementation_code as "implementationCode", v.name, v.type_code as "typeCode", v.legal_basis as "legalBasis", v.level, v.office_id as "officeId",
  v.service_objects as "serviceObjects", v.statutory_limit::float8 as "statutoryLimit", v.statutory_note as "statutoryNote",
  v.committed_limit::float8 as "committedLimit", v.committed_note as "committedNote", v.conditions, v.steps, v.fees, v.visits,
  v.online_depth as "onlineDepth", v.result_name as "resultName", v.place, v.steps_before as "stepsBefore", v.materials_before as "materialsBefore",
  v.created_by_name as "createdByName", to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"`);

async function materialsOf(db: Db, versionIds: readonly number[]): Promise<Map<number, StoredMaterial[]>> {
  const byVersion = new Map<number, StoredMaterial[]>(versionIds.map((id) => [id, []]));
  if (!versionIds.length) return byVersion;
  const rows = await queryRows<StoredMaterial & { versionId: number }>(db, sql`select version_id as "versionId", id, name, required, deficiency, form, source, note,
    blank_form_file_id as "blankFormFileId", sample_file_id as "sampleFileId"
    from service_item_materials where version_id = any(${`{${versionIds.join(',')}}`}::integer[]) order by version_id, position`);
  for (const { versionId, ...m } of rows) byVersion.get(versionId)!.push(m);
  return byVersion;
}

/** Versions by (item, revision) pairs, with their materials. */
export async function loadVersions(db: Db, pairs: readonly { itemId: number; revision: number }[]): Promise<StoredVersion[]> {
  if (!pairs.length) return [];
  const rows = await queryRows<Omit<StoredVersion, 'materials'>>(db, sql`select ${VERSION_COLUMNS} from service_item_versions v
    join json_to_recordset(${JSON.stringify(pairs)}::json) as p("itemId" integer, revision integer) on p."itemId" = v.item_id and p.revision = v.revision`);
  const materials = await materialsOf(db, rows.map((r) => r.versionId));
  const byKey = new Map(rows.map((r) => [`${r.itemId}/${r.revision}`, { ...r, materials: materials.get(r.versionId)! }]));
  return pairs.map((p) => byKey.get(`${p.itemId}/${p.revision}`)).filter((v) => v !== undefined);
}

export async function loadVersion(db: Db, itemId: number, revision: number): Promise<StoredVersion | null> {
  return (await loadVersions(db, [{ itemId, revision }]))[0] ?? null;
}

/** The content of a stored version, as a command compares and writes it. */
export function contentOf(v: StoredVersion): ServiceItemContent {
  const { versionId: _v, itemId: _i, revision: _r, createdAt: _c, createdByName: _n, materials, ...rest } = v;
  return { ...rest, materials: materials.map(({ id: _id, ...m }) => m) };
}

/**
 * Writes a version: a new revision, or (a draft's) the revision in place with its materials
 * replaced. Nothing references a draft's materials, so replacing them loses nothing.
 */
export async function writeVersion(tx: Db, itemId: number, revision: number, c: ServiceItemContent, byName: string, mode: 'insert' | 'replace'): Promise<void> {
  const values = sql`${c.basicCode}, ${c.implementationCode}, ${c.name}, ${c.typeCode}, ${c.legalBasis}, ${c.level}, ${c.officeId},
    ${`{${c.serviceObjects.join(',')}}`}::text[], ${c.statutoryLimit}, ${c.statutoryNote}, ${c.committedLimit}, ${c.committedNote}, ${c.conditions},
    ${JSON.stringify(c.steps)}::jsonb, ${c.fees}, ${c.visits}, ${c.onlineDepth}, ${c.resultName}, ${c.place}, ${c.stepsBefore}::integer, ${c.materialsBefore}::integer, ${byName}`;
  const columns = sql.raw(`basic_code, implementation_code, name, type_code, legal_basis, level, office_id, service_objects, statutory_limit, statutory_note,
    committed_limit, committed_note, conditions, steps, fees, visits, online_depth, result_name, place, steps_before, materials_before, created_by_name`);
  let versionId: number;
  if (mode === 'insert') {
    [{ id: versionId }] = await queryRows<{ id: number }>(tx, sql`insert into service_item_versions (item_id, revision, ${columns})
      values (${itemId}, ${revision}, ${values}) returning id`);
  } else {
    [{ id: versionId }] = await queryRows<{ id: number }>(tx, sql`update service_item_versions set (${columns}) = (${values}), created_at = now()
      where item_id = ${itemId} and revision = ${revision} returning id`);
    await tx.execute(sql`delete from service_item_materials where version_id = ${versionId}`);
  }
  if (c.materials.length) {
    await tx.execute(sql`insert into service_item_materials (version_id, position, name, required, deficiency, form, source, note, blank_form_file_id, sample_file_id)
      select ${versionId}, m.position, m.name, m.required, m.deficiency, m.form, m.source, m.note, m."blankFormFileId", m."sampleFileId"
      from json_to_recordset(${JSON.stringify(c.materials.map((m, position) => ({ ...m, position })))}::json)
        as m(position integer, name text, required boolean, deficiency boolean, form text, source text, note text, "blankFormFileId" integer, "sampleFileId" integer)`);
  }
}

/** The ids among these that are files of the item. */
export async function filesOfItem(db: Db, itemId: number, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await queryRows<{ id: number }>(db, sql`select id from service_item_files where item_id = ${itemId} and id = any(${`{${ids.join(',')}}`}::integer[])`);
  return new Set(rows.map((r) => r.id));
}
