/**
 * The category intake suggests for an appeal's text (建议分类), by two signs in turn:
 * 1. the text names a category — its name or one of its keywords (category-search.ts), the
 *    longest word found first;
 * 2. similar past cases: of the cases of the last year sharing the most search terms with the text
 *    (the 20 nearest, each sharing at least 30% of the text's terms), the category most of them
 *    were filed under, when at least two agree.
 * It reads only categories and counts of past cases, never a case itself, so it needs no data scope.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import { searchTerms } from '../platform/search/terms.js';
import { encodeValue as encode } from '../platform/lifecycle/index.js';
import { listCategories } from './catalogue.js';
import { categoriesNamedIn } from './category-search.js';
import type { Category, CategorySuggestion } from './contract.js';

const MAX_SUGGESTIONS = 3;
const NEIGHBOURS = 20;
const MIN_SHARE = 0.3;
const MIN_AGREEING = 2;
/** Candidates read before ranking by overlap: the most recent cases sharing any term. */
const CANDIDATES = 2000;

export async function suggestCategories(db: Db, text: string): Promise<CategorySuggestion[]> {
  if (!text.trim()) return [];
  const categories = await listCategories(db);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const pathOf = (c: Category) => c.path.split('/').filter(Boolean).map((id) => byId.get(Number(id))?.name ?? '').join(' / ');
  const suggestions: CategorySuggestion[] = categoriesNamedIn(categories, text)
    .map(({ category, word }) => ({ categoryId: category.id, path: pathOf(category), reason: 'keyword' as const, word }));
  const terms = searchTerms(text.slice(0, 1000));
  if (terms.length >= 2) {
    const votes = await queryRows<{ categoryId: number; cases: number }>(db, sql`
      with candidates as (
        select c.category_id, c.search_terms from cases c
        where c.category_id is not null and c.status <> 'merged' and c.accepted_at > now() - interval '1 year' and c.search_terms && ${encode('textarr', terms)}
        order by c.accepted_at desc limit ${CANDIDATES}),
      nearest as (
        select category_id, cardinality(array(select unnest(search_terms) intersect select unnest(${encode('textarr', terms)}))) as overlap
        from candidates order by overlap desc limit ${NEIGHBOURS})
      select category_id as "categoryId", count(*)::int as cases from nearest
      where overlap >= ${Math.ceil(terms.length * MIN_SHARE)} group by category_id having count(*) >= ${MIN_AGREEING} order by cases desc, category_id`);
    for (const v of votes) {
      const category = byId.get(v.categoryId);
      if (category?.active && !suggestions.some((s) => s.categoryId === v.categoryId)) {
        suggestions.push({ categoryId: v.categoryId, path: pathOf(category), reason: 'similar_cases', cases: v.cases });
      }
    }
  }
  return suggestions.slice(0, MAX_SUGGESTIONS);
}
