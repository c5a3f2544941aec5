import { lazy } from 'react';
import { GiftOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';
import { ENTERPRISE_SERVICES_GROUP } from '../enterprise-services/menu';

const STAFF: Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
const EDITORS: Role[] = ['admin', 'leader'];

export const policiesModule: AppModule = {
  id: 'policies',
  messages,
  routes: [
    { path: '/policies', roles: STAFF, component: lazy(() => import('./PoliciesPage')) },
    { path: '/policies/new', roles: EDITORS, component: lazy(() => import('./PolicyPage')) },
    { path: '/policies/for-me', roles: ['enterprise'], component: lazy(() => import('./ForMePage')) },
    { path: '/policies/:id', roles: STAFF, component: lazy(() => import('./PolicyPage')) },
    { path: '/policies/:id/matches', roles: STAFF, component: lazy(() => import('./MatchesPage')) },
    { path: '/enterprises/:key/facts', roles: [...STAFF, 'enterprise'], component: lazy(() => import('./FactsPage')) },
  ],
  menu: [
    { key: 'policies', path: '/policies', labelKey: 'policies.menu', icon: <GiftOutlined />, roles: STAFF, group: ENTERPRISE_SERVICES_GROUP, order: 50 },
    { key: 'policies-for-me', path: '/policies/for-me', labelKey: 'policies.forMe.menu', icon: <GiftOutlined />, roles: ['enterprise'], group: ENTERPRISE_SERVICES_GROUP, order: 50 },
  ],
};
