/** Who keeps a department's lists (items, inspectors, plans): the office must be in the actor's subtree and their role one that edits. */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { badRequest } from '../platform/errors.js';
import { requireOfficeInScope, requireRole } from '../auth/permissions.js';
import { findOffice } from '../offices/queries.js';
import { LIST_EDITORS } from './lifecycle.js';

/** 400 for an unknown office or one that is not a department, 403 for one outside the actor's scope or a role that does not edit. */
export async function requireListEditor(db: Db, actor: Actor, officeId: number, what: { zh: string; en: string }): Promise<void> {
  requireRole(actor, LIST_EDITORS, what);
  const office = await findOffice(db, officeId);
  if (!office) throw badRequest('unknown_office', `单位 ${officeId} 不存在`, `Office ${officeId} does not exist`);
  if (office.kind !== 'department') throw badRequest('not_department', `「${office.name}」不是职能部门`, `"${office.name}" is not a department`);
  requireOfficeInScope(actor, office.path, office.name);
}

/** What a list editor does, as a refusal names it. */
export const KEEP_ITEMS = { zh: '维护检查事项清单', en: 'keep the inspection item list' };
export const KEEP_INSPECTORS = { zh: '维护执法检查人员名录', en: 'keep the inspector roster' };
