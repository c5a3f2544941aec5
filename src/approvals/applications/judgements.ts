/**
 * The clock's judgement of decided applications, stored beside them (migration 2026120510) so
 * the figures count in SQL: written in the deciding transaction by the subscriber
 * (subscribers/clock-judgement.ts), and made again here, in batches, for every decided
 * application not judged on the calendar in force — those decided before the judgement was
 * stored, and all of them after the calendar changes (a holiday entered, the office hours moved).
 * The start-up step brings a database up to date before it serves; the job follows calendar
 * changes made while it runs.
 */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import { calendarInForce } from '../../calendar/store.js';
import type { WorkingCalendar } from '../../calendar/rules.js';
import { judgeDecided, type ClockJudgement, type StoredPause } from './rules.js';
import { APPLICATION_DUE_SOON } from './type.js';
import type { ApplicationItem } from './lifecycle.js';

const BATCH = 2000;

// A judgement on a later calendar (another process's) is never overwritten with one on an older.
const write = (tx: Db, judged: { id: number; j: ClockJudgement }[], revision: number) => tx.execute(sql`update applications a
  set judged_days_taken = v.days, judged_within_committed = v.committed, judged_within_statutory = v.statutory, judged_statutory_limit = v.lim,
    judged_calendar_revision = ${revision}
  from jsonb_to_recordset(${JSON.stringify(judged.map(({ id, j }) => ({
    id, days: j.workingDaysTaken, committed: j.withinCommitted, statutory: j.withinStatutory, lim: j.statutoryLimit,
  })))}::jsonb) as v(id bigint, days integer, committed boolean, statutory boolean, lim numeric)
  where a.id = v.id and a.decided_at is not null and (a.judged_calendar_revision is null or a.judged_calendar_revision <= ${revision})`);

/** Judges one application as it is decided, inside the deciding transaction. */
export async function recordJudgement(tx: Db, a: ApplicationItem & { acceptedAt: Date; decidedAt: Date }): Promise<void> {
  const { calendar, revision } = await calendarInForce(tx);
  await write(tx, [{ id: a.id, j: judgeDecided(calendar, APPLICATION_DUE_SOON, a) }], revision);
}

interface DecidedRow {
  id: number;
  acceptedAt: string;
  decidedAt: string;
  statutoryLimit: number;
  committedLimit: number;
  extensionDays: number;
  pauses: StoredPause[];
  greenChannelAt: string | null;
  widestStage: number;
}

const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const stale = (revision: number) => sql`a.decided_at is not null and (a.judged_calendar_revision is null or a.judged_calendar_revision < ${revision})`;

function judgeRow(cal: WorkingCalendar, r: DecidedRow): ClockJudgement {
  return judgeDecided(cal, APPLICATION_DUE_SOON, {
    acceptedAt: new Date(r.acceptedAt), decidedAt: new Date(r.decidedAt), statutoryLimit: r.statutoryLimit, committedLimit: r.committedLimit,
    extensionDays: r.extensionDays, pauses: r.pauses, greenChannelAt: r.greenChannelAt ? new Date(r.greenChannelAt) : null,
    // Joint handling is all the clock reads of the stages: two or more departments at once in one of them.
    stages: r.widestStage >= 2 ? [{ branches: [0, 1] }] : [],
  });
}

/**
 * Judges, in batches of its own transactions, every decided application not judged on the
 * calendar in force; returns how many. Safe in several processes at once: each writes the same
 * judgement of the same facts.
 */
export async function judgeStaleApplications(db: Db): Promise<number> {
  const { calendar, revision } = await calendarInForce(db);
  let judged = 0;
  for (let after = 0; ;) {
    const rows = await queryRows<DecidedRow>(db, sql`select a.id, ${ts('a.accepted_at')} as "acceptedAt", ${ts('a.decided_at')} as "decidedAt",
        v.statutory_limit::float8 as "statutoryLimit", v.committed_limit::float8 as "committedLimit", a.extension_days as "extensionDays", a.pauses,
        ${ts('a.green_channel_at')} as "greenChannelAt",
        coalesce((select max(n)::int from (select count(*) as n from application_branches b where b.application_id = a.id group by b.stage_no) s), 0) as "widestStage"
      from applications a join service_item_versions v on v.id = a.version_id
      where ${stale(revision)} and a.id > ${after}
      order by a.id limit ${BATCH}`);
    if (!rows.length) return judged;
    await db.transaction((tx) => write(tx, rows.map((r) => ({ id: Number(r.id), j: judgeRow(calendar, r) })), revision));
    judged += rows.length;
    after = Number(rows.at(-1)!.id);
  }
}
