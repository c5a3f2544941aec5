/**
 * A push (policy revision × enterprise) as an item type on the lifecycle kernel: the enterprise
 * marks it read and applies; the policy's editors grant it with the amount or decline it with
 * the reason. Each step is an event on the push's own chain.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { defineCommand, runAction, type ItemType } from '../../platform/lifecycle/index.js';
import { officePaths } from '../../offices/subtree.js';
import { canSeeOfficePath } from '../../auth/permissions.js';
import { readsEnterprise, registryStanding } from '../../enterprises/index.js';
import { MATCH_LIFECYCLE, type MatchRelation, type MatchRow } from '../lifecycle.js';
import type { MatchAction, MatchStatus } from '../contract.js';
import { MATCH_CHAIN, MATCHES, POLICIES } from '../store.js';

/** How an actor stands to a push: for its enterprise, as an editor of its policy, as a reader of the enterprise in the registry. */
export async function matchRelations(tx: Db, actor: Actor, row: Pick<MatchRow, 'policyId' | 'uscc' | 'regionCode'>): Promise<MatchRelation[]> {
  const relations: MatchRelation[] = [];
  if (actor.roles.includes('enterprise') && actor.enterpriseUscc === row.uscc) relations.push('own');
  const policy = await POLICIES.load(tx, row.policyId);
  const path = policy ? (await officePaths(tx, [policy.officeId])).get(policy.officeId) : undefined;
  if (path !== undefined && canSeeOfficePath(actor, path)) relations.push('issuer');
  if (readsEnterprise(await registryStanding(tx, actor), { uscc: row.uscc, regionCode: row.regionCode })) relations.push('registry');
  return relations;
}

const Note = Type.Optional(Type.String({ maxLength: 1000 }));
const ReadInput = Type.Object({}, { additionalProperties: false });
const ApplyInput = Type.Object({ note: Note }, { additionalProperties: false });
const GrantInput = Type.Object({ amount: Type.Integer({ minimum: 0, maximum: 1e10, description: 'Whole yuan granted' }), note: Note }, { additionalProperties: false });
const DeclineInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false });

export const MATCH_TYPE: ItemType<MatchRow, MatchStatus, MatchRelation, MatchAction> = {
  lifecycle: MATCH_LIFECYCLE,
  store: { chain: MATCH_CHAIN, lock: MATCHES.lock, relationsOf: matchRelations, update: MATCHES.update, insert: MATCHES.insert, state: MATCHES.state },
  settings: async () => ({}),
  commands: {
    read: defineCommand<MatchRow, MatchRelation, object, typeof ReadInput>({
      summary: 'Mark a pushed policy read (the enterprise)',
      input: ReadInput,
      apply: ({ now }) => ({ changes: { readAt: now } }),
    }),
    apply: defineCommand<MatchRow, MatchRelation, object, typeof ApplyInput>({
      summary: 'Apply for the policy\'s benefit (the enterprise), with an optional note',
      input: ApplyInput,
      apply: ({ row, now }, input) => ({ changes: { appliedAt: now, readAt: row.readAt ?? now }, event: input.note?.trim() ? { note: input.note.trim() } : {} }),
    }),
    grant: defineCommand<MatchRow, MatchRelation, object, typeof GrantInput>({
      summary: 'Grant the benefit applied for, with the amount in whole yuan (administrators and leaders of the issuing office\'s subtree)',
      input: GrantInput,
      apply: ({ now }, input) => ({
        changes: { grantedAmount: input.amount, decidedAt: now }, event: { amount: input.amount, ...(input.note?.trim() ? { note: input.note.trim() } : {}) },
      }),
    }),
    decline: defineCommand<MatchRow, MatchRelation, object, typeof DeclineInput>({
      summary: 'Decline the application, saying why (administrators and leaders of the issuing office\'s subtree)',
      input: DeclineInput,
      apply: ({ now }, input) => ({ changes: { declineReason: input.reason.trim(), decidedAt: now }, event: { reason: input.reason.trim() } }),
    }),
  },
};

export const actOnMatch = (db: Db, actor: Actor, id: number, action: MatchAction, version: number, input: Record<string, unknown> = {}) =>
  runAction(db, MATCH_TYPE, actor, { id, action, version, input });
