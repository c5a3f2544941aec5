/**
 * The catalogue item as an item type on the lifecycle kernel: its store and the effect of each
 * action. The kernel's runner does the checks (scope, role, version, status), the event on the
 * item's chain and the subscribers, in the transaction that writes the version.
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { conflict, forbidden } from '../../platform/errors.js';
import {
  createItem, defineCommand, publicationCommands, publicationRelations, revisionAfterChange, runAction, type ItemType, type PublicationRelation,
} from '../../platform/lifecycle/index.js';
import { officePaths } from '../../offices/subtree.js';
import { canSeeOfficePath, requireOfficeInScope, requireRole } from '../../auth/permissions.js';
import { EDIT_ROLES, ITEM_LIFECYCLE, type ItemAction, type ServiceItemRow } from '../lifecycle.js';
import type { ItemStatus, ServiceItemContent } from '../contract.js';
import { contentOf, ITEM_CHAIN, ITEMS, loadVersion, writeVersion } from '../store.js';
import { checkContent, CONTENT_FIELDS, ContentInput, normaliseContent } from './content.js';

async function officePathOf(tx: Db, officeId: number): Promise<string> {
  return (await officePaths(tx, [officeId])).get(officeId) ?? '';
}

async function relationsOf(tx: Db, actor: Actor, row: ServiceItemRow): Promise<PublicationRelation[]> {
  return publicationRelations(canSeeOfficePath(actor, await officePathOf(tx, row.officeId)), row.status);
}

/** 409 when another item already has the implementation code. */
async function requireUniqueCode(tx: Db, code: string, itemId: number | null): Promise<void> {
  const [other] = await queryRows<{ id: number }>(tx, sql`select id from service_items where implementation_code = ${code} and id <> ${itemId ?? 0}`);
  if (other) {
    throw conflict('duplicate_implementation_code', `实施编码「${code}」已被事项 ${other.id} 使用`, `The implementation code "${code}" is already used by item ${other.id}`, { field: 'implementationCode', itemId: other.id });
  }
}

const ChangeInput = Type.Object(Object.fromEntries(Object.entries(CONTENT_FIELDS).map(([k, v]) => [k, Type.Optional(v)])), { additionalProperties: false });

/** What changed between two contents, by field. */
const changedFields = (before: ServiceItemContent, after: ServiceItemContent) =>
  (Object.keys(after) as (keyof ServiceItemContent)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

export const SERVICE_ITEM_TYPE: ItemType<ServiceItemRow, ItemStatus, PublicationRelation, ItemAction> = {
  lifecycle: ITEM_LIFECYCLE,
  store: { chain: ITEM_CHAIN, lock: ITEMS.lock, relationsOf, update: ITEMS.update, insert: ITEMS.insert, state: ITEMS.state },
  settings: async () => ({}),
  create: defineCommand<ServiceItemRow, PublicationRelation, object, typeof ContentInput>({
    summary: 'Create a draft item for a department in your scope (administrators)',
    input: ContentInput,
    async apply({ tx, actor }, input) {
      const content = normaliseContent(input);
      await checkContent(tx, content, null);
      await requireUniqueCode(tx, content.implementationCode, null);
      return {
        changes: { implementationCode: content.implementationCode, revision: 1, createdByName: actor.name },
        event: { revision: 1, name: content.name, implementationCode: content.implementationCode },
        after: (t, created) => writeVersion(t, created.id, 1, content, actor.name, 'insert'),
      };
    },
  }),
  commands: {
    update: defineCommand<ServiceItemRow, PublicationRelation, object, typeof ChangeInput>({
      summary: 'Change an item: a draft in place; a published item gets a new version at once in force, the earlier ones kept (administrators of the department\'s office subtree)',
      input: ChangeInput,
      async apply({ tx, actor, row }, input) {
        const current = contentOf((await loadVersion(tx, row.id, row.revision))!);
        const content = normaliseContent({ ...current, ...input } as ContentInput, current);
        const office = await checkContent(tx, content, row.id);
        const changed = changedFields(current, content);
        if (!changed.length) return null;
        if (office.id !== row.officeId && !canSeeOfficePath(actor, office.path)) {
          throw forbidden(`单位「${office.name}」不在您的管辖范围内`, `The office "${office.name}" is outside your scope`);
        }
        await requireUniqueCode(tx, content.implementationCode, row.id);
        const revision = revisionAfterChange(row);
        await writeVersion(tx, row.id, revision, content, actor.name, row.status === 'draft' ? 'replace' : 'insert');
        return { changes: { revision, officeId: content.officeId, implementationCode: content.implementationCode }, event: { revision, changed } };
      },
    }),
    ...publicationCommands<ServiceItemRow, object>({
      publish: 'Publish a draft or retired item: its guide is public and applications may use its current version',
      retire: 'Retire an item (or discard a draft): no longer offered; its versions stay readable',
    }),
  },
};

/** Creates a draft item: the runner checks the actor against the department, the lint and the code's uniqueness refuse bad content. */
export async function createServiceItem(db: Db, actor: Actor, input: ContentInput): Promise<ServiceItemRow> {
  requireRole(actor, EDIT_ROLES, { zh: '编制政务服务事项', en: 'write a service item' });
  return createItem(db, SERVICE_ITEM_TYPE, actor, {
    under: { label: { zh: '单位', en: 'office' }, id: input.officeId },
    input,
    async draft(tx) {
      const [office] = await queryRows<{ name: string; path: string }>(tx, sql`select name, path from offices where id = ${input.officeId}`);
      if (!office) return null;
      requireOfficeInScope(actor, office.path, office.name);
      return {
        id: 0, status: 'draft', version: 1, eventCount: 0, lastEventHash: '', officeId: input.officeId, implementationCode: input.implementationCode,
        revision: 1, publishedAt: null, createdByName: actor.name, updatedAt: new Date(),
      };
    },
  });
}

/** Runs one action of an item (the routes, the import and the demo go through here). */
export const actOnServiceItem = (db: Db, actor: Actor, id: number, action: ItemAction, version: number, input: Record<string, unknown> = {}) =>
  runAction(db, SERVICE_ITEM_TYPE, actor, { id, action, version, input });
