/** Approvals (审批): the service-item catalogue, its report and the public service guides; applications (办件) on the lifecycle kernel. */
import type { ModuleManifest } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { approvalsRoutes } from './routes.js';
import { SERVICE_ITEM_TYPE } from './commands/serviceItemActions.js';
import { loadDemoServiceItems } from './demo.js';
import { approvalsCli } from './cli.js';
import { agencyRoutes, applicationRoutes } from './applications/routes.js';
import { APPLICATION_TYPE } from './applications/type.js';
import { sweepApplications } from './applications/commands/sweepApplications.js';
import { enterpriseApplicationsSection } from './applications/enterprise-section.js';
import { reviewAppealLink } from './applications/subscribers/review-appeals.js';
import { clockJudgement } from './applications/subscribers/clock-judgement.js';
import { judgeStaleApplications } from './applications/judgements.js';
import { loadDemoApplications } from './applications/demo.js';
import { approvalsFigureSection } from './applications/figure-section.js';
import { bundleRoutes } from './bundles/routes.js';
import { BUNDLE_APPLICATION_TYPE } from './bundles/type.js';
import { loadDemoBundles } from './bundles/demo.js';
import { jointReviewRoutes } from './joint-review/routes.js';
import { JOINT_REVIEW_TYPE } from './joint-review/type.js';

export const approvalsModule: ModuleManifest = {
  name: 'approvals',
  routes: [approvalsRoutes, applicationRoutes, agencyRoutes, bundleRoutes, jointReviewRoutes],
  itemTypes: [SERVICE_ITEM_TYPE, APPLICATION_TYPE, BUNDLE_APPLICATION_TYPE, JOINT_REVIEW_TYPE],
  subscribers: [reviewAppealLink, clockJudgement],
  jobs: [
    { name: 'application sweep', run: (database) => sweepApplications(database.db) },
    { name: 'application clock judgements after a calendar change', run: (database) => judgeStaleApplications(database.db) },
  ],
  startup: [{
    name: 'application clock judgements',
    async run(db, log) {
      const judged = await judgeStaleApplications(db);
      if (judged) log(`judged the clock of ${judged} decided applications on the calendar in force`);
    },
  }],
  roles: ['window_agent', 'reviewer'],
  cli: approvalsCli,
  enterpriseSections: [enterpriseApplicationsSection],
  figureSections: [approvalsFigureSection],
  demo: [{
    name: 'the service-item catalogue', needs: ['offices'], makes: ['serviceItems'],
    load: async (db, made) => ({ serviceItems: await loadDemoServiceItems(db, operatorActor(), made.offices as Record<string, number>) }),
  }, {
    name: 'the bundles (一件事)', needs: ['serviceItems'], makes: ['bundles'],
    load: async (db) => ({ bundles: await loadDemoBundles(db, operatorActor()) }),
  }, {
    name: 'applications with certificates and reviews', needs: ['offices', 'users', 'serviceItems'],
    load: async (db, made) => {
      await loadDemoApplications(db, made.offices as Record<string, number>);
    },
  }],
};
