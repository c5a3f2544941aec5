import type { FastifyPluginAsync } from 'fastify';
import type { Database } from './platform/db/engine.js';
import { sweepDeadlines } from './cases/commands/sweepDeadlines.js';
import { authRoutes } from './auth/routes.js';
import { regionRoutes } from './regions/routes.js';
import { officeRoutes } from './offices/routes.js';
import { peopleRoutes } from './people/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { caseRoutes } from './cases/routes.js';
import { knowledgeRoutes } from './knowledge/routes.js';

/** The capability modules' API plugins, mounted under /api in this order. */
export const apiModules: FastifyPluginAsync[] = [authRoutes, regionRoutes, officeRoutes, peopleRoutes, calendarRoutes, caseRoutes, notificationRoutes, knowledgeRoutes] as FastifyPluginAsync[];

/** Work a process does on its own, on a timer: each job must be safe to run in several processes at once. */
export interface BackgroundJob {
  name: string;
  run(database: Database): Promise<unknown>;
}

export const backgroundJobs: BackgroundJob[] = [
  { name: 'case deadline sweep', run: (database) => sweepDeadlines(database.db) },
];
