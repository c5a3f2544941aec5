import { and, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole, seesEverything } from '../../auth/permissions.js';
import { findRegion } from '../../regions/queries.js';
import { regionWithin } from '../../regions/rules.js';
import { offices } from '../schema.js';
import { childPath, wouldCreateCycle } from '../rules.js';
import type { OfficePatch, OfficeView } from '../contract.js';
import { findOffice, findOfficeByName, getOffice, OFFICE } from '../queries.js';

export async function updateOffice(db: Db, actor: Actor, id: number, input: OfficePatch): Promise<OfficeView> {
  requireRole(actor, ['admin'], { zh: '修改单位', en: 'change an office' });
  return db.transaction(async (tx) => {
    const before = await getOffice(tx, actor, id);
    if (before.version !== input.version) throw staleVersion(OFFICE, before.version);
    const name = input.name?.trim() ?? before.name;
    if (!name) throw badRequest('invalid_name', '单位名称不能为空', 'The office name must not be empty');
    const parentId = input.parentId === undefined ? before.parentId : input.parentId;
    const moving = parentId !== before.parentId;
    if (moving && !seesEverything(actor) && id === actor.officeId) {
      throw forbidden('不能移动您自己所在的单位', 'You cannot move the office you belong to');
    }
    const parent = parentId === null ? null : await getOffice(tx, actor, parentId);
    if (parentId === null && moving && !seesEverything(actor)) throw forbidden('只有系统管理员可以设置顶级单位', 'Only the system administrator can make an office top-level');
    if (parent && wouldCreateCycle(before.path, parent.path)) {
      throw conflict('office_cycle', `不能把「${before.name}」移到它自己或下级单位之下`, `"${before.name}" cannot move under itself or one of its descendants`);
    }
    const regionCode = input.regionCode ?? before.regionCode;
    const region = await findRegion(tx, regionCode);
    if (!region) throw badRequest('unknown_region', `行政区划代码 ${regionCode} 不存在`, `Region code ${regionCode} does not exist`);
    if (parent && !regionWithin(regionCode, parent.regionCode)) {
      throw badRequest('region_outside_parent', `区划 ${regionCode} 不在上级单位「${parent.name}」的区划 ${parent.regionCode} 内`, `Region ${regionCode} is not within the parent office's region ${parent.regionCode}`);
    }
    if (regionCode !== before.regionCode) {
      const outside = await tx.select({ name: offices.name }).from(offices)
        .where(and(eq(offices.parentId, id), sql`not (${offices.regionCode} like ${regionCode.replace(/(00)+$/, '')} || '%')`)).limit(1);
      if (outside.length) throw conflict('region_excludes_children', `下级单位「${outside[0].name}」的区划不在 ${regionCode} 内`, `Child office "${outside[0].name}" lies outside region ${regionCode}`);
    }
    if ((name !== before.name || moving)) {
      const clash = await findOfficeByName(tx, name, parentId);
      if (clash && clash.id !== id) throw conflict('office_name_taken', `同一上级下已有名为「${name}」的单位`, `An office named "${name}" already exists under the same parent`);
    }
    const updated = await tx.update(offices)
      .set({ name, kind: input.kind ?? before.kind, regionCode, parentId, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(offices.id, id), eq(offices.version, input.version))).returning({ id: offices.id });
    if (updated.length === 0) throw staleVersion(OFFICE, (await findOffice(tx, id))!.version);
    if (moving) {
      const newPath = childPath(parent?.path ?? null, id);
      await tx.update(offices).set({ path: sql`${newPath} || substr(${offices.path}, ${before.path.length + 1})` })
        .where(like(offices.path, `${before.path}%`));
    }
    const after = (await findOffice(tx, id))!;
    await recordAudit(tx, actor, { action: 'office.update', entityType: 'office', entityId: id, before, after });
    return after;
  });
}
