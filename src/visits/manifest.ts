/**
 * Regulated official visits to enterprises (入企): yearly plans, visits filed, approved (escalated
 * outside the service week or beyond the plan), coded, scanned and rated anonymously, joint visits
 * and figures; inspections on site counted from the inspections' events. Both are item types of
 * the lifecycle kernel with their own hash-chained events.
 */
import type { ModuleManifest } from '../platform/manifest.js';
import { visitRoutes } from './routes.js';
import { publicVisitCodeRoutes } from './public-routes.js';
import { PLAN_TYPE, VISIT_TYPE } from './type.js';
import { sweepVisits } from './sweep.js';
import { enterpriseVisitsSection } from './enterprise-section.js';
import { loadDemoVisits } from './demo.js';
import { visitsFigureSection } from './figure-section.js';
import { inspectionVisits } from './inspection-visits.js';

export const visitsModule: ModuleManifest = {
  name: 'visits',
  routes: [visitRoutes, publicVisitCodeRoutes],
  jobs: [{ name: 'visit sweep (unscanned visits)', run: (database) => sweepVisits(database.db) }],
  itemTypes: [VISIT_TYPE, PLAN_TYPE],
  // An inspection on site is a visit: the inspections' events are followed, never their code called.
  subscribers: [inspectionVisits],
  enterpriseSections: [enterpriseVisitsSection],
  figureSections: [visitsFigureSection],
  demo: [{
    name: 'official visits', needs: ['offices', 'enterprises'],
    load: (db, made, progress) => loadDemoVisits(db, made.offices as Record<string, number>, made.enterprises as Record<string, number>, progress),
  }],
};
