import type { Database } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { countUsers } from '../people/queries.js';
import { createUser } from '../people/commands/createUser.js';
import { generatePassword } from '../people/passwords.js';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../demo/organisation.js';
import { loadDemoCatalogue, loadDemoCases } from '../demo/appeals.js';
import { loadDemoKnowledge } from '../knowledge/index.js';
import { countOffices } from '../offices/queries.js';
import { generateDemoHistory, type HistorySummary } from '../demo/history.js';
import { progressBar } from './progress.js';
import { evaluationSettings } from '../evaluation/settings.js';
import { setEvaluationSettings } from '../evaluation/commands/setSettings.js';

export const DEMO_MINIMUM_CASES = 3;

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
  // A demo's history is a few hundred cases: rank offices from 3 cases a month, so the ranking
  // and the red/black lists have offices to show (a real installation keeps the default, 10).
  const settings = await evaluationSettings(database.db);
  await setEvaluationSettings(database.db, operatorActor(), { ...settings, minimumCases: DEMO_MINIMUM_CASES });
  return org.users.map((u) => ({ username: u.username, password: DEMO_PASSWORD }));
}

/** Generates demo history with a progress bar on stderr (`qinqing demo --cases`, first start). */
export async function loadDemoHistory(database: Database, opts: { cases: number; months: number; seed?: number; until?: Date }): Promise<HistorySummary> {
  const bar = progressBar('demo history');
  return generateDemoHistory(database.db, { ...opts, progress: bar.update });
}

/** One line about generated history, for the console. */
export function describeHistory(s: HistorySummary): string {
  const open = s.byStatus.accepted + s.byStatus.dispatched + s.byStatus.handling + s.byStatus.replied + s.byStatus.reviewed;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `demo history: ${s.cases} cases from ${day(s.from)} to ${day(s.until)} (${s.actions} actions) in ${(s.ms / 1000).toFixed(1)} s, ${s.casesPerSecond.toFixed(1)} cases/s — `
    + `${s.byStatus.closed} closed, ${s.byStatus.answered} answered, ${open} open, ${s.byStatus.merged} merged; `
    + `${s.overdue} overdue at some point, ${s.unsatisfied} unsatisfied visits, ${s.reopened} reopened`;
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
    await loadDemo(database);
    print('Demo database created with the demo organisation, categories, knowledge base and cases.');
    if (history.cases > 0) print(describeHistory(await loadDemoHistory(database, history)));
  } else {
    const admin = await createFirstAdmin(database);
    print(`New database created. First administrator: ${admin.username} / ${admin.password} (change it at first log-in)`);
  }
}
