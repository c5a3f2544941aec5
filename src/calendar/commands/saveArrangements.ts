import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { recordAudit } from '../../audit/record.js';
import { requireRole, seesEverything } from '../../auth/permissions.js';
import { bumpRevision, forgetCalendar } from '../store.js';
import type { YearArrangement } from '../rules.js';
import type { SavedYears } from '../contract.js';

export interface SaveArrangementsInput {
  /** From an import file or an administrator's entry; partial ones are spill-over dates of a neighbouring year's announcement. */
  arrangements: YearArrangement[];
  source: 'imported' | 'entered';
  fileName?: string;
}

/** Only the system administrator changes the national calendar: every office's deadlines depend on it. */
export function requireCalendarAdmin(actor: Actor) {
  requireRole(actor, ['admin'], { zh: '维护节假日安排', en: 'maintain the holiday calendar' });
  if (!seesEverything(actor)) throw forbidden('节假日安排只能由系统管理员维护', 'Only the system administrator maintains the holiday calendar');
}

/**
 * Stores announced years: each complete year replaces what was declared for it before; its
 * spill-over dates in a neighbouring year are kept under the same announcement.
 */
export async function saveArrangements(db: Db, actor: Actor, input: SaveArrangementsInput): Promise<SavedYears> {
  requireCalendarAdmin(actor);
  const complete = input.arrangements.filter((a) => !a.partial);
  const declaredYear = complete.length === 1 ? complete[0].year : null;
  const result = await db.transaction(async (tx) => {
    const before = await queryRows<{ declared_year: number; n: number }>(tx, sql`
      select declared_year, count(*)::int as n from calendar_days
      where declared_year = any(${`{${complete.map((a) => a.year).join(',')}}`}::int[]) group by declared_year`);
    let days = 0;
    for (const a of complete) {
      await tx.execute(sql`delete from calendar_days where declared_year = ${a.year}`);
      await tx.execute(sql`insert into calendar_years (year, source, file_name, updated_by) values (${a.year}, ${input.source}, ${input.fileName ?? null}, ${actor.name})
        on conflict (year) do update set source = excluded.source, file_name = excluded.file_name, updated_by = excluded.updated_by, updated_at = now()`);
    }
    for (const a of input.arrangements) {
      const rows = [
        ...Object.entries(a.holidays).map(([date, name]) => ({ date, kind: 'holiday', name })),
        ...Object.entries(a.makeUpWorkdays).map(([date, name]) => ({ date, kind: 'makeup_workday', name })),
      ];
      if (rows.length === 0) continue;
      const declared = a.partial ? (declaredYear ?? a.year) : a.year;
      await tx.execute(sql`insert into calendar_days (date, kind, name, declared_year)
        select r.date::date, r.kind, r.name, ${declared} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(date text, kind text, name text)
        on conflict (date) do update set kind = excluded.kind, name = excluded.name, declared_year = excluded.declared_year`);
      days += rows.length;
    }
    await bumpRevision(tx);
    await recordAudit(tx, actor, {
      action: `calendar.${input.source === 'imported' ? 'import' : 'enter'}`, entityType: 'calendar', entityId: input.arrangements.map((a) => a.year).join(','),
      before: Object.fromEntries(before.map((b) => [b.declared_year, b.n])),
      after: { fileName: input.fileName ?? null, years: input.arrangements.map((a) => ({ year: a.year, partial: !!a.partial, holidays: Object.keys(a.holidays).length, makeUpWorkdays: Object.keys(a.makeUpWorkdays).length })) },
    });
    return { years: input.arrangements.map((a) => a.year), days };
  });
  forgetCalendar(db);
  return result;
}
