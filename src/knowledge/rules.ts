/**
 * Knowledge-base rules (pure): article statuses and who may move them, who may read and edit,
 * region scope, validity dates and the normalisation of categories and keywords.
 */
import type { Actor, Role } from '../platform/actor.js';
import { canSeeOfficePath, hasAnyRole } from '../auth/permissions.js';
import { regionWithin } from '../regions/rules.js';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE = { zh: '知识条目', en: 'knowledge article' };

/** Staff who read published articles (enterprises and the public use the public search). */
export const READ_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
/** Write drafts for offices in their scope (a handler: their own office and the ones below it). */
export const EDIT_ROLES: readonly Role[] = ['admin', 'supervisor', 'handler'];
/** Publish, archive and withdraw, and change articles whatever their status, in their scope. */
export const PUBLISH_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** May write a draft of an article owned by the office at `officePath`. */
export function canEditDraft(actor: Actor, officePath: string): boolean {
  return hasAnyRole(actor, EDIT_ROLES) && canSeeOfficePath(actor, officePath);
}

/** May publish, archive or withdraw, and edit a published or archived article, of that office. */
export function canPublish(actor: Actor, officePath: string): boolean {
  return hasAnyRole(actor, PUBLISH_ROLES) && canSeeOfficePath(actor, officePath);
}

/** May change the content of an article in this status: drafts by editors, the rest by publishers. */
export function canEdit(actor: Actor, officePath: string, status: ArticleStatus): boolean {
  return status === 'draft' ? canEditDraft(actor, officePath) : canPublish(actor, officePath);
}

/** Published articles are open to every staff role; drafts and archived ones to editors in scope. */
export function canRead(actor: Actor, officePath: string, status: ArticleStatus): boolean {
  if (status === 'published' && hasAnyRole(actor, READ_ROLES)) return true;
  return canEditDraft(actor, officePath);
}

/**
 * Status changes, each a command of its own:
 * - publish: draft or archived → published (a publisher; the article must not have expired);
 * - archive: draft or published → archived (a publisher; an editor may archive a draft, i.e. discard it);
 * - withdraw: published or archived → draft (a publisher), so that editors can rework it.
 */
export const TRANSITIONS = {
  publish: { from: ['draft', 'archived'], to: 'published' },
  archive: { from: ['draft', 'published'], to: 'archived' },
  withdraw: { from: ['published', 'archived'], to: 'draft' },
} as const satisfies Record<string, { from: readonly ArticleStatus[]; to: ArticleStatus }>;
export type Transition = keyof typeof TRANSITIONS;

export function canTransition(actor: Actor, officePath: string, transition: Transition, from: ArticleStatus): boolean {
  if (transition === 'archive' && from === 'draft') return canEditDraft(actor, officePath);
  return canPublish(actor, officePath);
}

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

/** Today in Beijing time (UTC+8 all year), as YYYY-MM-DD: the day validity is judged on. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

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
