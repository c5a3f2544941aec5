/** Evaluation and disclosure (考评与公开): figures from the case events, rankings, red/black lists. */
import type { ModuleManifest } from '../platform/manifest.js';
import { evaluationRoutes } from './routes.js';
import { ensureCaseFigures, foldFigureDeltas } from './rollups.js';
import { caseFiguresSubscriber } from './subscriber.js';
import { CASE_FIGURES_STEP, evaluationCli } from './cli.js';
import { FIGURES } from './contract.js';

export const evaluationModule: ModuleManifest = {
  name: 'evaluation',
  routes: [evaluationRoutes],
  jobs: [{ name: 'evaluation rollup fold', run: (database) => foldFigureDeltas(database.db) }],
  startup: [{
    name: CASE_FIGURES_STEP,
    async run(db, log) {
      const figures = await ensureCaseFigures(db);
      if (figures) log(`computed the evaluation figures of ${figures.cases} existing cases from ${figures.events} events`);
    },
  }],
  cli: evaluationCli,
  figures: FIGURES,
  subscribers: [caseFiguresSubscriber],
};
