import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { findUser, findUserIdByUsername } from '../people/queries.js';

/** A demo log-in as the actor its requests would carry, so demo data goes through the same commands as people do. */
export async function demoActor(db: Db, username: string): Promise<Actor> {
  const id = await findUserIdByUsername(db, username);
  const user = id === null ? null : await findUser(db, id);
  if (!user) throw new Error(`demo: there is no user ${username}`);
  return { userId: user.id, name: user.username, roles: user.roles, officeId: user.officeId, officePath: user.officePath, enterpriseUscc: user.enterpriseUscc };
}
