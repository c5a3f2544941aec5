/** Proactive governance (未诉先办): hotspots found in the appeals, proactive tasks, their effect. */
import type { ModuleManifest } from '../platform/manifest.js';
import { proactiveRoutes } from './routes.js';
import { HOTSPOT_TYPE, TASK_TYPE } from './type.js';
import { proactiveCli } from './cli.js';
import { loadProactiveConfig } from './config.js';
import { runDetection } from './detect.js';
import { sweepTasks } from './sweep.js';

const config = loadProactiveConfig();

export const proactiveModule: ModuleManifest = {
  name: 'proactive',
  routes: [proactiveRoutes],
  jobs: [
    { name: 'hotspot detection', run: (database) => runDetection(database.db, config) },
    { name: 'proactive task sweep', run: (database) => sweepTasks(database.db) },
  ],
  cli: proactiveCli,
  itemTypes: [HOTSPOT_TYPE, TASK_TYPE],
};
