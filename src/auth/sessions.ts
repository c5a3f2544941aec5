import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
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
  return row?.userId ?? null;
}

export async function endSessionsOfUser(tx: Db, userId: number): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export interface SessionActor extends Actor {
  userId: number;
  username: string;
  mustChangePassword: boolean;
}

/** The person behind a session token, if the session is live and the account active. */
export async function actorForToken(db: Db, token: string): Promise<SessionActor | null> {
  const [row] = await queryRows<{ id: number; username: string; roles: Role[]; office_id: number | null; path: string | null; must_change_password: boolean; enterprise_uscc: string | null }>(db, sql`
    select u.id, u.username, u.roles, u.office_id, o.path, u.must_change_password, u.enterprise_uscc
    from sessions s join users u on u.id = s.user_id left join offices o on o.id = u.office_id
    where s.token_hash = ${hashToken(token)} and s.expires_at > now() and u.active`);
  if (!row) return null;
  return {
    userId: row.id, username: row.username, name: row.username, roles: row.roles, officeId: row.office_id,
    officePath: row.path, mustChangePassword: row.must_change_password, enterpriseUscc: row.enterprise_uscc,
  };
}
