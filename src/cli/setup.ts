import type { Database } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { countUsers } from '../people/queries.js';
import { createUser } from '../people/commands/createUser.js';
import { generatePassword } from '../people/passwords.js';
import { describeHistory, loadDemo, loadDemoHistory } from '../demo/load.js';
import { MODULES } from '../app.js';

/** First administrator of a real (non-demo) installation, with a generated password to change at first log-in. */
export async function createFirstAdmin(database: Database): Promise<{ username: string; password: string }> {
  const password = generatePassword({ username: 'admin', name: '系统管理员' });
  await createUser(database.db, operatorActor(), { username: 'admin', password, name: '系统管理员', officeId: null, roles: ['admin'], mustChangePassword: true });
  return { username: 'admin', password };
}

/**
 * What a new database gets on first start: demo data in demo mode (with `history.cases` cases of
 * generated history over `history.months` months; none unless asked), else a first administrator.
 */
export async function prepareNewInstallation(
  database: Database, demo: boolean, print: (line: string) => void,
  history: { cases: number; months: number; seed?: number; until?: Date } = { cases: 0, months: 1 },
): Promise<void> {
  if ((await countUsers(database.db)) > 0) return;
  if (demo) {
    await loadDemo(database, MODULES);
    print(`Demo database created with ${MODULES.flatMap((m) => m.demo ?? []).map((s) => s.name).join(', ')}.`);
    if (history.cases > 0) print(describeHistory(await loadDemoHistory(database, history)));
  } else {
    const admin = await createFirstAdmin(database);
    print(`New database created. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
  }
}
