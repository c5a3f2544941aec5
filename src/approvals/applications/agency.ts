/**
 * Help-and-agency (帮办代办), pure: whether a recorded authorisation lets a member of staff act
 * for an enterprise on an application today.
 */
// No imports at all: the web app takes this rule as it is (a day is YYYY-MM-DD text, as the calendar's IsoDate).
type IsoDate = string;

export interface Authorisation {
  id: number;
  agentUserId: number;
  enterpriseUscc: string;
  /** Null: every item. */
  serviceItemId: number | null;
  /** The last day it holds (inclusive), in local dates. */
  validUntil: IsoDate;
  revokedAt: Date | null;
}

export type AuthorisationStanding = 'valid' | 'expired' | 'revoked' | 'other_item';

/** How an authorisation of this agent for this enterprise stands for one item on one day. */
export function authorisationStanding(a: Authorisation, serviceItemId: number, today: IsoDate): AuthorisationStanding {
  if (a.revokedAt) return 'revoked';
  if (a.validUntil < today) return 'expired';
  if (a.serviceItemId !== null && a.serviceItemId !== serviceItemId) return 'other_item';
  return 'valid';
}

/** The best standing among the agent's authorisations for the enterprise: one valid one is enough. */
export function bestStanding(all: readonly Authorisation[], serviceItemId: number, today: IsoDate): { standing: AuthorisationStanding; authorisation: Authorisation } | null {
  const order: AuthorisationStanding[] = ['valid', 'other_item', 'expired', 'revoked'];
  let best: { standing: AuthorisationStanding; authorisation: Authorisation } | null = null;
  for (const a of all) {
    const standing = authorisationStanding(a, serviceItemId, today);
    if (!best || order.indexOf(standing) < order.indexOf(best.standing)) best = { standing, authorisation: a };
  }
  return best;
}
