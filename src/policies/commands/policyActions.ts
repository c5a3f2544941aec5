/**
 * The policy as an item type on the lifecycle kernel: its store and the effect of each action.
 * The runner does the checks (scope, role, version, status), the event on the policy's chain and
 * the subscribers. Publishing, and changing a published policy's content (a new revision),
 * match it against the registry in the same transaction (matching.ts).
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import {
  createItem, defineCommand, publicationCommands, publicationRelations, revisionAfterChange, runAction, type ItemType, type PublicationRelation,
} from '../../platform/lifecycle/index.js';
import { officePaths } from '../../offices/subtree.js';
import { canSeeOfficePath, requireOfficeInScope, requireRole } from '../../auth/permissions.js';
import { EDIT_ROLES, POLICY_LIFECYCLE, type PolicyRow } from '../lifecycle.js';
import type { PolicyAction, PolicyStatus } from '../contract.js';
import { changedFields } from '../rules.js';
import { contentOf, POLICIES, POLICY_CHAIN } from '../store.js';
import { checkContent, CONTENT_FIELDS, ContentInput, normaliseContent } from './content.js';
import { matchPolicy } from './matching.js';

async function relationsOf(tx: Db, actor: Actor, row: Pick<PolicyRow, 'officeId' | 'status'>): Promise<PublicationRelation[]> {
  const path = (await officePaths(tx, [row.officeId])).get(row.officeId) ?? '';
  return publicationRelations(canSeeOfficePath(actor, path), row.status);
}

const ChangeInput = Type.Object(Object.fromEntries(Object.entries(CONTENT_FIELDS).map(([k, v]) => [k, Type.Optional(v)])), { additionalProperties: false });

export const POLICY_TYPE: ItemType<PolicyRow, PolicyStatus, PublicationRelation, PolicyAction> = {
  lifecycle: POLICY_LIFECYCLE,
  store: { chain: POLICY_CHAIN, lock: POLICIES.lock, relationsOf, update: POLICIES.update, insert: POLICIES.insert, state: POLICIES.state },
  settings: async () => ({}),
  create: defineCommand<PolicyRow, PublicationRelation, object, typeof ContentInput>({
    summary: 'Create a draft policy for an issuing office in your scope (administrators and leaders)',
    input: ContentInput,
    async apply({ tx }, input) {
      const content = normaliseContent(input);
      await checkContent(tx, content);
      return { changes: { ...content, revision: 1 }, event: { title: content.title, documentNumber: content.documentNumber } };
    },
  }),
  commands: {
    update: defineCommand<PolicyRow, PublicationRelation, object, typeof ChangeInput>({
      summary: 'Change a policy: a draft in place; a published policy gets a new revision, matched again at once (administrators and leaders of the issuing office\'s subtree)',
      input: ChangeInput,
      async apply({ tx, actor, row, now }, input) {
        const current = contentOf(row);
        const content = normaliseContent({ ...current, ...input } as ContentInput);
        const office = await checkContent(tx, content);
        const changed = changedFields(current, content);
        if (!changed.length) return null;
        if (office.id !== row.officeId && !canSeeOfficePath(actor, office.path)) {
          throw forbidden(`单位「${office.name}」不在您的管辖范围内`, `The office "${office.name}" is outside your scope`);
        }
        const revision = revisionAfterChange(row);
        return {
          changes: { ...content, revision }, event: { revision, changed },
          after: row.status === 'published' ? (t, updated) => matchPolicy(t, updated, now).then(() => undefined) : undefined,
        };
      },
    }),
    ...publicationCommands<PolicyRow, object>({
      publish: 'Publish a draft or retired policy: it is matched against the registry and pushed to the enterprises that qualify',
      retire: 'Retire a policy (or discard a draft): no longer matched or offered; its pushes keep their tracking',
      afterPublish: (tx, published, now) => matchPolicy(tx, published, now).then(() => undefined),
    }),
  },
};

/** Creates a draft policy: the runner checks the actor against the issuing office. */
export async function createPolicy(db: Db, actor: Actor, input: ContentInput): Promise<PolicyRow> {
  requireRole(actor, EDIT_ROLES, { zh: '起草惠企政策', en: 'write a policy' });
  return createItem(db, POLICY_TYPE, actor, {
    under: { label: { zh: '单位', en: 'office' }, id: input.officeId },
    input,
    async draft(tx) {
      const [office] = await queryRows<{ name: string; path: string }>(tx, sql`select name, path from offices where id = ${input.officeId}`);
      if (!office) return null;
      requireOfficeInScope(actor, office.path, office.name);
      return { id: 0, status: 'draft', version: 1, eventCount: 0, lastEventHash: '', ...normaliseContent(input), revision: 1, publishedAt: null };
    },
  });
}

/** Runs one action of a policy (the routes and the demo go through here). */
export const actOnPolicy = (db: Db, actor: Actor, id: number, action: PolicyAction, version: number, input: Record<string, unknown> = {}) =>
  runAction(db, POLICY_TYPE, actor, { id, action, version, input });
