/**
 * An installation from before plans had their own chains (the case-only ledger of
 * 2026112330_rectification_ledger.sql) is carried over by 2026120220_rectification_items.sql:
 * every plan and note survives the old tables' removal, each plan's chain starts from a baseline
 * event that `audit verify` accepts, and the plans go on working on the kernel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { emptyDatabase, ENGINES } from '../../test/support/engines.js';
import { buildServer } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql, type Database } from '../platform/db/engine.js';
import { migrate } from '../platform/db/migrate.js';
import { GENESIS_HASH, listEvents } from '../platform/lifecycle/index.js';
import { ensureNationalRegions } from '../regions/reference-data.js';
import { DEMO_PASSWORD, loadDemoOrganisation, type DemoOrganisation } from '../demo/organisation.js';
import { toLocalDate } from '../calendar/rules.js';
import { verifyWorkItems } from '../audit/verify.js';
import { addDays, mondayOf } from './rules.js';
import { RECTIFICATION_CHAIN } from './store.js';

const ITEMS_MIGRATION = '2026120220';

describe.each(ENGINES)('carrying the case-only ledger over, on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let demo: DemoOrganisation;
  const as: Record<string, string> = {};
  const today = toLocalDate(new Date());
  const cases: number[] = [];

  const call = async (who: string, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: { cookie: as[who], ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body ? JSON.stringify(body) : undefined });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    database = await emptyDatabase(engine);
    await migrate(database, () => {}, { before: ITEMS_MIGRATION });
    // Today's code makes the old installation's cases and log-ins below: the later migrations it
    // needs for that (log-in throttle, request tables, the cases' origins, case events' state hash) come first.
    await migrate(database, () => {}, { only: ['2026120301', '2026120310', '2026120311', '2026120313', '2026120321', '2026120401', '2026120490'] });
    await ensureNationalRegions(database.db);
    demo = await loadDemoOrganisation(database.db, operatorActor());
    app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0' }), webDist: 'web/dist-none' }, logger: false });
    await app.ready();
    for (const username of ['enterprise', 'dispatcher', 'handler', 'supervisor']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      as[username] = `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
    }
    // Two enterprise appeals, dispatched to the market regulator, as the old ledger knew them.
    for (const title of ['厂房消防验收材料不清楚', '用电增容审批慢']) {
      const created = await call('enterprise', 'POST', '/api/cases', {
        channel: 'enterprise_portal', type: 'help', title, content: `${title}，请协调。`, regionCode: '411702', requester: { kind: 'enterprise', name: '驻马店示范企业' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const dispatched = await call('dispatcher', 'POST', `/api/cases/${created.body.id}/dispatch`, { version: 1, leadOfficeId: demo.offices['zmd-dept-0'] });
      expect(dispatched.status).toBe(200);
      cases.push(created.body.id);
    }
    const handler = (await queryRows<{ id: number }>(database.db, sql`select id from users where username = 'handler'`))[0].id;
    const week = mondayOf(today);
    await database.db.execute(sql`insert into case_rectifications (case_id, measures, responsible_person, responsible_office_id, deadline, status,
        completed_at, created_by, created_at, updated_by, updated_at, version)
      values (${cases[0]}, '一对一辅导消防验收材料', '张科长', ${demo.offices['zmd-dept-0']}, ${addDays(today, 30)}::date, 'in_progress', null,
          ${handler}, now(), ${handler}, now(), 2),
        (${cases[1]}, '开通绿色通道，并联审批', '李股长', ${demo.offices['zmd-dept-0']}, ${addDays(today, 10)}::date, 'done', now(),
          ${handler}, now(), ${handler}, now(), 3)`);
    await database.db.execute(sql`insert into case_rectification_progress (case_id, week_start, kind, note, author_user_id, author_name, author_office_id, recorded_at, event_seq)
      values (${cases[0]}, ${week}::date, 'progress', '已上门核对材料清单', ${handler}, 'handler', ${demo.offices['zmd-dept-0']}, now(), 4),
        (${cases[0]}, ${week}::date, 'supervision', '请本周内完成联合审查', null, 'supervisor', ${demo.offices['zmd-centre']}, now(), 5),
        (${cases[1]}, ${week}::date, 'progress', '审批已完成', ${handler}, 'handler', ${demo.offices['zmd-dept-0']}, now(), 4)`);
    expect(await migrate(database)).toContainEqual(expect.stringContaining(ITEMS_MIGRATION));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps every plan, keyed by its case and the enterprise, and every note with its id, and drops the old tables', async () => {
    const plans = await queryRows<Record<string, unknown>>(database.db, sql`select subject_type, subject_id, uscc, measures, status, version, event_count
      from rectifications order by subject_id`);
    expect(plans).toEqual([
      { subject_type: 'case', subject_id: cases[0], uscc: '91411702MA9GQ7K3X9', measures: '一对一辅导消防验收材料', status: 'in_progress', version: 2, event_count: 1 },
      { subject_type: 'case', subject_id: cases[1], uscc: '91411702MA9GQ7K3X9', measures: '开通绿色通道，并联审批', status: 'done', version: 3, event_count: 1 },
    ]);
    expect((await queryRows<{ id: number }>(database.db, sql`select id from rectification_progress order by id`)).map((r) => r.id)).toEqual([1, 2, 3]);
    const [old] = await queryRows<{ plans: string | null; notes: string | null }>(database.db,
      sql`select to_regclass('case_rectifications')::text as plans, to_regclass('case_rectification_progress')::text as notes`);
    expect(old).toEqual({ plans: null, notes: null });

    const view = await call('supervisor', 'GET', `/api/cases/${cases[0]}/rectification`);
    expect(view.body).toMatchObject({ applicable: true, plan: { measures: '一对一辅导消防验收材料', responsiblePerson: '张科长', status: 'in_progress', version: 2 } });
    expect(view.body.progress.map((p: { note: string }) => p.note)).toEqual(['请本周内完成联合审查', '已上门核对材料清单']);
    const ledger = (await call('dispatcher', 'GET', '/api/ledger')).body.items;
    expect(ledger.find((i: { caseId: number }) => i.caseId === cases[1])).toMatchObject({ ledgerStatus: 'done', latestProgress: { note: '审批已完成' } });
  });

  it('starts each plan\'s chain with a baseline that audit verify accepts, and the chain goes on from it', async () => {
    const [{ id }] = await queryRows<{ id: number }>(database.db, sql`select id from rectifications where subject_id = ${cases[0]}`);
    const [baseline] = await listEvents(database.db, RECTIFICATION_CHAIN, id);
    expect(baseline).toMatchObject({ seq: 1, action: 'migrate', prevHash: GENESIS_HASH, fromStatus: null, toStatus: 'in_progress', data: { version: 2, progressNotes: 2 } });
    // The baselines predate state hashes: verify accepts them and counts both plans as not yet covered.
    expect((await verifyWorkItems(database.db)).find((r) => r.label === 'rectification plan')).toMatchObject({ ok: true, items: 2, events: 2, uncovered: 2 });

    const changed = await call('handler', 'PUT', `/api/cases/${cases[0]}/rectification`, { version: 2, measures: '一对一辅导消防验收材料', responsiblePerson: '王科长', deadline: addDays(today, 30) });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.plan).toMatchObject({ responsiblePerson: '王科长', version: 3 });
    expect((await call('handler', 'POST', `/api/cases/${cases[0]}/rectification/progress`, { note: '联合审查已完成' })).status).toBe(201);

    const chain = await listEvents(database.db, RECTIFICATION_CHAIN, id);
    expect(chain.map((e) => [e.seq, e.action])).toEqual([[1, 'migrate'], [2, 'revise'], [3, 'add-progress']]);
    expect(chain[1].prevHash).toBe(chain[0].hash);
    const [note] = await queryRows<{ event_seq: number }>(database.db, sql`select event_seq from rectification_progress where note = '联合审查已完成'`);
    expect(note.event_seq).toBe(3);
    expect((await verifyWorkItems(database.db)).every((r) => r.ok)).toBe(true);
    // The changed plan's events now record its state, and a change behind them shows.
    expect((await verifyWorkItems(database.db)).find((r) => r.label === 'rectification plan')).toMatchObject({ uncovered: 1 });
    await database.db.execute(sql`update rectifications set responsible_person = '赵科长' where id = ${id}`);
    expect((await verifyWorkItems(database.db)).find((r) => r.label === 'rectification plan')!.problems.map((p) => p.message))
      .toEqual([`rectification plan ${id}: its current state differs from its last event (event 3, add-progress): changed without an event`]);
    await database.db.execute(sql`update rectifications set responsible_person = '王科长' where id = ${id}`);
    const timeline = (await call('dispatcher', 'GET', `/api/cases/${cases[0]}/events`)).body.items.map((e: { action: string }) => e.action);
    expect(timeline.slice(-2)).toEqual(['rectification-plan', 'rectification-progress']);
  });

  it('refuses to change or delete a plan\'s events and notes', async () => {
    for (const statement of [sql`update rectification_events set data = '{}'::jsonb`, sql`delete from rectification_events`,
      sql`update rectification_progress set note = '改过'`, sql`delete from rectification_progress`]) {
      const refused = await database.db.execute(statement).then(() => 'accepted', (err) => String(err.cause?.message ?? err.message));
      expect(refused).toMatch(/append-only/);
    }
  });
});
