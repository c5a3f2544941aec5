/**
 * The knowledge article as an item type on the lifecycle kernel: its row, its store and the
 * effect of each action (publish, archive, withdraw, update). The kernel's runner does the
 * checks, the event on the article's chain and the subscribers; each action also leaves its
 * entry in the audit trail with the article before and after, as since the knowledge base began.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { IsoDate, RegionCode } from '../../platform/http/schemas.js';
import { defineCommand, itemTable, runAction, type ActionOutcome, type ItemType } from '../../platform/lifecycle/index.js';
import { recordAudit } from '../../audit/record.js';
import { officePaths } from '../../offices/subtree.js';
import { ARTICLE_LIFECYCLE, articleRelations, canEdit, type ArticleAction, type ArticleRelation, type ArticleRow, type ArticleStatus } from '../lifecycle.js';
import { findArticle, toView, type ArticleView } from '../queries.js';
import { checkContent, type ArticleContent } from './content.js';
import type { ArticleSearchColumns } from '../search-terms.js';

/** The row as the kernel locks and changes it: what an action may write. */
export interface ArticleItem extends ArticleRow, Omit<ArticleContent, 'validUntil' | 'officeId'>, ArticleSearchColumns {
  useCount: number;
  lastUsedAt: Date | null;
  publishedAt: Date | null;
  publishedByName: string | null;
  updatedBy: number | null;
  updatedByName: string;
  updatedAt: Date;
}

export const ARTICLES = itemTable<ArticleItem>('knowledge_articles', 'k', {
  id: ['id', 'int'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'],
  officeId: ['office_id', 'int'], title: ['title', 'text'], question: ['question', 'text'], answer: ['answer', 'text'], category: ['category', 'text'],
  keywords: ['keywords', 'textarr'], regionCode: ['region_code', 'text'], validFrom: ['valid_from', 'date'], validUntil: ['valid_until', 'date'],
  titleTerms: ['title_terms', 'textarr'], questionTerms: ['question_terms', 'textarr'], bodyTerms: ['body_terms', 'textarr'],
  searchTerms: ['search_terms', 'textarr'], searchText: ['search_text', 'text'], useCount: ['use_count', 'int'], lastUsedAt: ['last_used_at', 'ts'],
  publishedAt: ['published_at', 'ts'], publishedByName: ['published_by_name', 'text'], updatedBy: ['updated_by', 'int'],
  updatedByName: ['updated_by_name', 'text'], updatedAt: ['updated_at', 'ts'],
});

async function officePathOf(tx: Db, officeId: number): Promise<string> {
  return (await officePaths(tx, [officeId])).get(officeId) ?? '';
}

async function relationsOf(tx: Db, actor: Actor, row: ArticleItem): Promise<ArticleRelation[]> {
  return articleRelations(actor, await officePathOf(tx, row.officeId), row.status);
}

/** The audit entry of an action, with the article as staff saw it before and see it after. */
async function audited(tx: Db, actor: Actor, action: ArticleAction, id: number, changes: Partial<ArticleItem>, event: Record<string, unknown> = {}): Promise<ActionOutcome<ArticleItem>> {
  const before = toView((await findArticle(tx, id))!);
  return {
    changes: { ...changes, updatedBy: actor.userId, updatedByName: actor.name }, event,
    after: async (t, updated) => recordAudit(t, actor, { action: `knowledge.${action}`, entityType: ARTICLE_LIFECYCLE.type, entityId: updated.id, before, after: toView((await findArticle(t, updated.id))!) }),
  };
}

const NoInput = Type.Object({}, { additionalProperties: false });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Question = Type.String({ minLength: 1, maxLength: 2000 });
const Answer = Type.String({ minLength: 1, maxLength: 20000 });
const Category = Type.String({ minLength: 1, maxLength: 100, description: "Path of names separated by '/', e.g. 社会保障/养老保险" });
const Keywords = Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20 });
const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const ScopeRegion = Type.Union([RegionCode, Type.Null()], { description: 'GB/T 2260 code it applies to, with everything under it; null: everywhere' });
const OptionalDate = Type.Union([IsoDate, Type.Null()]);

/** What an article's content is written with, at creation (all of it) and in a change (any of it). */
export const ARTICLE_FIELDS = { Title, Question, Answer, Category, Keywords, OfficeId, ScopeRegion, OptionalDate };

const ChangeInput = Type.Object({
  title: Type.Optional(Title), question: Type.Optional(Question), answer: Type.Optional(Answer), category: Type.Optional(Category),
  keywords: Type.Optional(Keywords), officeId: Type.Optional(OfficeId), regionCode: Type.Optional(ScopeRegion),
  validFrom: Type.Optional(OptionalDate), validUntil: Type.Optional(OptionalDate),
}, { additionalProperties: false });

const statusChange = (action: Exclude<ArticleAction, 'update'>, summary: string) => defineCommand<ArticleItem, ArticleRelation, object, typeof NoInput>({
  summary, input: NoInput,
  apply: ({ tx, actor, row, now }) => audited(tx, actor, action, row.id, action === 'publish' ? { publishedAt: now, publishedByName: actor.name } : {}),
});

export const ARTICLE_TYPE: ItemType<ArticleItem, ArticleStatus, ArticleRelation, ArticleAction> = {
  lifecycle: ARTICLE_LIFECYCLE,
  store: { chain: { events: 'knowledge_article_events', itemColumn: 'article_id', items: 'knowledge_articles' }, lock: ARTICLES.lock, relationsOf, update: ARTICLES.update, state: ARTICLES.state },
  settings: async () => ({}),
  commands: {
    publish: statusChange('publish', 'Publish a draft or archived article (admin or supervisor in scope); offered from its validFrom date; an expired one is refused'),
    archive: statusChange('archive', 'Archive a published article (admin or supervisor in scope) — no longer offered, still readable to editors — or discard a draft (editors in scope)'),
    withdraw: statusChange('withdraw', 'Take a published or archived article back to draft (admin or supervisor in scope), so that editors can rework it'),
    update: defineCommand<ArticleItem, ArticleRelation, object, typeof ChangeInput>({
      summary: 'Change an article (drafts: editors in scope; published or archived: admin or supervisor in scope); moving it to another office needs the same right there',
      input: ChangeInput,
      async apply({ tx, actor, row }, input) {
        const { content, office, search } = await checkContent(tx, {
          title: input.title ?? row.title, question: input.question ?? row.question, answer: input.answer ?? row.answer,
          category: input.category ?? row.category, keywords: input.keywords ?? row.keywords, officeId: input.officeId ?? row.officeId,
          regionCode: input.regionCode === undefined ? row.regionCode : input.regionCode,
          validFrom: input.validFrom === undefined ? row.validFrom : input.validFrom,
          validUntil: input.validUntil === undefined ? row.validUntil : input.validUntil,
        });
        if (office.id !== row.officeId && !canEdit(actor, office.path, row.status)) {
          throw forbidden(`单位「${office.name}」不在您的管辖范围内`, `The office "${office.name}" is outside your scope`);
        }
        const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => JSON.stringify(content[k]) !== JSON.stringify(row[k]));
        return audited(tx, actor, 'update', row.id, { ...content, ...search }, { changed });
      },
    }),
  },
};

/** Runs an action and answers with the article as the actor now sees it. */
async function act(db: Db, actor: Actor, id: number, action: ArticleAction, input: { version: number } & Record<string, unknown>): Promise<ArticleView> {
  const { version, ...rest } = input;
  await runAction(db, ARTICLE_TYPE, actor, { id, action, version, input: rest });
  return toView((await findArticle(db, id))!);
}

/** Publishes a draft or archived article, so that agents, case intake and the public search offer it. */
export const publishArticle = (db: Db, actor: Actor, id: number, input: { version: number }) => act(db, actor, id, 'publish', input);
/** Archives a published article or discards a draft. */
export const archiveArticle = (db: Db, actor: Actor, id: number, input: { version: number }) => act(db, actor, id, 'archive', input);
/** Takes a published or archived article back to draft. */
export const withdrawArticle = (db: Db, actor: Actor, id: number, input: { version: number }) => act(db, actor, id, 'withdraw', input);

export type UpdateArticleInput = Partial<ArticleContent> & {
  /** The version the caller last read; a stale one is refused with 409. */
  version: number;
};

/** Changes an article's content; the status stays. */
export const updateArticle = (db: Db, actor: Actor, id: number, input: UpdateArticleInput) => act(db, actor, id, 'update', input);
