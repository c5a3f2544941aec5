/** Policies pushed to enterprises (惠企政策, 免申即享): the library, eligibility, matching and its tracking, the portal's "policies for me", the figures. */
import type { ModuleManifest } from '../platform/manifest.js';
import { policyRoutes } from './routes.js';
import { POLICY_TYPE } from './commands/policyActions.js';
import { MATCH_TYPE } from './commands/matchActions.js';
import { drainRematchQueue, rematchOnRegistryChange } from './commands/matching.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoPolicies } from './demo.js';
import { enterprisePoliciesSection } from './enterprise-section.js';

export const policiesModule: ModuleManifest = {
  name: 'policies',
  routes: [policyRoutes],
  itemTypes: [POLICY_TYPE, MATCH_TYPE],
  enterpriseSections: [enterprisePoliciesSection],
  enterpriseChanges: [rematchOnRegistryChange],
  jobs: [{ name: 'policy matching', run: (database) => drainRematchQueue(database.db) }],
  demo: [{
    name: 'policies pushed to enterprises', needs: ['offices', 'enterprises'], makes: ['policies'],
    load: async (db, made) => ({ policies: await loadDemoPolicies(db, operatorActor(), made.offices as Record<string, number>, made.enterprises as Record<string, number>) }),
  }],
};
