/**
 * Content an office publishes — a catalogue item, a policy — as one shape of item type: created
 * as a draft; `update` edits a draft in place and gives published content a new revision;
 * `publish` (draft or retired → published) and `retire` (draft or published → retired). Its
 * editors hold an editing role over the office's subtree (`editor`); every reader role reads
 * it once it is out of draft (`listed`). The module keeps what is its own: the content, its
 * checks, and what publishing sets off.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../db/engine.js';
import type { Role } from '../actor.js';
import type { Bilingual, BlockedReason } from '../contract.js';
import { defineCommand, type ActionCommand, type ItemRow, type Lifecycle, type Permit } from './definition.js';

export type PublicationStatus = 'draft' | 'published' | 'retired';
export type PublicationAction = 'update' | 'publish' | 'retire';
/** `editor`: the owning office is in the actor's subtree; `listed`: the content is out of draft. */
export type PublicationRelation = 'editor' | 'listed';

export interface PublicationRow extends ItemRow<PublicationStatus> {
  revision: number;
  publishedAt: Date | null;
}

export interface PublicationDefinition<Row> {
  type: string;
  label: Bilingual;
  statuses: Record<PublicationStatus, Bilingual>;
  readRoles: readonly Role[];
  editRoles: readonly Role[];
  scope: Bilingual;
  /** What retiring is called here (废止 a policy, 停用 an item). */
  retireLabel: Bilingual;
  /** Why publishing is refused now, if it may be (a policy past its validity). */
  publishBlockedBy?: (row: Row) => BlockedReason | null;
}

export function publicationLifecycle<Row extends PublicationRow>(d: PublicationDefinition<Row>): Lifecycle<Row, PublicationStatus, PublicationRelation, PublicationAction> {
  const editors: Permit<PublicationRelation>[] = d.editRoles.map((role) => ({ role, relation: 'editor' }));
  return {
    type: d.type,
    label: d.label,
    statuses: d.statuses,
    readers: [...d.readRoles.map((role) => ({ role, relation: 'listed' as const })), ...editors],
    scope: d.scope,
    // Published content is public: naming the roles that edit it gives nothing away.
    rolesBeforeScope: true,
    create: { label: { zh: '新建', en: 'create' }, to: 'draft', permits: editors },
    actions: {
      update: { label: { zh: '修改', en: 'change' }, from: ['draft', 'published'], permits: editors },
      publish: { label: { zh: '发布', en: 'publish' }, from: ['draft', 'retired'], to: 'published', permits: editors, ...(d.publishBlockedBy ? { blockedBy: d.publishBlockedBy } : {}) },
      retire: { label: d.retireLabel, from: ['draft', 'published'], to: 'retired', permits: editors },
    },
  };
}

export function publicationRelations(editorInScope: boolean, status: PublicationStatus): PublicationRelation[] {
  return [...(status === 'draft' ? [] : ['listed' as const]), ...(editorInScope ? ['editor' as const] : [])];
}

const NoInput = Type.Object({}, { additionalProperties: false });

/** The revision a change leads to: a draft keeps its own, published or retired content gets the next. */
export const revisionAfterChange = (row: Pick<PublicationRow, 'status' | 'revision'>) => (row.status === 'draft' ? row.revision : row.revision + 1);

/** `publish` and `retire`, each recording the revision; `afterPublish` runs in the transaction (matching a policy). */
export function publicationCommands<Row extends PublicationRow, X extends object>(d: {
  publish: string;
  retire: string;
  afterPublish?: (tx: Db, published: Row, now: Date) => Promise<void>;
}): { publish: ActionCommand<Row, PublicationRelation, X>; retire: ActionCommand<Row, PublicationRelation, X> } {
  return {
    publish: defineCommand<Row, PublicationRelation, X, typeof NoInput>({
      summary: d.publish,
      input: NoInput,
      apply: ({ row, now }) => ({
        changes: { publishedAt: now } as Partial<Row>, event: { revision: row.revision },
        after: d.afterPublish ? (tx, updated) => d.afterPublish!(tx, updated, now) : undefined,
      }),
    }),
    retire: defineCommand<Row, PublicationRelation, X, typeof NoInput>({
      summary: d.retire,
      input: NoInput,
      apply: ({ row }) => ({ event: { revision: row.revision } }),
    }),
  };
}
