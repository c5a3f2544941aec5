/**
 * The enterprise page's policies (企业档案·惠企政策): the pushes of policies to the enterprise that
 * the viewer may read, each as the lifecycle decides, and a link to the facts policies read.
 */
import { sql, queryRows } from '../platform/db/engine.js';
import { canRead } from '../platform/lifecycle/index.js';
import type { EnterpriseSection } from '../platform/manifest.js';
import { MATCH_STATUS_NAMES } from './contract.js';
import { MATCH_LIFECYCLE } from './lifecycle.js';
import { MATCHES } from './store.js';
import { matchRelations } from './commands/matchActions.js';

export const enterprisePoliciesSection: EnterpriseSection = {
  key: 'policies',
  title: { zh: '惠企政策', en: 'Policies for the enterprise' },
  order: 40,
  async load(db, actor, uscc, limit) {
    if (!MATCH_LIFECYCLE.readers.some((p) => actor.roles.includes(p.role as never))) return null;
    // A push is named by its policy's document number (文号), the reference a person reads, not by ids.
    const rows = (await queryRows<Record<string, unknown>>(db, sql`select ${MATCHES.select}, p.document_number as "documentNumber"
      from policy_matches m join policies p on p.id = m.policy_id where m.uscc = ${uscc}
      order by m.pushed_at desc, m.id desc`)).map((r) => ({ ...MATCHES.toRow(r), documentNumber: String(r.documentNumber) }));
    const readable = [];
    for (const row of rows) if (canRead(MATCH_LIFECYCLE, actor.roles, await matchRelations(db, actor, row))) readable.push(row);
    const own = actor.roles.includes('enterprise');
    return {
      total: readable.length,
      items: readable.slice(0, limit).map((m) => ({
        id: m.id, code: m.documentNumber, title: m.policyTitle, status: m.status, statusName: MATCH_STATUS_NAMES[m.status],
        at: m.pushedAt.toISOString(), path: own ? '/policies/for-me' : `/policies/${m.policyId}/matches`,
      })),
      link: { path: `/enterprises/${encodeURIComponent(uscc)}/facts`, label: { zh: '企业事实（政策条件所读）', en: 'Enterprise facts (read by policy conditions)' } },
    };
  },
};
