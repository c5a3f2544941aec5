/** People (人员): accounts, roles, passwords and lock-out. */
import type { ModuleManifest } from '../platform/manifest.js';
import { peopleRoutes } from './routes.js';
import { peopleCli } from './cli.js';
import { purgeForgottenFailures } from './throttle.js';
import { peopleCheck } from './integrity.js';

export const peopleModule: ModuleManifest = { name: 'people', routes: [peopleRoutes], cli: peopleCli, roles: ['admin', 'enterprise'],
  jobs: [{ name: 'forgotten log-in failures purge', run: (database) => purgeForgottenFailures(database.db) }],
  integrityChecks: [peopleCheck],
};
