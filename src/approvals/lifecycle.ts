/**
 * A catalogue item (政务服务事项) as a work item on the lifecycle kernel (pure: no I/O). Its
 * statuses and who may take each action are data here; the server checks them (commands/), the
 * list queries mirror them in SQL, and each view carries the actions they leave open.
 *
 * - create: a draft for an implementing department (an administrator whose office subtree holds
 *   it, or the system administrator);
 * - update: a draft is edited in place; a published item gets a new version at once in force,
 *   its earlier versions kept as they were;
 * - publish: draft or retired → published (the public guide shows it, applications may use it);
 * - retire: draft or published → retired (no longer offered; its versions stay readable).
 *
 * Every staff member reads published and retired items (the catalogue is public anyway); drafts
 * only their editors.
 */
import type { Actor, Role } from '../platform/actor.js';
import type { ItemRow, Lifecycle, Permit } from '../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../auth/permissions.js';
import { ITEM_STATUSES, type ItemAction, type ItemStatus } from './contract.js';

export type { ItemAction } from './contract.js';

/** `office_scope`: the implementing department is in the actor's subtree; `listed`: the item is published or retired. */
export type ItemRelation = 'office_scope' | 'listed';

export const READ_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'window_agent', 'reviewer'];
/** The catalogue belongs to the administrators of the implementing departments (and the system administrator). */
export const EDIT_ROLES: readonly Role[] = ['admin'];

export interface ServiceItemRow extends ItemRow<ItemStatus> {
  officeId: number;
  implementationCode: string;
  revision: number;
  publishedAt: Date | null;
  createdByName: string;
  updatedAt: Date;
}

const EDITORS: Permit<ItemRelation>[] = EDIT_ROLES.map((role) => ({ role, relation: 'office_scope' }));

export const ITEM_LIFECYCLE: Lifecycle<ServiceItemRow, ItemStatus, ItemRelation, ItemAction> = {
  type: 'service_item',
  label: { zh: '政务服务事项', en: 'service item' },
  statuses: ITEM_STATUSES,
  readers: [...READ_ROLES.map((role) => ({ role, relation: 'listed' as const })), ...EDITORS],
  scope: { zh: '（限实施部门在您的管辖范围内）', en: 'with the implementing department in your scope' },
  // The catalogue is public: naming the roles that edit it gives nothing away.
  rolesBeforeScope: true,
  create: { label: { zh: '新建', en: 'create' }, to: 'draft', permits: EDITORS },
  actions: {
    update: { label: { zh: '修改', en: 'change' }, from: ['draft', 'published'], permits: EDITORS },
    publish: { label: { zh: '发布', en: 'publish' }, from: ['draft', 'retired'], to: 'published', permits: EDITORS },
    retire: { label: { zh: '停用', en: 'retire' }, from: ['draft', 'published'], to: 'retired', permits: EDITORS },
  },
};

export function itemRelations(actor: Actor, officePath: string, status: ItemStatus): ItemRelation[] {
  const relations: ItemRelation[] = status === 'draft' ? [] : ['listed'];
  if (canSeeOfficePath(actor, officePath)) relations.push('office_scope');
  return relations;
}
