/** How an actor stands to a case, and which cases a list may show them (data scope). */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { officePaths, subtreeOfficeIds } from '../offices/subtree.js';
import { inSubtree } from '../offices/rules.js';
import { STAFF_ROLES_SEEING, type Relation } from './lifecycle.js';
import type { CaseRow } from './record.js';

/** `paths` may carry the office paths already read (a list page reads them all at once). */
export async function relationsTo(db: Db, actor: Actor, row: CaseRow, paths?: Map<number, string>): Promise<Relation[]> {
  const relations: Relation[] = [];
  if (actor.roles.includes('enterprise') && ((actor.userId !== null && row.requesterUserId === actor.userId) || (!!actor.enterpriseUscc && row.requesterUscc === actor.enterpriseUscc))) {
    relations.push('requester');
  }
  if (actor.officePath === null) return relations;
  const known = paths ?? (await officePaths(db, caseOfficeIds([row])));
  const mine = (id: number | null) => id !== null && inSubtree(known.get(id) ?? '\u0000', actor.officePath!);
  if (mine(row.intakeOfficeId)) relations.push('intake');
  if (mine(row.leadOfficeId)) relations.push('lead');
  if (row.assistingOfficeIds.some(mine)) relations.push('assisting');
  return relations;
}

/** Every office a set of cases touches: intake, lead and assisting. */
export function caseOfficeIds(rows: readonly CaseRow[]): number[] {
  const ids = new Set<number>();
  for (const r of rows) {
    ids.add(r.intakeOfficeId);
    if (r.leadOfficeId) ids.add(r.leadOfficeId);
    r.assistingOfficeIds.forEach((id) => ids.add(id));
  }
  return [...ids];
}

const holdsAny = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

export interface CaseStanding { visible: SQL | null; intake: SQL; requester: SQL }

/**
 * How the viewer stands to each case `c`, in SQL, from one read of their office subtree: as
 * intake staff of the centre that took it in, as handling staff of an office leading or
 * assisting it, or as its requester. `visible` (null when they may list none) is the lifecycle's
 * readers as SQL, so a list shows exactly the cases the case page opens (access.test.ts checks
 * that they agree); `intake` and `requester` are what record.ts requesterAsSeenBy reads.
 */
export async function caseScope(db: Db, actor: Actor): Promise<CaseStanding> {
  const ids = actor.officePath === null ? null : `{${(await subtreeOfficeIds(db, actor.officePath)).join(',')}}`;
  const intake = ids !== null && holdsAny(actor, STAFF_ROLES_SEEING.intake) ? sql`c.intake_office_id = any(${ids}::int[])` : null;
  const handling = ids !== null && holdsAny(actor, STAFF_ROLES_SEEING.handling)
    ? [sql`c.lead_office_id = any(${ids}::int[])`, sql`c.assisting_office_ids && ${ids}::int[]`]
    : [];
  const self: SQL[] = [];
  if (actor.roles.includes('enterprise')) {
    if (actor.userId !== null) self.push(sql`c.requester_user_id = ${actor.userId}`);
    if (actor.enterpriseUscc) self.push(sql`c.requester_uscc = ${actor.enterpriseUscc}`);
  }
  const parts = [...(intake ? [intake] : []), ...handling, ...self];
  return {
    visible: parts.length ? sql`(${sql.join(parts, sql` or `)})` : null,
    intake: intake ?? sql`false`,
    requester: self.length ? sql`coalesce(${sql.join(self, sql` or `)}, false)` : sql`false`,
  };
}

/**
 * The SQL twin of requesterAsSeenBy outside exports: whether the viewer may know who raised each
 * case. A report's or a confidential case's requester is known only to the intake staff of the
 * centre that took it in and to the requester; searches and matches on identity (a phone, a
 * USCC, a name) count such a case only where this holds.
 */
export function identityVisible(standing: { intake: SQL; requester: SQL }): SQL {
  return sql`(not (c.type = 'report' or c.confidential) or ${standing.intake} or ${standing.requester})`;
}
