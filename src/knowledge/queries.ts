import { eq, inArray } from 'drizzle-orm';
import { queryRows, sql, type Db } from '../platform/db/engine.js';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../platform/actor.js';
import { notFound } from '../platform/errors.js';
import { hasAnyRole, requireRole, seesEverything } from '../auth/permissions.js';
import { offices } from '../offices/schema.js';
import { regions } from '../regions/schema.js';
import { knowledgeArticles as k } from './schema.js';
import { actionsFor } from '../platform/lifecycle/index.js';
import { beijingToday, isValidOn } from './rules.js';
import { ARTICLE_LIFECYCLE, articleRelations, canRead, EDIT_ROLES, READ_ROLES, type ArticleStatus } from './lifecycle.js';
import { compactText, queryTerms, selectingTerms, termWeight, type TermStatistics } from './search-terms.js';
import type { ArticleDetail, ArticleHit, ArticleSuggestion, ArticleView, Page, PublicArticleView } from './contract.js';
import { containing, startingWith } from '../platform/db/like.js';

export type { ArticleDetail, ArticleHit, ArticleSuggestion, ArticleView, Page, PublicArticleView };


const columns = {
  id: k.id, title: k.title, question: k.question, answer: k.answer, category: k.category, keywords: k.keywords,
  officeId: k.officeId, officeName: offices.name, officePath: offices.path, regionCode: k.regionCode, regionName: regions.name,
  validFrom: k.validFrom, validUntil: k.validUntil, status: k.status, useCount: k.useCount, lastUsedAt: k.lastUsedAt,
  publishedAt: k.publishedAt, publishedByName: k.publishedByName, version: k.version, eventCount: k.eventCount, lastEventHash: k.lastEventHash, createdBy: k.createdBy,
  createdByName: k.createdByName, createdAt: k.createdAt, updatedBy: k.updatedBy, updatedByName: k.updatedByName, updatedAt: k.updatedAt,
};

type Row = Awaited<ReturnType<typeof selectRows>>[number];
/** The view with what scope checks and the kernel read: the owning office's path and the chain head. */
export type StoredArticle = ArticleView & { officePath: string; eventCount: number; lastEventHash: string };

function selectRows(db: Db) {
  return db.select(columns).from(k).innerJoin(offices, eq(offices.id, k.officeId)).leftJoin(regions, eq(regions.code, k.regionCode));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toStored(r: Row, today: string): StoredArticle {
  return {
    ...r,
    status: r.status as ArticleStatus,
    effective: r.status === 'published' && isValidOn(r, today),
    lastUsedAt: iso(r.lastUsedAt), publishedAt: iso(r.publishedAt), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The view without the office path and chain head. */
export function toView(a: StoredArticle): ArticleView {
  const { officePath: _path, eventCount: _count, lastEventHash: _hash, ...view } = a;
  return view;
}

export function articleFor(actor: Actor, a: StoredArticle): ArticleDetail {
  return { ...toView(a), ...actionsFor(ARTICLE_LIFECYCLE, a, actor.roles, articleRelations(actor, a.officePath, a.status)) };
}

function toPublicView(a: ArticleView): PublicArticleView {
  return {
    id: a.id, title: a.title, question: a.question, answer: a.answer, category: a.category, keywords: a.keywords,
    officeName: a.officeName, regionCode: a.regionCode, regionName: a.regionName, validFrom: a.validFrom, validUntil: a.validUntil, updatedAt: a.updatedAt,
  };
}

/** Unscoped look-up (with the owning office's path) for commands, which check permission themselves. */
export async function findArticle(db: Db, id: number): Promise<StoredArticle | null> {
  const [row] = await selectRows(db).where(eq(k.id, id));
  return row ? toStored(row, beijingToday()) : null;
}

async function articlesByIds(db: Db, ids: number[]): Promise<Map<number, StoredArticle>> {
  if (ids.length === 0) return new Map();
  const today = beijingToday();
  const rows = await selectRows(db).where(inArray(k.id, ids));
  return new Map(rows.map((r) => [r.id, toStored(r, today)]));
}

/** One article for staff: published ones for every staff role, others for editors in scope. */
export async function getArticle(db: Db, actor: Actor, id: number): Promise<ArticleDetail> {
  requireRole(actor, READ_ROLES, { zh: '查看知识库', en: 'read the knowledge base' });
  const article = await findArticle(db, id);
  if (!article || !canRead(actor, article.officePath, article.status)) throw notFound(ARTICLE_LIFECYCLE.label, id);
  return articleFor(actor, article);
}

// ---------------------------------------------------------------------------------------------
// Ranking. Candidates share a term with the query (GIN index on search_terms) or contain the
// whole query as a phrase in title, question or keywords (trigram index on search_text). Each
// matched term scores   termWeight × fields × ln(1 + candidates / candidates with the term)
// where fields adds 3 when the term is in the title or keywords, 2 in the question and 1 in the
// answer or category: a title hit outranks an answer hit, an article about the term (title,
// question and answer) outranks one that names it once, and a rare term outranks a common one.
// A phrase hit adds PHRASE_BONUS. Ties go to the more used article.

const PHRASE_BONUS = 6;
const FIELD_TITLE = 3;
const FIELD_QUESTION = 2;
const FIELD_BODY = 1;

const textArray = (values: readonly string[]) =>
  values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;

/** SQL deciding whether an article's region scope covers a place (mirrors rules.regionApplies). */
const regionCovers = (place: string) => sql`starts_with(${place}::text, case
  when a.region_code is null then ''
  when a.region_code like '__0000' then left(a.region_code, 2)
  when a.region_code like '____00' then left(a.region_code, 4)
  else a.region_code end)`;

const validOn = (day: string) => sql`(a.valid_from is null or a.valid_from <= ${day}::date) and (a.valid_until is null or a.valid_until >= ${day}::date)`;

interface RankOptions {
  /** The query; blank lists everything the filters allow, in `emptyOrder`. */
  query: string;
  /** Conditions on `knowledge_articles a join offices o`. */
  filters: SQL[];
  limit: number;
  offset: number;
  emptyOrder: 'recent' | 'popular';
}

/**
 * Parsed query: its weighted terms and the phrase (null when too long to be one). A single
 * character (卡) is a phrase too: pairs never match it, a substring does (without the trigram
 * index, which needs three characters, but a knowledge base is small).
 */
function parseQuery(query: string): { terms: { term: string; w: number }[]; phrase: string | null } {
  const terms = queryTerms(query).map((term) => ({ term, w: termWeight(term) }));
  const compact = compactText(query);
  const length = [...compact].length;
  // A query of stop words only (怎么办？) means nothing, also as a phrase.
  return { terms, phrase: terms.length > 0 && length <= 40 ? compact : null };
}

/** How many articles hold each common term, from PostgreSQL's own statistics of the column (ANALYZE, autovacuum): a catalog read. */
export async function termStatistics(db: Db): Promise<TermStatistics> {
  const [row] = await queryRows<{ elems: string[] | null; freqs: number[] | null; articles: number }>(db, sql`
    select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs, greatest(c.reltuples, 0)::float8 as articles
    from pg_class c left join pg_stats s on s.schemaname = current_schema() and s.tablename = c.relname and s.attname = 'search_terms'
    where c.oid = 'knowledge_articles'::regclass`);
  const articles = row?.articles ?? 0;
  return { articles, held: new Map((row?.elems ?? []).map((term, i) => [term, row!.freqs![i] * articles])) };
}

async function rankArticles(db: Db, opts: RankOptions): Promise<{ hits: { id: number; score: number }[]; total: number }> {
  const where = opts.filters.length ? sql.join(opts.filters, sql` and `) : sql`true`;
  const from = sql`knowledge_articles a join offices o on o.id = a.office_id`;
  if (!opts.query.trim()) {
    const order = opts.emptyOrder === 'recent' ? sql`a.updated_at desc, a.id desc` : sql`a.use_count desc, a.id desc`;
    const rows = await queryRows<{ id: number; total: number }>(db, sql`
      select a.id, count(*) over ()::int as total from ${from} where ${where} order by ${order} limit ${opts.limit} offset ${opts.offset}`);
    return { hits: rows.map((r) => ({ id: r.id, score: 0 })), total: rows[0]?.total ?? (opts.offset > 0 ? await countAll(db, from, where) : 0) };
  }
  const { terms, phrase } = parseQuery(opts.query);
  if (terms.length === 0 && phrase === null) return { hits: [], total: 0 };
  const like = phrase === null ? null : containing(phrase);
  const phraseHit = like === null ? sql`false` : sql`a.search_text like ${like}`;
  const selecting = selectingTerms(terms.map((t) => t.term), await termStatistics(db));
  const termHit = selecting.any.length ? sql`a.search_terms && ${textArray(selecting.any)}`
    : selecting.all.length ? sql`a.search_terms @> ${textArray(selecting.all)}` : sql`false`;
  const rows = await queryRows<{ id: number; score: number; total: number }>(db, sql`
    with q as (select * from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as q(term text, w float8)),
    cand as (
      select a.id, a.title_terms, a.question_terms, a.body_terms, a.search_terms, a.use_count, ${phraseHit} as phrase_hit
      from ${from} where (${termHit} or ${phraseHit}) and ${where}
    ),
    hits as (
      select c.id, q.term, q.w * (
        case when q.term = any(c.title_terms) then ${FIELD_TITLE}::float8 else 0 end +
        case when q.term = any(c.question_terms) then ${FIELD_QUESTION}::float8 else 0 end +
        case when q.term = any(c.body_terms) then ${FIELD_BODY}::float8 else 0 end) as s
      -- Unnested and hash-joined: a candidate's terms are met once each, not searched once per query term.
      from cand c cross join lateral unnest(c.search_terms) as t(term) join q on q.term = t.term
    ),
    df as (select term, count(*)::float8 as n from hits group by term),
    n as (select greatest(count(*), 1)::float8 as n from cand),
    scores as (
      select c.id, c.use_count,
        coalesce(sum(h.s * ln(1 + n.n / df.n)), 0) + case when c.phrase_hit then ${PHRASE_BONUS}::float8 else 0 end as score
      from cand c cross join n left join hits h on h.id = c.id left join df on df.term = h.term
      group by c.id, c.use_count, c.phrase_hit, n.n
    )
    select id, score, count(*) over ()::int as total from scores
    order by score desc, use_count desc, id desc limit ${opts.limit} offset ${opts.offset}`);
  // A page past the end has no rows to carry the total: ask for the first one.
  const total = rows[0]?.total ?? (opts.offset > 0 ? (await rankArticles(db, { ...opts, limit: 1, offset: 0 })).total : 0);
  return { hits: rows.map((r) => ({ id: r.id, score: Math.round(Number(r.score) * 1000) / 1000 })), total };
}

async function countAll(db: Db, from: SQL, where: SQL): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${where}`);
  return r.n;
}

async function hydrate(db: Db, hits: { id: number; score: number }[]): Promise<(StoredArticle & { score: number })[]> {
  const byId = await articlesByIds(db, hits.map((h) => h.id));
  return hits.flatMap((h) => {
    const a = byId.get(h.id);
    return a ? [{ ...a, score: h.score }] : [];
  });
}

/** Articles the actor may read, in SQL: ARTICLE_LIFECYCLE.readers (published ones for staff roles, others for editors in scope). */
function visibleTo(actor: Actor): SQL {
  const published = hasAnyRole(actor, READ_ROLES) ? sql`a.status = 'published'` : sql`false`;
  if (!hasAnyRole(actor, EDIT_ROLES)) return published;
  if (seesEverything(actor)) return sql`true`;
  if (actor.officePath === null) return published;
  return sql`(${published} or o.path like ${startingWith(actor.officePath)})`;
}

export interface ListArticlesFilter {
  q?: string;
  status?: ArticleStatus;
  officeId?: number;
  page?: number;
  pageSize?: number;
}

/**
 * The staff list and search: what the actor may read, filtered, ranked by relevance when there
 * is a query (newest change first otherwise), one page with the total.
 */
export async function listArticles(db: Db, actor: Actor, filter: ListArticlesFilter = {}): Promise<Page<ArticleHit>> {
  requireRole(actor, READ_ROLES, { zh: '查看知识库', en: 'read the knowledge base' });
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const filters = [visibleTo(actor)];
  if (filter.status) filters.push(sql`a.status = ${filter.status}`);
  if (filter.officeId !== undefined) filters.push(sql`a.office_id = ${filter.officeId}`);
  const { hits, total } = await rankArticles(db, { query: filter.q ?? '', filters, limit: pageSize, offset: (page - 1) * pageSize, emptyOrder: 'recent' });
  return { items: (await hydrate(db, hits)).map((a) => ({ ...articleFor(actor, a), score: a.score })), total, page, pageSize };
}

export interface SuggestOptions {
  /** GB/T 2260 code of the place the matter concerns: only articles whose scope covers it. Omitted: any scope. */
  regionCode?: string | null;
  /** The day validity is judged on (YYYY-MM-DD); today in Beijing by default. */
  on?: string;
}

/**
 * Published articles valid today that answer a text best — for case intake and agents. Hits far
 * weaker than the best one (under a fifth of its score) are left out, so a long text does not
 * drag in articles that share one common word with it.
 */
export async function suggestArticles(db: Db, text: string, limit = 5, options: SuggestOptions = {}): Promise<ArticleSuggestion[]> {
  if (!text.trim()) return [];
  const filters = [sql`a.status = 'published'`, validOn(options.on ?? beijingToday())];
  if (options.regionCode) filters.push(regionCovers(options.regionCode));
  const { hits } = await rankArticles(db, { query: text.slice(0, 2000), filters, limit: Math.max(1, Math.min(limit, 50)), offset: 0, emptyOrder: 'popular' });
  const best = hits[0]?.score ?? 0;
  const strong = hits.filter((h) => h.score >= best / 5);
  return (await hydrate(db, strong)).map((a) => ({
    id: a.id, title: a.title, question: a.question, answer: a.answer, category: a.category, officeId: a.officeId,
    officeName: a.officeName, regionCode: a.regionCode, useCount: a.useCount, score: a.score,
  }));
}

export interface PublicSearchFilter {
  q?: string;
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

/** The public search: published articles valid today, most relevant (or most used) first, no internal fields. */
export async function searchPublicArticles(db: Db, filter: PublicSearchFilter = {}): Promise<Page<PublicArticleView>> {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 10;
  const filters = [sql`a.status = 'published'`, validOn(beijingToday())];
  if (filter.regionCode) filters.push(regionCovers(filter.regionCode));
  const { hits, total } = await rankArticles(db, { query: filter.q ?? '', filters, limit: pageSize, offset: (page - 1) * pageSize, emptyOrder: 'popular' });
  return { items: (await hydrate(db, hits)).map((a) => toPublicView(toView(a))), total, page, pageSize };
}

/** One article for the public: only when published and valid today. */
export async function getPublicArticle(db: Db, id: number): Promise<PublicArticleView> {
  const article = await findArticle(db, id);
  if (!article || !article.effective) throw notFound(ARTICLE_LIFECYCLE.label, id);
  return toPublicView(toView(article));
}
