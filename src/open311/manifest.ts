/** Open311 GeoReport v2: appeals in and out in the civic-report standard, at its well-known paths. */
import type { ModuleManifest } from '../platform/manifest.js';
import { open311Module } from './routes.js';

export const open311Manifest: ModuleManifest = { name: 'open311', rootRoutes: [open311Module] };
