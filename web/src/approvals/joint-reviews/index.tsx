import { lazy } from 'react';
import { ScheduleOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../../shell';
import messages from './messages';

const JointReviewPage = lazy(() => import('./JointReviewPage'));
/** Staff who organise or are invited (the lifecycle's readers less the enterprise). */
const STAFF: Role[] = ['window_agent', 'reviewer', 'leader'];

/**
 * Joint review and joint acceptance (联审联批, 联合验收): the list of one's own, one with every
 * department's verdict, the enterprise's reading of its own, and the A4 report. Scheduling is on
 * the application's page (JointReviewsCard).
 */
export const jointReviewsModule: AppModule = {
  id: 'approvals-joint-reviews',
  messages,
  routes: [
    { path: '/approvals/joint-reviews', roles: STAFF, component: lazy(() => import('./JointReviewsPage')) },
    { path: '/approvals/joint-reviews/:id', roles: STAFF, component: JointReviewPage },
    { path: '/my/joint-reviews/:id', roles: ['enterprise'], component: () => <JointReviewPage portal /> },
    // Outside the layout so that the printout holds the report alone; the API still asks for the log-in.
    { path: '/print/joint-reviews/:id', roles: [], public: true, component: lazy(() => import('./ReportPrintPage')) },
  ],
  menu: [
    { key: 'joint-reviews', path: '/approvals/joint-reviews', labelKey: 'jointReviews.menu', icon: <ScheduleOutlined />, roles: STAFF, group: 'approvals', order: 6 },
  ],
};

export { JointReviewsCard } from './JointReviewsCard';
