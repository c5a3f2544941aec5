import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/routes.js';
import { regionRoutes } from './regions/routes.js';
import { officeRoutes } from './offices/routes.js';
import { peopleRoutes } from './people/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { caseRoutes } from './cases/routes.js';

/** The capability modules' API plugins, mounted under /api in this order. */
export const apiModules: FastifyPluginAsync[] = [authRoutes, regionRoutes, officeRoutes, peopleRoutes, calendarRoutes, caseRoutes] as FastifyPluginAsync[];
