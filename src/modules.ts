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
import { ledgerRoutes } from './cases/ledger/routes.js';
import { knowledgeRoutes } from './knowledge/routes.js';
import { publicAppealRoutes } from './cases/public-routes.js';
import { open311Module } from './open311/routes.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { foldFigureDeltas } from './evaluation/rollups.js';

/** The capability modules' API plugins, mounted under /api in this order. */
export const apiModules: FastifyPluginAsync[] = [authRoutes, regionRoutes, officeRoutes, peopleRoutes, calendarRoutes, caseRoutes, ledgerRoutes, notificationRoutes, knowledgeRoutes, publicAppealRoutes, evaluationRoutes] as FastifyPluginAsync[];

/** Plugins mounted at the root, for interfaces with their own well-known paths (Open311 GeoReport v2). */
export const rootModules: FastifyPluginAsync[] = [open311Module];

/** Work a process does on its own, on a timer: each job must be safe to run in several processes at once. */
export interface BackgroundJob {
  name: string;
  run(database: Database): Promise<unknown>;
}

export const backgroundJobs: BackgroundJob[] = [
  { name: 'case deadline sweep', run: (database) => sweepDeadlines(database.db) },
  { name: 'evaluation rollup fold', run: (database) => foldFigureDeltas(database.db) },
];
