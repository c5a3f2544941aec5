/**
 * The clock's judgement stored when an application is decided (granted by `conclude`, refused by
 * a department's `refuse` that ends its stage), in the deciding transaction: from then on the
 * figures count it in SQL (judgements.ts).
 */
import type { Subscriber } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem } from '../lifecycle.js';
import { recordJudgement } from '../judgements.js';

export const clockJudgement: Subscriber<ApplicationItem> = {
  name: 'the clock judged where it stopped, at the decision',
  type: 'application',
  actions: ['conclude', 'refuse'],
  async perform(tx, { before, after }) {
    const { acceptedAt, decidedAt } = after;
    if (before?.decidedAt || !decidedAt || !acceptedAt) return;
    await recordJudgement(tx, { ...after, acceptedAt, decidedAt });
  },
};
