/**
 * What the knowledge module answers that the web app reads too (types and constants only, and
 * types from the platform's contract, so the browser bundle can take it as it is).
 */
import type { BlockedAction } from '../platform/contract.js';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_ACTIONS = ['publish', 'archive', 'withdraw', 'update'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];


/** A suggestion for intake or an agent: enough to read the answer out and say who vouches for it. */
export interface ArticleSuggestion {
  id: number;
  title: string;
  question: string;
  answer: string;
  category: string;
  officeId: number;
  officeName: string;
  regionCode: string | null;
  useCount: number;
  score: number;
}

/** What an article is written with, at creation (all of it) and in a change (any of it). */
export interface ArticleContent {
  /** Short headline, e.g. 营业执照怎么办理. */
  title: string;
  /** How citizens ask it, in their words; several phrasings welcome. */
  question: string;
  /** The authoritative answer agents read out. */
  answer: string;
  /** Path of names separated by '/', e.g. 社会保障/养老保险. */
  category: string;
  /** Extra words people use for it (社保卡, 医保卡); they count like the title in search. */
  keywords: string[];
  /** The office that vouches for the answer. */
  officeId: number;
  /** GB/T 2260 code it applies to (with everything under it), within the office's region; null: everywhere. */
  regionCode: string | null;
  /** First day it applies (inclusive), YYYY-MM-DD; null: already. */
  validFrom: string | null;
  /** Last day it applies (inclusive), YYYY-MM-DD; null: until archived. */
  validUntil: string | null;
}

/** An article as staff see it. */
export interface ArticleView {
  id: number;
  title: string;
  question: string;
  answer: string;
  category: string;
  keywords: string[];
  officeId: number;
  officeName: string;
  regionCode: string | null;
  regionName: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: ArticleStatus;
  /** Published and valid today (Beijing time): what suggestions and the public search offer. */
  effective: boolean;
  useCount: number;
  lastUsedAt: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
  version: number;
  createdBy: number | null;
  createdByName: string;
  createdAt: string;
  updatedBy: number | null;
  updatedByName: string;
  updatedAt: string;
}

/** An article as one staff member sees it: with the actions open to them now, and those its state blocks. */
export type ArticleDetail = ArticleView & { actions: ArticleAction[]; blockedActions: BlockedAction<ArticleAction>[] };

/** A ranked hit: the article and how well it matched (higher is better; 0 without a query). */
export type ArticleHit = ArticleDetail & { score: number };

/** What the public (enterprises, citizens) see: no status, counters, ids of staff or offices. */
export type PublicArticleView = Pick<ArticleView, 'id' | 'title' | 'question' | 'answer' | 'category' | 'keywords' | 'officeName' | 'regionCode' | 'regionName' | 'validFrom' | 'validUntil' | 'updatedAt'>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
