import type { Database } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { countUsers } from '../people/queries.js';
import { createUser } from '../people/commands/createUser.js';
import { generatePassword } from '../people/passwords.js';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../demo/organisation.js';
import { loadDemoCatalogue, loadDemoCases } from '../demo/appeals.js';
import { loadDemoKnowledge } from '../knowledge/index.js';
import { countOffices } from '../offices/queries.js';
import { progressBar } from './progress.js';

/** First administrator of a real (non-demo) installation, with a generated password to change at first log-in. */
export async function createFirstAdmin(database: Database): Promise<{ username: string; password: string }> {
  const password = generatePassword();
  await createUser(database.db, operatorActor(), { username: 'admin', password, name: '系统管理员', officeId: null, roles: ['admin'], mustChangePassword: true });
  return { username: 'admin', password };
}

export async function loadDemo(database: Database): Promise<{ username: string; password: string }[]> {
  if ((await countOffices(database.db)) > 0) throw new Error('this database already has offices: demo data goes only into a new database');
  const bar = progressBar('demo data');
  const org = await loadDemoOrganisation(database.db, operatorActor(), bar.update);
  const categories = await loadDemoCatalogue(database.db, operatorActor(), org);
  await loadDemoKnowledge(database.db, operatorActor(), org.offices);
  await loadDemoCases(database.db, org, categories);
  return org.users.map((u) => ({ username: u.username, password: DEMO_PASSWORD }));
}

/** What a new database gets on first start: demo data in demo mode, else a first administrator. */
export async function prepareNewInstallation(database: Database, demo: boolean, print: (line: string) => void): Promise<void> {
  if ((await countUsers(database.db)) > 0) return;
  if (demo) {
    await loadDemo(database);
    print('Demo database created with the demo organisation, categories, knowledge base and cases.');
  } else {
    const admin = await createFirstAdmin(database);
    print(`New database created. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
  }
}
