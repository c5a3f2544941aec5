/** The enterprise page's service visits (企业档案·走访服务): the visits to it the viewer may read, with problems raised and solved. */
import type { EnterpriseSection } from '../platform/manifest.js';
import { listServiceVisits } from './queries.js';
import { SERVICE_VISIT_KIND_NAMES, SERVICE_VISIT_STATUS_NAMES } from './contract.js';

export const enterpriseServiceVisitsSection: EnterpriseSection = {
  key: 'service-visits',
  title: { zh: '走访服务', en: 'Service visits' },
  order: 30,
  async load(db, actor, uscc, limit) {
    const page = await listServiceVisits(db, actor, { uscc, pageSize: limit });
    if (page.total === 0) return null;
    return {
      total: page.total,
      items: page.items.map((v) => ({
        id: v.id, code: `#${v.id}`, title: `${SERVICE_VISIT_KIND_NAMES[v.kind].zh}：${v.officeName}（问题 ${v.problems}，已解决 ${v.solved}）`,
        status: v.status, statusName: SERVICE_VISIT_STATUS_NAMES[v.status], at: `${v.plannedOn}T00:00:00.000Z`, path: `/enterprise-services/visits/${v.id}`,
      })),
    };
  },
};
