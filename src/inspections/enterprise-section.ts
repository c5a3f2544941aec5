/**
 * The enterprise page's inspections (企业档案·双随机抽查): the visits of the enterprise the viewer
 * may read — its own, for the enterprise; its departments' and its teams', for staff.
 */
import { sql } from 'drizzle-orm';
import type { EnterpriseSection } from '../platform/manifest.js';
import { VISIT_STATUS_NAMES } from './contract.js';
import { VISIT_LIFECYCLE } from './lifecycle.js';
import { visitsWhere } from './queries.js';

export const enterpriseInspectionsSection: EnterpriseSection = {
  key: 'inspections',
  title: { zh: '双随机抽查', en: 'Random inspections' },
  order: 30,
  async load(db, actor, uscc, limit) {
    if (!VISIT_LIFECYCLE.readers.some((p) => actor.roles.includes(p.role as never))) return null;
    const visits = await visitsWhere(db, actor, sql`v.uscc = ${uscc}`);
    return {
      total: visits.length,
      items: visits.slice(0, limit).map((v) => ({
        id: v.id, code: v.taskCode, title: v.teams.map((t) => t.departmentName).join('、'), status: v.status, statusName: VISIT_STATUS_NAMES[v.status],
        at: v.createdAt, path: actor.roles.includes('enterprise') ? '/inspections/mine' : `/inspections/tasks/${v.taskId}`,
      })),
    };
  },
};
