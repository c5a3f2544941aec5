/**
 * Seed 000's case: the construction-permit stage of one project through four departments,
 * serially and in parallel, on the official calendar (working days, as the seed's 19 → 5), and
 * the time one application's whole run through the commands takes (embedded PGlite); the
 * restaurant bundle (开办餐馆“一件事”) from intake until every part is decided, the same way, each
 * department deciding on the last day of its committed limit.
 * Then the approvals figures over APPROVALS_FIGURE_APPLICATIONS (50,000) applications of one
 * county bulk-loaded with SQL into a throwaway PostgreSQL 15 server, beside a plain count(*) scan
 * of the same table (the baseline) and the old fold that ran every completed application's clock
 * in JS (now the tests' oracle), in the same run.
 */
import { openDatabase, queryRows, sql, type Db } from '../src/platform/db/engine.js';
import { operatorActor, type Actor } from '../src/platform/actor.js';
import { prepareDatabase } from '../src/app.js';
import { runAction } from '../src/platform/lifecycle/index.js';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_ENTERPRISE_USCC, loadDemoOrganisation } from '../src/demo/organisation.js';
import { loadDemoServiceItems } from '../src/approvals/demo.js';
import { loadDemoBundles } from '../src/approvals/bundles/demo.js';
import { takeInBundle } from '../src/approvals/bundles/doors.js';
import { publishedBundle } from '../src/approvals/bundles/catalogue.js';
import { getBundleApplication } from '../src/approvals/bundles/queries.js';
import { BUNDLE_APPLICATION_TYPE } from '../src/approvals/bundles/type.js';
import { loadBundleApplication } from '../src/approvals/bundles/store.js';
import { permitStageCast, runPermitStage } from '../src/approvals/applications/permit-stage.js';
import { demoActor } from '../src/demo/actors.js';
import { APPLICATION_TYPE } from '../src/approvals/applications/type.js';
import { loadApplication } from '../src/approvals/applications/store.js';
import { judgeStaleApplications } from '../src/approvals/applications/judgements.js';
import { approvalFigures } from '../src/approvals/applications/figure-queries.js';
import { visibleApplications } from '../src/approvals/applications/queries.js';
import { addWorkingDays, toLocalDate } from '../src/calendar/rules.js';
import { endOfOfficeDay } from '../src/calendar/working-time.js';
import { workingCalendar } from '../src/calendar/store.js';
import { foldedFigures } from '../test/support/approval-figures.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { PG_BENCH_SETTINGS } from './cases-intake.bench.js';

const APPLICATIONS = Number(process.env.APPROVALS_FIGURE_APPLICATIONS ?? 50_000);
const RUNS = 5;

/**
 * The restaurant bundle taken in with every material, accepted (each part sent to its department
 * at once), and each part signed, approved and granted by its department half an hour before the
 * close of office on the last day of its item's committed limit; returns the bundle's id.
 */
async function runRestaurantBundle(db: Db, acceptedAt: Date): Promise<number> {
  const cal = await workingCalendar(db);
  const [{ id: bundleId }] = await queryRows<{ id: number }>(db, sql`select id from service_bundles where code = 'restaurant-opening'`);
  const bundle = await publishedBundle(db, Number(bundleId));
  const window = await demoActor(db, 'window-agent');
  const reviewers: Actor[] = await Promise.all(['reviewer-market', 'reviewer-urban', 'reviewer-fire'].map((u) => demoActor(db, u)));
  const taken = await takeInBundle(db, window, {
    bundleId: bundle.id, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialKeys: bundle.checklist.filter((m) => !m.internal).map((m) => m.key),
  }, acceptedAt);
  const row = (await loadBundleApplication(db, taken.id))!;
  await runAction(db, BUNDLE_APPLICATION_TYPE, window, { id: row.id, action: 'accept', version: row.version, input: {}, at: acceptedAt });
  const parts = (await loadBundleApplication(db, taken.id))!.parts;
  // A half-day limit (当日办结) is met two hours after acceptance.
  const decisionAt = (days: number) => (days < 1 ? new Date(acceptedAt.getTime() + 2 * 3_600_000)
    : new Date(endOfOfficeDay(cal, addWorkingDays(cal, toLocalDate(acceptedAt, cal.officeHours), days).date).getTime() - 30 * 60_000));
  const byPart = parts.map((p) => ({ p, at: decisionAt(p.committedLimit) })).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { p, at } of byPart) {
    const reviewer = reviewers.find((r) => r.officeId === p.officeId)!;
    const act = async (action: 'sign' | 'approve' | 'conclude', input: Record<string, unknown>, when: Date) => {
      const current = (await loadApplication(db, p.id))!;
      await runAction(db, APPLICATION_TYPE, reviewer, { id: p.id, action, version: current.version, input, at: when });
    };
    await act('sign', { departmentId: p.officeId }, acceptedAt);
    await act('approve', { departmentId: p.officeId }, at);
    await act('conclude', {}, at);
  }
  return taken.id;
}

async function permitStageAndBundle(): Promise<void> {
  const database = await openDatabase({});
  await prepareDatabase(database);
  try {
    const demo = await loadDemoOrganisation(database.db, operatorActor());
    await loadDemoServiceItems(database.db, operatorActor(), demo.offices);
    await loadDemoBundles(database.db, operatorActor());
    const cast = await permitStageCast(database.db, demo.offices, 'bench');
    const acceptedAt = new Date('2026-09-28T10:00:00+08:00');
    for (const mode of ['serial', 'parallel'] as const) {
      const t0 = performance.now();
      const r = await runPermitStage(database.db, cast, mode, acceptedAt);
      const ms = performance.now() - t0;
      console.log(`permit stage, ${mode.padEnd(8)} ${String(r.workingDays).padStart(3)} working days (${r.stages} stage${r.stages > 1 ? 's' : ''}, accepted 2026-09-28, last approval ${r.endedOn})   ${ms.toFixed(0)} ms through the commands`);
    }
    console.log(`departments' committed limits: ${Object.entries(cast.limits).map(([d, n]) => `${d} ${n}`).join(', ')} (serial = their sum, parallel = their maximum)`);
    const t0 = performance.now();
    const id = await runRestaurantBundle(database.db, acceptedAt);
    const ms = performance.now() - t0;
    const view = await getBundleApplication(database.db, await demoActor(database.db, 'window-agent'), id);
    if (view.parts.some((p) => !['approved', 'refused'].includes(p.status))) throw new Error(`approvals bench: a part of the bundle was not decided: ${view.parts.map((p) => p.status).join(', ')}`);
    const path = view.criticalPath!;
    console.log(`bundle ${view.bundleName}, ${view.parts.length} parts in parallel   ${path.workingDaysTaken} working days (critical path; committed ${path.committedDays.parallel} in parallel, ${path.committedDays.serial} serially), accepted 2026-09-28   ${ms.toFixed(0)} ms through the commands, intake to every part decided`);
  } finally {
    await database.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * APPLICATIONS applications of 中牟县's items, received over 2026 to mid-October: 1 in 20 never
 * accepted, 8 in 10 of the accepted decided (1 in 13 refused) 0–39 days later, a quarter of those
 * with a test's pause, 1 in 9 extended, 1 in 6 handled jointly by two departments, 1 in 50 in the
 * green channel, a third reviewed; six events each, a supplement among them for 1 in 5.
 */
async function loadApplications(db: Db, county: number): Promise<void> {
  const versions = await queryRows<{ id: number; itemId: number; officeId: number }>(db, sql`select v.id, v.item_id as "itemId", v.office_id as "officeId"
    from service_item_versions v join service_items s on s.id = v.item_id and s.revision = v.revision join offices o on o.id = v.office_id
    where o.path like (select path from offices where id = ${county}) || '%' order by v.id`);
  const arr = (k: 'id' | 'itemId' | 'officeId') => `{${versions.map((v) => Number(v[k])).join(',')}}`;
  const window = county;
  const iso = (col: string) => `to_char((${col}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await db.execute(sql`create temporary table bench_apps as
    select g, v.i, (${arr('id')}::int[])[v.i] as version_id, (${arr('itemId')}::int[])[v.i] as item_id, (${arr('officeId')}::int[])[v.i] as office_id,
      received, case when g % 20 = 0 then null else received + interval '30 minutes' end as accepted,
      case when g % 20 <> 0 and g % 10 < 8 then received + interval '30 minutes' + ((g * 7919) % 40) * interval '1 day' + ((g * 31) % 420) * interval '1 minute' end as decided
    from generate_series(1, ${APPLICATIONS}) g,
      lateral (select 1 + g % ${versions.length} as i) v,
      lateral (select timestamptz '2026-01-05 09:00+08' + (g % 280) * interval '1 day' + ((g * 37) % 480) * interval '1 minute' as received) r`);
  await db.execute(sql`insert into applications (service_item_id, version_id, office_id, applicant_kind, applicant_name, channel, window_office_id,
      received_at, accepted_at, status, decided_at, refusal_reason, pauses, extension_days, stage_count, green_channel_at, green_channel_reason,
      review_grade, reviewed_at, review_channel)
    select item_id, version_id, office_id, 'person', '申请人' || g, 'window', ${window}, received, accepted,
      case when accepted is null then 'received' when decided is null then 'in_review' when g % 13 = 0 then 'refused' else 'delivered' end,
      decided, case when decided is not null and g % 13 = 0 then '不符合条件' end,
      case when decided is not null and g % 4 = 0 then jsonb_build_array(jsonb_build_object('reason', 'testing', 'note', '检测',
        'from', ${sql.raw(iso("accepted + interval '1 day'"))}, 'to', ${sql.raw(iso("least(decided, accepted + interval '3 days')"))})) else '[]'::jsonb end,
      case when accepted is not null and g % 9 = 0 then 5 else 0 end, case when accepted is null then 0 else 1 end,
      case when g % 50 = 0 then received end, case when g % 50 = 0 then '重点项目' end,
      case when decided is not null and g % 3 = 0 then (array['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'])[1 + g % 5] end,
      case when decided is not null and g % 3 = 0 then decided + interval '1 day' end, case when decided is not null and g % 3 = 0 then 'online' end
    from bench_apps order by g`);
  await db.execute(sql`insert into application_stages (application_id, stage_no, name, status, started_at, ended_at)
    select id, 1, '审查', case when decided_at is null then 'open' when status = 'refused' then 'refused' else 'approved' end, accepted_at, decided_at
    from applications where accepted_at is not null`);
  await db.execute(sql`insert into application_branches (application_id, stage_no, office_id, status, updated_at)
    select a.id, 1, o.office_id, case when a.decided_at is null then 'reviewing' when a.status = 'refused' then 'refused' else 'approved' end, a.accepted_at
    from applications a, lateral (select a.office_id union all select ${window} where a.id % 6 = 0) o(office_id) where a.accepted_at is not null`);
  await db.execute(sql`insert into application_events (application_id, seq, at, action, actor_name, from_status, to_status, data, prev_hash, hash)
    select a.id, s.seq, a.received_at + s.seq * interval '1 minute', s.action, 'bench', null, a.status, '{}'::jsonb, 'x', 'x'
    from applications a, lateral (select * from (values (1, 'create'), (2, 'accept'), (3, 'start-stage'), (4, 'sign'), (5, case when a.id % 5 = 0 then 'supply' else 'approve' end), (6, 'conclude')) e(seq, action)) s`);
  await db.execute(sql`analyze applications`);
  await db.execute(sql`analyze application_events`);
  await db.execute(sql`analyze application_branches`);
}

async function figuresAtScale(): Promise<void> {
  const server = await startPostgresServer({ settings: PG_BENCH_SETTINGS });
  try {
    const database = await openDatabase({ databaseUrl: await server.createDatabase('approvals') });
    try {
      const db = database.db;
      await prepareDatabase(database);
      const demo = await loadDemoOrganisation(db, operatorActor());
      await loadDemoServiceItems(db, operatorActor(), demo.offices);
      let t0 = performance.now();
      await loadApplications(db, demo.offices['county-410122']);
      const [{ n, decided }] = await queryRows<{ n: number; decided: number }>(db, sql`select count(*)::int as n, count(decided_at)::int as decided from applications`);
      console.log(`\nPostgreSQL 15: ${n.toLocaleString('en')} applications of 中牟县 (${decided.toLocaleString('en')} decided) bulk-loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      t0 = performance.now();
      const judged = await judgeStaleApplications(db);
      console.log(`judge the clock of ${judged.toLocaleString('en')} decided applications from nothing (the start-up step after migration 2026120510)   ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const leader = await demoActor(db, 'zhongmu-leader');
      const visible = visibleApplications(leader);
      const q = { from: '2026-01', to: '2026-12' };
      const base = await timed(() => queryRows(db, sql`select count(*) from applications a where ${visible}`));
      console.log(`select count(*) over the applications the leader may read (baseline)   ${base.toFixed(0)} ms   (median of ${RUNS})`);
      for (const by of ['office', 'month'] as const) {
        const figures = await approvalFigures(db, leader, visible, { ...q, by });
        if (figures.total.counts.received !== n) throw new Error(`approvals bench: the figures counted ${figures.total.counts.received} of ${n}`);
        const ms = await timed(() => approvalFigures(db, leader, visible, { ...q, by }));
        console.log(`figures by ${by.padEnd(6)} over the stored judgement (SQL)   ${ms.toFixed(0)} ms   ${(ms / base).toFixed(1)}× the baseline`);
      }
      const oracle = await timed(() => foldedFigures(db, visible, { ...q, by: 'office' }));
      const now = await approvalFigures(db, leader, visible, { ...q, by: 'office' });
      const old = await foldedFigures(db, visible, { ...q, by: 'office' });
      if (!isDeepStrictEqual(now, old)) throw new Error('approvals bench: the figures differ from the old fold');
      console.log(`figures by office, the old fold: every application's clock run in JS   ${oracle.toFixed(0)} ms   ${(oracle / base).toFixed(1)}× the baseline (the same figures)`);
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}

export async function run() {
  await permitStageAndBundle();
  await figuresAtScale();
}
