import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireSystemAdministrator } from '../../auth/permissions.js';
import { regions } from '../schema.js';
import { isRegionCode, parentRegionCode, regionLevel } from '../rules.js';
import type { NewRegion, RegionView } from '../contract.js';
import { findRegion } from '../queries.js';

export async function createRegion(db: Db, actor: Actor, input: NewRegion): Promise<RegionView> {
  requireSystemAdministrator(actor, { zh: '新增行政区划', en: 'add a region' });
  const name = input.name.trim();
  if (!isRegionCode(input.code)) throw badRequest('invalid_region_code', `行政区划代码须为 6 位数字：${input.code}`, `A region code is 6 digits: ${input.code}`);
  if (!name) throw badRequest('invalid_name', '区划名称不能为空', 'The region name must not be empty');
  const expectedParent = parentRegionCode(input.code);
  if (input.parentCode !== expectedParent) {
    throw badRequest('parent_mismatch', `代码 ${input.code} 的上级应为 ${expectedParent ?? '（无，省级）'}`, `The parent of ${input.code} must be ${expectedParent ?? 'none (a province)'}`);
  }
  return db.transaction(async (tx) => {
    if (await findRegion(tx, input.code)) throw conflict('region_exists', `行政区划 ${input.code} 已存在`, `Region ${input.code} already exists`);
    if (expectedParent && !(await findRegion(tx, expectedParent))) {
      throw badRequest('unknown_parent', `上级区划 ${expectedParent} 不存在，请先添加`, `The parent region ${expectedParent} does not exist; add it first`);
    }
    const region: RegionView = { code: input.code, name, level: regionLevel(input.code), parentCode: expectedParent };
    await tx.insert(regions).values({ ...region, source: 'admin' });
    await recordAudit(tx, actor, { action: 'region.create', entityType: 'region', entityId: region.code, after: region });
    return region;
  });
}
