/** Evaluation and disclosure (考评与公开): figures from the case events, rankings, red/black lists. */
import type { ModuleManifest } from '../platform/manifest.js';
import { evaluationRoutes } from './routes.js';
import { ensureCaseFigures, foldFigureDeltas } from './rollups.js';
import { caseFiguresSubscriber } from './subscriber.js';
import { CASE_FIGURES_STEP, evaluationCli } from './cli.js';
import { FIGURES } from './contract.js';
import { operatorActor } from '../platform/actor.js';
import { evaluationSettings } from './settings.js';
import { setEvaluationSettings } from './commands/setSettings.js';

/**
 * A demo's history is a few hundred cases: it ranks offices from 3 cases a month, so the ranking
 * and the red/black lists have offices to show (a real installation keeps the default, 10).
 */
const DEMO_MINIMUM_CASES = 3;

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
  demo: [{
    name: 'the ranking threshold of a small demo',
    async load(db) {
      await setEvaluationSettings(db, operatorActor(), { ...(await evaluationSettings(db)), minimumCases: DEMO_MINIMUM_CASES });
    },
  }],
};
