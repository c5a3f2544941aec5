/** The appeals loop (诉求): intake from every channel, the case lifecycle and the public door. */
import type { ModuleManifest } from '../platform/manifest.js';
import { caseRoutes } from './routes.js';
import { publicAppealRoutes } from './public-routes.js';
import { sweepDeadlines } from './commands/sweepDeadlines.js';
import { CASE_TYPE } from './commands/runAction.js';
import { casesCli } from './cli.js';
import { rectificationTimeline } from './rectification-timeline.js';
import { attachmentCheck } from './attachment-check.js';
import { enterpriseCasesSection } from './enterprise-section.js';
import { serviceVisitProblems } from './service-visit-problems.js';
import { visitComplaintIntake } from './subscribers/visit-complaints.js';
import { approvalReviewCases } from './subscribers/approval-reviews.js';

export const casesModule: ModuleManifest = {
  name: 'cases',
  routes: [caseRoutes, publicAppealRoutes],
  jobs: [{ name: 'case deadline sweep', run: (database) => sweepDeadlines(database.db) }],
  cli: casesCli,
  roles: ['agent', 'dispatcher', 'handler', 'supervisor', 'leader'],
  itemTypes: [CASE_TYPE],
  subscribers: [rectificationTimeline, serviceVisitProblems, visitComplaintIntake, approvalReviewCases],
  integrityChecks: [attachmentCheck],
  enterpriseSections: [enterpriseCasesSection],
};
