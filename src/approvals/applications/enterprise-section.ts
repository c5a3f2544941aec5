/**
 * The enterprise page's applications (企业档案·办件): what the enterprise applied for, as far as
 * the viewer may read applications (a window's, a department's, a leader's subtree, its own).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/engine.js';
import type { EnterpriseSection } from '../../platform/manifest.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from './contract.js';
import { LIST_ROLES, visibleApplications } from './queries.js';

export const enterpriseApplicationsSection: EnterpriseSection = {
  key: 'applications',
  title: { zh: '办件', en: 'Applications' },
  order: 20,
  async load(db, actor, uscc, limit) {
    if (!actor.roles.some((r) => LIST_ROLES.includes(r))) return null;
    const where = sql`a.applicant_uscc = ${uscc} and ${visibleApplications(actor)}`;
    const [rows, [{ total }]] = await Promise.all([
      queryRows<{ id: number; name: string; status: ApplicationStatus; received_at: Date | string }>(db, sql`
        select a.id, v.name, a.status, a.received_at from applications a join service_item_versions v on v.id = a.version_id
        where ${where} order by a.received_at desc, a.id desc limit ${limit}`),
      queryRows<{ total: number }>(db, sql`select count(*)::int as total from applications a where ${where}`),
    ]);
    return {
      total,
      items: rows.map((r) => ({
        id: Number(r.id), code: `#${r.id}`, title: r.name, status: r.status, statusName: APPLICATION_STATUSES[r.status],
        at: new Date(r.received_at).toISOString(), path: `/approvals/applications/${r.id}`,
      })),
    };
  },
};
