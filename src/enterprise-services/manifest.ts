/**
 * Service to enterprises (涉企服务): service-team visits and the monthly enterprise service day
 * (政务服务进企业, 企业服务日) whose problems become appeal cases, leaders assigned to key
 * enterprises (包联) and the leaders' hotline duty (领导坐班接听).
 */
import type { ModuleManifest } from '../platform/manifest.js';
import { enterpriseServiceRoutes } from './routes.js';
import { SERVICE_VISIT_TYPE } from './type.js';
import { enterpriseServiceVisitsSection } from './enterprise-section.js';
import { loadDemoEnterpriseServices } from './demo.js';

export const enterpriseServicesModule: ModuleManifest = {
  name: 'enterprise-services',
  routes: [enterpriseServiceRoutes],
  itemTypes: [SERVICE_VISIT_TYPE],
  enterpriseSections: [enterpriseServiceVisitsSection],
  demo: [{
    name: 'leader assignments, service visits and hotline duty', needs: ['offices', 'enterprises'], makes: ['serviceVisits'],
    load: async (db, made) => ({ serviceVisits: await loadDemoEnterpriseServices(db, made.offices as Record<string, number>) }),
  }],
};
