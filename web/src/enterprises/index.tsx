import { lazy } from 'react';
import { BankOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';
import { ENTERPRISE_SERVICES_GROUP } from '../enterprise-services/menu';

const READERS: Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise'];

export const enterprisesModule: AppModule = {
  id: 'enterprises',
  messages,
  routes: [
    { path: '/enterprises', roles: READERS, component: lazy(() => import('./EnterprisesListPage')) },
    { path: '/enterprises/import', roles: ['admin'], component: lazy(() => import('./ImportPage')) },
    { path: '/enterprises/:key', roles: READERS, component: lazy(() => import('./EnterprisePage')) },
  ],
  menu: [{ key: 'enterprises', path: '/enterprises', labelKey: 'enterprises.menu', icon: <BankOutlined />, roles: READERS, group: ENTERPRISE_SERVICES_GROUP, order: 5 }],
};

// What other modules' filters over the registry use: the registry's codes, their names, the industry picker.
export { ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES } from './api';
export { industryTree } from './names';
