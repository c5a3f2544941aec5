/**
 * A knowledge article (知识条目) as a work item on the lifecycle kernel (pure: no I/O). Its
 * statuses, who may read it and who may take each action are data here; the server checks
 * them (commands/), the list queries mirror them in SQL, and each view carries the actions
 * they leave open.
 *
 * - publish: draft or archived → published (a publisher; the article must not have expired);
 * - archive: draft or published → archived (a publisher; an editor may archive a draft, i.e. discard it);
 * - withdraw: published or archived → draft (a publisher), so that editors can rework it;
 * - update: the content, whatever the status (drafts by editors, the rest by publishers).
 */
import type { Actor, Role } from '../platform/actor.js';
import { canRead as kernelCanRead, checkAction, type ActingRole, type ItemRow, type Lifecycle, type Permit } from '../platform/lifecycle/index.js';
import { canSeeOfficePath } from '../auth/permissions.js';
import { beijingToday } from './rules.js';

import { ARTICLE_ACTIONS, ARTICLE_STATUSES, type ArticleAction, type ArticleStatus } from './contract.js';

export { ARTICLE_ACTIONS, ARTICLE_STATUSES, type ArticleAction, type ArticleStatus };

/**
 * How an actor stands to an article: `office_scope` — its owning office is in their scope;
 * `draft_in_scope` — besides, it is a draft (what a handler may rework); `published` — it is
 * published, so open to every staff member.
 */
export type ArticleRelation = 'office_scope' | 'draft_in_scope' | 'published';

/** Staff who read published articles (enterprises and the public use the public search). */
export const READ_ROLES: readonly Role[] = ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
/** Write drafts for offices in their scope (a handler: their own office and the ones below it). */
export const EDIT_ROLES: readonly Role[] = ['admin', 'supervisor', 'handler'];
/** Publish, archive and withdraw, and change articles whatever their status, in their scope. */
export const PUBLISH_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** What the kernel reads of an article's row. */
export interface ArticleRow extends ItemRow<ArticleStatus> {
  officeId: number;
  validUntil: string | null;
}

const pairs = (roles: readonly Role[], relation: ArticleRelation): Permit<ArticleRelation>[] => roles.map((role) => ({ role, relation }));
const PUBLISHERS = pairs(PUBLISH_ROLES, 'office_scope');
/** Publishers in scope, and every editor while the article is a draft. */
const EDITORS = [...PUBLISHERS, ...pairs(EDIT_ROLES, 'draft_in_scope')];

export const ARTICLE_LIFECYCLE: Lifecycle<ArticleRow, ArticleStatus, ArticleRelation, ArticleAction> = {
  type: 'knowledge_article',
  label: { zh: '知识条目', en: 'knowledge article' },
  statuses: { draft: { zh: '草稿', en: 'draft' }, published: { zh: '已发布', en: 'published' }, archived: { zh: '已归档', en: 'archived' } },
  readers: [...pairs(READ_ROLES, 'published'), ...pairs(EDIT_ROLES, 'office_scope')],
  scope: { zh: '（限条目所属单位在您的管辖范围内）', en: 'with the owning office in your scope' },
  // Clients read this code since before the kernel.
  wrongStatusCode: 'invalid_status',
  // That an article exists is no secret among staff; a role that never edits is told which roles do.
  rolesBeforeScope: true,
  actions: {
    publish: {
      label: { zh: '发布', en: 'publish' }, from: ['draft', 'archived'], to: 'published', permits: PUBLISHERS,
      blockedBy: (row) => (row.validUntil !== null && row.validUntil < beijingToday()
        ? { code: 'article_expired', zh: `知识条目已于 ${row.validUntil} 失效，请先修改有效期`, en: `The article expired on ${row.validUntil}; change its validity first`, httpStatus: 400 }
        : null),
    },
    archive: { label: { zh: '归档', en: 'archive' }, from: ['draft', 'published'], to: 'archived', permits: EDITORS },
    withdraw: { label: { zh: '撤回为草稿', en: 'withdraw to draft' }, from: ['published', 'archived'], to: 'draft', permits: PUBLISHERS },
    update: { label: { zh: '修改', en: 'change' }, from: ARTICLE_STATUSES, permits: EDITORS },
  },
};

export function articleRelations(actor: Actor, officePath: string, status: ArticleStatus): ArticleRelation[] {
  const relations: ArticleRelation[] = status === 'published' ? ['published'] : [];
  if (canSeeOfficePath(actor, officePath)) relations.push('office_scope', ...(status === 'draft' ? ['draft_in_scope' as const] : []));
  return relations;
}

const allowed = (actor: Actor, action: ArticleAction, officePath: string, status: ArticleStatus) =>
  checkAction(ARTICLE_LIFECYCLE, action, status, actor.roles as ActingRole[], articleRelations(actor, officePath, status))?.kind !== 'role';

/** Published articles are open to every staff role; drafts and archived ones to editors in scope. */
export function canRead(actor: Actor, officePath: string, status: ArticleStatus): boolean {
  return kernelCanRead(ARTICLE_LIFECYCLE, actor.roles, articleRelations(actor, officePath, status));
}

/** May write a draft of an article owned by the office at `officePath`. */
export const canEditDraft = (actor: Actor, officePath: string) => allowed(actor, 'update', officePath, 'draft');

/** May publish, archive or withdraw, and edit a published or archived article, of that office. */
export const canPublish = (actor: Actor, officePath: string) => allowed(actor, 'publish', officePath, 'draft');

/** May change the content of an article in this status: drafts by editors, the rest by publishers. */
export const canEdit = (actor: Actor, officePath: string, status: ArticleStatus) => allowed(actor, 'update', officePath, status);

export type Transition = Exclude<ArticleAction, 'update'>;

/** May take the status change from this status, as far as role and scope go (the status itself is checked apart). */
export const canTransition = (actor: Actor, officePath: string, transition: Transition, from: ArticleStatus) => allowed(actor, transition, officePath, from);
