import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { knowledgeArticles } from '../schema.js';
import { ARTICLE, canRead, READ_ROLES } from '../rules.js';
import { findArticle } from '../queries.js';

export interface RecordArticleUseInput {
  /** The case (工单) the article answered, when there is one; kept in the audit event. */
  caseId?: number | string | null;
}

/**
 * Counts one use of an article to answer someone (an agent reading it out, a case answered from
 * it). Only an article in force — published and valid today — can be used. The counter is not
 * content: it does not change the article's version, so editors are never refused over it.
 * Runs in its own transaction, or inside the caller's when `db` is one (cases call it so).
 */
export async function recordArticleUse(db: Db, actor: Actor, id: number, input: RecordArticleUseInput = {}): Promise<{ id: number; useCount: number }> {
  requireRole(actor, READ_ROLES, { zh: '使用知识条目答复', en: 'answer from a knowledge article' });
  return db.transaction(async (tx) => {
    const stored = await findArticle(tx, id);
    if (!stored || !canRead(actor, stored.officePath, stored.status)) throw notFound(ARTICLE, id);
    if (!stored.effective) {
      throw conflict('article_not_in_force', `知识条目 ${id} 未发布或不在有效期内，不能用于答复`, `Article ${id} is not published or not valid today, so it cannot be used to answer`);
    }
    const [row] = await tx.update(knowledgeArticles)
      .set({ useCount: sql`${knowledgeArticles.useCount} + 1`, lastUsedAt: new Date() })
      .where(eq(knowledgeArticles.id, id)).returning({ useCount: knowledgeArticles.useCount });
    await recordAudit(tx, actor, {
      action: 'knowledge.use', entityType: 'knowledge_article', entityId: id,
      before: { useCount: row.useCount - 1 }, after: { useCount: row.useCount, caseId: input.caseId ?? null },
    });
    return { id, useCount: row.useCount };
  });
}
