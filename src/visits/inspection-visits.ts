/**
 * An inspection on site is a visit and counts against the visit rules (国办发〔2024〕54号: random
 * inspections are within the frequency caps). The visits module follows the inspections'
 * `inspection_visit` events — it is never called by them — and keeps one row per inspection
 * visit and inspecting department in `visit_inspections`, in the event's transaction:
 * - `visit_planned` (the draw): the visit counts from the draw's day, kept within the task's period;
 * - `record-result`: it counts on the day inspected;
 * - `cancelled` (a redraw set it aside): its places are released.
 * As a joint visit does, a joint inspection (跨部门联合抽查) takes one place of each inspecting
 * department's yearly limit at the enterprise and of its yearly plan, and counts once for the
 * enterprise. A drawn inspection is never refused by the visit rules — the sample is the law's —
 * but the places it takes refuse the department's further routine filings.
 */
import { sql } from 'drizzle-orm';
import type { Subscriber } from '../platform/lifecycle/index.js';
import { toLocalDate } from '../calendar/rules.js';

/** What the subscriber reads of an inspection visit. */
interface FollowedInspection {
  id: number;
  uscc: string;
  enterpriseName: string;
}

interface Planned {
  taskCode: string;
  uscc: string;
  departments: number[];
  periodFrom: string;
  periodTo: string;
}

/** The day a drawn inspection counts on until it is inspected: the draw's, kept within the task's period. */
export function plannedInspectionDay(drawnOn: string, periodFrom: string, periodTo: string): string {
  if (drawnOn < periodFrom) return periodFrom;
  return drawnOn > periodTo ? periodTo : drawnOn;
}

export const inspectionVisits: Subscriber<FollowedInspection> = {
  name: 'visits: inspections on site count against the visit rules',
  type: 'inspection_visit',
  actions: ['visit_planned', 'record-result', 'cancelled'],
  async perform(tx, { event, after }) {
    if (event.action === 'visit_planned') {
      const d = event.data as unknown as Planned;
      const day = plannedInspectionDay(toLocalDate(new Date(event.at)), d.periodFrom, d.periodTo);
      await tx.execute(sql`insert into visit_inspections (inspection_visit_id, office_id, region_code, uscc, enterprise_name, task_code, visit_date, status)
        select ${after.id}, o.id, o.region_code, ${after.uscc}, ${after.enterpriseName}, ${d.taskCode}, ${day}::date, 'planned'
        from offices o where o.id = any(${`{${d.departments.join(',')}}`}::int[])`);
    } else if (event.action === 'record-result') {
      await tx.execute(sql`update visit_inspections set status = 'done', visit_date = ${String(event.data.inspectedOn)}::date where inspection_visit_id = ${after.id}`);
    } else {
      await tx.execute(sql`update visit_inspections set status = 'cancelled' where inspection_visit_id = ${after.id}`);
    }
  },
};
