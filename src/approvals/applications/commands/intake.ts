import { Type } from '@sinclair/typebox';
import { badRequest } from '../../../platform/errors.js';
import { defineCommand } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import { unknownMaterials } from '../rules.js';
import type { ApplicationSettings } from '../type.js';
import { MaterialIds } from './inputs.js';

export const IntakeBody = Type.Object({
  serviceItemId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  applicant: Type.Object({
    kind: Type.Union([Type.Literal('enterprise'), Type.Literal('person')]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    uscc: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码, for an enterprise; an enterprise user applies for its own' })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
  }, { additionalProperties: false }),
  materialIds: MaterialIds,
}, { additionalProperties: false });
export type IntakeInput = (typeof IntakeBody)['static'];

/**
 * Takes an application in (一窗受理): at a window for any department's published item, by the
 * agent who becomes its first owner (首位确认制); or online by an enterprise for itself, owned by
 * the first window agent who acts on it. It keeps the version it was received under.
 */
export const intake = defineCommand<ApplicationItem, Relation, ApplicationSettings, typeof IntakeBody>({
  summary: 'Take in an application for a published service item (window agent, or an enterprise for itself)',
  input: IntakeBody,
  async apply({ tx, actor, row: draft, now }, input) {
    const unknown = unknownMaterials(draft.materials, input.materialIds);
    if (unknown.length) throw badRequest('unknown_material', `材料 ${unknown.join('、')} 不在该事项的材料清单中`, `Materials ${unknown.join(', ')} are not on the item's list`);
    const staff = draft.channel === 'window';
    return {
      changes: {
        ownerUserId: staff ? actor.userId : null, ownerName: staff ? actor.name : null, receivedAt: now, receivedMaterials: [...new Set(input.materialIds)],
        createdAt: now,
      },
      event: { serviceItemId: draft.serviceItemId, versionId: draft.versionId, channel: draft.channel, applicantKind: draft.applicantKind, materialIds: input.materialIds },
    };
  },
});

