import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { canRead, permitted, publicationRelations } from '../../platform/lifecycle/index.js';
import { officePaths } from '../../offices/subtree.js';
import { ITEM_LIFECYCLE, type ServiceItemRow } from '../lifecycle.js';
import { canSeeOfficePath } from '../../auth/permissions.js';

/** The locked item, when the actor edits it (as its `update` action allows); 404 when they may not see it, 403 when they may not edit it. */
export async function requireEditor(tx: Db, actor: Actor, id: number, row: ServiceItemRow | null): Promise<ServiceItemRow> {
  if (!row) throw notFound(ITEM_LIFECYCLE.label, id);
  const relations = publicationRelations(canSeeOfficePath(actor, (await officePaths(tx, [row.officeId])).get(row.officeId) ?? ''), row.status);
  if (!canRead(ITEM_LIFECYCLE, actor.roles, relations)) throw notFound(ITEM_LIFECYCLE.label, id);
  if (!permitted(ITEM_LIFECYCLE.actions.update.permits, actor.roles, relations)) {
    throw forbidden('只有实施部门所在管辖范围的管理员可以修改此事项', 'Only an administrator whose scope holds the implementing department may change this item');
  }
  return row;
}
