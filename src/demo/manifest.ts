/** Demo data: the demo organisation, catalogue, cases and generated history, through the real commands. */
import type { ModuleManifest } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { demoCli } from './cli.js';
import { loadDemoOrganisation, type DemoOrganisation } from './organisation.js';
import { loadDemoCatalogue, loadDemoCases } from './appeals.js';

export const demoModule: ModuleManifest = {
  name: 'demo',
  cli: demoCli,
  demo: [
    {
      name: 'the demo organisation and log-ins', makes: ['offices', 'users'],
      load: (db, _made, progress) => loadDemoOrganisation(db, operatorActor(), progress) as Promise<DemoOrganisation & Record<string, unknown>>,
    },
    {
      name: 'categories and the dispatch catalogue', needs: ['offices'], makes: ['categories'],
      load: async (db, made) => ({ categories: await loadDemoCatalogue(db, operatorActor(), { offices: made.offices as DemoOrganisation['offices'] }) }),
    },
    {
      name: 'demo cases', needs: ['offices', 'categories'],
      load: async (db, made) => {
        await loadDemoCases(db, { offices: made.offices as DemoOrganisation['offices'] }, made.categories as Record<string, number>);
      },
    },
  ],
};
