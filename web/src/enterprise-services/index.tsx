import { lazy } from 'react';
import { CalendarOutlined, PhoneOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';
import { ENTERPRISE_SERVICES_GROUP } from './menu';

/** Who reads visits (the server's readers); enterprises read the visits to themselves. */
const VISIT_READERS: Role[] = ['admin', 'leader', 'handler', 'supervisor', 'agent', 'dispatcher', 'enterprise'];
const ASSIGNMENT_READERS: Role[] = ['admin', 'leader', 'supervisor', 'enterprise'];
const DUTY_READERS: Role[] = ['admin', 'leader', 'supervisor', 'agent', 'dispatcher'];

/** Service to enterprises (涉企服务): service visits, leaders assigned to key enterprises and the service day, the leaders' hotline duty. */
export const enterpriseServicesModule: AppModule = {
  id: 'enterprise-services',
  messages,
  routes: [
    { path: '/enterprise-services/visits', roles: VISIT_READERS, component: lazy(() => import('./VisitsPage')) },
    { path: '/enterprise-services/visits/:id', roles: VISIT_READERS, component: lazy(() => import('./VisitPage')) },
    { path: '/enterprise-services/leaders', roles: ASSIGNMENT_READERS, component: lazy(() => import('./LeadersPage')) },
    { path: '/enterprise-services/duty', roles: DUTY_READERS, component: lazy(() => import('./DutyPage')) },
  ],
  menuGroups: [{ key: ENTERPRISE_SERVICES_GROUP, labelKey: 'services.group', icon: <ShopOutlined />, order: 350 }],
  menu: [
    { key: 'services-visits', path: '/enterprise-services/visits', labelKey: 'services.menu.visits', icon: <TeamOutlined />, roles: VISIT_READERS, group: ENTERPRISE_SERVICES_GROUP, order: 20 },
    { key: 'services-leaders', path: '/enterprise-services/leaders', labelKey: 'services.menu.leaders', icon: <CalendarOutlined />, roles: ASSIGNMENT_READERS, group: ENTERPRISE_SERVICES_GROUP, order: 30 },
    { key: 'services-duty', path: '/enterprise-services/duty', labelKey: 'services.menu.duty', icon: <PhoneOutlined />, roles: DUTY_READERS, group: ENTERPRISE_SERVICES_GROUP, order: 40 },
  ],
};
