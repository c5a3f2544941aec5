/**
 * The knowledge base (知识库) as other modules use it. Import from here, not from the files
 * behind it: cases call `suggestArticles` at intake and `recordArticleUse` when a case is
 * answered from an article; the demo loader calls `loadDemoKnowledge`.
 */
export { suggestArticles, getArticle, listArticles, searchPublicArticles, getPublicArticle } from './queries.js';
export type { ArticleView, ArticleDetail, ArticleHit, ArticleSuggestion, PublicArticleView, SuggestOptions, Page } from './queries.js';
export { createArticle, type CreateArticleInput } from './commands/createArticle.js';
export { archiveArticle, ARTICLE_TYPE, publishArticle, updateArticle, withdrawArticle, type UpdateArticleInput } from './commands/articleActions.js';
export { recordArticleUse, type RecordArticleUseInput } from './commands/recordArticleUse.js';
export { loadDemoKnowledge } from './demo.js';
export { knowledgeRoutes } from './routes.js';
export { ARTICLE_STATUSES, type ArticleStatus } from './lifecycle.js';
