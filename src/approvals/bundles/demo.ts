/**
 * The demo bundle: 中牟县's 开办餐馆“一件事” — the business licence (企业设立登记, 市场监管), the
 * food business licence (市场监管), the shop sign (城管) and the fire safety check before opening
 * (消防) in one application. The premises document is asked once; the business licence the
 * first part issues is not asked of the applicant for the others (信息共享).
 */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { defineBundle } from './catalogue.js';

export const RESTAURANT_ITEMS = ['企业设立登记', '食品经营许可', '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', '公众聚集场所投入使用、营业前消防安全检查'] as const;

export async function loadDemoBundles(db: Db, actor: Actor): Promise<Record<string, number>> {
  const items = await queryRows<{ id: number; name: string }>(db, sql`select s.id, v.name from service_items s
    join service_item_versions v on v.item_id = s.id and v.revision = s.revision where v.name in (select jsonb_array_elements_text(${JSON.stringify(RESTAURANT_ITEMS)}::jsonb)) and s.status = 'published'`);
  if (items.length !== RESTAURANT_ITEMS.length) return {};
  const restaurant = await defineBundle(db, actor, {
    code: 'restaurant-opening', name: '开办餐馆“一件事”',
    description: '营业执照、食品经营许可证、门头招牌设置和营业前消防安全检查一次申请、一窗受理、并联审批：共享材料只交一次，营业执照信息共享、无需再交',
    itemIds: RESTAURANT_ITEMS.map((n) => Number(items.find((i) => i.name === n)!.id)),
    sharedMaterials: ['住所使用相关文件'], internalMaterials: ['营业执照'],
  });
  return { 'restaurant-opening': restaurant.id };
}
