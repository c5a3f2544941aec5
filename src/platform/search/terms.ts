/**
 * Search terms for Chinese text (pure). Chinese has no spaces and word segmenters disagree with
 * each other on a query and a document, so text is indexed as overlapping character pairs
 * (bigrams) for Han characters — the classic CJK approach — and as whole lower-cased words for
 * Latin letters and digits. A query matches a document holding all of the query's terms.
 */
const HAN = /\p{Script=Han}/u;

/** Full-width letters, digits and punctuation to their ASCII forms; letters to lower case. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function searchTerms(text: string, limit = 600): string[] {
  const terms = new Set<string>();
  const normalised = normaliseText(text);
  for (const run of normalised.match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
    if (HAN.test(run[0])) {
      if (run.length === 1) terms.add(run);
      for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
    } else {
      terms.add(run);
    }
    if (terms.size >= limit) break;
  }
  return [...terms].slice(0, limit);
}

/**
 * Terms of a query: the same pairs, but a lone Han character stays a term of its own so that a
 * one-character query can still be answered (by the caller, with a substring match).
 */
export function queryTerms(query: string): string[] {
  return searchTerms(query, 50);
}
