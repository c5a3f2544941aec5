import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { verifyChains } from '../platform/lifecycle/index.js';
import { createUser } from '../people/commands/createUser.js';
import { createEnterprise } from '../enterprises/commands/createEnterprise.js';
import { demoEnterprises } from '../enterprises/demo.js';
import { listRegions } from '../regions/queries.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { toLocalDate } from '../calendar/rules.js';
import type { PublishedDraw, RosterPreview, TaskView, VisitView } from './contract.js';
import { sweepPublication } from './commands/sweepPublication.js';
import { TASK_STORE, VISIT_STORE } from './store.js';

const PASSWORD = 'Inspect-pass-2026';
const YEAR = Number(toLocalDate(new Date()).slice(0, 4));
const TODAY = toLocalDate(new Date());

describe.each(ENGINES)('random inspections on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const dir = mkdtempSync(join(tmpdir(), 'inspections-'));
  /** Runs the standalone verifier over the public draw document, as anyone would. */
  const verify = async (taskId: number) => {
    const res = await t.request('GET', `/api/public/inspections/${taskId}/draw`);
    expect(res.statusCode).toBe(200);
    const file = join(dir, `draw-${taskId}-${Date.now()}.json`);
    writeFileSync(file, res.body);
    return { out: spawnSync(process.execPath, ['bin/verify-draw.mjs', file], { encoding: 'utf8' }), doc: res.json() as PublishedDraw };
  };
  const eventCount = async () => (await queryRows<{ n: number }>(t.database.db, sql`select (select count(*) from inspection_task_events) + (select count(*) from inspection_visit_events) as n`))[0].n;
  const ids: { market: number; housing: number; plan: number; task: number; items: number[]; inspectors: Record<string, number> } = { market: 0, housing: 0, plan: 0, task: 0, items: [], inspectors: {} };
  let task: TaskView;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    const o = t.demo.offices;
    ids.market = o['zmd-dept-0'];
    ids.housing = o['zmd-dept-1'];
    const counties = [...await listRegions(db, '411700'), ...await listRegions(db, '410100')];
    for (const e of demoEnterprises(counties).slice(0, 40)) await createEnterprise(db, operatorActor(), e);
    await createUser(db, operatorActor(), { username: 'housing', password: PASSWORD, name: '住建科员', roles: ['handler'], officeId: ids.housing });
    await createUser(db, operatorActor(), { username: 'zz-handler', password: PASSWORD, name: '郑州科员', roles: ['handler'], officeId: o['zz-market'] });
    for (let i = 0; i < 7; i++) {
      await createUser(db, operatorActor(), { username: `insp${i}`, password: PASSWORD, name: `执法员${i}`, roles: ['inspector'], officeId: i < 4 ? ids.market : ids.housing });
    }
    for (const u of ['admin', 'agent', 'handler', 'supervisor', 'leader', 'enterprise']) cookies[u] = await t.login(u);
    for (const u of ['housing', 'zz-handler', ...Array.from({ length: 7 }, (_, i) => `insp${i}`)]) cookies[u] = await t.login(u, PASSWORD);
  });
  afterAll(() => t.close());

  it('keeps each department\'s item list and inspector roster, within its scope', async () => {
    for (const [user, officeId, code, name] of [['handler', ids.market, 'SC-001', '食品生产者资质检查'], ['housing', ids.housing, 'ZJ-001', '房地产开发企业资质检查']] as const) {
      const res = await as(user, 'POST', '/api/inspection-items', {
        officeId, code, name, legalBasis: '《食品安全法》第一百一十条', targetKind: null, method: '现场检查', defaultBasisPoints: 300,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.items.push(res.json().id);
    }
    const users = await queryRows<{ id: number; username: string }>(t.database.db, sql`select id, username from users where username like 'insp%'`);
    for (const u of users) {
      const officeId = Number(u.username.slice(4)) < 4 ? ids.market : ids.housing;
      const res = await as(officeId === ids.market ? 'handler' : 'housing', 'POST', '/api/inspectors', {
        officeId, name: `执法员${u.username.slice(4)}`, certificateNo: `ZF4117${u.username.slice(4).padStart(4, '0')}`, qualifications: ['食品'], userId: u.id,
        conflicts: u.username === 'insp0' ? [{ uscc: DEMO_ENTERPRISE_USCC, relation: '配偶在该企业任职' }] : [],
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.inspectors[u.username] = res.json().id;
    }
    // Denials: another department's list, a role that keeps none, outside the subtree.
    expect((await as('housing', 'POST', '/api/inspection-items', { officeId: ids.market, code: 'X1', name: 'x', legalBasis: 'x', targetKind: null, method: 'x', defaultBasisPoints: 1 })).statusCode).toBe(403);
    expect((await as('zz-handler', 'POST', '/api/inspectors', { officeId: ids.market, name: 'x', certificateNo: 'X1', qualifications: [], userId: null, conflicts: [] })).statusCode).toBe(403);
    expect((await as('enterprise', 'GET', '/api/inspectors')).statusCode).toBe(403);
    expect((await as('agent', 'POST', '/api/inspection-items', { officeId: ids.market, code: 'X2', name: 'x', legalBasis: 'x', targetKind: null, method: 'x', defaultBasisPoints: 1 })).statusCode).toBe(403);
    expect((await as('zz-handler', 'GET', '/api/inspectors')).json()).toEqual([]);
    expect((await as('zz-handler', 'GET', '/api/inspection-items')).json()).toHaveLength(2);
    expect((await as('handler', 'GET', '/api/inspectors')).json()).toHaveLength(4);
    expect((await as('leader', 'GET', '/api/inspectors')).json()).toHaveLength(7);
    // A duplicate certificate and a stale version are conflicts.
    const dup = await as('handler', 'POST', '/api/inspectors', { officeId: ids.market, name: 'x', certificateNo: 'ZF41170001', qualifications: [], userId: null, conflicts: [] });
    expect(dup.statusCode).toBe(409);
    expect((await as('handler', 'PATCH', `/api/inspection-items/${ids.items[0]}`, { version: 9, name: '改名' })).statusCode).toBe(409);
  });

  it('draws up a plan in batches and a joint task under it', async () => {
    const plan = await as('handler', 'POST', '/api/inspection-plans', {
      officeId: ids.market, year: YEAR, title: `${YEAR}年度双随机抽查计划`, batches: [{ no: 1, name: '全年', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    ids.plan = plan.json().id;
    const body = {
      planId: ids.plan, batch: 1, title: '食品生产企业联合抽查', joiningOfficeIds: [ids.housing], itemIds: ids.items, filters: { regionCode: '411700' },
      strata: [{ stratum: 'good', basisPoints: 10000 }, { stratum: 'normal', basisPoints: 500 }, { stratum: 'bad', basisPoints: 10000 }],
      periodFrom: `${YEAR}-01-01`, periodTo: `${YEAR}-12-31`, seedSource: { zh: '见证人现场掷骰所得数字', en: 'numbers a witness rolls on site' },
    };
    expect((await as('housing', 'POST', '/api/inspection-tasks', body)).statusCode).toBe(404);
    expect((await as('supervisor', 'POST', '/api/inspection-tasks', body)).statusCode).toBe(403);
    const res = await as('handler', 'POST', '/api/inspection-tasks', body);
    expect(res.statusCode, res.body).toBe(201);
    task = res.json();
    ids.task = task.id;
    expect(task).toMatchObject({ status: 'draft', departments: [{ id: ids.market }, { id: ids.housing }], actions: ['commit'], commitment: null });
    expect(task.publicationDue > `${YEAR}-12-31`).toBe(true);
    expect((await t.request('GET', `/api/public/inspections/${ids.task}/draw`)).statusCode).toBe(404);
  });

  it('previews the target roster the commit will freeze: candidates and exact quota per class, inspectors, what would stop it', async () => {
    const body = {
      planId: ids.plan, joiningOfficeIds: [ids.housing], filters: { regionCode: '411700' },
      strata: [{ stratum: 'good', basisPoints: 10000 }, { stratum: 'normal', basisPoints: 500 }, { stratum: 'bad', basisPoints: 10000 }],
    };
    const res = await as('handler', 'POST', '/api/inspection-tasks/roster-preview', body);
    expect(res.statusCode, res.body).toBe(200);
    const preview: RosterPreview = res.json();
    const classes = await queryRows<{ credit: string; n: number }>(t.database.db, sql`select credit, count(*)::int as n from enterprises where region_code like '4117%' group by credit`);
    const inClass = (c: string) => classes.find((x) => x.credit === c)?.n ?? 0;
    expect(preview.candidates).toBe(40);
    expect(preview.strata).toEqual(body.strata.map((s) => ({ ...s, candidates: inClass(s.stratum), quota: Math.ceil((inClass(s.stratum) * s.basisPoints) / 10000) })));
    expect(preview.quota).toBe(preview.strata.reduce((n, s) => n + s.quota, 0));
    expect(preview.departments).toEqual([
      { id: ids.market, name: '驻马店市市场监督管理局', activeInspectors: 4, needed: 2, declaredConflicts: 1 },
      { id: ids.housing, name: '驻马店市住房和城乡建设局', activeInspectors: 3, needed: 2, declaredConflicts: 0 },
    ]);
    expect(preview.problems).toEqual([]);
    expect(preview.page).toMatchObject({ total: 40, page: 1, pageSize: 20 });
    expect(preview.page.items).toHaveLength(20);
    const names = preview.page.items.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await as('handler', 'POST', '/api/inspection-tasks/roster-preview', { ...body, page: 3 })).json().page.items).toEqual([]);
    // What would stop the commit is named: a class with no ratio set leaves its enterprises out; too few inspectors for teams of five.
    const short: RosterPreview = (await as('handler', 'POST', '/api/inspection-tasks/roster-preview', { ...body, perDepartment: 5 })).json();
    expect(short.problems.map((p) => p.code)).toEqual(['insufficient_inspectors', 'insufficient_inspectors']);
    expect(short.problems[1].zh).toContain('驻马店市住房和城乡建设局');
    const none: RosterPreview = (await as('handler', 'POST', '/api/inspection-tasks/roster-preview', { ...body, filters: { regionCode: '410100' } })).json();
    expect(none).toMatchObject({ candidates: 0, quota: 0, problems: [{ code: 'empty_roster' }] });
    // The same rules as drawing up the task: the lead department's handlers and leaders preview; a plan outside one's subtree is not found.
    expect((await as('leader', 'POST', '/api/inspection-tasks/roster-preview', body)).statusCode).toBe(200);
    for (const [user, status] of [['housing', 404], ['supervisor', 403], ['insp1', 403], ['zz-handler', 404], ['enterprise', 404], ['agent', 403]] as const) {
      expect((await as(user, 'POST', '/api/inspection-tasks/roster-preview', body)).statusCode, user).toBe(status);
    }
    expect((await as('handler', 'POST', '/api/inspection-tasks/roster-preview', { ...body, strata: [body.strata[0], body.strata[0]] })).json().error.code).toBe('duplicate_stratum');
    expect((await as('handler', 'POST', '/api/inspection-tasks/roster-preview', { ...body, joiningOfficeIds: [t.demo.offices['zmd-centre']] })).statusCode).toBe(400);
  });

  it('lists the inspector log-ins of a department to its list editors only', async () => {
    const res = await as('handler', 'GET', `/api/inspectors/accounts?officeId=${ids.market}`);
    expect(res.statusCode, res.body).toBe(200);
    const usernames = res.json().map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['insp0', 'insp1', 'insp2', 'insp3']));
    expect(usernames).not.toContain('insp4');
    expect(usernames).not.toContain('handler');
    for (const user of ['housing', 'zz-handler', 'supervisor', 'enterprise', 'insp0']) {
      expect((await as(user, 'GET', `/api/inspectors/accounts?officeId=${ids.market}`)).statusCode, user).toBe(403);
    }
    expect((await as('handler', 'GET', '/api/inspectors/accounts')).statusCode).toBe(400);
  });

  it('refuses malformed input on every endpoint with 4xx and writes nothing', async () => {
    const before = await eventCount();
    const bodies = fc.sample(fc.oneof(
      fc.constant({}), fc.constant(null), fc.string(), fc.array(fc.integer()),
      fc.record({ version: fc.oneof(fc.constant(-1), fc.string(), fc.constant(1.5)), witnessValue: fc.oneof(fc.constant(''), fc.constant('/'), fc.integer()) }),
      fc.record({ planId: fc.oneof(fc.constant(0), fc.string()), batch: fc.constant(99), title: fc.constant('') }),
      fc.record({ uscc: fc.string({ maxLength: 17 }), version: fc.constant(1), result: fc.constant('nonsense') }),
      fc.object(),
    ), { numRuns: 40, seed: 12 });
    const urls: [string, string][] = [
      ['POST', '/api/inspection-items'], ['POST', '/api/inspectors'], ['POST', '/api/inspection-plans'], ['POST', '/api/inspection-tasks'],
      ['POST', `/api/inspection-tasks/${ids.task}/commit`], ['POST', `/api/inspection-tasks/${ids.task}/draw`], ['POST', `/api/inspection-tasks/${ids.task}/publish`], ['POST', `/api/inspection-tasks/${ids.task}/redraw`],
      ['POST', `/api/inspection-tasks/${ids.task}/recuse`], ['POST', `/api/inspection-tasks/${ids.task}/record-result`], ['PATCH', `/api/inspectors/${ids.inspectors.insp1}`],
      ['PATCH', `/api/inspection-items/${ids.items[0]}`], ['POST', '/api/inspection-tasks/roster-preview'],
    ];
    for (const [method, url] of urls) {
      for (const b of bodies) {
        const res = await as('handler', method, url, b);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(b)} → ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }
    }
    for (const q of ['?year=abc', '?officeId=-1', '?format=pdf']) expect((await as('leader', 'GET', `/api/inspection-figures${q}`)).statusCode).toBe(400);
    for (const url of ['/api/inspection-items?officeId=abc', '/api/inspectors?active=maybe', '/api/inspection-plans?year=1', '/api/inspection-plans/0', '/api/inspection-tasks?status=bogus',
      '/api/inspection-tasks/abc', '/api/inspection-items?extra=1']) {
      expect((await as('leader', 'GET', url)).statusCode, url).toBe(400);
    }
    expect((await t.request('GET', '/api/public/inspections/0/draw')).statusCode).toBe(400);
    expect((await t.request('GET', '/api/public/inspections?uscc=bad')).statusCode).toBe(400);
    expect(await eventCount()).toBe(before);
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from inspection_tasks`))[0].n).toBe(1);
  });

  it('commits the rosters, publishes the commitment before the draw, and the verifier agrees', async () => {
    // Who reads the task and who may commit it: the lead department's handlers and leaders (the
    // centre's leader is above it); joining and supervising staff and inspectors read only; others see nothing.
    const matrix: [user: string, read: number, commit: number][] = [
      ['housing', 200, 403], ['supervisor', 200, 403], ['insp1', 200, 403], ['insp5', 200, 403],
      ['agent', 404, 404], ['enterprise', 404, 404], ['admin', 404, 404], ['zz-handler', 404, 404],
    ];
    for (const [user, read, commit] of matrix) {
      expect((await as(user, 'GET', `/api/inspection-tasks/${ids.task}`)).statusCode, `${user} reads`).toBe(read);
      expect((await as(user, 'POST', `/api/inspection-tasks/${ids.task}/commit`, { version: task.version })).statusCode, `${user} commits`).toBe(commit);
    }
    expect((await as('leader', 'GET', `/api/inspection-tasks/${ids.task}`)).json().actions).toEqual(['commit']);
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/draw`, { version: task.version, witnessValue: '1 2 3' })).statusCode).toBe(409);
    const res = await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/commit`, { version: task.version });
    expect(res.statusCode, res.body).toBe(200);
    task = res.json();
    expect(task).toMatchObject({ status: 'committed', serverRandom: null, seed: null, actions: ['draw'] });
    expect(task.commitment).toMatch(/^[0-9a-f]{64}$/);
    const { out, doc } = await verify(ids.task);
    expect(out.stdout).toMatch(/^match: .* commitment \(not drawn yet\)/);
    expect(doc.serverRandom).toBeNull();
    expect(doc.rosters.targets.length).toBe(40);
    expect(doc.rosters.conflicts).toEqual([{ inspector: 'ZF41170000', target: DEMO_ENTERPRISE_USCC }]);
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/commit`, { version: task.version - 1 })).statusCode).toBe(409);
  });

  it('draws with the witness value, plans one visit per target for both departments, and the verifier agrees', async () => {
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/draw`, { version: task.version, witnessValue: 'a/b' })).statusCode).toBe(409);
    const res = await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/draw`, { version: task.version, witnessValue: ' 4  1 6 ' });
    expect(res.statusCode, res.body).toBe(200);
    task = res.json();
    expect(task).toMatchObject({ status: 'drawn', witnessValue: '4 1 6' });
    expect(task.serverRandom).toMatch(/^[0-9a-f]{64}$/);
    const demo = task.visits.find((v) => v.uscc === DEMO_ENTERPRISE_USCC)!;
    expect(demo).toBeDefined();
    for (const v of task.visits) {
      expect(v.teams.map((team) => team.departmentId).sort()).toEqual([ids.market, ids.housing].sort());
      for (const team of v.teams) expect(team.inspectors).toHaveLength(2);
    }
    // The declared conflict was left out before the draw.
    expect(demo.teams.flatMap((team) => team.inspectors.map((i) => i.certificateNo))).not.toContain('ZF41170000');
    const { out, doc } = await verify(ids.task);
    expect(out.stdout, out.stdout).toMatch(/^match/);
    expect(out.status).toBe(0);
    expect(doc.result!.targets).toHaveLength(task.visits.length);
    // No redraw: the task has drawn.
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/draw`, { version: task.version, witnessValue: '9' })).statusCode).toBe(409);
  });

  it('redraws only for an audited reason, by a leader: the old sources are published, the visits cancelled, a fresh random committed', async () => {
    const old = task;
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/redraw`, { version: task.version, reason: '见证值录入错误，应为 4 1 7' })).statusCode).toBe(403);
    expect((await as('leader', 'POST', `/api/inspection-tasks/${ids.task}/redraw`, { version: task.version, reason: '太短' })).statusCode).toBe(400);
    const res = await as('leader', 'POST', `/api/inspection-tasks/${ids.task}/redraw`, { version: task.version, reason: '见证值录入错误，应为 4 1 7' });
    expect(res.statusCode, res.body).toBe(200);
    task = res.json();
    expect(task).toMatchObject({ status: 'committed', seed: null, serverRandom: null, visits: [], commitment: old.commitment });
    expect(task.serverRandomHash).not.toBe(old.serverRandomHash);
    expect(task.redraws).toEqual([expect.objectContaining({ reason: '见证值录入错误，应为 4 1 7', by: 'leader', seed: old.seed, serverRandom: old.serverRandom })]);
    const cancelled = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from inspection_visit_events where action = 'cancelled'`);
    expect(cancelled[0].n).toBe(old.visits.length);
    expect((await verify(ids.task)).out.stdout).toMatch(/^match: .*not drawn yet.*1 earlier draw/);
    const again = await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/draw`, { version: task.version, witnessValue: '4 1 7' });
    expect(again.statusCode, again.body).toBe(200);
    task = again.json();
    expect(task.seed).not.toBe(old.seed);
    const { out } = await verify(ids.task);
    expect(out.stdout).toMatch(/^match: .*1 earlier draw/);
  });

  it('lets the enterprise ask for a recusal: the next in the ranking takes the place, recorded, and the verifier still agrees', async () => {
    const mine = await as('enterprise', 'GET', '/api/inspection-visits/mine');
    expect(mine.statusCode).toBe(200);
    const visit: VisitView = mine.json()[0];
    expect(visit.uscc).toBe(DEMO_ENTERPRISE_USCC);
    expect(visit.actions).toEqual(['recuse']);
    expect((await as('enterprise', 'GET', `/api/inspection-tasks/${ids.task}`)).statusCode).toBe(404);
    const recused = visit.teams[0].inspectors[0].certificateNo;
    const res = await as('enterprise', 'POST', `/api/inspection-tasks/${ids.task}/recuse`, { uscc: visit.uscc, version: visit.version, inspector: recused, reason: '该执法人员曾在本企业任职' });
    expect(res.statusCode, res.body).toBe(200);
    const after: VisitView = res.json();
    expect(after.recusals).toEqual([expect.objectContaining({ inspector: recused, askedBy: 'enterprise' })]);
    expect(after.teams[0].inspectors.map((i) => i.certificateNo)).not.toContain(recused);
    expect(after.teams[0].inspectors).toHaveLength(2);
    // Another enterprise's visit is not theirs; an inspector not on the team is not in it.
    const other = task.visits.find((v) => v.uscc !== DEMO_ENTERPRISE_USCC)!;
    expect((await as('enterprise', 'POST', `/api/inspection-tasks/${ids.task}/recuse`, { uscc: other.uscc, version: other.version, inspector: 'ZF41170001', reason: 'x' })).statusCode).toBe(404);
    const { out, doc } = await verify(ids.task);
    expect(out.stdout).toMatch(/^match/);
    expect(doc.recusals).toHaveLength(1);
  });

  it('records results by an inspector on the team; a finding opens a rectification plan; publishes on time', async () => {
    task = (await as('handler', 'GET', `/api/inspection-tasks/${ids.task}`)).json();
    expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/publish`, { version: task.version })).json().error.code).toBe('results_missing');
    const userOf = async (certificate: string) => `insp${Number(certificate.slice(-4))}`;
    for (const [i, v] of task.visits.entries()) {
      const member = await userOf(v.teams[0].inspectors[0].certificateNo);
      const outsider = ['insp0', 'insp1', 'insp2', 'insp3'].find((u) => !v.teams[0].inspectors.some((x) => `insp${Number(x.certificateNo.slice(-4))}` === u))!;
      const finding = i === 0;
      const body = finding
        ? { uscc: v.uscc, version: v.version, result: 'ordered_to_correct', inspectedOn: TODAY, findings: '未按规定公示年度报告', firstOffenceNoPenalty: true,
          rectification: { measures: '补报年度报告', responsiblePerson: '企业负责人', deadline: `${YEAR + 1}-06-30` } }
        : { uscc: v.uscc, version: v.version, result: 'no_problem', inspectedOn: TODAY };
      expect((await as(outsider, 'POST', `/api/inspection-tasks/${ids.task}/record-result`, body)).statusCode).toBe(403);
      expect((await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/record-result`, body)).statusCode).toBe(403);
      if (finding) {
        const { rectification: _, ...missing } = body as Record<string, unknown>;
        expect((await as(member, 'POST', `/api/inspection-tasks/${ids.task}/record-result`, missing)).json().error.code).toBe('rectification_required');
      }
      const res = await as(member, 'POST', `/api/inspection-tasks/${ids.task}/record-result`, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'done', firstOffenceNoPenalty: finding });
    }
    const plans = await queryRows<{ subject_id: number; deadline: string; status: string }>(t.database.db, sql`select subject_id, deadline::text, status from rectifications where subject_type = 'inspection'`);
    expect(plans).toEqual([{ subject_id: task.visits[0].id, deadline: `${YEAR + 1}-06-30`, status: 'planned' }]);
    task = (await as('handler', 'GET', `/api/inspection-tasks/${ids.task}`)).json();
    expect((await as('leader', 'POST', `/api/inspection-tasks/${ids.task}/redraw`, { version: task.version, reason: '结果录入之后不能重新抽取' })).json().error.code).toBe('results_recorded');
    const res = await as('handler', 'POST', `/api/inspection-tasks/${ids.task}/publish`, { version: task.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedOnTime: true });
  });

  it('shows the results on the public pages, per task and per enterprise, without log-in', async () => {
    const all = await t.request('GET', '/api/public/inspections');
    expect(all.statusCode).toBe(200);
    const [published] = all.json();
    expect(published).toMatchObject({ id: ids.task, title: '食品生产企业联合抽查', departments: ['驻马店市市场监督管理局', '驻马店市住房和城乡建设局'] });
    expect(published.results).toHaveLength(task.visits.length);
    expect(published.results[0]).toMatchObject({ result: 'ordered_to_correct', resultName: { zh: '发现问题已责令改正' }, firstOffenceNoPenalty: true });
    expect(JSON.stringify(published)).not.toMatch(/ZF4117|执法员/);
    const own = (await t.request('GET', `/api/public/inspections?uscc=${DEMO_ENTERPRISE_USCC}`)).json();
    expect(own[0].results.map((r: { uscc: string }) => r.uscc)).toEqual([DEMO_ENTERPRISE_USCC]);
    // The enterprise page lists the inspection for the enterprise itself and the departments' staff.
    for (const user of ['enterprise', 'handler', 'housing']) {
      const page = (await as(user, 'GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}`)).json();
      expect(page.sections.find((s: { key: string }) => s.key === 'inspections'), user).toMatchObject({ total: 1, items: [{ code: task.code, status: 'done' }] });
    }
  });

  it('counts the figures: targets drawn, inspected, problems found, published on time, visits saved by joining; and as xlsx', async () => {
    const res = await as('leader', 'GET', `/api/inspection-figures?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const n = task.visits.length;
    expect(res.json()[0]).toMatchObject({ officeName: '合计', tasks: 1, targetsDrawn: n, inspected: n, problemsFound: 1, rectified: 0, published: 1, publishedOnTime: 1, visitsSavedByJoining: n });
    expect((await as('zz-handler', 'GET', '/api/inspection-figures')).json()[0]).toMatchObject({ tasks: 0 });
    const xlsx = await as('leader', 'GET', '/api/inspection-figures?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers['content-disposition']).toContain('inspection-figures');
    const csv = await as('leader', 'GET', `/api/inspection-figures?year=${YEAR}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('联合检查减少入企');
    expect((await as('enterprise', 'GET', '/api/inspection-figures')).statusCode).toBe(403);
  });

  it('sweeps the publication clock as events without moving the version, and every chain verifies', async () => {
    const plan = (await as('handler', 'GET', '/api/inspection-plans')).json()[0];
    const res = await as('handler', 'POST', '/api/inspection-tasks', {
      planId: plan.id, batch: 1, title: '第二项任务', itemIds: [ids.items[0]], filters: {}, strata: [{ stratum: 'normal', basisPoints: 300 }],
      periodFrom: `${YEAR}-01-01`, periodTo: `${YEAR}-01-31`, seedSource: { zh: '见证', en: 'witness' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const second: TaskView = (await as('handler', 'POST', `/api/inspection-tasks/${res.json().id}/commit`, { version: 1 })).json();
    expect(second.status).toBe('committed');
    const late = new Date(`${second.publicationDue}T12:00:00+08:00`);
    late.setUTCDate(late.getUTCDate() + 3);
    expect(await sweepPublication(t.database.db, late)).toEqual({ dueStateChanged: 1 });
    const after: TaskView = (await as('handler', 'GET', `/api/inspection-tasks/${second.id}`)).json();
    expect(after).toMatchObject({ dueState: 'overdue', version: second.version });
    expect(await sweepPublication(t.database.db, late)).toEqual({ dueStateChanged: 0 });
    for (const [store, label] of [[TASK_STORE, 'task'], [VISIT_STORE, 'visit']] as const) {
      const v = await verifyChains(t.database.db, store, label);
      expect(v.problems).toEqual([]);
      expect(v.uncovered).toBe(0);
    }
  });
});
