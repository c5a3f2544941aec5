/** Policies pushed to enterprises (惠企政策, 免申即享): the library, eligibility, matching and its tracking, the portal's "policies for me", the figures. */
import type { ModuleManifest } from '../platform/manifest.js';
import { policyRoutes } from './routes.js';
import { POLICY_TYPE } from './commands/policyActions.js';
import { MATCH_TYPE } from './commands/matchActions.js';
import { drainRematchQueue, rematchOnRegistryChange } from './commands/matching.js';

export const policiesModule: ModuleManifest = {
  name: 'policies',
  routes: [policyRoutes],
  itemTypes: [POLICY_TYPE, MATCH_TYPE],
  enterpriseChanges: [rematchOnRegistryChange],
  jobs: [{ name: 'policy matching', run: (database) => drainRematchQueue(database.db) }],
};
