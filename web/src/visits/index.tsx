import { lazy } from 'react';
import { AuditOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';
import { ENTERPRISE_SERVICES_GROUP } from '../enterprise-services/menu';

const STAFF: Role[] = ['handler', 'supervisor', 'leader'];
const code = lazy(() => import('./PublicVisitCodePage'));

/** Official visits to enterprises (入企): the department's filing, approval queue and plans, the enterprise's scan and rating, the public code check. */
export const visitsModule: AppModule = {
  id: 'visits',
  messages,
  routes: [
    { path: '/visits', roles: [...STAFF, 'enterprise'], component: lazy(() => import('./VisitsListPage')) },
    { path: '/visits/new', roles: ['handler', 'leader'], component: lazy(() => import('./VisitFormPage')) },
    { path: '/visits/plans', roles: STAFF, component: lazy(() => import('./PlansPage')) },
    { path: '/visits/joint', roles: STAFF, component: lazy(() => import('./JointPage')) },
    { path: '/visits/figures', roles: [...STAFF, 'enterprise'], component: lazy(() => import('./FiguresPage')) },
    { path: '/visits/:id', roles: [...STAFF, 'enterprise'], component: lazy(() => import('./VisitPage')) },
    { path: '/public/visit-codes', roles: [], public: true, component: code },
    { path: '/public/visit-codes/:code', roles: [], public: true, component: code },
  ],
  itemPages: [{ type: 'visit', path: (id) => `/visits/${id}` }],
  menu: [
    { key: 'visits', path: '/visits', labelKey: 'visits.menu.list', icon: <AuditOutlined />, roles: [...STAFF, 'enterprise'], group: ENTERPRISE_SERVICES_GROUP, order: 11 },
    { key: 'visit-plans', path: '/visits/plans', labelKey: 'visits.menu.plans', roles: STAFF, group: ENTERPRISE_SERVICES_GROUP, order: 12 },
    { key: 'visit-joint', path: '/visits/joint', labelKey: 'visits.menu.joint', roles: STAFF, group: ENTERPRISE_SERVICES_GROUP, order: 13 },
    { key: 'visit-figures', path: '/visits/figures', labelKey: 'visits.menu.figures', roles: STAFF, group: ENTERPRISE_SERVICES_GROUP, order: 14 },
  ],
  loginLinks: [{ key: 'visit-code', path: '/public/visit-codes', labelKey: 'visits.public.link', icon: <QrcodeOutlined />, order: 40 }],
};
