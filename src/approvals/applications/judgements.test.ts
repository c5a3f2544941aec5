/**
 * The clock's judgement stored at the decision, on both engines: for a randomised set of
 * applications run through the real commands (pauses, a department's request, extensions,
 * deficiency acceptance, the green channel, joint handling, refusals, acceptance dates across the
 * Spring Festival and the National Day week) the stored judgement equals the clock's rule run
 * live, and the figures and their drill-down equal what the old fold over every application
 * computes (test/support/approval-figures.ts); after the rows are judged again from nothing (a
 * database from before the judgement was stored) and after the calendar changes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { foldedFigures, liveFacts } from '../../../test/support/approval-figures.js';
import { operatorActor, type Actor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { runAction } from '../../platform/lifecycle/index.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { saveArrangements } from '../../calendar/commands/saveArrangements.js';
import { loadDemoServiceItems } from '../demo.js';
import { takeIn } from './doors.js';
import { loadApplication } from './store.js';
import { APPLICATION_TYPE } from './type.js';
import { judgeStaleApplications } from './judgements.js';
import { approvalFigures, FIGURE_DIMENSIONS } from './figure-queries.js';
import { listApplications, visibleApplications } from './queries.js';
import { permitStageCast, staff, PERMIT_STAGE, type PermitCast, type PermitDepartment } from './permit-stage.js';
import type { ApplicationAction } from './contract.js';

const HOUR = 3_600_000;
const DEPARTMENTS = PERMIT_STAGE.map((s) => s.department);

/** One application's run: each step a number of hours after the one before. */
const SPEC = fc.record({
  department: fc.constantFrom(...DEPARTMENTS),
  /**
   * Day of 2026 it is accepted, and the hour: the Spring Festival (15–23 Feb) and the National Day
   * week (1–8 Oct) fall inside the runs, and every run is decided before today (the old fold
   * judged a decision still to come where the clock stood now).
   */
  day: fc.integer({ min: 5, max: 230 }),
  hour: fc.integer({ min: 7, max: 20 }),
  deficient: fc.boolean(),
  green: fc.constantFrom('none', 'before', 'after'),
  joint: fc.boolean(),
  pause: fc.option(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 300 })), { nil: null }),
  askMore: fc.option(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 300 })), { nil: null }),
  extend: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  /** Hours from the last step to the decision. */
  decideAfter: fc.integer({ min: 1, max: 700 }),
  outcome: fc.constantFrom('grant', 'refuse', 'open', 'withdraw'),
});
type Spec = typeof SPEC extends fc.Arbitrary<infer T> ? T : never;

describe.each(ENGINES)('the clock judged at the decision and the figures in SQL on %s', (engine) => {
  let t: TestApp;
  let cast: PermitCast;
  let leader: Actor;
  let materials: Record<PermitDepartment, { all: number[]; main: number[] }>;
  let from: string;
  let to: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    await loadDemoServiceItems(db, operatorActor(), t.demo.offices);
    cast = await permitStageCast(db, t.demo.offices, 'judged');
    leader = await staff(db, 'judged-leader', 'leader', t.demo.offices['county-410122']);
    materials = {} as typeof materials;
    for (const s of PERMIT_STAGE) {
      const ms = await queryRows<{ id: number; deficiency: boolean }>(db, sql`select m.id, m.deficiency from service_item_materials m
        join service_item_versions v on v.id = m.version_id join service_items i on i.id = v.item_id and i.revision = v.revision
        where v.name = ${s.item} and v.office_id = ${cast.offices[s.department]} and m.required order by m.position`);
      materials[s.department] = { all: ms.map((m) => Number(m.id)), main: ms.filter((m) => !m.deficiency).map((m) => Number(m.id)) };
    }
  }, 180_000);
  afterAll(() => t.close());

  /** Runs one spec through the commands; returns the application's id. */
  async function run(s: Spec, n: number): Promise<number> {
    const db = t.database.db;
    const d = s.department;
    const dept = cast.offices[d];
    const other = cast.offices[DEPARTMENTS.find((o) => o !== d)!];
    const [item] = await queryRows<{ id: number }>(db, sql`select item_id as id from service_item_versions where name = ${PERMIT_STAGE.find((p) => p.department === d)!.item} limit 1`);
    const deficient = s.deficient && materials[d].main.length < materials[d].all.length;
    let at = new Date(Date.UTC(2026, 0, 1) + (s.day - 1) * 24 * HOUR + (s.hour - 8) * HOUR);
    const app = await takeIn(db, cast.window, {
      serviceItemId: Number(item.id), applicant: { kind: 'enterprise', name: `判定企业${n}`, uscc: DEMO_ENTERPRISE_USCC }, materialIds: deficient ? materials[d].main : materials[d].all,
    }, at);
    const act = async (actor: Actor, action: ApplicationAction, input: Record<string, unknown>, hours = 0.25) => {
      at = new Date(at.getTime() + hours * HOUR);
      const row = (await loadApplication(db, app.id))!;
      await runAction(db, APPLICATION_TYPE, actor, { id: app.id, action, version: row.version, input, at });
    };
    if (s.green === 'before') await act(leader, 'green-channel', { reason: '重点项目' });
    await act(cast.window, deficient ? 'accept-deficient' : 'accept', deficient ? { promise: '承诺按期补齐', supplementDays: 1, creditBad: false } : {});
    if (s.green === 'after') await act(leader, 'green-channel', { reason: '重点项目' });
    const departments = s.joint ? [dept, other] : [dept];
    await act(cast.window, 'start-stage', { name: '审查', departmentIds: departments });
    const reviewerOf = (id: number) => cast.reviewers[DEPARTMENTS.find((o) => cast.offices[o] === id)!];
    for (const b of departments) await act(reviewerOf(b), 'sign', { departmentId: b });
    if (s.pause) {
      await act(cast.window, 'pause', { reason: 'testing', note: '检测' }, s.pause[0]);
      await act(cast.window, 'resume', {}, s.pause[1]);
    }
    if (s.askMore) {
      await act(cast.reviewers[d], 'ask-more', { departmentId: dept, reason: '补充说明' }, s.askMore[0]);
      await act(cast.window, 'supply', { departmentId: dept }, s.askMore[1]);
    }
    if (s.extend) await act(leader, 'extend', { days: s.extend, reason: '情况复杂' });
    if (s.outcome === 'open') return app.id;
    if (s.outcome === 'withdraw') {
      await act(cast.window, 'withdraw', { reason: '申请人撤回' }, s.decideAfter);
      return app.id;
    }
    if (s.outcome === 'refuse') {
      await act(cast.reviewers[d], 'refuse', { departmentId: dept, reason: '不符合条件' }, s.decideAfter);
      return app.id;
    }
    for (const [i, b] of departments.entries()) await act(reviewerOf(b), 'approve', { departmentId: b }, i === 0 ? s.decideAfter : 0.25);
    await act(cast.reviewers[d], 'conclude', {});
    return app.id;
  }

  const stored = () => queryRows<{ id: number; days: number; committed: boolean; statutory: boolean; limit: number; revision: number }>(t.database.db, sql`select id,
    judged_days_taken as days, judged_within_committed as committed, judged_within_statutory as statutory, judged_statutory_limit::float8 as "limit",
    judged_calendar_revision as revision from applications where decided_at is not null order by id`);

  /** The stored judgement is the live clock's, for every decided application; the figures and the drill-down are the old fold's. */
  async function expectTheOldFold() {
    const db = t.database.db;
    const facts = await liveFacts(db, sql`true`);
    const decided = facts.filter((f) => f.completed);
    expect((await stored()).map(({ revision: _r, ...j }) => ({ ...j, id: Number(j.id) }))).toEqual(decided.map((f) => ({
      id: f.id, days: f.workingDaysTaken, committed: f.withinCommitted, statutory: f.withinStatutory, limit: f.statutoryLimit,
    })));
    const visible = visibleApplications(leader);
    for (const by of FIGURE_DIMENSIONS) {
      expect(await approvalFigures(db, leader, visible, { from, to, by }), by).toEqual(await foldedFigures(db, visible, { from, to, by }));
    }
    const oracle = await liveFacts(db, sql`${visible} and to_char(a.received_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM') between ${from} and ${to}`);
    for (const [figure, keep] of [['completedWithinCommitted', (f: typeof facts[number]) => f.completed && f.withinCommitted], ['completedWithinStatutory', (f: typeof facts[number]) => f.completed && f.withinStatutory]] as const) {
      const listed = await listApplications(db, leader, { figure, monthFrom: from, monthTo: to, pageSize: 100 });
      expect(listed.items.map((i) => i.id).sort((a, b) => a - b), figure).toEqual(oracle.filter(keep).map((f) => f.id));
    }
    return decided.length;
  }

  it('stores the live clock\'s judgement at each decision, and the figures and drill-down equal the old fold, judged again from nothing and after a calendar change', async () => {
    const specs = fc.sample(fc.array(SPEC, { minLength: 28, maxLength: 28 }), { numRuns: 1, seed: Number(process.env.JUDGEMENT_SEED ?? Date.now() % 2 ** 31) })[0];
    // Every kind of end at least once, whatever the draw.
    const plain = { pause: null, askMore: null, extend: null, green: 'none', joint: false } as const;
    specs.splice(0, 6, { ...specs[0], outcome: 'grant', joint: true, pause: [3, 30], extend: 5 }, { ...specs[1], outcome: 'refuse' },
      { ...specs[2], outcome: 'grant', green: 'after', day: 44 }, { ...specs[3], ...plain, outcome: 'grant', day: 268, hour: 19, decideAfter: 200 },
      { ...specs[4], ...plain, outcome: 'grant', department: 'housing', decideAfter: 1 }, { ...specs[5], ...plain, outcome: 'grant', department: 'housing', day: 160, decideAfter: 600 });
    for (const [n, s] of specs.entries()) await run(s, n);
    const months = await queryRows<{ from: string; to: string }>(t.database.db, sql`select
      min(to_char(received_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')) as from, max(to_char(received_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')) as to from applications`);
    ({ from, to } = months[0]);
    const decided = await expectTheOldFold();
    // Both judgements of both limits are among them (the two plain housing runs: within everything, and past its 7 statutory days).
    const judged = await stored();
    for (const k of ['committed', 'statutory'] as const) expect(new Set(judged.map((j) => j[k])), k).toEqual(new Set([true, false]));
    // Up to date: nothing to judge again.
    expect(await judgeStaleApplications(t.database.db)).toBe(0);

    // A database from before the judgement was stored: the start-up step judges every decided application.
    await t.database.db.execute(sql`update applications set judged_days_taken = null, judged_within_committed = null, judged_within_statutory = null,
      judged_statutory_limit = null, judged_calendar_revision = null`);
    expect(await judgeStaleApplications(t.database.db)).toBe(decided);
    await expectTheOldFold();

    // The calendar changes (a week of 2026 declared holidays): every decided application is judged again on it.
    const before = await stored();
    const holidays = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`2026-06-${String(15 + i).padStart(2, '0')}`, '假日']));
    await saveArrangements(t.database.db, operatorActor(), { arrangements: [{ year: 2026, source: 'stored', holidays, makeUpWorkdays: {}, partial: true }], source: 'entered' });
    expect(await judgeStaleApplications(t.database.db)).toBe(decided);
    const after = await stored();
    expect(new Set(after.map((r) => r.revision)).size).toBe(1);
    expect(after[0].revision).toBeGreaterThan(before[0].revision);
    // The run accepted on 9 June and decided 25 days later took five working days fewer.
    expect(after.map((r) => r.days)).not.toEqual(before.map((r) => r.days));
    await expectTheOldFold();
  }, 600_000);
});
