import { lazy } from 'react';
import { AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';

/** The department's staff who read plans and tasks (the server decides each action). */
const STAFF: Role[] = ['admin', 'handler', 'leader', 'supervisor', 'inspector'];

export const inspectionsModule: AppModule = {
  id: 'inspections',
  messages,
  routes: [
    { path: '/inspections', roles: STAFF, component: lazy(() => import('./InspectionsPage')) },
    { path: '/inspections/tasks/:id', roles: STAFF, component: lazy(() => import('./TaskPage')) },
    { path: '/inspections/lists', roles: ['admin', 'handler', 'leader'], component: lazy(() => import('./ListsPage')) },
    { path: '/inspections/figures', roles: STAFF, component: lazy(() => import('./FiguresPage')) },
    { path: '/inspections/mine', roles: ['inspector', 'enterprise'], component: lazy(() => import('./MyVisitsPage')) },
    { path: '/public/inspections', roles: [], public: true, component: lazy(() => import('./PublicResultsPage')) },
    { path: '/public/inspections/:taskId/draw', roles: [], public: true, component: lazy(() => import('./PublicDrawPage')) },
  ],
  itemPages: [{ type: 'inspection_task', path: (id) => `/inspections/tasks/${id}` }],
  menu: [
    { key: 'inspections', path: '/inspections', labelKey: 'inspections.menu', icon: <AuditOutlined />, roles: ['admin', 'handler', 'leader', 'supervisor'], order: 45 },
    { key: 'inspections-mine', path: '/inspections/mine', labelKey: 'inspections.mine.menu', icon: <SafetyCertificateOutlined />, roles: ['inspector', 'enterprise'], order: 46 },
  ],
  loginLinks: [{ key: 'public-inspections', path: '/public/inspections', labelKey: 'inspections.public.link', icon: <AuditOutlined />, order: 40 }],
};
