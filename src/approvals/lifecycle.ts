/**
 * A catalogue item (政务服务事项) as a work item on the lifecycle kernel (pure: no I/O), of the
 * kernel's publication shape (src/platform/lifecycle/publication.ts, as policies are): who may
 * take each action is data here; the server checks it (commands/), the list queries mirror it in
 * SQL, and each view carries the actions it leaves open.
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
import type { Role } from '../platform/actor.js';
import { publicationLifecycle, type PublicationRow } from '../platform/lifecycle/index.js';
import { ITEM_STATUSES } from './contract.js';

export type { ItemAction } from './contract.js';

export const READ_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'window_agent', 'reviewer'];
/** The catalogue belongs to the administrators of the implementing departments (and the system administrator). */
export const EDIT_ROLES: readonly Role[] = ['admin'];

export interface ServiceItemRow extends PublicationRow {
  officeId: number;
  implementationCode: string;
  createdByName: string;
  updatedAt: Date;
}

export const ITEM_LIFECYCLE = publicationLifecycle<ServiceItemRow>({
  type: 'service_item',
  label: { zh: '政务服务事项', en: 'service item' },
  statuses: ITEM_STATUSES,
  readRoles: READ_ROLES,
  editRoles: EDIT_ROLES,
  scope: { zh: '（限实施部门在您的管辖范围内）', en: 'with the implementing department in your scope' },
  retireLabel: { zh: '停用', en: 'retire' },
});
