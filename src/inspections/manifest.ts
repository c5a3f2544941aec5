/**
 * Random inspections (双随机、一公开): item lists and two rosters, plans in batches, tasks and
 * one visit per drawn target as item types of the lifecycle kernel, the draw anyone can re-run,
 * results on the publication clock, public pages and figures.
 */
import type { ModuleManifest } from '../platform/manifest.js';
import { inspectionRoutes } from './routes.js';
import { TASK_TYPE, VISIT_TYPE } from './type.js';
import { sweepPublication } from './commands/sweepPublication.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoInspections } from './demo.js';
import { inspectionsFigureSection } from './figure-section.js';
import { enterpriseInspectionsSection } from './enterprise-section.js';

export const inspectionsModule: ModuleManifest = {
  name: 'inspections',
  routes: [inspectionRoutes],
  itemTypes: [TASK_TYPE, VISIT_TYPE],
  jobs: [{ name: 'inspection publication sweep', run: (database) => sweepPublication(database.db) }],
  roles: ['inspector'],
  enterpriseSections: [enterpriseInspectionsSection],
  figureSections: [inspectionsFigureSection],
  demo: [{
    name: 'random inspections', needs: ['offices', 'users', 'enterprises'], makes: ['inspections'],
    load: async (db, made) => ({ inspections: await loadDemoInspections(db, operatorActor(), made.offices as Record<string, number>) }),
  }],
};
