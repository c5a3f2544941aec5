/** The enterprise registry (企业库): one record per enterprise, keyed by its unified social credit code. */
import type { ModuleManifest } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { enterpriseRoutes } from './routes.js';
import { enterprisesCli } from './cli.js';
import { loadDemoEnterprises } from './demo.js';

export const enterprisesModule: ModuleManifest = {
  name: 'enterprises',
  routes: [enterpriseRoutes],
  cli: enterprisesCli,
  demo: [{
    name: 'the enterprise registry', makes: ['enterprises'],
    load: async (db, _made, progress) => ({ enterprises: await loadDemoEnterprises(db, operatorActor(), progress) }),
  }],
};
