import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor, type Actor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { createUser } from '../../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { usccCheckCharacter } from '../../enterprises/uscc.js';
import { verifyWorkItems } from '../../audit/verify.js';
import { createEnterprise } from '../../enterprises/commands/createEnterprise.js';
import { loadDemoServiceItems } from '../demo.js';
import { takeIn } from './doors.js';
import { sweepApplications } from './commands/sweepApplications.js';
import type { ApplicationView } from './contract.js';

const PASSWORD = 'Qq-approvals-9';
/** Another enterprise's code, with a correct check character. */
const OTHER_USCC = `91410122MA9GQ7K3X${usccCheckCharacter('91410122MA9GQ7K3X')}`;

describe.each(ENGINES)('applications (办件) on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const offices: Record<string, number> = {};
  let permit: number;
  let materials: Record<string, number>;
  let windowActor: Actor;

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    const db = t.database.db;
    await loadDemoServiceItems(db, operatorActor(), t.demo.offices);
    for (const k of ['housing', 'planning', 'civil-defence', 'water', 'market']) offices[k] = t.demo.offices[`county-410122-${k}`];
    offices.county = t.demo.offices['county-410122'];
    offices.other = t.demo.offices['county-410108'];
    const users: [string, string[], number | null, string?][] = [
      ['window', ['window_agent'], offices.county], ['window2', ['window_agent'], offices.county], ['other-window', ['window_agent'], offices.other],
      ...(['housing', 'planning', 'civil-defence', 'water', 'market'] as const).map((k): [string, string[], number] => [`rev-${k}`, ['reviewer'], offices[k]]),
      ['housing-leader', ['leader'], offices.housing], ['county-handler', ['handler'], offices.county],
      ['other-enterprise', ['enterprise'], null, OTHER_USCC],
    ];
    for (const [username, roles, officeId, uscc] of users) {
      await createUser(db, operatorActor(), { username, password: PASSWORD, name: username, roles: roles as never, officeId, enterpriseUscc: uscc ?? null });
      cookies[username] = await t.login(username, PASSWORD);
    }
    for (const u of ['admin', 'enterprise', 'leader']) cookies[u] = await t.login(u);
    const [item] = await queryRows<{ id: number }>(db, sql`select s.id from service_items s join service_item_versions v on v.item_id = s.id where v.name = '建筑工程施工许可证核发'`);
    permit = item.id;
    const ms = await queryRows<{ id: number; name: string }>(db, sql`select m.id, m.name from service_item_materials m join service_item_versions v on v.id = m.version_id where v.item_id = ${permit}`);
    materials = Object.fromEntries(ms.map((m) => [m.name, m.id]));
    const [w] = await queryRows<{ id: number; path: string }>(db, sql`select u.id, o.path from users u join offices o on o.id = u.office_id where u.username = 'window'`);
    windowActor = { userId: w.id, name: 'window', roles: ['window_agent'], officeId: offices.county, officePath: w.path };
  }, 120_000);
  afterAll(() => t.close());

  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const all = () => Object.values(materials).filter((id) => id !== materials['质量安全措施']);
  const intakeBody = (over: Record<string, unknown> = {}) => ({
    serviceItemId: permit, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' }, materialIds: all(), ...over,
  });
  const counts = async () => (await queryRows<{ apps: number; events: number; branches: number }>(t.database.db, sql`select
    (select count(*)::int from applications) as apps, (select count(*)::int from application_events) as events, (select count(*)::int from application_branches) as branches`))[0];
  async function act(user: string, id: number, action: string, body: Record<string, unknown> = {}, version?: number) {
    const current = version ?? (JSON.parse((await as('window', 'GET', `/api/applications/${id}`)).body) as ApplicationView).version;
    return as(user, 'POST', `/api/applications/${id}/${action}`, { version: current, ...body });
  }
  const ok = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await act(user, id, action, body);
    expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
    return JSON.parse(res.body) as ApplicationView;
  };
  const unversioned = async (user: string, id: number, action: string, body: Record<string, unknown>) => {
    const res = await as(user, 'POST', `/api/applications/${id}/${action}`, body);
    expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
    return JSON.parse(res.body) as ApplicationView;
  };
  async function accepted(): Promise<ApplicationView> {
    const res = await as('window', 'POST', '/api/applications', intakeBody());
    expect(res.statusCode, res.body).toBe(201);
    return ok('window', (JSON.parse(res.body) as ApplicationView).id, 'accept');
  }
  const PARALLEL = () => [offices.planning, offices['civil-defence'], offices.water, offices.housing];

  it('takes an application in at the window for an enterprise, keeps its item version and lists everything missing at once', async () => {
    const res = await as('window', 'POST', '/api/applications', intakeBody({ materialIds: [materials['建筑工程施工许可证申请表']] }));
    expect(res.statusCode, res.body).toBe(201);
    const view = JSON.parse(res.body) as ApplicationView;
    expect(view).toMatchObject({ status: 'received', channel: 'window', ownerName: 'window', applicantUscc: DEMO_ENTERPRISE_USCC, clock: null });
    expect(view.missing.map((m) => m.name)).toEqual(['建设工程规划许可证', '施工合同', '施工图设计文件审查合格书', '建设资金落实承诺书']);
    expect(view.actions).toEqual(expect.arrayContaining(['notify-missing', 'accept-deficient', 'withdraw']));
    // Accepting it as it is refuses, naming what is missing (unless the notice window has passed: see below).
    expect(JSON.parse((await act('window', view.id, 'accept', {}, view.version)).body).error.code).toBe('materials_missing');
    const told = await ok('window', view.id, 'notify-missing');
    expect(told.status).toBe('incomplete');
    const notice = JSON.parse((await as('window', 'GET', `/api/applications/${view.id}/notice`)).body);
    expect(notice.missing.map((m: { name: string }) => m.name)).toEqual(view.missing.map((m) => m.name));
    // The applicant supplies online, the window accepts: the clock runs from acceptance.
    await ok('enterprise', view.id, 'supplement', { materialIds: all() });
    const acc = await ok('window', view.id, 'accept');
    expect(acc.status).toBe('accepted');
    expect(acc.clock).toMatchObject({ state: 'on_time', paused: false });
    const [{ versionId }] = await queryRows<{ versionId: number }>(t.database.db, sql`select version_id as "versionId" from applications where id = ${view.id}`);
    expect(acc.versionId).toBe(versionId);
  });

  it('refuses a bad USCC, an unknown material, an enterprise applying for another, and a citizen with a USCC: 4xx and nothing written', async () => {
    const before = await counts();
    const bad = [
      ['window', intakeBody({ applicant: { kind: 'enterprise', name: 'X', uscc: '91411702MA9GQ7K3X8' } }), 'invalid_uscc'],
      ['window', intakeBody({ applicant: { kind: 'enterprise', name: 'X' } }), 'uscc_required'],
      ['window', intakeBody({ applicant: { kind: 'person', name: '王女士', uscc: DEMO_ENTERPRISE_USCC } }), 'uscc_for_enterprise_only'],
      ['window', intakeBody({ materialIds: [999999] }), 'unknown_material'],
      ['enterprise', intakeBody({ applicant: { kind: 'enterprise', name: 'X', uscc: OTHER_USCC } }), 'own_applications_only'],
      ['window', intakeBody({ serviceItemId: 'one' }), undefined],
      ['window', intakeBody({ extra: 1 }), undefined],
      ['window', intakeBody({ applicant: { kind: 'robot', name: 'X' } }), undefined],
      ['window', '{not json', undefined],
    ] as const;
    for (const [user, body, code] of bad) {
      const res = await as(user, 'POST', '/api/applications', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      if (code) expect(JSON.parse(res.body).error.code).toBe(code);
    }
    expect((await as('window', 'POST', '/api/applications', intakeBody({ serviceItemId: 999999 }))).statusCode).toBe(404);
    expect((await as('rev-housing', 'POST', '/api/applications', intakeBody())).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('runs a parallel stage through four departments: one asks for more (the clock pauses, the others go on), the stage completes with the last approval', async () => {
    const app = await accepted();
    const staged = await ok('window', app.id, 'start-stage', { name: '施工许可阶段并联审批', departmentIds: PARALLEL() });
    expect(staged.stages[0].branches.map((b) => b.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    for (const k of ['planning', 'civil-defence', 'water', 'housing']) await unversioned(`rev-${k}`, app.id, 'sign', { departmentId: offices[k] });
    // A reviewer acts only on the own department's branch.
    const foreign = await as('rev-planning', 'POST', `/api/applications/${app.id}/approve`, { departmentId: offices.water });
    expect(foreign.statusCode).toBe(403);
    const asked = await unversioned('rev-civil-defence', app.id, 'ask-more', { departmentId: offices['civil-defence'], reason: '补充防空地下室面积计算书' });
    expect(asked.stages[0].paused).toBe(true);
    expect(asked.clock!.paused).toBe(true);
    for (const k of ['planning', 'water', 'housing']) await unversioned(`rev-${k}`, app.id, 'approve', { departmentId: offices[k] });
    const waiting = JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView;
    expect(waiting.stages[0]).toMatchObject({ status: 'open', paused: true });
    expect(Object.fromEntries(waiting.stages[0].branches.map((b) => [b.departmentId, b.status]))).toEqual({
      [offices.planning]: 'approved', [offices['civil-defence']]: 'waiting', [offices.water]: 'approved', [offices.housing]: 'approved',
    });
    await unversioned('enterprise', app.id, 'supply', { departmentId: offices['civil-defence'], note: '已补充' });
    const done = await unversioned('rev-civil-defence', app.id, 'approve', { departmentId: offices['civil-defence'] });
    expect(done.stages[0].status).toBe('approved');
    expect(done.clock!.paused).toBe(false);
    expect(done.pauses).toHaveLength(1);
    expect(done.pauses[0]).toMatchObject({ reason: 'applicant', note: '补充防空地下室面积计算书' });
    // A stage may follow a stage (serial composition) before the decision.
    const second = await ok('window', app.id, 'start-stage', { name: '施工许可证核发', departmentIds: [offices.housing] });
    expect(second.stages).toHaveLength(2);
    expect(second.actions).not.toContain('conclude');
    await unversioned('rev-housing', app.id, 'sign', { departmentId: offices.housing });
    await unversioned('rev-housing', app.id, 'approve', { departmentId: offices.housing });
    expect((await ok('rev-housing', app.id, 'conclude')).status).toBe('approved');
    expect((await ok('window', app.id, 'issue', { resultNumber: '410122202612030101' })).status).toBe('issued');
    expect((await act('window', app.id, 'deliver', { method: 'post' })).statusCode).toBe(400);
    expect((await ok('window', app.id, 'deliver', { method: 'post', trackingNumber: 'SF1234567890' })).status).toBe('delivered');
    // The owner was told of the steps others took; the departments of their branch; the applicant of the request.
    const notices = await queryRows<{ kind: string; recipient_user_id: number | null; recipient_office_id: number | null; recipient_uscc: string | null }>(t.database.db, sql`
      select kind, recipient_user_id, recipient_office_id, recipient_uscc from notification_outbox where subject_type = 'application' and subject_id = ${app.id}`);
    expect(notices.filter((n) => n.recipient_user_id === windowActor.userId).map((n) => n.kind)).toEqual(expect.arrayContaining(['application.sign', 'application.ask-more', 'application.conclude']));
    expect(notices.filter((n) => n.kind === 'application.start-stage' && n.recipient_office_id !== null).map((n) => n.recipient_office_id).sort()).toEqual([...PARALLEL(), offices.housing].sort());
    expect(notices.some((n) => n.kind === 'application.ask-more' && n.recipient_uscc === DEMO_ENTERPRISE_USCC)).toBe(true);
    const events = JSON.parse((await as('enterprise', 'GET', `/api/applications/${app.id}/events`)).body) as { action: string }[];
    expect(events.filter((e) => e.action === 'approve')).toHaveLength(5);
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
  });

  it('ends the stage at one refusal: every open branch closed, the reasons kept, the application refused', async () => {
    const app = await accepted();
    await ok('window', app.id, 'start-stage', { name: '并联审批', departmentIds: PARALLEL() });
    for (const k of ['planning', 'water']) await unversioned(`rev-${k}`, app.id, 'sign', { departmentId: offices[k] });
    await unversioned('rev-planning', app.id, 'approve', { departmentId: offices.planning });
    const refused = await unversioned('rev-water', app.id, 'refuse', { departmentId: offices.water, reason: '水土保持方案不符合要求' });
    expect(refused.status).toBe('refused');
    expect(refused.refusalReason).toContain('水土保持方案不符合要求');
    const byDept = Object.fromEntries(refused.stages[0].branches.map((b) => [b.departmentId, b]));
    expect(byDept[offices.planning].status).toBe('approved');
    expect(byDept[offices.water]).toMatchObject({ status: 'refused', reason: '水土保持方案不符合要求' });
    expect(byDept[offices['civil-defence']].status).toBe('closed');
    expect(byDept[offices.housing].status).toBe('closed');
    const late = await as('rev-housing', 'POST', `/api/applications/${app.id}/sign`, { departmentId: offices.housing });
    expect(late.statusCode).toBe(409);
  });

  it('completes a stage exactly once when the last two departments decide at the same moment', async () => {
    const app = await accepted();
    await ok('window', app.id, 'start-stage', { name: '并联审批', departmentIds: PARALLEL() });
    for (const k of ['planning', 'civil-defence', 'water', 'housing']) await unversioned(`rev-${k}`, app.id, 'sign', { departmentId: offices[k] });
    for (const k of ['planning', 'civil-defence']) await unversioned(`rev-${k}`, app.id, 'approve', { departmentId: offices[k] });
    const [a, b] = await Promise.all(['water', 'housing'].map((k) => as(`rev-${k}`, 'POST', `/api/applications/${app.id}/approve`, { departmentId: offices[k] })));
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const events = await queryRows<{ data: { stageEnded?: string } }>(t.database.db, sql`select data from application_events where application_id = ${app.id} and action = 'approve'`);
    expect(events.filter((e) => e.data.stageEnded === 'approved')).toHaveLength(1);
    const view = JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView;
    expect(view.stages[0].status).toBe('approved');
    // No branch is duplicated: the same department twice in a stage is refused, and the key holds.
    expect(JSON.parse((await act('window', app.id, 'start-stage', { name: 'x', departmentIds: [offices.water, offices.water] })).body).error.code).toBe('duplicate_department');
    await expect(t.database.db.execute(sql`insert into application_branches (application_id, stage_no, office_id, status, updated_at) values (${app.id}, 1, ${offices.water}, 'pending', now())`)).rejects.toThrow();
  });

  it('sends one approved branch back: only it reopens', async () => {
    const app = await accepted();
    await ok('window', app.id, 'start-stage', { name: '并联审批', departmentIds: [offices.planning, offices.water, offices['civil-defence']] });
    for (const k of ['planning', 'water', 'civil-defence']) await unversioned(`rev-${k}`, app.id, 'sign', { departmentId: offices[k] });
    for (const k of ['planning', 'water']) await unversioned(`rev-${k}`, app.id, 'approve', { departmentId: offices[k] });
    const back = await ok('window', app.id, 'send-back', { departmentId: offices.planning, reason: '规划意见与图纸不一致' });
    expect(Object.fromEntries(back.stages[0].branches.map((b) => [b.departmentId, b.status]))).toEqual({
      [offices.planning]: 'reviewing', [offices.water]: 'approved', [offices['civil-defence']]: 'reviewing',
    });
    expect(back.stages[0].status).toBe('open');
  });

  it('accepts under deficiency only on its rules, issues nothing until the supplements arrive, and the sweep ends a missed deadline', async () => {
    const main = [materials['建筑工程施工许可证申请表'], materials['建设工程规划许可证'], materials['施工图设计文件审查合格书']];
    const create = async (ids: number[]) => JSON.parse((await as('window', 'POST', '/api/applications', intakeBody({ materialIds: ids }))).body) as ApplicationView;
    const app = await create(main);
    const deficient = { promise: '申请人承诺 1 个工作日内补齐施工合同和资金承诺书', creditBad: false, supplementDays: 1 };
    const before = await counts();
    expect(JSON.parse((await act('window', app.id, 'accept-deficient', { ...deficient, creditBad: true })).body).error.code).toBe('bad_credit');
    // The committed limit is 3 working days: the supplement deadline is at most 1.
    expect(JSON.parse((await act('window', app.id, 'accept-deficient', { ...deficient, supplementDays: 2 })).body).error.code).toBe('supplement_deadline_too_long');
    const missingMain = await create([materials['建筑工程施工许可证申请表']]);
    expect(JSON.parse((await act('window', missingMain.id, 'accept-deficient', deficient)).body).error.code).toBe('main_materials_missing');
    expect((await counts()).events).toBe(before.events + 1);
    const acc = await ok('window', app.id, 'accept-deficient', deficient);
    expect(acc.materials.filter((m) => m.owed).map((m) => m.name)).toEqual(['施工合同', '建设资金落实承诺书']);
    await ok('window', app.id, 'start-stage', { name: '施工许可', departmentIds: [offices.housing] });
    await unversioned('rev-housing', app.id, 'sign', { departmentId: offices.housing });
    await unversioned('rev-housing', app.id, 'approve', { departmentId: offices.housing });
    const decided = await ok('rev-housing', app.id, 'conclude');
    expect(decided.blockedActions.map((b) => b.code)).toContain('materials_owed');
    expect(JSON.parse((await act('window', app.id, 'issue', { resultNumber: 'N1' })).body).error.code).toBe('materials_owed');
    await ok('enterprise', app.id, 'supply-deficient', { materialIds: [materials['施工合同'], materials['建设资金落实承诺书']] });
    expect((await ok('window', app.id, 'issue', { resultNumber: 'N1' })).status).toBe('issued');
    // Another, whose supplement never comes: the sweep after the deadline ends it.
    const missed = await create(main);
    const m = await ok('window', missed.id, 'accept-deficient', deficient);
    expect((await sweepApplications(t.database.db, new Date(Date.parse(m.supplementDueAt!) - 1000))).ended).toBe(0);
    expect((await sweepApplications(t.database.db, new Date(Date.parse(m.supplementDueAt!) + 1000))).ended).toBe(1);
    expect((JSON.parse((await as('window', 'GET', `/api/applications/${missed.id}`)).body) as ApplicationView).status).toBe('ended');
  });

  it('takes the credit flag from the enterprise registry, and asks the window agent only for an applicant it does not hold', async () => {
    const main = [materials['建筑工程施工许可证申请表'], materials['建设工程规划许可证'], materials['施工图设计文件审查合格书']];
    const registered = async (name: string, base: string, credit: 'good' | 'bad') => {
      const uscc = `${base}${usccCheckCharacter(base)}`;
      await createEnterprise(t.database.db, operatorActor(), { uscc, name, kind: 'limited_liability', regionCode: '410122', credit });
      const res = await as('window', 'POST', '/api/applications', intakeBody({ materialIds: main, applicant: { kind: 'enterprise', name, uscc, phone: '13800000010' } }));
      expect(res.statusCode, res.body).toBe(201);
      return JSON.parse(res.body) as ApplicationView;
    };
    const promise = { promise: '申请人承诺 1 个工作日内补齐施工合同和资金承诺书', supplementDays: 1 };
    const code = async (id: number, body: Record<string, unknown>) => JSON.parse((await act('window', id, 'accept-deficient', body)).body).error?.code;

    // The registry's 失信 holds whatever the window agent ticks.
    const bad = await registered('中牟失信示范建设有限公司', '91410122MA9GQ8L4X', 'bad');
    expect(await code(bad.id, { ...promise, creditBad: false })).toBe('bad_credit');
    expect(await code(bad.id, promise)).toBe('bad_credit');
    // A bad record the agent found and the registry lacks refuses as well.
    const good = await registered('中牟守信示范建设有限公司', '91410122MA9GQ9M5Y', 'good');
    expect(await code(good.id, { ...promise, creditBad: true })).toBe('bad_credit');
    const before = await counts();
    // An applicant the registry does not hold: the agent must say.
    const unregistered = JSON.parse((await as('window', 'POST', '/api/applications', intakeBody({ materialIds: main }))).body) as ApplicationView;
    expect(await code(unregistered.id, promise)).toBe('credit_unchecked');
    expect((await counts()).events).toBe(before.events + 1);

    await ok('window', good.id, 'accept-deficient', promise);
    const [event] = await queryRows<{ data: { credit: unknown } }>(t.database.db, sql`select data from application_events where application_id = ${good.id} and action = 'accept-deficient'`);
    expect(event.data.credit).toEqual({ bad: false, source: 'registry' });
    await ok('window', unregistered.id, 'accept-deficient', { ...promise, creditBad: false });
  });

  it('shows an enterprise\'s applications on its registry page to those who may read them, and to no one else', async () => {
    const base = '91410122MA9GQAN6Y';
    const uscc = `${base}${usccCheckCharacter(base)}`;
    await createEnterprise(t.database.db, operatorActor(), { uscc, name: '中牟示范餐饮有限公司', kind: 'limited_liability', regionCode: '410122' });
    const res = await as('window', 'POST', '/api/applications', intakeBody({ applicant: { kind: 'enterprise', name: '中牟示范餐饮有限公司', uscc, phone: '13800000011' } }));
    expect(res.statusCode, res.body).toBe(201);
    const app = JSON.parse(res.body) as ApplicationView;
    const section = async (user: string) => {
      const page = await as(user, 'GET', `/api/enterprises/${uscc}`);
      expect(page.statusCode, `${user}: ${page.body}`).toBe(200);
      return (JSON.parse(page.body).sections as { key: string; total: number; items: { id: number; title: string; path: string }[] }[]).find((s) => s.key === 'applications');
    };
    for (const user of ['window', 'rev-housing', 'housing-leader']) {
      expect(await section(user), user).toMatchObject({ total: 1, items: [{ id: app.id, title: '建筑工程施工许可证核发', path: `/approvals/applications/${app.id}` }] });
    }
    // A department the application was never sent to reads the enterprise but not the application.
    expect(await section('rev-market')).toMatchObject({ total: 0, items: [] });
    // A handler reads the registry but no applications at all: the section is not there.
    expect(await section('county-handler')).toBeUndefined();
  });

  it('counts an application told nothing within 5 days of receipt as accepted on receipt', async () => {
    const receivedAt = new Date(Date.now() - 7 * 86_400_000);
    const old = await takeIn(t.database.db, windowActor, intakeBody({ materialIds: [materials['建筑工程施工许可证申请表']] }) as never, receivedAt);
    const late = await act('window', old.id, 'notify-missing');
    expect(JSON.parse(late.body).error.code).toBe('deemed_accepted');
    const acc = await ok('window', old.id, 'accept');
    expect(acc).toMatchObject({ deemedAccepted: true, acceptedAt: receivedAt.toISOString() });
    const other = await takeIn(t.database.db, windowActor, intakeBody() as never, receivedAt);
    expect((await sweepApplications(t.database.db)).deemedAccepted).toBeGreaterThanOrEqual(1);
    expect((JSON.parse((await as('window', 'GET', `/api/applications/${other.id}`)).body) as ApplicationView)).toMatchObject({ status: 'accepted', deemedAccepted: true });
  });

  it('pauses for an Art. 45 period with its reason and extends once by the department head, told to the applicant', async () => {
    const app = await accepted();
    const paused = await ok('window', app.id, 'pause', { reason: 'expert_review', note: '消防专家评审' });
    expect(paused.clock!.paused).toBe(true);
    expect(paused.blockedActions.map((b) => b.code)).toContain('already_paused');
    expect((await ok('window', app.id, 'resume')).clock!.paused).toBe(false);
    expect((await act('window', app.id, 'extend', { days: 10, reason: '情况复杂' })).statusCode).toBe(403);
    expect((await act('housing-leader', app.id, 'extend', { days: 11, reason: '情况复杂' })).statusCode).toBe(400);
    const ext = await ok('housing-leader', app.id, 'extend', { days: 10, reason: '需现场核查' });
    expect(ext.extensionDays).toBe(10);
    expect(Date.parse(ext.clock!.committedDueAt)).toBeGreaterThan(Date.parse(paused.clock!.committedDueAt));
    expect(JSON.parse((await act('housing-leader', app.id, 'extend', { days: 1, reason: 'x' })).body).error.code).toBe('already_extended');
    const [told] = await queryRows<{ body_zh: string }>(t.database.db, sql`select body_zh from notification_outbox where subject_type = 'application' and subject_id = ${app.id} and kind = 'application.extend' and recipient_uscc is not null`);
    expect(told.body_zh).toContain('需现场核查');
  });

  it('is marked due soon, then overdue, by the sweep against the committed limit, and its department\'s leader sees and hears of it', async () => {
    const app = await accepted();
    const dueAt = Date.parse(app.clock!.committedDueAt);
    // The 施工许可 item's committed limit is 3 working days: an hour before its close, two office hours are left at most.
    await sweepApplications(t.database.db, new Date(dueAt - 60 * 60_000));
    expect((JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView).dueState).toBe('due_soon');
    const result = await sweepApplications(t.database.db, new Date(dueAt + 60_000));
    expect(result.dueStateChanged).toBeGreaterThanOrEqual(1);
    const overdue = JSON.parse((await as('housing-leader', 'GET', '/api/applications?dueState=overdue&pageSize=100')).body);
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(app.id);
    const onTime = JSON.parse((await as('housing-leader', 'GET', '/api/applications?dueState=on_time&pageSize=100')).body);
    expect(onTime.items.map((i: { id: number }) => i.id)).not.toContain(app.id);
    const view = JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView;
    expect(view).toMatchObject({ dueState: 'overdue', version: app.version });
    const told = await queryRows<{ kind: string }>(t.database.db, sql`select kind from notification_outbox
      where subject_type = 'application' and subject_id = ${app.id} and recipient_office_id = ${offices.housing} and recipient_role = 'leader'`);
    expect(told.map((n) => n.kind)).toEqual(['application.deadline', 'application.deadline']);
  });

  it('keeps its owner: only a recorded hand-over to another window agent changes it', async () => {
    const app = await accepted();
    expect((await act('window2', app.id, 'hand-over', { toUserId: 1, reason: 'x' })).statusCode).toBe(403);
    const [w2] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'window2'`);
    const [rev] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = 'rev-housing'`);
    expect(JSON.parse((await act('window', app.id, 'hand-over', { toUserId: rev.id, reason: '调岗' })).body).error.code).toBe('not_a_window_agent');
    const handed = await ok('window', app.id, 'hand-over', { toUserId: w2.id, reason: '调岗' });
    expect(handed).toMatchObject({ ownerUserId: w2.id, ownerName: 'window2' });
    await expect(t.database.db.execute(sql`update applications set owner_user_id = null, owner_name = null where id = ${app.id}`)).rejects.toThrow(/owner/);
  });

  it('answers a stale version with 409 and writes nothing', async () => {
    const res = await as('window', 'POST', '/api/applications', intakeBody());
    const view = JSON.parse(res.body) as ApplicationView;
    await ok('window', view.id, 'accept');
    const before = await counts();
    const stale = await act('window', view.id, 'pause', { reason: 'testing', note: 'x' }, view.version);
    expect(stale.statusCode).toBe(409);
    expect(JSON.parse(stale.body).error.code).toBe('stale_version');
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed input on every action with 4xx and writes nothing', async () => {
    const app = await accepted();
    await ok('window', app.id, 'start-stage', { name: '并联审批', departmentIds: [offices.planning] });
    const before = await counts();
    const bodies: [string, string, unknown][] = [
      ['window', 'start-stage', { version: app.version, name: '', departmentIds: [offices.water] }],
      ['window', 'pause', { version: 99, reason: 'lunch', note: 'x' }],
      ['housing-leader', 'extend', { version: 99, days: 0, reason: 'x' }],
      ['housing-leader', 'extend', { version: 99, days: 3, reason: '' }],
      ['rev-planning', 'approve', { departmentId: 'planning' }],
      ['rev-planning', 'approve', { departmentId: offices.market }],
      ['rev-planning', 'refuse', { departmentId: offices.planning }],
      ['rev-planning', 'sign', { departmentId: offices.planning, extra: true }],
      ['window', 'deliver', { version: 99, method: 'drone' }],
      ['window', 'supply-deficient', { version: 99, materialIds: [] }],
      ['window', 'hand-over', { version: 99, toUserId: -1, reason: 'x' }],
      ['window', 'accept-deficient', { version: 99, promise: 'x', creditBad: 'no', supplementDays: 1 }],
    ];
    for (const [user, action, body] of bodies) {
      const res = await as(user, 'POST', `/api/applications/${app.id}/${action}`, body);
      expect(res.statusCode, `${action} ${JSON.stringify(body)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect((await as('window', 'POST', `/api/applications/0/accept`, { version: 1 })).statusCode).toBe(400);
    expect((await as('window', 'GET', '/api/applications?status=lost')).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('lets each role see and do only its part (authorization matrix over every endpoint)', async () => {
    const app = await accepted();
    await ok('window', app.id, 'start-stage', { name: '并联审批', departmentIds: [offices.planning, offices.water] });
    // Who may read it: the window, the departments it was sent to and the implementing one (reviewers and its leader), the applicant.
    const readers = ['window', 'window2', 'rev-planning', 'rev-water', 'rev-housing', 'housing-leader', 'enterprise'];
    const strangers = ['other-window', 'rev-market', 'rev-civil-defence', 'county-handler', 'other-enterprise', 'admin', 'leader'];
    for (const user of readers) {
      for (const path of ['', '/events', '/notice']) expect((await as(user, 'GET', `/api/applications/${app.id}${path}`)).statusCode, `${user} ${path}`).toBe(200);
      const list = JSON.parse((await as(user, 'GET', '/api/applications?pageSize=100')).body);
      expect(list.items.map((i: { id: number }) => i.id), user).toContain(app.id);
    }
    for (const user of strangers) {
      for (const path of ['', '/events', '/notice']) expect((await as(user, 'GET', `/api/applications/${app.id}${path}`)).statusCode, `${user} ${path}`).toBe(404);
      const list = await as(user, 'GET', '/api/applications?pageSize=100');
      if (list.statusCode === 200) expect(JSON.parse(list.body).items.map((i: { id: number }) => i.id), user).not.toContain(app.id);
      else expect(list.statusCode, user).toBe(403);
    }
    // The list agrees with the single read for every actor over every application.
    for (const user of [...readers, ...strangers]) {
      const list = await as(user, 'GET', '/api/applications?pageSize=100');
      if (list.statusCode !== 200) continue;
      for (const { id } of JSON.parse(list.body).items as { id: number }[]) expect((await as(user, 'GET', `/api/applications/${id}`)).statusCode, `${user} ${id}`).toBe(200);
    }
    // Actions: allowed to exactly their roles, 403 to a reader in another role, 404 to a stranger.
    const view = JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView;
    const matrix: [string, Record<string, unknown>, string[]][] = [
      // Only the department's own reviewer; another department's reviewer in the stage is refused by the branch.
      ['sign', { departmentId: offices.planning }, ['rev-planning']],
      // The window, and the reviewers of the departments it was sent to or that implement it.
      ['pause', { version: view.version, reason: 'inspection', note: '现场勘验' }, ['window', 'window2', 'rev-planning', 'rev-water', 'rev-housing']],
      ['extend', { version: view.version, days: 5, reason: '复杂' }, ['housing-leader']],
    ];
    for (const [action, body, allowed] of matrix) {
      for (const user of [...readers, ...strangers]) {
        if (allowed.includes(user)) continue;
        const res = await as(user, 'POST', `/api/applications/${app.id}/${action}`, body);
        expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(readers.includes(user) ? 403 : 404);
      }
      const res = await as(allowed[0], 'POST', `/api/applications/${app.id}/${action}`, body);
      expect(res.statusCode, `${allowed[0]} ${action}: ${res.body}`).toBe(200);
      if (action === 'pause') await ok('window', app.id, 'resume');
      const fresh = JSON.parse((await as('window', 'GET', `/api/applications/${app.id}`)).body) as ApplicationView;
      for (const m of matrix) if ('version' in m[1]) m[1].version = fresh.version;
    }
  });
});
