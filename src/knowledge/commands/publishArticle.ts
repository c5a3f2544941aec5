import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { ArticleView } from '../queries.js';
import { transitionArticle } from './transition.js';

export interface PublishArticleInput {
  /** The version the caller last read; a stale one is refused with 409. */
  version: number;
}

/**
 * Publishes a draft or archived article (admin or supervisor with the owning office in scope), so that
 * agents, case intake and the public search offer it from its validFrom date. An expired article
 * (validUntil before today) is refused: change its validity first.
 */
export async function publishArticle(db: Db, actor: Actor, id: number, input: PublishArticleInput): Promise<ArticleView> {
  return transitionArticle(db, actor, id, input.version, 'publish');
}
