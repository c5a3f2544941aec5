import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import { ALL_ROLES, type AppModule } from '../shell';
import messages from './messages';

/**
 * One page for everyone: read-only month view, year coverage and calculator for all roles;
 * import and hand entry of a year for admins.
 */
export const calendarModule: AppModule = {
  id: 'calendar',
  messages,
  routes: [{ path: '/admin/calendar', roles: ALL_ROLES, component: lazy(() => import('./CalendarPage')) }],
  menu: [{ key: 'calendar', path: '/admin/calendar', labelKey: 'calendar.menu', icon: <CalendarOutlined />, roles: ALL_ROLES, order: 80 }],
};

export { calendarApi } from './api';
export type { CalendarDay, CalendarYear } from './api';
