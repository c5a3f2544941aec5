/** The status change publishArticle, archiveArticle and withdrawArticle share (see rules.TRANSITIONS). */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole } from '../../auth/permissions.js';
import { knowledgeArticles } from '../schema.js';
import { ARTICLE, beijingToday, canRead, canTransition, EDIT_ROLES, PUBLISH_ROLES, TRANSITIONS, type ArticleStatus, type Transition } from '../rules.js';
import { findArticle, toView, type ArticleView } from '../queries.js';

const STATUS_ZH: Record<ArticleStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
const ACTION: Record<Transition, { zh: string; en: string }> = {
  publish: { zh: '发布', en: 'publish' },
  archive: { zh: '归档', en: 'archive' },
  withdraw: { zh: '撤回为草稿', en: 'withdraw to draft' },
};

export async function transitionArticle(db: Db, actor: Actor, id: number, version: number, transition: Transition): Promise<ArticleView> {
  const action = ACTION[transition];
  requireRole(actor, transition === 'archive' ? EDIT_ROLES : PUBLISH_ROLES, { zh: `${action.zh}知识条目`, en: `${action.en} a knowledge article` });
  const rule = TRANSITIONS[transition];
  return db.transaction(async (tx) => {
    const stored = await findArticle(tx, id);
    if (!stored || !canRead(actor, stored.officePath, stored.status)) throw notFound(ARTICLE, id);
    if (!canTransition(actor, stored.officePath, transition, stored.status)) {
      throw forbidden(`${action.zh}「${stored.officeName}」的知识条目需要该单位范围内的管理员或督办员`,
        `To ${action.en} an article of "${stored.officeName}" you need to be an administrator or supervisor with that office in scope`);
    }
    if (stored.version !== version) throw staleVersion(ARTICLE, stored.version);
    if (!(rule.from as readonly ArticleStatus[]).includes(stored.status)) {
      throw conflict('invalid_status', `${STATUS_ZH[stored.status]}的知识条目不能${action.zh}`, `A ${stored.status} article cannot be ${transition === 'withdraw' ? 'withdrawn' : `${transition}ed`}`,
        { status: stored.status });
    }
    if (transition === 'publish' && stored.validUntil !== null && stored.validUntil < beijingToday()) {
      throw badRequest('article_expired', `知识条目已于 ${stored.validUntil} 失效，请先修改有效期`, `The article expired on ${stored.validUntil}; change its validity first`);
    }
    const before = toView(stored);
    const publishing = transition === 'publish';
    const updated = await tx.update(knowledgeArticles).set({
      status: rule.to, version: version + 1, updatedBy: actor.userId, updatedByName: actor.name, updatedAt: new Date(),
      ...(publishing ? { publishedAt: new Date(), publishedByName: actor.name } : {}),
    }).where(and(eq(knowledgeArticles.id, id), eq(knowledgeArticles.version, version))).returning({ id: knowledgeArticles.id });
    if (updated.length === 0) throw staleVersion(ARTICLE, (await findArticle(tx, id))!.version);
    const after = toView((await findArticle(tx, id))!);
    await recordAudit(tx, actor, { action: `knowledge.${transition}`, entityType: 'knowledge_article', entityId: id, before, after });
    return after;
  });
}
