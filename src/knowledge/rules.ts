/**
 * Knowledge-base rules (pure): region scope, validity dates and the normalisation of
 * categories and keywords. Statuses and who may read, edit and move an article: lifecycle.ts.
 */
import { regionWithin } from '../regions/rules.js';

/** Whether an article with this region scope applies to a place (null scope: everywhere). */
export function regionApplies(articleRegion: string | null, place: string): boolean {
  return articleRegion === null || regionWithin(place, articleRegion);
}

/**
 * The prefix a place's code must start with for the article to apply: '' for everywhere, two
 * digits for a province (410000 → 41), four for a city (411700 → 4117), the code for a county.
 * The search queries compute the same in SQL.
 */
export function regionScopePrefix(articleRegion: string | null): string {
  if (articleRegion === null) return '';
  if (articleRegion.endsWith('0000')) return articleRegion.slice(0, 2);
  if (articleRegion.endsWith('00')) return articleRegion.slice(0, 4);
  return articleRegion;
}

/** Valid on a day: from `validFrom` (inclusive; none = always) to `validUntil` (inclusive; none = open). */
export function isValidOn(article: { validFrom: string | null; validUntil: string | null }, day: string): boolean {
  return (article.validFrom === null || article.validFrom <= day) && (article.validUntil === null || article.validUntil >= day);
}

/** Today in Beijing: the registry's dates and articles' validity are Beijing days. */
export { beijingToday } from '../platform/dates.js';

/** A real calendar date in YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export type RuleProblem = { code: string; zh: string; en: string };

/** Checks the validity period; returns the problem or null. */
export function checkValidity(validFrom: string | null, validUntil: string | null): RuleProblem | null {
  for (const [field, value] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (value !== null && !isCalendarDate(value)) {
      return { code: 'invalid_date', zh: `${field} 不是有效日期：${value}`, en: `${field} is not a valid date: ${value}` };
    }
  }
  if (validFrom !== null && validUntil !== null && validFrom > validUntil) {
    return { code: 'invalid_validity', zh: `生效日期 ${validFrom} 晚于失效日期 ${validUntil}`, en: `validFrom ${validFrom} is after validUntil ${validUntil}` };
  }
  return null;
}

/**
 * A category is a path of names separated by '/', e.g. 社会保障/养老保险: full-width slashes
 * become '/', blanks around names are trimmed; an empty name is refused.
 */
export function normaliseCategory(category: string): string | RuleProblem {
  const parts = category.replace(/／/g, '/').split('/').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    return { code: 'invalid_category', zh: `分类路径不能有空的层级：「${category}」`, en: `The category path has an empty level: "${category}"` };
  }
  if (parts.length > 5) return { code: 'invalid_category', zh: '分类最多 5 层', en: 'A category has at most 5 levels' };
  return parts.join('/');
}

/** Keywords trimmed, blanks dropped, duplicates (ignoring case and width) removed, order kept. */
export function normaliseKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keywords) {
    const trimmed = k.trim();
    const key = trimmed.normalize('NFKC').toLowerCase();
    if (!trimmed || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}
