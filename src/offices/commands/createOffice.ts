import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireOfficeInScope, requireRole, seesEverything } from '../../auth/permissions.js';
import { findRegion } from '../../regions/queries.js';
import { regionWithin } from '../../regions/rules.js';
import { offices } from '../schema.js';
import { childPath } from '../rules.js';
import type { OfficeInput, OfficeView } from '../contract.js';
import { findOffice, findOfficeByName } from '../queries.js';

/** Creates an office (单位) under a parent in the actor's scope. */
export async function createOffice(db: Db, actor: Actor, input: OfficeInput): Promise<OfficeView> {
  requireRole(actor, ['admin'], { zh: '新建单位', en: 'create an office' });
  const name = input.name.trim();
  if (!name) throw badRequest('invalid_name', '单位名称不能为空', 'The office name must not be empty');
  return db.transaction(async (tx) => {
    const parent = input.parentId === null ? null : await findOffice(tx, input.parentId);
    if (input.parentId !== null && !parent) throw badRequest('unknown_parent', `上级单位 ${input.parentId} 不存在`, `Parent office ${input.parentId} does not exist`);
    if (parent) requireOfficeInScope(actor, parent.path, parent.name);
    else if (!seesEverything(actor)) throw forbidden('只有系统管理员可以新建顶级单位', 'Only the system administrator can create a top-level office');
    const region = await findRegion(tx, input.regionCode);
    if (!region) throw badRequest('unknown_region', `行政区划代码 ${input.regionCode} 不存在`, `Region code ${input.regionCode} does not exist`);
    if (parent && !regionWithin(input.regionCode, parent.regionCode)) {
      throw badRequest('region_outside_parent', `区划 ${region.name}（${region.code}）不在上级单位「${parent.name}」的区划 ${parent.regionName} 内`,
        `Region ${region.code} is not within the parent office's region ${parent.regionCode}`);
    }
    if (await findOfficeByName(tx, name, input.parentId)) {
      throw conflict('office_name_taken', `同一上级下已有名为「${name}」的单位`, `An office named "${name}" already exists under the same parent`);
    }
    const [row] = await tx.insert(offices).values({ name, kind: input.kind, regionCode: input.regionCode, parentId: input.parentId, path: '' }).returning({ id: offices.id });
    await tx.update(offices).set({ path: childPath(parent?.path ?? null, row.id) }).where(eq(offices.id, row.id));
    const created = (await findOffice(tx, row.id))!;
    await recordAudit(tx, actor, { action: 'office.create', entityType: 'office', entityId: created.id, after: created });
    return created;
  });
}
