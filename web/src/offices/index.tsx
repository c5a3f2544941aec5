import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import { ADMIN_GROUP, type AppModule, type Role } from '../shell';
import messages from './messages';

const ADMIN: Role[] = ['admin'];

export const officesModule: AppModule = {
  id: 'offices',
  messages,
  routes: [{ path: '/admin/offices', roles: ADMIN, component: lazy(() => import('./OfficesPage')) }],
  menu: [
    { key: 'offices', path: '/admin/offices', labelKey: 'offices.menu', icon: <ApartmentOutlined />, roles: ADMIN, group: ADMIN_GROUP, order: 20 },
  ],
};

export { OfficeTreeSelect } from './OfficeTreeSelect';
export type { OfficeTreeSelectProps } from './OfficeTreeSelect';
export { buildOfficeTree, officesApi, subtreeIds } from './api';
export type { Office, OfficeInput, OfficePatch, OfficeTreeNode } from './api';
