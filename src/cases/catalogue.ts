/**
 * Reading the category tree (诉求分类) and the dispatch catalogue (派单目录): which office owns
 * which category in which region, and the owner suggested to a dispatcher. Admins keep both
 * current through commands/catalogue.ts.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { parentRegionCode } from '../regions/rules.js';
import type { Category, DispatchRule } from './contract.js';

// The shapes are the contract's, shared with the web app.
export type { Category, DispatchRule } from './contract.js';

const CATEGORY_COLUMNS = sql`id, parent_id as "parentId", code, name, path, keywords, active, version`;

export async function listCategories(db: Db): Promise<Category[]> {
  return queryRows<Category>(db, sql`select ${CATEGORY_COLUMNS} from case_categories order by path`);
}

export async function findCategory(db: Db, id: number): Promise<Category | null> {
  const [c] = await queryRows<Category>(db, sql`select ${CATEGORY_COLUMNS} from case_categories where id = ${id}`);
  return c ?? null;
}

export const RULE_SELECT = sql`select d.id, d.category_id as "categoryId", c.name as "categoryName", d.region_code as "regionCode", r.name as "regionName",
  d.office_id as "officeId", o.name as "officeName", d.note, d.version
  from dispatch_catalogue d join case_categories c on c.id = d.category_id join regions r on r.code = d.region_code join offices o on o.id = d.office_id`;

export async function listDispatchRules(db: Db, filter: { categoryId?: number; regionCode?: string } = {}): Promise<DispatchRule[]> {
  return queryRows<DispatchRule>(db, sql`${RULE_SELECT} where (${filter.categoryId ?? null}::int is null or d.category_id = ${filter.categoryId ?? null})
    and (${filter.regionCode ?? null}::text is null or d.region_code = ${filter.regionCode ?? null}) order by c.path, d.region_code`);
}

/**
 * Who should own a case: catalogue entries for its category (or the nearest category above)
 * and its region (or the nearest region above), the most specific first.
 */
export async function suggestOwners(db: Db, categoryId: number | null, regionCode: string | null): Promise<DispatchRule[]> {
  if (categoryId === null) return [];
  const category = await findCategory(db, categoryId);
  if (!category) return [];
  const categoryIds = category.path.split('/').filter(Boolean).map(Number).reverse();
  const regions: string[] = [];
  for (let r: string | null = regionCode; r; r = parentRegionCode(r)) regions.push(r);
  if (!regions.length) return [];
  const rules = await queryRows<DispatchRule>(db, sql`${RULE_SELECT} where d.category_id = any(${`{${categoryIds.join(',')}}`}::int[]) and d.region_code = any(${`{${regions.join(',')}}`}::text[])`);
  // The nearest region wins over the nearest category: a county's own office owns what happens there.
  const rank = (r: DispatchRule) => regions.indexOf(r.regionCode) * 100 + categoryIds.indexOf(r.categoryId);
  return rules.sort((a, b) => rank(a) - rank(b));
}
