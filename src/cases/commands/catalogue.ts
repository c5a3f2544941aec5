/** Keeping the category tree (诉求分类) and the dispatch catalogue (派单目录) current: the administrator's commands, each audited. */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireOfficeInScope, requireRole, requireSystemAdministrator, seesEverything } from '../../auth/permissions.js';
import { findOffice } from '../../offices/queries.js';
import { findRegion } from '../../regions/queries.js';
import { regionWithin } from '../../regions/rules.js';
import { forgetReferenceData } from '../reference.js';
import type { Category, DispatchRule } from '../contract.js';
import { findCategory, RULE_SELECT } from '../catalogue.js';
import { encodeValue as encode } from '../../platform/lifecycle/index.js';

const CATEGORY = { zh: '诉求分类', en: 'category' };
const RULE = { zh: '派单目录条目', en: 'dispatch catalogue entry' };

/** Keywords trimmed, without blanks or repeats. */
const cleanKeywords = (keywords: readonly string[]) => [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];

export async function createCategory(db: Db, actor: Actor, input: { code: string; name: string; parentId: number | null; keywords?: string[] }): Promise<Category> {
  requireSystemAdministrator(actor, { zh: '维护诉求分类', en: 'maintain the categories' });
  const name = input.name.trim();
  if (!name) throw badRequest('invalid_name', '分类名称不能为空', 'The category name must not be empty');
  const created = await db.transaction(async (tx) => {
    const parent = input.parentId === null ? null : await findCategory(tx, input.parentId);
    if (input.parentId !== null && !parent) throw badRequest('unknown_parent', `上级分类 ${input.parentId} 不存在`, `Parent category ${input.parentId} does not exist`);
    const [dup] = await queryRows<{ id: number }>(tx, sql`select id from case_categories where code = ${input.code}`);
    if (dup) throw conflict('category_code_taken', `分类编码 ${input.code} 已存在`, `Category code ${input.code} already exists`);
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into case_categories (parent_id, code, name, keywords)
      values (${input.parentId}, ${input.code}, ${name}, ${encode('textarr', cleanKeywords(input.keywords ?? []))}) returning id`);
    await tx.execute(sql`update case_categories set path = ${`${parent?.path ?? '/'}${id}/`} where id = ${id}`);
    const category = (await findCategory(tx, id))!;
    await recordAudit(tx, actor, { action: 'category.create', entityType: 'case_category', entityId: id, after: category });
    return category;
  });
  forgetReferenceData(db);
  return created;
}

export async function updateCategory(db: Db, actor: Actor, id: number, input: { version: number; name?: string; keywords?: string[]; active?: boolean }): Promise<Category> {
  requireSystemAdministrator(actor, { zh: '维护诉求分类', en: 'maintain the categories' });
  const updated = await db.transaction(async (tx) => {
    const before = await findCategory(tx, id);
    if (!before) throw notFound(CATEGORY, id);
    if (before.version !== input.version) throw staleVersion(CATEGORY, before.version);
    const name = input.name?.trim() ?? before.name;
    if (!name) throw badRequest('invalid_name', '分类名称不能为空', 'The category name must not be empty');
    const rows = await queryRows<{ id: number }>(tx, sql`update case_categories set name = ${name}, keywords = ${encode('textarr', cleanKeywords(input.keywords ?? before.keywords))},
      active = ${input.active ?? before.active}, version = version + 1
      where id = ${id} and version = ${input.version} returning id`);
    if (!rows.length) throw staleVersion(CATEGORY, before.version + 1);
    const after = (await findCategory(tx, id))!;
    await recordAudit(tx, actor, { action: 'category.update', entityType: 'case_category', entityId: id, before, after });
    return after;
  });
  forgetReferenceData(db);
  return updated;
}

/**
 * An office's administrator keeps the catalogue of their own region and the regions below it;
 * the system administrator, every region's. Who owns what in another county is not theirs to set.
 */
async function requireRegionInScope(tx: Db, actor: Actor, regionCode: string, regionName: string): Promise<void> {
  if (seesEverything(actor)) return;
  const own = actor.officeId === null ? null : await findOffice(tx, actor.officeId);
  if (own && regionWithin(regionCode, own.regionCode)) return;
  throw forbidden(`区划「${regionName}」（${regionCode}）不在您的单位所辖区划内，不能维护其派单目录`,
    `The region ${regionName} (${regionCode}) is outside your office's region: you cannot keep its dispatch catalogue`);
}

/** Sets who owns a category in a region (one owner per pair; setting again replaces it). */
export async function setDispatchRule(db: Db, actor: Actor, input: { categoryId: number; regionCode: string; officeId: number; note?: string | null }): Promise<DispatchRule> {
  requireRole(actor, ['admin'], { zh: '维护派单目录', en: 'maintain the dispatch catalogue' });
  return db.transaction(async (tx) => {
    if (!(await findCategory(tx, input.categoryId))) throw badRequest('unknown_category', `诉求分类 ${input.categoryId} 不存在`, `Category ${input.categoryId} does not exist`);
    const region = await findRegion(tx, input.regionCode);
    if (!region) throw badRequest('unknown_region', `行政区划代码 ${input.regionCode} 不存在`, `Region code ${input.regionCode} does not exist`);
    await requireRegionInScope(tx, actor, region.code, region.name);
    const office = await findOffice(tx, input.officeId);
    if (!office) throw badRequest('unknown_office', `单位 ${input.officeId} 不存在`, `Office ${input.officeId} does not exist`);
    requireOfficeInScope(actor, office.path, office.name);
    const [before] = await queryRows<DispatchRule>(tx, sql`${RULE_SELECT} where d.category_id = ${input.categoryId} and d.region_code = ${input.regionCode}`);
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`insert into dispatch_catalogue (category_id, region_code, office_id, note)
      values (${input.categoryId}, ${input.regionCode}, ${input.officeId}, ${input.note ?? null})
      on conflict (category_id, region_code) do update set office_id = excluded.office_id, note = excluded.note, version = dispatch_catalogue.version + 1
      returning id`);
    const [after] = await queryRows<DispatchRule>(tx, sql`${RULE_SELECT} where d.id = ${id}`);
    await recordAudit(tx, actor, { action: 'dispatch_catalogue.set', entityType: 'dispatch_catalogue', entityId: id, before: before ?? null, after });
    return after;
  });
}

export async function deleteDispatchRule(db: Db, actor: Actor, id: number): Promise<void> {
  requireRole(actor, ['admin'], { zh: '维护派单目录', en: 'maintain the dispatch catalogue' });
  await db.transaction(async (tx) => {
    const [before] = await queryRows<DispatchRule>(tx, sql`${RULE_SELECT} where d.id = ${id}`);
    if (!before) throw notFound(RULE, id);
    await requireRegionInScope(tx, actor, before.regionCode, before.regionName);
    await tx.execute(sql`delete from dispatch_catalogue where id = ${id}`);
    await recordAudit(tx, actor, { action: 'dispatch_catalogue.delete', entityType: 'dispatch_catalogue', entityId: id, before });
  });
}
