import { lazy } from 'react';
import { AppstoreAddOutlined, AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../shell';
import messages from './messages';

const BundleApplicationPage = lazy(() => import('./BundleApplicationPage'));
const BundleApplicationsPage = lazy(() => import('./BundleApplicationsPage'));

/**
 * Bundles (一件事): the window's intake of a bundle, the bundle applications and the page of one,
 * and the enterprise's own. A department's parts reach its reviewers in the applications'
 * worklist, as any branch sent to it does.
 */
export const bundlesModule: AppModule = {
  id: 'approvals-bundles',
  messages,
  routes: [
    { path: '/approvals/bundles/intake', roles: ['window_agent'], component: lazy(() => import('./IntakePage')) },
    { path: '/approvals/bundles/applications', roles: ['window_agent', 'reviewer', 'leader'], component: BundleApplicationsPage },
    { path: '/approvals/bundles/applications/:id', roles: ['window_agent', 'reviewer', 'leader'], component: BundleApplicationPage },
    { path: '/my/bundles', roles: ['enterprise'], component: () => <BundleApplicationsPage portal /> },
    { path: '/my/bundles/:id', roles: ['enterprise'], component: () => <BundleApplicationPage portal /> },
  ],
  menu: [
    { key: 'bundles-intake', path: '/approvals/bundles/intake', labelKey: 'bundles.menu.intake', icon: <AppstoreAddOutlined />, roles: ['window_agent'], group: 'approvals', order: 4 },
    { key: 'bundles', path: '/approvals/bundles/applications', labelKey: 'bundles.menu.list', icon: <AppstoreOutlined />, roles: ['window_agent', 'reviewer', 'leader'], group: 'approvals', order: 5 },
    { key: 'my-bundles', path: '/my/bundles', labelKey: 'bundles.menu.mine', icon: <AppstoreOutlined />, roles: ['enterprise'], group: 'approvals', order: 3 },
  ],
};
