/** Loading the demo: the modules' demo steps into a new database, and generated history on top. */
import type { Database } from '../platform/db/engine.js';
import type { ModuleManifest, Terminal } from '../platform/manifest.js';
import { loadDemoSteps } from '../platform/demo-data.js';
import { countOffices } from '../offices/queries.js';
import { PROCESS_TERMINAL, progressBar } from '../cli/progress.js';
import { DEMO_PASSWORD, type DemoOrganisation } from './organisation.js';
import { generateDemoHistory, type HistorySummary } from './history.js';

/** Loads every module's demo steps; answers the demo log-ins. */
export async function loadDemo(database: Database, modules: readonly ModuleManifest[], terminal: Pick<Terminal, 'err' | 'isTTY'> = PROCESS_TERMINAL): Promise<{ username: string; password: string }[]> {
  if ((await countOffices(database.db)) > 0) throw new Error('this database already has offices: demo data goes only into a new database');
  const bar = progressBar('demo data', terminal);
  const made = await loadDemoSteps(database.db, modules.flatMap((m) => m.demo ?? []), () => bar.update);
  return (made.users as DemoOrganisation['users']).map((u) => ({ username: u.username, password: DEMO_PASSWORD }));
}

/** Generates demo history with a progress bar on stderr (`qinqing demo --cases`, first start). */
export async function loadDemoHistory(database: Database, opts: { cases: number; months: number; seed?: number; until?: Date }, terminal: Pick<Terminal, 'err' | 'isTTY'> = PROCESS_TERMINAL): Promise<HistorySummary> {
  const bar = progressBar('demo history', terminal);
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
