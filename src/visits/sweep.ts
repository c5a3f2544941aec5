/**
 * The visit sweep: approved visits whose day has passed without a scan are flagged (未扫码), each
 * with an event of its own. Safe in several processes: each run takes the rows it flags with
 * `for update skip locked`, and a flagged row is never taken again.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import { appendEvent } from '../platform/lifecycle/index.js';
import { toLocalDate } from '../calendar/rules.js';
import { workingCalendar } from '../calendar/store.js';
import { VISITS } from './store.js';
import { VISIT_TYPE } from './type.js';

const SYSTEM = { userId: null, name: 'system:visit-sweep', officeId: null };

export async function sweepVisits(db: Db, now: Date = new Date()): Promise<number> {
  const today = toLocalDate(now, (await workingCalendar(db)).officeHours);
  return db.transaction(async (tx) => {
    const rows = (await queryRows<Record<string, unknown>>(tx, sql`select ${VISITS.select} from visits v
      where v.status = 'approved' and v.unscanned_at is null and v.planned_date < ${today}::date order by v.id limit 500 for update skip locked`)).map(VISITS.toRow);
    for (const row of rows) {
      await appendEvent(tx, VISIT_TYPE, row, { unscannedAt: now }, { at: now.toISOString(), action: 'unscanned', actor: SYSTEM, data: { plannedDate: row.plannedDate } }, { bumpVersion: false });
    }
    return rows.length;
  });
}
