import { lazy } from 'react';
import { ALL_ROLES, type AppModule } from '../shell';
import messages from './messages';

/** Everyone signed in has an inbox: the bell in the header and the page it opens. */
export const notificationsModule: AppModule = {
  id: 'notifications',
  messages,
  routes: [{ path: '/notifications', roles: ALL_ROLES, component: lazy(() => import('./NotificationsPage')) }],
  header: [{ key: 'bell', roles: ALL_ROLES, component: lazy(() => import('./NotificationBell')) }],
};
