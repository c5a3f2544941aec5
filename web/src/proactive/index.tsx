import { lazy } from 'react';
import { AlertOutlined, FireOutlined, PhoneOutlined, ScheduleOutlined, SlidersOutlined, StarOutlined } from '@ant-design/icons';
import type { AppModule } from '../shell';
import messages from './messages';
import { INTAKE_ROLES, SETTINGS_ROLES, TASK_ROLES, WATCH_ROLES } from './roles';

const GROUP = 'proactive';

export const proactiveModule: AppModule = {
  id: 'proactive',
  messages,
  routes: [
    { path: '/hotspots', roles: WATCH_ROLES, component: lazy(() => import('./HotspotBoardPage')) },
    { path: '/hotspots/:id', roles: WATCH_ROLES, component: lazy(() => import('./HotspotPage')) },
    { path: '/proactive-tasks', roles: TASK_ROLES, component: lazy(() => import('./TasksPage')) },
    { path: '/proactive-tasks/:id', roles: TASK_ROLES, component: lazy(() => import('./TaskPage')) },
    { path: '/proactive/topics', roles: TASK_ROLES, component: lazy(() => import('./TopicsPage')) },
    { path: '/proactive/repeat-callers', roles: INTAKE_ROLES, component: lazy(() => import('./RepeatCallersPage')) },
    { path: '/proactive/settings', roles: SETTINGS_ROLES, component: lazy(() => import('./SettingsPage')) },
  ],
  menuGroups: [{ key: GROUP, labelKey: 'proactive.group', icon: <AlertOutlined />, order: 25 }],
  itemPages: [
    { type: 'hotspot', path: (id) => `/hotspots/${id}` },
    { type: 'proactive_task', path: (id) => `/proactive-tasks/${id}` },
  ],
  menu: [
    { key: 'proactive-hotspots', path: '/hotspots', labelKey: 'proactive.menu.hotspots', icon: <FireOutlined />, roles: WATCH_ROLES, group: GROUP, order: 10 },
    { key: 'proactive-tasks', path: '/proactive-tasks', labelKey: 'proactive.menu.tasks', icon: <ScheduleOutlined />, roles: TASK_ROLES, group: GROUP, order: 20 },
    { key: 'proactive-topics', path: '/proactive/topics', labelKey: 'proactive.menu.topics', icon: <StarOutlined />, roles: TASK_ROLES, group: GROUP, order: 30 },
    { key: 'proactive-repeat', path: '/proactive/repeat-callers', labelKey: 'proactive.menu.repeat', icon: <PhoneOutlined />, roles: INTAKE_ROLES, group: GROUP, order: 40 },
    { key: 'proactive-settings', path: '/proactive/settings', labelKey: 'proactive.menu.settings', icon: <SlidersOutlined />, roles: SETTINGS_ROLES, group: GROUP, order: 50 },
  ],
};
