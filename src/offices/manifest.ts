/** Offices (单位): the tree that bounds what everyone sees. */
import type { ModuleManifest } from '../platform/manifest.js';
import { officeRoutes } from './routes.js';

export const officesModule: ModuleManifest = { name: 'offices', routes: [officeRoutes] };
