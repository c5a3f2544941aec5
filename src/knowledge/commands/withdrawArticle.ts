import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import type { ArticleView } from '../queries.js';
import { transitionArticle } from './transition.js';

export interface WithdrawArticleInput {
  /** The version the caller last read; a stale one is refused with 409. */
  version: number;
}

/**
 * Takes a published or archived article back to draft (admin or supervisor in scope), so that its
 * office's handlers can rework it before it is published again.
 */
export async function withdrawArticle(db: Db, actor: Actor, id: number, input: WithdrawArticleInput): Promise<ArticleView> {
  return transitionArticle(db, actor, id, input.version, 'withdraw');
}
