import { lazy } from 'react';
import { FileAddOutlined, FileDoneOutlined, FormOutlined, InboxOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../../shell';
import messages from './messages';
import { applicationsApi } from './api';

/** A reviewer's count on the home page: the worklist tab's own total. */
const branchCount = (status: 'pending' | 'reviewing' | 'waiting', order: number) => ({
  key: `applications-${status}`, labelKey: `applications.worklist.count.${status}`, roles: ['reviewer'] as Role[], order,
  path: `/approvals/worklist?status=${status}`,
  count: async (signal: AbortSignal) => (await applicationsApi.list({ branchStatus: status, pageSize: 1 }, signal)).total,
});

/** The approvals menu group (the catalogue's module declares it). */
const GROUP = 'approvals';
/** Staff who read applications (the server's LIST_ROLES less the enterprise). */
const STAFF: Role[] = ['window_agent', 'reviewer', 'leader'];

/** Applications (办件): the window's intake, a department's worklist, the list and page of one, the printable notice, the enterprise's own, and help-and-agency authorisations. */
export const applicationsModule: AppModule = {
  id: 'approvals-applications',
  messages,
  routes: [
    { path: '/approvals/intake', roles: ['window_agent'], component: lazy(() => import('./IntakePage')) },
    { path: '/approvals/applications', roles: STAFF, component: lazy(() => import('./ApplicationsListPage')) },
    { path: '/approvals/applications/:id', roles: STAFF, component: lazy(() => import('./ApplicationPage')) },
    { path: '/approvals/agency', roles: ['leader', 'window_agent', 'enterprise'], component: lazy(() => import('./AgencyPage')) },
    { path: '/approvals/worklist', roles: ['reviewer'], component: lazy(() => import('./WorklistPage')) },
    // Outside the staff layout so that the printout holds the notice alone; the API still asks for the log-in.
    { path: '/print/applications/:id/notice', roles: [], public: true, component: lazy(() => import('./NoticePrintPage')) },
    { path: '/my/applications', roles: ['enterprise'], component: lazy(() => import('./MyApplicationsPage')) },
    { path: '/my/applications/new', roles: ['enterprise'], component: lazy(() => import('./ApplyPage')) },
    { path: '/my/applications/:id', roles: ['enterprise'], component: lazy(() => import('./MyApplicationPage')) },
  ],
  worklist: [branchCount('pending', 110), branchCount('reviewing', 120), branchCount('waiting', 130)],
  itemPages: [{ type: 'application', path: (id, roles) => (roles.includes('enterprise') ? `/my/applications/${id}` : `/approvals/applications/${id}`) }],
  menu: [
    { key: 'applications-intake', path: '/approvals/intake', labelKey: 'applications.menu.intake', icon: <FormOutlined />, roles: ['window_agent'], group: GROUP, order: 1 },
    { key: 'applications-worklist', path: '/approvals/worklist', labelKey: 'applications.menu.worklist', icon: <InboxOutlined />, roles: ['reviewer'], group: GROUP, order: 2 },
    { key: 'applications', path: '/approvals/applications', labelKey: 'applications.menu.list', icon: <SolutionOutlined />, roles: ['window_agent', 'reviewer'], group: GROUP, order: 3 },
    { key: 'applications-overview', path: '/approvals/applications', labelKey: 'applications.menu.overview', icon: <SolutionOutlined />, roles: ['leader'], group: GROUP, order: 3 },
    { key: 'applications-agency', path: '/approvals/agency', labelKey: 'agency.menu', icon: <TeamOutlined />, roles: ['leader', 'window_agent', 'enterprise'], group: GROUP, order: 4 },
    { key: 'my-applications', path: '/my/applications', labelKey: 'applications.menu.mine', icon: <FileDoneOutlined />, roles: ['enterprise'], group: GROUP, order: 1 },
    { key: 'my-applications-new', path: '/my/applications/new', labelKey: 'applications.menu.apply', icon: <FileAddOutlined />, roles: ['enterprise'], group: GROUP, order: 2 },
  ],
};
