import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { appendEvent } from '../../platform/lifecycle/index.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { ARTICLE_LIFECYCLE, canRead, READ_ROLES } from '../lifecycle.js';
import { findArticle } from '../queries.js';
import { ARTICLES, ARTICLE_TYPE } from './articleActions.js';

export interface RecordArticleUseInput {
  /** The case (工单) the article answered, when there is one; kept in the event and the audit entry. */
  caseId?: number | string | null;
}

/**
 * Counts one use of an article to answer someone (an agent reading it out, a case answered from
 * it), as a `use` event on the article's chain. Only an article in force — published and valid
 * today — can be used. The counter is not content: it does not change the article's version, so
 * editors are never refused over it. Runs in its own transaction, or inside the caller's when
 * `db` is one (cases call it so).
 */
export async function recordArticleUse(db: Db, actor: Actor, id: number, input: RecordArticleUseInput = {}): Promise<{ id: number; useCount: number }> {
  requireRole(actor, READ_ROLES, { zh: '使用知识条目答复', en: 'answer from a knowledge article' });
  return db.transaction(async (tx) => {
    const row = await ARTICLES.lock(tx, id);
    const stored = row && await findArticle(tx, id);
    if (!row || !stored || !canRead(actor, stored.officePath, stored.status)) throw notFound(ARTICLE_LIFECYCLE.label, id);
    if (!stored.effective) {
      throw conflict('article_not_in_force', `知识条目 ${id} 未发布或不在有效期内，不能用于答复`, `Article ${id} is not published or not valid today, so it cannot be used to answer`);
    }
    const now = new Date();
    const useCount = row.useCount + 1;
    await appendEvent(tx, ARTICLE_TYPE, row, { useCount, lastUsedAt: now }, {
      at: now.toISOString(), action: 'use', actor, data: { caseId: input.caseId ?? null },
    }, { bumpVersion: false });
    await recordAudit(tx, actor, {
      action: 'knowledge.use', entityType: 'knowledge_article', entityId: id,
      before: { useCount: row.useCount }, after: { useCount, caseId: input.caseId ?? null },
    });
    return { id, useCount };
  });
}
