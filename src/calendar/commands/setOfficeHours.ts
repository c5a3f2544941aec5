import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { staleVersion } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { bumpRevision, forgetCalendar } from '../store.js';
import { createWorkingCalendar } from '../rules.js';
import type { OfficeHours, OfficeHoursSetting } from '../contract.js';
import { requireCalendarAdmin } from './saveArrangements.js';

const SETTINGS = { zh: '办公时间设置', en: 'office hours setting' };

/** Changes the office hours that working-hour deadlines count in (default 09:00–12:00, 13:30–17:30). */
export async function setOfficeHours(db: Db, actor: Actor, input: OfficeHoursSetting): Promise<OfficeHoursSetting> {
  requireCalendarAdmin(actor);
  const hours: OfficeHours = { timeZoneOffsetMinutes: input.timeZoneOffsetMinutes, periods: input.periods };
  createWorkingCalendar([], hours); // validates the periods, throwing a CalendarInputError a person can read
  const result = await db.transaction(async (tx) => {
    const [before] = await queryRows<{ office_hours: OfficeHours; version: number }>(tx, sql`select office_hours, version from calendar_settings where id = 1 for update`);
    if (before.version !== input.version) throw staleVersion(SETTINGS, before.version);
    await tx.execute(sql`update calendar_settings set office_hours = ${JSON.stringify(hours)}::jsonb, version = version + 1 where id = 1`);
    await bumpRevision(tx);
    await recordAudit(tx, actor, { action: 'calendar.office_hours', entityType: 'calendar', entityId: 'office-hours', before: before.office_hours, after: hours });
    return { ...hours, version: before.version + 1 };
  });
  forgetCalendar(db);
  return result;
}
