import { Type } from '@sinclair/typebox';
import { badRequest } from '../../../platform/errors.js';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import { IntakeBody } from '../../applications/commands/intake.js';
import { takeIn } from '../../applications/doors.js';
import type { BundleApplicationItem, BundleRelation } from '../lifecycle.js';
import { materialsOfItem, unknownKeys } from '../rules.js';
import { insertParts } from '../store.js';

export const MaterialKeys = Type.Array(Type.String({ minLength: 3, maxLength: 220 }), { maxItems: 200, description: 'Keys of the merged checklist (s:<name>, m:<material id>)' });

export const BundleIntakeBody = Type.Object({
  bundleId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  applicant: IntakeBody.properties.applicant,
  materialKeys: MaterialKeys,
}, { additionalProperties: false });
export type BundleIntakeInput = (typeof BundleIntakeBody)['static'];

/**
 * Takes a bundle application in: one part per item of the bundle, each an application of that
 * item taken in by the same window agent (or online by the enterprise) with the materials the
 * ticked entries of the merged checklist stand for. The parts are created after the bundle's row,
 * in the same transaction: each starts its own chain.
 */
export const intakeBundle = defineCommand<BundleApplicationItem, BundleRelation, object, typeof BundleIntakeBody>({
  summary: 'Take in a bundle application (一件事): one application with a part per item, shared materials once',
  input: BundleIntakeBody,
  apply({ actor, row: draft, now }, input) {
    const unknown = unknownKeys(draft.checklist, input.materialKeys);
    if (unknown.length) throw badRequest('unknown_material', `材料 ${unknown.join('、')} 不在该一件事的材料清单中`, `Materials ${unknown.join(', ')} are not on the bundle's checklist`);
    const ticked = [...new Set(input.materialKeys)];
    return {
      changes: { ownerName: draft.channel === 'window' ? actor.name : null, receivedAt: now, createdAt: now },
      event: { bundleId: draft.bundleId, revision: draft.bundleRevision, channel: draft.channel, materialKeys: ticked },
      async after(tx, row) {
        const ids: number[] = [];
        for (const serviceItemId of draft.itemIds) {
          const part = await takeIn(tx, actor, { serviceItemId, applicant: input.applicant, materialIds: materialsOfItem(draft.checklist, ticked, serviceItemId) }, now);
          ids.push(part.id);
        }
        await insertParts(tx, row.id, ids);
      },
    };
  },
});
