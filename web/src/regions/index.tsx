import { lazy } from 'react';
import { GlobalOutlined } from '@ant-design/icons';
import { ADMIN_GROUP, type AppModule, type Role } from '../shell';
import messages from './messages';

const ADMIN: Role[] = ['admin'];

export const regionsModule: AppModule = {
  id: 'regions',
  messages,
  routes: [{ path: '/admin/regions', roles: ADMIN, component: lazy(() => import('./RegionsPage')) }],
  menu: [
    { key: 'regions', path: '/admin/regions', labelKey: 'regions.menu', icon: <GlobalOutlined />, roles: ADMIN, group: ADMIN_GROUP, order: 10 },
  ],
};

export { RegionSelect } from './RegionSelect';
export type { RegionSelectProps } from './RegionSelect';
export { regionsApi } from './api';
export type { Region, RegionDetail, RegionLevel } from './api';
