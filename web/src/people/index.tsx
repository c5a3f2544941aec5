import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import { ADMIN_GROUP, type AppModule, type Role } from '../shell';
import messages from './messages';

const ADMIN: Role[] = ['admin'];

export const peopleModule: AppModule = {
  id: 'people',
  messages,
  routes: [{ path: '/admin/users', roles: ADMIN, component: lazy(() => import('./UsersPage')) }],
  menu: [
    { key: 'users', path: '/admin/users', labelKey: 'people.menu', icon: <TeamOutlined />, roles: ADMIN, group: ADMIN_GROUP, order: 30 },
  ],
};

export { usersApi } from './api';
export type { User } from './api';
