import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import { ALL_ROLES, type AppModule, type Role } from '../shell';
import messages from './messages';

/** Who works to the official calendar: every staff role; an enterprise user has no deadline to keep by it. */
const STAFF: readonly Role[] = ALL_ROLES.filter((r) => r !== 'enterprise');

/**
 * One page for staff: read-only month view, year coverage and calculator for all roles;
 * import and hand entry of a year for admins.
 */
export const calendarModule: AppModule = {
  id: 'calendar',
  messages,
  routes: [{ path: '/admin/calendar', roles: STAFF, component: lazy(() => import('./CalendarPage')) }],
  menu: [{ key: 'calendar', path: '/admin/calendar', labelKey: 'calendar.menu', icon: <CalendarOutlined />, roles: STAFF, order: 80 }],
};

export { calendarApi } from './api';
export type { CalendarDay, CalendarYear } from './api';
