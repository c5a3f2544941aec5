import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import type { HotspotRelation, HotspotRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const Reason = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, description: '排除理由' }) }, { additionalProperties: false });

/** Dismisses a hotspot: nothing to act on (a known event, a counting artefact), with the reason on record. */
export const dismissHotspot = defineCommand<HotspotRow, HotspotRelation, ProactiveSettings, typeof Reason>({
  summary: 'Dismiss the hotspot with the reason (recorded); new → dismissed',
  input: Reason,
  apply(_ctx, input) {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('invalid_reason', '排除理由不能为空', 'The reason must not be empty');
    return { changes: { dismissedReason: reason }, event: { reason } };
  },
});
