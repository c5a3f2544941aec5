/** Log-in sessions: the hook that turns a session cookie into the request's actor, the log-in routes, and hearing other processes' log-outs. */
import type { ModuleManifest } from '../platform/manifest.js';
import { authPlugin } from './plugin.js';
import { authRoutes } from './routes.js';
import { listenForSessionChanges } from './sessions.js';

export const authModule: ModuleManifest = {
  name: 'auth', hooks: authPlugin, routes: [authRoutes],
  services: [{ name: 'session changes from other processes', start: (app) => listenForSessionChanges(app.database) }],
};
