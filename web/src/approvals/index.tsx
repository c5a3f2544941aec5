import { lazy } from 'react';
import { AuditOutlined, BarChartOutlined, FileSearchOutlined, ProfileOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';

/** Staff who read the catalogue (the server's READ_ROLES); administrators edit it within their scope. */
const STAFF: Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'window_agent', 'reviewer'];
const GROUP = 'approvals';

/** Approvals (审批): the service-item catalogue, its report and the public service guides. */
export const approvalsModule: AppModule = {
  id: 'approvals',
  messages,
  routes: [
    { path: '/approvals/items', roles: STAFF, component: lazy(() => import('./CataloguePage')) },
    { path: '/approvals/items/:id', roles: STAFF, component: lazy(() => import('./ServiceItemPage')) },
    { path: '/approvals/report', roles: STAFF, component: lazy(() => import('./ReportPage')) },
    { path: '/public/guides', roles: [], public: true, component: lazy(() => import('./PublicGuidesPage')) },
    { path: '/public/guides/:code', roles: [], public: true, component: lazy(() => import('./PublicGuidePage')) },
  ],
  menuGroups: [{ key: GROUP, labelKey: 'approvals.menu.group', icon: <AuditOutlined />, order: 300 }],
  menu: [
    { key: 'approvals-items', path: '/approvals/items', labelKey: 'approvals.menu.catalogue', icon: <ProfileOutlined />, roles: STAFF, group: GROUP, order: 10 },
    { key: 'approvals-report', path: '/approvals/report', labelKey: 'approvals.menu.report', icon: <BarChartOutlined />, roles: STAFF, group: GROUP, order: 20 },
  ],
  loginLinks: [{ key: 'public-guides', path: '/public/guides', labelKey: 'approvals.guide.link', icon: <FileSearchOutlined />, order: 30 }],
};
