import { and, asc, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { canSeeOfficePath, seesEverything } from '../auth/permissions.js';
import { offices } from '../offices/schema.js';
import { loginThrottle, users } from './schema.js';
import { ALL_CLIENTS } from './throttle.js';
import type { UserView } from './contract.js';
import { containing } from '../platform/db/like.js';

export const USER = { zh: '用户', en: 'user' };

const columns = {
  id: users.id, username: users.username, name: users.name, officeId: users.officeId, officeName: offices.name,
  officePath: offices.path, roles: users.roles, active: users.active, lockedUntil: loginThrottle.lockedUntil,
  demo: users.demo,
  mustChangePassword: users.mustChangePassword, enterpriseUscc: users.enterpriseUscc, version: users.version, createdAt: users.createdAt,
};

type Row = { [K in keyof typeof columns]: unknown };

// The lock an account shows is the one for everyone; a client locked out alone is not the account's.
const accountLock = and(eq(loginThrottle.username, sql`lower(${users.username})`), eq(loginThrottle.client, ALL_CLIENTS));

function toView(r: Row): UserView & { officePath: string | null } {
  const lockedUntil = r.lockedUntil as Date | null;
  return {
    id: r.id as number, username: r.username as string, name: r.name as string, officeId: r.officeId as number | null,
    officeName: r.officeName as string | null, officePath: r.officePath as string | null, roles: r.roles as Role[],
    active: r.active as boolean, lockedUntil: lockedUntil && lockedUntil > new Date() ? lockedUntil.toISOString() : null,
    mustChangePassword: r.mustChangePassword as boolean, demo: r.demo as boolean, enterpriseUscc: r.enterpriseUscc as string | null, version: r.version as number, createdAt: (r.createdAt as Date).toISOString(),
  };
}

/** Only people whose office lies in the actor's subtree; people with no office only for the system administrator. */
function scopeCondition(actor: Actor): SQL | undefined {
  if (seesEverything(actor)) return undefined;
  return actor.officePath === null ? sql`false` : like(offices.path, `${actor.officePath}%`);
}

export async function listUsers(db: Db, actor: Actor, filter: { officeId?: number; q?: string } = {}): Promise<UserView[]> {
  const conditions = [scopeCondition(actor)];
  if (filter.officeId !== undefined) conditions.push(eq(users.officeId, filter.officeId));
  if (filter.q?.trim()) {
    const p = containing(filter.q.trim());
    conditions.push(or(ilike(users.username, p), like(users.name, p)));
  }
  const rows = await db.select(columns).from(users).leftJoin(offices, eq(offices.id, users.officeId)).leftJoin(loginThrottle, accountLock)
    .where(and(...conditions)).orderBy(asc(users.username)).limit(1000);
  return rows.map((r) => strip(toView(r)));
}

/** A user in the actor's scope (people with no office are visible to the system administrator only). */
export async function getUser(db: Db, actor: Actor, id: number): Promise<UserView> {
  const user = await findUser(db, id);
  const visible = user && (seesEverything(actor) || (user.officePath !== null && canSeeOfficePath(actor, user.officePath)));
  if (!visible) throw notFound(USER, id);
  return strip(user);
}

export async function findUser(db: Db, id: number) {
  const [row] = await db.select(columns).from(users).leftJoin(offices, eq(offices.id, users.officeId)).leftJoin(loginThrottle, accountLock).where(eq(users.id, id));
  return row ? toView(row) : null;
}

export async function findUserIdByUsername(db: Db, username: string): Promise<number | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row?.id ?? null;
}

export async function countUsers(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return r.n;
}


function strip(u: UserView & { officePath: string | null }): UserView {
  const { officePath: _omit, ...view } = u;
  return view;
}

/** A demo database began with demo log-ins: it has some, or no one yet. A real installation's first account is real, so it never gets one. */
export async function acceptsDemoLogins(db: Db): Promise<boolean> {
  const [r] = await queryRows<{ ok: boolean }>(db, sql`select exists (select 1 from users where demo) or not exists (select 1 from users) as ok`);
  return r.ok;
}

export async function listDemoUsernames(db: Db): Promise<string[]> {
  const rows = await db.select({ username: users.username }).from(users).where(eq(users.demo, true)).orderBy(asc(users.id));
  return rows.map((r) => r.username);
}

/** The enterprise users who act for an enterprise (its accounts, shown on the enterprise's page). */
export async function listEnterpriseAccounts(db: Db, uscc: string): Promise<{ id: number; username: string; name: string; active: boolean }[]> {
  return db.select({ id: users.id, username: users.username, name: users.name, active: users.active }).from(users)
    .where(and(eq(users.enterpriseUscc, uscc), sql`'enterprise' = any(${users.roles})`)).orderBy(asc(users.username));
}

/** The active log-ins holding a role in one office, by username (an inspector roster links its entries to them). */
export async function listOfficeAccountsWithRole(db: Db, officeId: number, role: string): Promise<{ id: number; username: string; name: string }[]> {
  return db.select({ id: users.id, username: users.username, name: users.name }).from(users)
    .where(and(eq(users.officeId, officeId), eq(users.active, true), sql`${role} = any(${users.roles})`)).orderBy(asc(users.username));
}
