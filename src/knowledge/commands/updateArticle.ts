import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { knowledgeArticles } from '../schema.js';
import { ARTICLE, canEdit, canRead, EDIT_ROLES } from '../rules.js';
import { findArticle, toView, type ArticleView } from '../queries.js';
import { checkContent, type ArticleContent } from './content.js';

export type UpdateArticleInput = Partial<ArticleContent> & {
  /** The version the caller last read; a stale one is refused with 409. */
  version: number;
};

/**
 * Changes an article's content; the status stays (see publish/archive/withdraw). A draft may be
 * changed by its editors (admin, supervisor, a handler of the owning office's subtree); a
 * published or archived article only by a publisher (admin, supervisor) in scope. Moving the
 * article to another office needs the same right over that office.
 */
export async function updateArticle(db: Db, actor: Actor, id: number, input: UpdateArticleInput): Promise<ArticleView> {
  requireRole(actor, EDIT_ROLES, { zh: '修改知识条目', en: 'change a knowledge article' });
  return db.transaction(async (tx) => {
    const stored = await findArticle(tx, id);
    if (!stored || !canRead(actor, stored.officePath, stored.status)) throw notFound(ARTICLE, id);
    if (!canEdit(actor, stored.officePath, stored.status)) {
      throw forbidden(
        stored.status === 'draft' ? `知识条目 ${id} 属于「${stored.officeName}」，不在您的管辖范围内` : `已发布或已归档的知识条目只能由范围内的管理员或督办员修改`,
        stored.status === 'draft' ? `Article ${id} belongs to "${stored.officeName}", outside your scope` : 'Only an administrator or supervisor in scope can change a published or archived article',
      );
    }
    if (stored.version !== input.version) throw staleVersion(ARTICLE, stored.version);
    const before = toView(stored);
    const { content, office, search } = await checkContent(tx, {
      title: input.title ?? before.title, question: input.question ?? before.question, answer: input.answer ?? before.answer,
      category: input.category ?? before.category, keywords: input.keywords ?? before.keywords, officeId: input.officeId ?? before.officeId,
      regionCode: input.regionCode === undefined ? before.regionCode : input.regionCode,
      validFrom: input.validFrom === undefined ? before.validFrom : input.validFrom,
      validUntil: input.validUntil === undefined ? before.validUntil : input.validUntil,
    });
    if (office.id !== before.officeId && !canEdit(actor, office.path, stored.status)) {
      throw forbidden(`单位「${office.name}」不在您的管辖范围内`, `The office "${office.name}" is outside your scope`);
    }
    const updated = await tx.update(knowledgeArticles)
      .set({ ...content, ...search, version: before.version + 1, updatedBy: actor.userId, updatedByName: actor.name, updatedAt: new Date() })
      .where(and(eq(knowledgeArticles.id, id), eq(knowledgeArticles.version, input.version))).returning({ id: knowledgeArticles.id });
    if (updated.length === 0) throw staleVersion(ARTICLE, (await findArticle(tx, id))!.version);
    const after = toView((await findArticle(tx, id))!);
    await recordAudit(tx, actor, { action: 'knowledge.update', entityType: 'knowledge_article', entityId: id, before, after });
    return after;
  });
}
