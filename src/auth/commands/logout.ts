import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../audit/record.js';
import { endSession } from '../sessions.js';

export async function logout(db: Db, actor: Actor, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const userId = await endSession(tx, tokenHash);
    if (userId !== null) await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: userId });
  });
}
