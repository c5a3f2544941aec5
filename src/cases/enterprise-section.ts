/**
 * The enterprise page's appeals (企业档案·诉求): the cases the enterprise raised, as far as the
 * viewer may list them. A report's or a confidential case's requester is known only to the
 * intake centre and to the requester (access.ts identityVisible): anyone else would learn from
 * this list who raised it, so for them such a case is not listed here at all.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../platform/db/engine.js';
import type { EnterpriseSection } from '../platform/manifest.js';
import { caseScope, identityVisible } from './access.js';
import { STATUS_NAMES, type CaseStatus } from './contract.js';

export const enterpriseCasesSection: EnterpriseSection = {
  key: 'cases',
  title: { zh: '诉求', en: 'Appeals' },
  order: 10,
  async load(db, actor, uscc, limit) {
    const standing = await caseScope(db, actor);
    if (!standing.visible) return null;
    const where = sql`c.requester_uscc = ${uscc} and ${standing.visible} and ${identityVisible(standing)}`;
    const [rows, [{ total }]] = await Promise.all([
      queryRows<{ id: number; code: string; title: string; status: CaseStatus; accepted_at: Date | string }>(db,
        sql`select c.id, c.code, c.title, c.status, c.accepted_at from cases c where ${where} order by c.accepted_at desc, c.id desc limit ${limit}`),
      queryRows<{ total: number }>(db, sql`select count(*)::int as total from cases c where ${where}`),
    ]);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, code: r.code, title: r.title, status: r.status, statusName: STATUS_NAMES[r.status],
        at: new Date(r.accepted_at).toISOString(), path: `/cases/${r.id}`,
      })),
    };
  },
};
