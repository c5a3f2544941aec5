/** Log-in sessions: the hook that turns a session cookie into the request's actor, and the log-in routes. */
import type { ModuleManifest } from '../platform/manifest.js';
import { authPlugin } from './plugin.js';
import { authRoutes } from './routes.js';

export const authModule: ModuleManifest = { name: 'auth', hooks: authPlugin, routes: [authRoutes] };
