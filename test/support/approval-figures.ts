/**
 * The approvals figures as they were computed before the judgement was stored: every application
 * read, its clock run live in JS and the facts folded per group. Production counts in SQL over the
 * stored judgement (src/approvals/applications/figure-queries.ts); this is the oracle its tests
 * compare with, the clock's own rule (applicationClock) run at `now`.
 */
import type { SQL } from 'drizzle-orm';
import { sql, queryRows, type Db } from '../../src/platform/db/engine.js';
import { workingCalendar } from '../../src/calendar/store.js';
import type { WorkingCalendar } from '../../src/calendar/rules.js';
import { DEFAULT_OFFICE_HOURS } from '../../src/calendar/rules.js';
import { applicationClock, clockInputOf, statutoryLimitOf, type StoredPause } from '../../src/approvals/applications/rules.js';
import { APPLICATION_DUE_SOON } from '../../src/approvals/applications/type.js';
import { REVIEW_GRADES, type ApprovalFigureRow, type ApprovalFigures, type ReviewGrade } from '../../src/approvals/applications/contract.js';

/** What the figures read of one application, its clock already judged. */
export interface ApplicationFacts {
  id: number;
  accepted: boolean;
  acceptedDeficient: boolean;
  /** Decided (granted or refused). */
  completed: boolean;
  refused: boolean;
  /** For a completed one: judged where its clock stopped. */
  withinCommitted: boolean;
  withinStatutory: boolean;
  workingDaysTaken: number;
  /** The binding statutory limit (joint handling's 45 days where it applies). */
  statutoryLimit: number;
  supplements: number;
  greenChannel: boolean;
  grade: ReviewGrade | null;
}

/** The nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function foldFacts(key: string, name: string, facts: readonly ApplicationFacts[]): ApprovalFigureRow {
  const completed = facts.filter((f) => f.completed);
  const days = completed.map((f) => f.workingDaysTaken).sort((a, b) => a - b);
  const statutory = completed.reduce((s, f) => s + f.statutoryLimit, 0);
  const reviewsByGrade = Object.fromEntries(REVIEW_GRADES.map((g) => [g, facts.filter((f) => f.grade === g).length])) as Record<ReviewGrade, number>;
  return {
    key, name,
    counts: {
      received: facts.length,
      accepted: facts.filter((f) => f.accepted).length,
      acceptedDeficient: facts.filter((f) => f.acceptedDeficient).length,
      completed: completed.length,
      completedWithinCommitted: completed.filter((f) => f.withinCommitted).length,
      completedWithinStatutory: completed.filter((f) => f.withinStatutory).length,
      supplements: facts.reduce((s, f) => s + f.supplements, 0),
      refusals: facts.filter((f) => f.refused).length,
      greenChannel: facts.filter((f) => f.greenChannel).length,
      reviews: facts.filter((f) => f.grade !== null).length,
    },
    reviewsByGrade,
    averageDays: days.length ? round(days.reduce((s, d) => s + d, 0) / days.length, 1) : null,
    p90Days: percentile(days, 90),
    timeSaved: statutory > 0 ? round(1 - days.reduce((s, d) => s + d, 0) / statutory, 4) : null,
  };
}

const MONTH = sql.raw(`to_char(a.received_at at time zone 'UTC' + interval '${DEFAULT_OFFICE_HOURS.timeZoneOffsetMinutes} minutes', 'YYYY-MM')`);

interface FactRow {
  id: number;
  serviceItemId: number;
  itemName: string;
  officeId: number;
  officeName: string;
  regionCode: string;
  regionName: string | null;
  month: string;
  status: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  deficient: boolean;
  statutoryLimit: number;
  committedLimit: number;
  extensionDays: number;
  pauses: StoredPause[];
  greenChannelAt: string | null;
  grade: ReviewGrade | null;
  supplements: number;
  widestStage: number;
}

type Dimension = ApprovalFigures['by'];
const KEY: Record<Dimension, (r: FactRow) => [string, string]> = {
  item: (r) => [String(r.serviceItemId), r.itemName],
  office: (r) => [String(r.officeId), r.officeName],
  region: (r) => [r.regionCode, r.regionName ?? r.regionCode],
  month: (r) => [r.month, r.month],
};

function factRows(db: Db, where: SQL): Promise<FactRow[]> {
  return queryRows<FactRow>(db, sql`select a.id, a.service_item_id as "serviceItemId", v.name as "itemName", a.office_id as "officeId", o.name as "officeName",
      o.region_code as "regionCode", r.name as "regionName", ${MONTH} as month, a.status,
      to_char(a.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt",
      to_char(a.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "decidedAt",
      a.deficiency_promise is not null as deficient, v.statutory_limit::float8 as "statutoryLimit", v.committed_limit::float8 as "committedLimit",
      a.extension_days as "extensionDays", a.pauses,
      to_char(a.green_channel_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "greenChannelAt", a.review_grade as grade,
      (select count(*)::int from application_events e where e.application_id = a.id and e.action in ('supplement', 'supply', 'supply-deficient')) as supplements,
      coalesce((select max(n)::int from (select count(*) as n from application_branches b where b.application_id = a.id group by b.stage_no) s), 0) as "widestStage"
    from applications a join service_item_versions v on v.id = a.version_id join offices o on o.id = a.office_id left join regions r on r.code = o.region_code
    where ${where}
    order by a.id`);
}

function factsOf(r: FactRow, cal: WorkingCalendar, now: Date): ApplicationFacts {
  const stages = r.widestStage >= 2 ? [{ branches: [0, 1] }] : [];
  const decidedAt = r.decidedAt ? new Date(r.decidedAt) : null;
  const clock = r.acceptedAt
    ? applicationClock(cal, APPLICATION_DUE_SOON, clockInputOf({
      acceptedAt: new Date(r.acceptedAt), statutoryLimit: r.statutoryLimit, committedLimit: r.committedLimit, extensionDays: r.extensionDays,
      pauses: r.pauses, stages, greenChannelAt: r.greenChannelAt ? new Date(r.greenChannelAt) : null,
    }, decidedAt), now)
    : null;
  const completed = decidedAt !== null && clock !== null;
  return {
    id: Number(r.id), accepted: r.acceptedAt !== null, acceptedDeficient: r.deficient, completed, refused: r.status === 'refused',
    withinCommitted: completed && clock!.state !== 'overdue', withinStatutory: completed && !clock!.statutoryOverdue,
    workingDaysTaken: clock?.workingDaysTaken ?? 0, statutoryLimit: statutoryLimitOf(r.statutoryLimit, r.widestStage >= 2),
    supplements: r.supplements, greenChannel: r.greenChannelAt !== null, grade: r.grade,
  };
}

/** Every application `where` selects (over `applications a`), its facts judged on the live clock at `now`. */
export async function liveFacts(db: Db, where: SQL, now = new Date()): Promise<ApplicationFacts[]> {
  const cal = await workingCalendar(db);
  return (await factRows(db, where)).map((r) => factsOf(r, cal, now));
}

/** The figures as the old fold made them: months `from`..`to`, grouped `by`, over the applications `visible` selects. */
export async function foldedFigures(db: Db, visible: SQL, q: { from: string; to: string; by: Dimension }, now = new Date()): Promise<ApprovalFigures> {
  const cal = await workingCalendar(db);
  const rows = await factRows(db, sql`${visible} and ${MONTH} between ${q.from} and ${q.to}`);
  const groups = new Map<string, { name: string; facts: ApplicationFacts[] }>();
  const all: ApplicationFacts[] = [];
  for (const r of rows) {
    const f = factsOf(r, cal, now);
    all.push(f);
    const [key, name] = KEY[q.by](r);
    const g = groups.get(key) ?? { name, facts: [] };
    g.facts.push(f);
    groups.set(key, g);
  }
  const out = [...groups.entries()].map(([key, g]) => foldFacts(key, g.name, g.facts))
    .sort((a, b) => (q.by === 'month' ? a.key.localeCompare(b.key) : b.counts.received - a.counts.received || a.name.localeCompare(b.name, 'zh')));
  return { from: q.from, to: q.to, by: q.by, rows: out, total: foldFacts('total', '合计', all) };
}
