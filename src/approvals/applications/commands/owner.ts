import type { Actor } from '../../../platform/actor.js';
import type { ApplicationItem, ApplicationRecord } from '../lifecycle.js';

/**
 * 首位确认制: an application taken in online has no owner yet; the first window agent who acts on
 * it becomes its owner, and their window its window. Once owned, only a hand-over changes that.
 */
export function claimedBy(actor: Actor, a: ApplicationItem): Partial<ApplicationRecord> {
  if (a.ownerUserId !== null || actor.userId === null || !actor.roles.includes('window_agent')) return {};
  return { ownerUserId: actor.userId, ownerName: actor.name, windowOfficeId: a.windowOfficeId ?? actor.officeId };
}
