import { lazy } from 'react';
import { DashboardOutlined, FundOutlined, SlidersOutlined, TableOutlined, TrophyOutlined } from '@ant-design/icons';
import type { AppModule } from '../shell';
import messages from './messages';
import { DRILL_DOWN_ROLES, SECTION_ROLES, SETTINGS_ROLES, VIEW_ROLES } from './roles';

/** Menu group of evaluation and disclosure (考评与公开). */
export const EVALUATION_GROUP = 'evaluation';

export const evaluationModule: AppModule = {
  id: 'evaluation',
  messages,
  routes: [
    { path: '/evaluation/dashboard', roles: VIEW_ROLES, component: lazy(() => import('./DashboardPage')) },
    { path: '/evaluation/figures', roles: VIEW_ROLES, component: lazy(() => import('./FiguresPage')) },
    { path: '/evaluation/ranking', roles: VIEW_ROLES, component: lazy(() => import('./RankingPage')) },
    { path: '/evaluation/lists/:id', roles: VIEW_ROLES, component: lazy(() => import('./PublishedListPage')) },
    { path: '/evaluation/cases', roles: DRILL_DOWN_ROLES, component: lazy(() => import('./DrillDownPage')) },
    { path: '/evaluation/sections/:code', roles: SECTION_ROLES, component: lazy(() => import('./SectionPage')) },
    { path: '/evaluation/settings', roles: SETTINGS_ROLES, component: lazy(() => import('./SettingsPage')) },
    // The published red and black lists, for everyone (no log-in).
    { path: '/public/rankings', roles: [], public: true, component: lazy(() => import('./PublicRankingsPage')) },
  ],
  menuGroups: [{ key: EVALUATION_GROUP, labelKey: 'evaluation.group', icon: <FundOutlined />, order: 20 }],
  menu: [
    { key: 'eval-dashboard', path: '/evaluation/dashboard', labelKey: 'evaluation.menu.dashboard', icon: <DashboardOutlined />, roles: VIEW_ROLES, group: EVALUATION_GROUP, order: 10 },
    { key: 'eval-figures', path: '/evaluation/figures', labelKey: 'evaluation.menu.figures', icon: <TableOutlined />, roles: VIEW_ROLES, group: EVALUATION_GROUP, order: 20 },
    { key: 'eval-ranking', path: '/evaluation/ranking', labelKey: 'evaluation.menu.ranking', icon: <TrophyOutlined />, roles: VIEW_ROLES, group: EVALUATION_GROUP, order: 30 },
    { key: 'eval-settings', path: '/evaluation/settings', labelKey: 'evaluation.menu.settings', icon: <SlidersOutlined />, roles: SETTINGS_ROLES, group: EVALUATION_GROUP, order: 40 },
  ],
  loginLinks: [{ key: 'public-rankings', path: '/public/rankings', labelKey: 'evaluation.public.link', icon: <TrophyOutlined />, order: 30 }],
};

export { evaluationApi } from './api';
