/**
 * Search terms for Chinese knowledge-base text (pure, no database).
 *
 * Chinese is written without spaces, so text is cut into words with ICU's dictionary-based word
 * segmenter (`Intl.Segmenter('zh', { granularity: 'word' })`, part of Node's full ICU). The same
 * function turns an article and a query into terms, so both sides are cut the same way:
 *
 * 1. normalise: NFKC (full-width letters, digits and punctuation become half-width), lower case,
 *    punctuation and symbols become spaces so no word spans them;
 * 2. segment into words, and drop stop words (question words and particles, below);
 * 3. a Han word of two or more characters is a term; a longer one (≥ 3) also yields its
 *    overlapping character pairs, because the segmenter may cut the same word differently in
 *    another context (公积金 alone, 公|积|金 in 住房公积金提取);
 * 4. a run of single Han characters the dictionary did not know — abbreviations such as 社保卡
 *    (社|保|卡) or 公积金 — yields its overlapping pairs (社保, 保卡), and a lone character is a term
 *    of its own; a stop word ends a run, so no pair spans it;
 * 5. Latin words and numbers are terms when at least two characters long (app, 12345).
 *
 * A query matches an article sharing terms with it; `termWeight` lets a longer, more specific
 * term count more than a single character.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN_ONLY = /^\p{Script=Han}+$/u;
const LATIN_OR_DIGITS = /^[\p{L}\p{N}]+$/u;

/**
 * Stop words: kept short on purpose, each one carrying no subject matter in how citizens ask.
 * - particles and pronouns that end or pad a question: 的 了 吗 呢 吧 啊 呀 么 嘛 哦 我 你 您;
 * - question words and phrases: 怎么 怎么办 怎么样 怎样 如何 什么 哪些 哪里 哪儿 为什么 是否 能否 可以;
 * - politeness and padding: 请问 问 你好 您好 我想 一下 (我想问一下 → 我想|问|一下).
 * Single characters are matched only as whole segments, so 了 in 了解 (one word) is kept.
 * A stop word also matches two adjacent segments (the segmenter cuts 怎么办 as 怎么|办).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '吗', '呢', '吧', '啊', '呀', '么', '嘛', '哦', '我', '你', '您',
  '怎么', '怎么办', '怎么样', '怎样', '如何', '什么', '哪些', '哪里', '哪儿', '为什么', '是否', '能否', '可以',
  '请问', '问', '你好', '您好', '我想', '一下',
]);

/** Full-width to half-width, lower case, punctuation and symbols to single spaces, trimmed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{C}]+/gu, ' ')
    .trim();
}

/** The normalised text without any spaces: what a phrase search compares. */
export function compactText(text: string): string {
  return normaliseText(text).replace(/ /g, '');
}

/**
 * The words of a text, normalised, with stop words removed; `null` marks where a stop word or a
 * gap (space, punctuation) stood, so callers know which words were adjacent.
 */
function wordStream(text: string): (string | null)[] {
  const segments: string[] = [];
  const out: (string | null)[] = [];
  for (const s of segmenter.segment(normaliseText(text))) {
    if (s.isWordLike) segments.push(s.segment);
    else segments.push(' ');
  }
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === ' ') {
      out.push(null);
    } else if (i + 1 < segments.length && STOP_WORDS.has(s + segments[i + 1])) {
      out.push(null);
      i++;
    } else if (STOP_WORDS.has(s)) {
      out.push(null);
    } else {
      out.push(s);
    }
  }
  return out;
}

/** The words of a text as the segmenter cut them, normalised, without stop words. */
export function segmentWords(text: string): string[] {
  return wordStream(text).filter((w): w is string => w !== null);
}

function pairs(run: string, into: Set<string>): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i] + chars[i + 1]);
}

/** The search terms of a text (see the module comment), in order of first appearance. */
export function searchTerms(text: string, limit = 2000): string[] {
  const terms = new Set<string>();
  let run = '';
  const flush = () => {
    if ([...run].length === 1) terms.add(run);
    else pairs(run, terms);
    run = '';
  };
  for (const word of wordStream(text)) {
    if (terms.size >= limit) break;
    if (word === null) {
      flush();
      continue;
    }
    const length = [...word].length;
    if (HAN_ONLY.test(word)) {
      if (length === 1) {
        run += word;
        continue;
      }
      flush();
      terms.add(word);
      if (length >= 3) pairs(word, terms);
    } else {
      flush();
      // Mixed segments (rare: the segmenter separates scripts) are kept whole when alphanumeric.
      if (length >= 2 && LATIN_OR_DIGITS.test(word)) terms.add(word);
    }
  }
  flush();
  return [...terms].slice(0, limit);
}

/** Terms of a query: the same as an article's, capped so that a pasted essay stays cheap. */
export function queryTerms(query: string, limit = 64): string[] {
  return searchTerms(query, limit);
}

/**
 * How much a matched term counts: a single Han character is weak evidence, a pair or word
 * normal, a longer word strong; Latin words and numbers count as words.
 */
export function termWeight(term: string): number {
  const length = [...term].length;
  if (length <= 1) return 0.5;
  if (length === 2) return 1;
  return 1.5;
}

/** Terms of an article's keywords: each keyword's terms, and the whole keyword when short. */
export function keywordTerms(keywords: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const k of keywords) {
    const whole = compactText(k);
    if (whole && [...whole].length <= 12) terms.add(whole);
    for (const t of searchTerms(k)) terms.add(t);
  }
  return [...terms];
}

export interface ArticleText {
  title: string;
  question: string;
  answer: string;
  category: string;
  keywords: readonly string[];
}

export interface ArticleSearchColumns {
  titleTerms: string[];
  questionTerms: string[];
  bodyTerms: string[];
  searchTerms: string[];
  searchText: string;
}

/** The derived search columns of an article (see the migration for how each one is used). */
export function articleSearchColumns(a: ArticleText): ArticleSearchColumns {
  const titleTerms = [...new Set([...searchTerms(a.title), ...keywordTerms(a.keywords)])];
  const questionTerms = searchTerms(a.question);
  const bodyTerms = [...new Set([...searchTerms(a.category.replace(/\//g, ' ')), ...searchTerms(a.answer, 4000)])];
  const all = new Set([...titleTerms, ...questionTerms, ...bodyTerms]);
  const searchText = [a.title, a.question, ...a.keywords].map(compactText).filter(Boolean).join(' ');
  return { titleTerms, questionTerms, bodyTerms, searchTerms: [...all], searchText };
}

/** The articles, and how many hold each of the common terms PostgreSQL's statistics count (any other: fewer). */
export interface TermStatistics {
  articles: number;
  held: ReadonlyMap<string, number>;
}

/**
 * A term held by more than this many articles and this share of them (often a word of every
 * answer: 办理, 具体, 当地) says little of which article fits: it still scores, but does not bring
 * articles in as candidates, or a query holding it would score nearly every article of a large
 * knowledge base. A small one keeps every term.
 */
export const COMMON_TERM = { articles: 2_000, share: 0.05 };

/**
 * The terms that bring candidates in: `any` of the uncommon ones; when every term is common,
 * the articles holding `all` of the two rarest (an article with neither would barely score).
 */
export function selectingTerms(terms: readonly string[], stats: TermStatistics): { any: string[]; all: string[] } {
  const held = (t: string) => stats.held.get(t) ?? 0;
  const common = (t: string) => held(t) > COMMON_TERM.articles && held(t) > COMMON_TERM.share * stats.articles;
  const any = terms.filter((t) => !common(t));
  if (any.length || !terms.length) return { any, all: [] };
  return { any: [], all: [...terms].sort((a, b) => held(a) - held(b)).slice(0, 2) };
}
