import type { Config } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { migrate } from './db/migrate.js';
import type { StartupStep } from './manifest.js';

/** Applies pending migrations, then the modules' start-up steps in order (reference data, figures of rows from before a module existed). */
export async function prepareDatabase(database: Database, steps: readonly StartupStep[], log: (line: string) => void = () => {}): Promise<void> {
  const applied = await migrate(database, log);
  if (applied.length) log(`applied ${applied.length} migration(s)`);
  for (const step of steps) await step.run(database.db, log);
}

/** Opens the configured database and prepares it; closes it again if that fails. */
export async function openPreparedDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseReadUrl' | 'dataDir'>, steps: readonly StartupStep[], log: (line: string) => void = () => {},
): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, readUrl: config.databaseReadUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(database, steps, log);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
