/** Approvals (审批): the service-item catalogue, its report and the public service guides. */
import type { ModuleManifest } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { approvalsRoutes } from './routes.js';
import { SERVICE_ITEM_TYPE } from './commands/serviceItemActions.js';
import { loadDemoServiceItems } from './demo.js';
import { approvalsCli } from './cli.js';

export const approvalsModule: ModuleManifest = {
  name: 'approvals',
  routes: [approvalsRoutes],
  itemTypes: [SERVICE_ITEM_TYPE],
  cli: approvalsCli,
  demo: [{
    name: 'the service-item catalogue', needs: ['offices'], makes: ['serviceItems'],
    load: async (db, made) => ({ serviceItems: await loadDemoServiceItems(db, operatorActor(), made.offices as Record<string, number>) }),
  }],
};
