import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { GENESIS_HASH, recordCreation } from '../../platform/lifecycle/index.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { knowledgeArticles } from '../schema.js';
import { canEditDraft, EDIT_ROLES } from '../lifecycle.js';
import { articleFor, findArticle, toView, type ArticleDetail } from '../queries.js';
import { checkContent, type ArticleContent } from './content.js';
import { ARTICLES, ARTICLE_TYPE } from './articleActions.js';

export type CreateArticleInput = Omit<ArticleContent, 'keywords' | 'regionCode' | 'validFrom' | 'validUntil'> &
  Partial<Pick<ArticleContent, 'keywords' | 'regionCode' | 'validFrom' | 'validUntil'>>;

/**
 * Writes a new article as a draft for an office in the actor's scope (admin, supervisor, or a
 * handler for their own office and those below it), and starts its chain with the `create`
 * event. Publishing is a separate step.
 */
export async function createArticle(db: Db, actor: Actor, input: CreateArticleInput): Promise<ArticleDetail> {
  requireRole(actor, EDIT_ROLES, { zh: '编写知识条目', en: 'write a knowledge article' });
  return db.transaction(async (tx) => {
    const { content, office, search } = await checkContent(tx, {
      ...input, keywords: input.keywords ?? [], regionCode: input.regionCode ?? null, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null,
    });
    if (!canEditDraft(actor, office.path)) {
      throw forbidden(`单位「${office.name}」不在您的管辖范围内，不能为其编写知识条目`, `The office "${office.name}" is outside your scope; you cannot write articles for it`);
    }
    const now = new Date();
    const [row] = await tx.insert(knowledgeArticles).values({
      ...content, ...search, status: 'draft', lastEventHash: GENESIS_HASH, createdAt: now, updatedAt: now,
      createdBy: actor.userId, createdByName: actor.name, updatedBy: actor.userId, updatedByName: actor.name,
    }).returning({ id: knowledgeArticles.id });
    await recordCreation(tx, ARTICLE_TYPE, (await ARTICLES.load(tx, row.id))!, {
      at: now.toISOString(), action: 'create', actor, data: { title: content.title, officeId: content.officeId },
    });
    const created = (await findArticle(tx, row.id))!;
    await recordAudit(tx, actor, { action: 'knowledge.create', entityType: 'knowledge_article', entityId: created.id, after: toView(created) });
    return articleFor(actor, created);
  });
}
