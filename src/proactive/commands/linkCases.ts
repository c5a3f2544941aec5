import { Type } from '@sinclair/typebox';
import { defineCommand } from '../../platform/lifecycle/index.js';
import { badRequest } from '../../platform/errors.js';
import { visibleCaseIds } from '../../cases/series.js';
import type { TaskRelation, TaskRow } from '../lifecycle.js';
import type { ProactiveSettings } from '../type.js';

const CaseId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Link = Type.Object({ caseIds: Type.Array(CaseId, { minItems: 1, maxItems: 200, uniqueItems: true, description: '关联的诉求' }) }, { additionalProperties: false });

/** Links more cases to the task: each must be a case the actor may see (else 400 naming them). Cases already linked change nothing. */
export const linkCases = defineCommand<TaskRow, TaskRelation, ProactiveSettings, typeof Link>({
  summary: 'Link cases to the task (cases you may see)',
  input: Link,
  async apply({ tx, actor, row }, input) {
    const added = input.caseIds.filter((id) => !row.caseIds.includes(id));
    if (added.length === 0) return null;
    const seen = new Set(await visibleCaseIds(tx, actor, added));
    const unseen = added.filter((id) => !seen.has(id));
    if (unseen.length) throw badRequest('unknown_cases', `这些诉求不存在或您无权查看：${unseen.join('、')}`, `These cases do not exist or are not yours to see: ${unseen.join(', ')}`, { caseIds: unseen });
    return { changes: { caseIds: [...row.caseIds, ...added] }, event: { added } };
  },
});
