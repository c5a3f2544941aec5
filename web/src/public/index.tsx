import { lazy } from 'react';
import { EditOutlined, SearchOutlined } from '@ant-design/icons';
import type { AppModule } from '../shell';
import messages from './messages';

const track = lazy(() => import('./PublicTrackPage'));

/** The citizens' pages (群众): no log-in, outside the staff layout, linked from the log-in page. */
export { PublicLayout } from './PublicLayout';

export const publicModule: AppModule = {
  id: 'public',
  messages,
  routes: [
    { path: '/public/appeal', roles: [], public: true, component: lazy(() => import('./PublicAppealPage')) },
    { path: '/public/track', roles: [], public: true, component: track },
    // The link handed out at intake: /public/appeals/:code#secret=…
    { path: '/public/appeals/:code', roles: [], public: true, component: track },
  ],
  loginLinks: [
    { key: 'public-appeal', path: '/public/appeal', labelKey: 'public.link.appeal', icon: <EditOutlined />, order: 10 },
    { key: 'public-track', path: '/public/track', labelKey: 'public.link.track', icon: <SearchOutlined />, order: 20 },
  ],
};
