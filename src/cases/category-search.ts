/**
 * Finding a category (诉求分类) by what a caller says (pure, shared with the web app): by its
 * name, its ancestors' names and its keywords (同义词: the words callers use that the name does
 * not hold, such as 油烟 for 大气污染).
 */
import type { Category } from './contract.js';

const normal = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** The words a category answers to: its own name and keywords, then those of the categories above it. */
export function categoryWords(category: Category, byId: ReadonlyMap<number, Category>): string[] {
  const words: string[] = [];
  for (let c: Category | undefined = category; c; c = c.parentId === null ? undefined : byId.get(c.parentId)) words.push(c.name, ...c.keywords);
  return words.map(normal).filter(Boolean);
}

/** The active categories a search finds: those whose words hold the query, in tree order. */
export function searchCategories(list: readonly Category[], query: string): Category[] {
  const q = normal(query);
  if (!q) return list.filter((c) => c.active);
  const byId = new Map(list.map((c) => [c.id, c]));
  return list.filter((c) => c.active && categoryWords(c, byId).some((w) => w.includes(q)));
}

/**
 * The active categories the words of a text name, best first: a category counts the longest of
 * its own name and keywords found in the text (a longer word is a surer sign), and a category
 * deeper in the tree wins a tie over the one above it.
 */
export function categoriesNamedIn(list: readonly Category[], text: string): { category: Category; word: string }[] {
  const t = normal(text);
  if (!t) return [];
  const hits: { category: Category; word: string; depth: number }[] = [];
  for (const c of list) {
    if (!c.active) continue;
    const word = [c.name, ...c.keywords].map(normal).filter((w) => w.length >= 2 && t.includes(w)).sort((a, b) => b.length - a.length)[0];
    if (word) hits.push({ category: c, word, depth: c.path.split('/').filter(Boolean).length });
  }
  return hits.sort((a, b) => b.word.length - a.word.length || b.depth - a.depth).map(({ category, word }) => ({ category, word }));
}
