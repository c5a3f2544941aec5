import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AppModule } from '../../shell';
import messages from './messages';

const verify = lazy(() => import('./VerifyPage'));

/** Approvals' results in public: the certificate check its QR code opens, and the rating through it. */
export const approvalResultsModule: AppModule = {
  id: 'approval-results',
  messages,
  routes: [
    { path: '/verify', roles: [], public: true, component: verify },
    { path: '/verify/:code', roles: [], public: true, component: verify },
  ],
  loginLinks: [{ key: 'verify-certificate', path: '/verify', labelKey: 'results.link', icon: <SafetyCertificateOutlined />, order: 40 }],
};

export { ReviewForm } from './ReviewForm';
