/** The enterprise page's visits (企业档案·入企): the visits to it the viewer may read, newest first. */
import { sql } from 'drizzle-orm';
import { queryRows } from '../platform/db/engine.js';
import type { EnterpriseSection } from '../platform/manifest.js';
import { VISIT_STATUS_NAMES, type VisitStatus } from './contract.js';
import { visibleVisits } from './queries.js';

export const enterpriseVisitsSection: EnterpriseSection = {
    key: 'visits',
    title: { zh: '入企', en: 'Official visits' },
    order: 30,
    async load(db, actor, uscc, limit) {
      const visible = await visibleVisits(db, actor);
      if (!visible) return null;
      const where = sql`v.uscc = ${uscc} and ${visible}`;
      const [rows, [{ total }]] = await Promise.all([
        queryRows<{ id: number; office: string; purpose: string; status: VisitStatus; planned: string }>(db, sql`select v.id, o.name as office, v.purpose, v.status,
            to_char(v.planned_date, 'YYYY-MM-DD') as planned from visits v join offices o on o.id = v.office_id where ${where} order by v.planned_date desc, v.id desc limit ${limit}`),
        queryRows<{ total: number }>(db, sql`select count(*)::int as total from visits v where ${where}`),
      ]);
      return {
        total,
        items: rows.map((r) => ({ id: r.id, code: `${r.planned}`, title: `${r.office}：${r.purpose}`, status: r.status, statusName: VISIT_STATUS_NAMES[r.status], at: `${r.planned}T00:00:00.000Z`, path: `/visits/${r.id}` })),
      };
    },
};
