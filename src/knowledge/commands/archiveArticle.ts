import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { ArticleView } from '../queries.js';
import { transitionArticle } from './transition.js';

export interface ArchiveArticleInput {
  /** The version the caller last read; a stale one is refused with 409. */
  version: number;
}

/**
 * Archives a published article (admin or supervisor in scope) — it is no longer offered anywhere but
 * stays readable to editors and can be published again — or discards a draft (any editor in scope).
 */
export async function archiveArticle(db: Db, actor: Actor, id: number, input: ArchiveArticleInput): Promise<ArticleView> {
  return transitionArticle(db, actor, id, input.version, 'archive');
}
