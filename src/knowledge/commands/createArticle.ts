import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { knowledgeArticles } from '../schema.js';
import { canEditDraft, EDIT_ROLES } from '../rules.js';
import { findArticle, toView, type ArticleView } from '../queries.js';
import { checkContent, type ArticleContent } from './content.js';

export type CreateArticleInput = Omit<ArticleContent, 'keywords' | 'regionCode' | 'validFrom' | 'validUntil'> &
  Partial<Pick<ArticleContent, 'keywords' | 'regionCode' | 'validFrom' | 'validUntil'>>;

/**
 * Writes a new article as a draft for an office in the actor's scope (admin, supervisor, or a
 * handler for their own office and those below it). Publishing is a separate step.
 */
export async function createArticle(db: Db, actor: Actor, input: CreateArticleInput): Promise<ArticleView> {
  requireRole(actor, EDIT_ROLES, { zh: '编写知识条目', en: 'write a knowledge article' });
  return db.transaction(async (tx) => {
    const { content, office, search } = await checkContent(tx, {
      ...input, keywords: input.keywords ?? [], regionCode: input.regionCode ?? null, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null,
    });
    if (!canEditDraft(actor, office.path)) {
      throw forbidden(`单位「${office.name}」不在您的管辖范围内，不能为其编写知识条目`, `The office "${office.name}" is outside your scope; you cannot write articles for it`);
    }
    const [row] = await tx.insert(knowledgeArticles).values({
      ...content, ...search, status: 'draft',
      createdBy: actor.userId, createdByName: actor.name, updatedBy: actor.userId, updatedByName: actor.name,
    }).returning({ id: knowledgeArticles.id });
    const created = toView((await findArticle(tx, row.id))!);
    await recordAudit(tx, actor, { action: 'knowledge.create', entityType: 'knowledge_article', entityId: created.id, after: created });
    return created;
  });
}
