import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { canSeeOfficePath, seesEverything } from '../auth/permissions.js';
import { offices } from './schema.js';
import type { OfficeKind, OfficeView } from './contract.js';
import { regions } from '../regions/schema.js';

export const OFFICE = { zh: '单位', en: 'office' };

const officeColumns = {
  id: offices.id, name: offices.name, kind: offices.kind, regionCode: offices.regionCode, regionName: regions.name,
  parentId: offices.parentId, path: offices.path, version: offices.version, createdAt: offices.createdAt,
};

/** Offices the actor may see: their own subtree, ordered as a tree (by path). */
export async function listOffices(db: Db, actor: Actor): Promise<OfficeView[]> {
  if (!seesEverything(actor) && actor.officePath === null) return [];
  const base = db.select(officeColumns).from(offices).innerJoin(regions, eq(regions.code, offices.regionCode));
  const rows = seesEverything(actor) ? await base.orderBy(asc(offices.path)) : await base.where(like(offices.path, `${actor.officePath}%`)).orderBy(asc(offices.path));
  return rows.map(toView);
}

/** Reads one office, refusing (as not found) one outside the actor's scope. */
export async function getOffice(db: Db, actor: Actor, id: number): Promise<OfficeView> {
  const office = await findOffice(db, id);
  if (!office || !canSeeOfficePath(actor, office.path)) throw notFound(OFFICE, id);
  return office;
}

/** Unscoped look-up for other modules that check scope themselves. */
export async function findOffice(db: Db, id: number): Promise<OfficeView | null> {
  const [row] = await db.select(officeColumns).from(offices).innerJoin(regions, eq(regions.code, offices.regionCode)).where(eq(offices.id, id));
  return row ? toView(row) : null;
}

export async function countOffices(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(offices);
  return r.n;
}

export async function findOfficeByName(db: Db, name: string, parentId: number | null): Promise<OfficeView | null> {
  const [row] = await db.select(officeColumns).from(offices).innerJoin(regions, eq(regions.code, offices.regionCode))
    .where(and(eq(offices.name, name), parentId === null ? sql`${offices.parentId} is null` : eq(offices.parentId, parentId)));
  return row ? toView(row) : null;
}

// The column is text; its check constraint admits only the contract's kinds.
function toView(r: Omit<OfficeView, 'kind' | 'createdAt'> & { kind: string; createdAt: Date }): OfficeView {
  return { ...r, kind: r.kind as OfficeKind, createdAt: r.createdAt.toISOString() };
}
