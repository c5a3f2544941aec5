/** The working-day calendar (工作日): official arrangements, office hours and working-time arithmetic. */
import type { ModuleManifest } from '../platform/manifest.js';
import { calendarRoutes } from './routes.js';
import { calendarCli } from './cli.js';

export const calendarModule: ModuleManifest = { name: 'calendar', routes: [calendarRoutes], cli: calendarCli };
