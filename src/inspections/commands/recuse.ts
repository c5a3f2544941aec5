import { Type } from '@sinclair/typebox';
import { badRequest } from '../../platform/errors.js';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { applyRecusals, DRAW_ID_PATTERN } from '../draw.js';
import type { Relation, VisitItem } from '../lifecycle.js';
import type { TaskSettings } from '../settings.js';
import { drawRefused } from './commit.js';

export const RecuseInput = Type.Object({
  inspector: Type.String({ pattern: DRAW_ID_PATTERN, description: 'The certificate number of the inspector to recuse' }),
  reason: Type.String({ minLength: 1, maxLength: 1000, description: 'The relation or interest the request names' }),
}, { additionalProperties: false });

/**
 * Recuses an inspector from the visit's team: the next in the draw's ranking for this target and
 * department, neither on the team nor recused before, takes the place. The whole list of the
 * visit's recusals is replayed on the drawn teams, so the published draw re-runs to the same team.
 */
export const recuse = defineCommand<VisitItem, Relation, TaskSettings, typeof RecuseInput>({
  summary: 'Recuse an inspector (the enterprise asks, or the department records it); the next in the ranking takes the place',
  input: RecuseInput,
  apply({ row, relations, now }, input) {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('invalid_reason', '请说明回避理由', 'Give the reason for the recusal');
    const drawn = row.task.result.teams.filter((t) => t.target === row.uscc);
    const asked = [...row.recusals.map((r) => ({ target: row.uscc, inspector: r.inspector })), { target: row.uscc, inspector: input.inspector }];
    let outcome;
    try {
      outcome = applyRecusals(row.task.rosters, row.task.seed, drawn, asked);
    } catch (e) {
      throw drawRefused(e);
    }
    const replacement = outcome.replacements.at(-1)!;
    const entry = {
      inspector: input.inspector, department: replacement.department, replacement: replacement.replacement, reason,
      askedBy: relations.includes('target') ? 'enterprise' as const : 'department' as const, at: now.toISOString(),
    };
    return {
      changes: { teams: outcome.teams.map(({ department, inspectors }) => ({ department, inspectors })), recusals: [...row.recusals, entry] },
      event: entry,
    };
  },
});
