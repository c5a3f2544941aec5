import type { CliCommand } from '../platform/manifest.js';
import { progressBar } from '../cli/progress.js';
import { foldFigureDeltas, rebuildRollups } from './rollups.js';

/** The start-up step that computes figures of cases from before the evaluation; a rebuild does it itself. */
export const CASE_FIGURES_STEP = 'evaluation figures';

export const evaluationCli: CliCommand[] = [
  {
    name: 'rollups rebuild', summary: 'recompute every case\'s figures and the evaluation rollups from the case events',
    run: (_args, { withDatabase, out, ...terminal }) => withDatabase(async (database) => {
      const started = Date.now();
      const bar = progressBar('rebuilding figures', terminal);
      const r = await rebuildRollups(database.db, (done, total) => bar.update(done, total));
      out(`rollups rebuild: ${r.cases} cases, ${r.events} events → ${r.monthRows} monthly and ${r.dayRows} daily rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }, { skip: [CASE_FIGURES_STEP] }),
  },
  {
    name: 'rollups fold', summary: 'fold pending figure deltas into the rollups (the server does this on its sweep)',
    run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
      const started = Date.now();
      const r = await foldFigureDeltas(database.db);
      out(`rollups fold: ${r.monthRows} monthly and ${r.dayRows} daily delta rows folded in ${Date.now() - started} ms`);
      return 0;
    }),
  },
];
