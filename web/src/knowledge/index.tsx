import { lazy } from 'react';
import { BookOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { AppModule } from '../shell';
import messages from './messages';
import { EDIT_ROLES, READ_ROLES } from './roles';

/** The knowledge base (知识库): staff manage articles; the public reads published answers. */
export const knowledgeModule: AppModule = {
  id: 'knowledge',
  messages,
  routes: [
    { path: '/knowledge', roles: READ_ROLES, component: lazy(() => import('./KnowledgeListPage')) },
    { path: '/knowledge/new', roles: EDIT_ROLES, component: lazy(() => import('./ArticlePage')) },
    { path: '/knowledge/:id', roles: READ_ROLES, component: lazy(() => import('./ArticlePage')) },
    { path: '/public/knowledge', roles: [], public: true, component: lazy(() => import('./PublicKnowledgePage')) },
    { path: '/public/knowledge/:id', roles: [], public: true, component: lazy(() => import('./PublicArticlePage')) },
  ],
  menu: [{ key: 'knowledge', path: '/knowledge', labelKey: 'knowledge.menu', icon: <BookOutlined />, roles: READ_ROLES, order: 70 }],
  loginLinks: [{ key: 'public-knowledge', path: '/public/knowledge', labelKey: 'knowledge.public.link', icon: <QuestionCircleOutlined />, order: 40 }],
};
