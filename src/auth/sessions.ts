import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { sql, queryRows, type Database, type Db, type Listener } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { sessions } from './schema.js';

export const SESSION_COOKIE = 'qq_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startSession(tx: Db, userId: number, hours: number): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await tx.insert(sessions).values({ tokenHash, userId, createdAt: new Date(), expiresAt });
  // Expired sessions of anyone are swept here rather than by a timer: log-ins are rare enough.
  await tx.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, tokenHash, expiresAt };
}

export async function endSession(tx: Db, tokenHash: string): Promise<number | null> {
  const [row] = await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
  if (row) await forgetSessionsOfUser(tx, row.userId);
  return row?.userId ?? null;
}

export async function endSessionsOfUser(tx: Db, userId: number): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await forgetSessionsOfUser(tx, userId);
}

/**
 * Resolved sessions are kept for a few seconds so that a busy client does not cost a query per
 * request. When a person's sessions or account change, this process forgets their entries at
 * once, and on PostgreSQL every other process too: the change is announced on SESSION_CHANNEL in
 * the same transaction, so it is heard once committed (listenForSessionChanges). Only while a
 * process's listening connection is down does its cache fall back to SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
export const SESSION_CHANNEL = 'qinqing_sessions';
const sessionCache = new Map<string, { actor: SessionActor; cachedAt: number; expiresAt: number }>();
/**
 * Counts evictions: a session read from the database before an eviction is not cached after it,
 * since its answer may predate the change that the eviction announced.
 */
let evictions = 0;

function evictUser(userId: number): void {
  evictions++;
  for (const [key, entry] of sessionCache) if (entry.actor.userId === userId) sessionCache.delete(key);
}

function evictAll(): void {
  evictions++;
  sessionCache.clear();
}

/** Forgets the person's resolved sessions here at once, and in every other process once `tx` commits. */
export async function forgetSessionsOfUser(tx: Db, userId: number): Promise<void> {
  evictUser(userId);
  await tx.execute(sql`select pg_notify(${SESSION_CHANNEL}, ${String(userId)})`);
}

/** Evicts what other processes announce on SESSION_CHANNEL; everything whenever the connection is (re)opened, since announcements may have been missed meanwhile. */
export function listenForSessionChanges(database: Database): Listener {
  return database.listen(SESSION_CHANNEL, (payload) => {
    const userId = Number(payload);
    if (Number.isInteger(userId)) evictUser(userId);
    else evictAll();
  }, evictAll);
}

export interface SessionActor extends Actor {
  userId: number;
  username: string;
  mustChangePassword: boolean;
}

/** The person behind a session token, if the session is live and the account active. */
export async function actorForToken(db: Db, token: string): Promise<SessionActor | null> {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const hit = sessionCache.get(tokenHash);
  if (hit && now - hit.cachedAt < SESSION_CACHE_MS && hit.expiresAt > now) return hit.actor;
  sessionCache.delete(tokenHash);
  const evictionsBefore = evictions;
  const [row] = await queryRows<{ id: number; username: string; roles: Role[]; office_id: number | null; path: string | null; must_change_password: boolean; enterprise_uscc: string | null; expires_ms: number }>(db, sql`
    select u.id, u.username, u.roles, u.office_id, o.path, u.must_change_password, u.enterprise_uscc, (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms
    from sessions s join users u on u.id = s.user_id left join offices o on o.id = u.office_id
    where s.token_hash = ${tokenHash} and s.expires_at > now() and u.active`);
  if (!row) return null;
  const actor: SessionActor = {
    userId: row.id, username: row.username, name: row.username, roles: row.roles, officeId: row.office_id,
    officePath: row.path, mustChangePassword: row.must_change_password, enterpriseUscc: row.enterprise_uscc,
  };
  if (evictions !== evictionsBefore) return actor;
  if (sessionCache.size >= SESSION_CACHE_MAX) sessionCache.clear();
  sessionCache.set(tokenHash, { actor, cachedAt: now, expiresAt: row.expires_ms });
  return actor;
}
