// The knowledge base API (知识库) as the web app uses it. Shapes come from the server's contract (src/knowledge/contract.ts).
import { api } from '../shell';
import type { ArticleAction, ArticleContent, ArticleDetail, ArticleHit, ArticleStatus, Page, PublicArticleView } from '../../../src/knowledge/contract';

export type { ArticleAction, ArticleContent, ArticleDetail, ArticleHit, ArticleStatus, PublicArticleView } from '../../../src/knowledge/contract';
export { ARTICLE_STATUSES } from '../../../src/knowledge/contract';


export const STATUS_COLORS: Record<ArticleStatus, string> = { draft: 'default', published: 'green', archived: 'orange' };

export const knowledgeApi = {
  list: (q: { q?: string; status?: ArticleStatus; officeId?: number; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<ArticleHit>>('/api/knowledge', q, { signal }),
  get: (id: number, signal?: AbortSignal) => api.get<ArticleDetail>(`/api/knowledge/${id}`, undefined, { signal }),
  create: (body: ArticleContent) => api.post<ArticleDetail>('/api/knowledge', body),
  update: (id: number, version: number, changes: Partial<ArticleContent>) => api.patch<ArticleDetail>(`/api/knowledge/${id}`, { version, ...changes }),
  act: (id: number, action: Exclude<ArticleAction, 'update'>, version: number) => api.post<ArticleDetail>(`/api/knowledge/${id}/${action}`, { version }),
  publicSearch: (q: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<PublicArticleView>>('/api/public/knowledge', q, { signal }),
  publicGet: (id: number, signal?: AbortSignal) => api.get<PublicArticleView>(`/api/public/knowledge/${id}`, undefined, { signal }),
};
