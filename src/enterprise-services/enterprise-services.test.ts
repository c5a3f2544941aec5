/**
 * Service to enterprises on both engines: a service visit whose problems become appeal cases and
 * whose progress follows them, leaders assigned to key enterprises, the service day and the
 * hotline duty — and who may see and do what, denials as carefully as permissions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { createEnterprise } from '../enterprises/commands/createEnterprise.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import { createCase } from '../cases/commands/createCase.js';
import { runCaseAction } from '../cases/commands/runAction.js';
import { openCaseFrom } from '../cases/origins.js';
import { verifyWorkItems } from '../audit/verify.js';
import { workingCalendar } from '../calendar/store.js';
import { demoActor } from '../demo/actors.js';
import { dutyRoster, halfDayBounds, serviceDayOf } from './rules.js';
import type { LeaderAssignmentView, ServiceVisitView } from './contract.js';

const PASSWORD = 'Service-visit-1';
const code = (base: string) => `${base}${usccCheckCharacter(base)}`;
const KEY = code('91411702MA9GW0001');
const PLAIN = code('91411702MA9GW0002');
const ELSEWHERE = code('91410122MA9GW0003');

describe.each(ENGINES)('service visits, leaders and duty, on %s', (engine) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    for (const [uscc, name, keyEnterprise, regionCode] of [[KEY, '驿城示范食品有限公司', true, '411702'], [PLAIN, '驿城示范商贸有限公司', false, '411702'], [ELSEWHERE, '中牟示范物流有限公司', true, '410122']] as const) {
      await createEnterprise(db, operatorActor(), { uscc, name, kind: 'limited_liability', regionCode, keyEnterprise });
    }
    const o = t.demo.offices;
    for (const [username, roles, officeId, uscc] of [
      ['county-handler', ['handler'], o['county-411721'], null], ['zz-leader', ['leader'], o['county-410122'], null], ['county-leader', ['leader'], o['county-411721'], null],
      ['key-enterprise', ['enterprise'], null, KEY], ['plain-enterprise', ['enterprise'], null, PLAIN],
    ] as const) {
      await createUser(db, operatorActor(), { username, password: PASSWORD, name: username, roles: [...roles], officeId, enterpriseUscc: uscc });
      cookie[username] = await t.login(username, PASSWORD);
    }
    for (const u of ['admin', 'handler', 'leader', 'agent', 'supervisor']) cookie[u] = await t.login(u);
  }, 120_000);
  afterAll(() => t.close());

  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookie[user], body });
  const counts = async () => (await queryRows<{ visits: number; events: number; cases: number; assignments: number }>(t.database.db, sql`select
    (select count(*)::int from service_visits) as visits, (select count(*)::int from service_visit_events) as events,
    (select count(*)::int from cases) as cases, (select count(*)::int from leader_assignments) as assignments`))[0];
  const plan = async (user = 'handler', over: Record<string, unknown> = {}) => {
    const res = await as(user, 'POST', '/api/service-visits', {
      kind: 'service_team', uscc: KEY, officeId: t.demo.offices['zmd-dept-0'], plannedOn: '2026-11-20', members: ['张承办'], purpose: '了解企业困难', ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ServiceVisitView;
  };
  const act = (user: string, v: { id: number; version: number }, action: string, body: Record<string, unknown>) =>
    as(user, 'POST', `/api/service-visits/${v.id}/${action}`, { version: v.version, ...body });

  it('turns each problem raised on a visit into an appeal case, follows them, and closes the visit only when all have their answer', async () => {
    const planned = await plan();
    expect(planned).toMatchObject({ status: 'planned', enterpriseName: '驿城示范食品有限公司', actions: expect.arrayContaining(['record', 'cancel']) });
    const recorded = await act('handler', planned, 'record', { heldOn: '2026-11-20', matters: [
      { kind: 'problem', text: '冷库用电增容申请迟迟未批' }, { kind: 'need', text: '希望对接银行贷款' }, { kind: 'problem', text: '厂区门口道路破损' }, { kind: 'suggestion', text: '简化出口备案' },
    ] });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const v = recorded.json() as ServiceVisitView;
    expect(v).toMatchObject({ status: 'held', heldOn: '2026-11-20', problems: 2, solved: 0 });
    const raised = v.matters.filter((m) => m.case);
    expect(raised.map((m) => m.text)).toEqual(['冷库用电增容申请迟迟未批', '厂区门口道路破损']);
    const [first] = await queryRows<{ channel: string; requester_uscc: string; requester_kind: string; type: string; region_code: string }>(t.database.db,
      sql`select channel, requester_uscc, requester_kind, type, region_code from cases where id = ${raised[0].case!.id}`);
    expect(first).toEqual({ channel: 'onsite_visit', requester_uscc: KEY, requester_kind: 'enterprise', type: 'help', region_code: '411702' });

    // Another record adds to the lists; a problem already raised is never raised twice.
    const more = await act('handler', v, 'record', { matters: [{ kind: 'problem', text: '员工子女入学咨询' }] });
    const after = more.json() as ServiceVisitView;
    expect(after.problems).toBe(3);
    expect(await openCaseFrom(t.database.db, operatorActor(), { type: 'service_visit', id: v.id, key: 'm1' }, { channel: 'onsite_visit', type: 'help', title: 'x', content: 'x', requester: { kind: 'anonymous' } }))
      .toEqual({ caseId: raised[0].case!.id, opened: false });

    const refused = await act('leader', after, 'close', { summary: '走访完成' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'problems_open' });
    // Each case goes the loop's usual way: dispatched by the hotline centre, signed and replied to by the department.
    const [dispatcher, handler] = [await demoActor(t.database.db, 'dispatcher'), await demoActor(t.database.db, 'handler')];
    for (const m of after.matters.filter((x) => x.case)) {
      for (const [who, action, input] of [[dispatcher, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] }], [handler, 'sign', {}], [handler, 'reply', { reply: '已协调供电和交通部门，答复企业办理路径和时限。' }]] as const) {
        const [c] = await queryRows<{ version: number }>(t.database.db, sql`select version from cases where id = ${m.case!.id}`);
        await runCaseAction(t.database.db, who, { caseId: m.case!.id, action, version: c.version, input });
      }
    }
    const solved = (await as('handler', 'GET', `/api/service-visits/${v.id}`)).json() as ServiceVisitView;
    expect(solved).toMatchObject({ problems: 3, solved: 3 });
    expect((await act('handler', solved, 'close', { summary: '走访完成' })).statusCode).toBe(403);
    const closed = await act('leader', solved, 'close', { summary: '三个问题均已答复企业' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', summary: '三个问题均已答复企业' });
    const events = (await as('handler', 'GET', `/api/service-visits/${v.id}/events`)).json().items as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(['create', 'record', 'record', 'close']);
    const chains = await verifyWorkItems(t.database.db, () => () => {});
    expect(chains.every((c) => c.ok)).toBe(true);
    expect(chains.map((c) => c.label)).toContain('service visit');
  });

  it('lets only the organising office\'s subtree, the visit\'s leader and the enterprise visited read a visit, and only staff change it', async () => {
    const v = await plan();
    for (const user of ['handler', 'leader', 'supervisor', 'admin', 'key-enterprise']) {
      expect((await as(user, 'GET', `/api/service-visits/${v.id}`)).statusCode, user).toBe(200);
      expect(((await as(user, 'GET', '/api/service-visits?status=planned')).json().items as { id: number }[]).map((i) => i.id), user).toContain(v.id);
    }
    for (const user of ['county-handler', 'zz-leader', 'plain-enterprise']) {
      expect((await as(user, 'GET', `/api/service-visits/${v.id}`)).statusCode, user).toBe(404);
      expect(((await as(user, 'GET', '/api/service-visits')).json().items as { id: number }[]).map((i) => i.id), user).not.toContain(v.id);
      expect((await act(user, v, 'record', { matters: [] })).statusCode, user).toBe(404);
    }
    const before = await counts();
    const enterpriseTries = await act('key-enterprise', v, 'record', { matters: [{ kind: 'problem', text: '自己记一条' }] });
    expect(enterpriseTries.statusCode).toBe(403);
    // Planning for an office outside one's subtree is refused as if the office's visits did not exist.
    expect((await as('county-handler', 'POST', '/api/service-visits', { kind: 'service_team', uscc: KEY, officeId: t.demo.offices['zmd-dept-0'], plannedOn: '2026-11-20', purpose: 'x' })).statusCode).toBe(404);
    // The enterprise sees visits to itself, so it is told it may not plan one.
    expect((await as('key-enterprise', 'POST', '/api/service-visits', { kind: 'service_team', uscc: KEY, officeId: t.demo.offices['zmd-dept-0'], plannedOn: '2026-11-20', purpose: 'x' })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // A stale version is a conflict, never a silent overwrite.
    expect((await act('handler', v, 'cancel', { reason: '企业停产检修' })).statusCode).toBe(200);
    expect((await act('handler', v, 'cancel', { reason: '再取消一次' })).statusCode).toBe(409);
  });

  it('refuses malformed and impossible input with a clear message and writes nothing', async () => {
    const before = await counts();
    const base = { kind: 'service_team', uscc: KEY, officeId: t.demo.offices['zmd-dept-0'], plannedOn: '2026-11-20', purpose: '了解困难' };
    for (const [body, status, errorCode] of [
      [{ ...base, kind: 'party' }, 400, 'invalid_request'], [{ ...base, uscc: 'abc' }, 400, 'invalid_request'], [{ ...base, plannedOn: '2026-02-30' }, 400, 'invalid_date'],
      [{ ...base, uscc: code('91411702MA9GW0099') }, 400, 'unknown_enterprise'], [{ ...base, officeId: 999999 }, 400, 'unknown_office'],
      [{ ...base, kind: 'leader' }, 400, 'leader_required'], [{ ...base, leaderUserId: 1 }, 400, 'not_a_leader'], [{ ...base, purpose: '   ' }, 400, 'purpose_required'], [{ ...base, extra: 1 }, 400, 'invalid_request'],
    ] as const) {
      const res = await as('handler', 'POST', '/api/service-visits', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, res.body).toBe(errorCode);
      expect(res.json().error.messageZh).toBeTruthy();
    }
    expect((await as('handler', 'POST', '/api/service-visits', { ...base, kind: 'party' })).json().error.messageEn).toBe('Invalid body: kind must be one of service_team, service_day, leader');
    const v = await plan();
    const written = await counts();
    for (const body of [{ matters: [{ kind: 'problem', text: '   ' }] }, { matters: [{ kind: 'wish', text: 'x' }] }, { heldOn: '2999-01-01', matters: [] }, { matters: 'x' }]) {
      const res = await act('handler', v, 'record', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await counts()).toEqual(written);
    expect(written.visits).toBe(before.visits + 1);
  });

  it('assigns leaders of one\'s own subtree to key enterprises only, and shows the enterprise its leader', async () => {
    const leaderId = (await demoActor(t.database.db, 'leader')).userId!;
    const before = await counts();
    for (const [user, body, status] of [
      ['admin', { leaderUserId: leaderId, uscc: PLAIN, startsOn: '2026-01-01' }, 400],
      ['admin', { leaderUserId: (await demoActor(t.database.db, 'handler')).userId!, uscc: KEY, startsOn: '2026-01-01' }, 400],
      ['county-leader', { leaderUserId: leaderId, uscc: KEY, startsOn: '2026-01-01' }, 403],
      ['handler', { leaderUserId: leaderId, uscc: KEY, startsOn: '2026-01-01' }, 403],
      ['admin', { leaderUserId: leaderId, uscc: KEY, startsOn: '2026-05-01', endsOn: '2026-04-01' }, 400],
    ] as const) {
      expect((await as(user, 'POST', '/api/leader-assignments', body)).statusCode, `${user} ${JSON.stringify(body)}`).toBe(status);
    }
    expect((await counts()).assignments).toBe(before.assignments);
    const names = async (user: string) => ((await as(user, 'GET', '/api/leader-assignments/leaders')).json().items as { name: string }[]).map((l) => l.name);
    expect(await names('leader')).toEqual(expect.arrayContaining(['刘领导', 'county-leader']));
    expect(await names('leader')).not.toContain('zz-leader');
    expect(await names('county-leader')).toEqual(['county-leader']);
    expect((await as('handler', 'GET', '/api/leader-assignments/leaders')).statusCode).toBe(403);
    const created = await as('admin', 'POST', '/api/leader-assignments', { leaderUserId: leaderId, uscc: KEY, startsOn: '2026-01-01', note: '市长包联' });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json() as LeaderAssignmentView;
    expect(a).toMatchObject({ enterpriseName: '驿城示范食品有限公司', leaderName: '刘领导', endsOn: null });
    expect((await as('admin', 'POST', '/api/leader-assignments', { leaderUserId: leaderId, uscc: KEY, startsOn: '2026-06-01' })).json().error.code).toBe('assignment_overlaps');
    expect(((await as('key-enterprise', 'GET', '/api/leader-assignments')).json().items as LeaderAssignmentView[]).map((x) => x.id)).toEqual([a.id]);
    expect((await as('plain-enterprise', 'GET', '/api/leader-assignments')).json().items).toEqual([]);
    expect((await as('zz-leader', 'GET', '/api/leader-assignments')).json().items).toEqual([]);
    expect((await as('leader', 'PATCH', `/api/leader-assignments/${a.id}`, { version: a.version + 1, note: 'x' })).statusCode).toBe(409);
    expect((await as('zz-leader', 'PATCH', `/api/leader-assignments/${a.id}`, { version: a.version, note: 'x' })).statusCode).toBe(404);
    const changed = await as('leader', 'PATCH', `/api/leader-assignments/${a.id}`, { version: a.version, note: '市长包联（含月度服务日）' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: a.version + 1, note: '市长包联（含月度服务日）' });
    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where entity_type = 'leader_assignment' and entity_id = ${String(a.id)} order by seq`);
    expect(audit.map((x) => x.action)).toEqual(['leader_assignment.create', 'leader_assignment.update']);

    // The service day plans each assignment's visit once, on the month's service day.
    const month = '2026-02';
    const day = serviceDayOf(await workingCalendar(t.database.db), 2026, 2, 15);
    const first = await as('leader', 'POST', '/api/service-days/schedule', { month });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ serviceDay: day, planned: [expect.any(Number)], alreadyPlanned: 0 });
    const again = await as('leader', 'POST', '/api/service-days/schedule', { month });
    expect(again.json()).toMatchObject({ planned: [], alreadyPlanned: 1 });
    const visit = (await as('key-enterprise', 'GET', `/api/service-visits/${first.json().planned[0]}`)).json() as ServiceVisitView;
    expect(visit).toMatchObject({ kind: 'service_day', plannedOn: day, leaderName: '刘领导', uscc: KEY });
    expect((await as('handler', 'POST', '/api/service-days/schedule', { month })).statusCode).toBe(403);
    expect((await as('leader', 'POST', '/api/service-days/schedule', { month: '2026-13' })).statusCode).toBe(400);
  });

  it('draws up the leaders\' hotline duty for the third week and shows the calls each took on duty', async () => {
    const centre = t.demo.offices['zmd-centre'];
    const leader = await demoActor(t.database.db, 'leader');
    const cal = await workingCalendar(t.database.db);
    const [slot] = dutyRoster(cal, 2026, 2, [leader.userId!]);
    const { from } = halfDayBounds(cal, slot.date, slot.half);
    const onDuty = await createCase(t.database.db, leader, { channel: 'leader_hotline', type: 'complaint', title: '坐班接听：物业乱收费', content: '小区物业收取不合理费用', regionCode: '411702', requester: { kind: 'person', name: '周先生', phone: '13700001111' } }, { at: new Date(from.getTime() + 30 * 60_000) });
    await createCase(t.database.db, leader, { channel: 'leader_hotline', type: 'complaint', title: '坐班之外的来电', content: '坐班之外', regionCode: '411702', requester: { kind: 'person', name: '吴女士', phone: '13700002222' } }, { at: new Date(from.getTime() - 86_400_000) });

    expect((await as('handler', 'POST', '/api/leader-duty/schedule', { officeId: centre, month: '2026-02' })).statusCode).toBe(403);
    expect((await as('county-leader', 'POST', '/api/leader-duty/schedule', { officeId: centre, month: '2026-02' })).statusCode).toBe(403);
    const scheduled = await as('leader', 'POST', '/api/leader-duty/schedule', { officeId: centre, month: '2026-02' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const slots = scheduled.json().slots as { date: string; half: string; leaderName: string; calls: { id: number }[] }[];
    expect(slots).toEqual([expect.objectContaining({ date: slot.date, half: slot.half, leaderName: '刘领导', calls: [expect.objectContaining({ id: onDuty.id })] })]);
    // Drawing it up again replaces the month's roster rather than adding to it.
    expect(((await as('leader', 'POST', '/api/leader-duty/schedule', { officeId: centre, month: '2026-02' })).json().slots as unknown[])).toHaveLength(1);
    expect((await as('agent', 'GET', `/api/leader-duty?officeId=${centre}&month=2026-02`)).statusCode).toBe(200);
    for (const user of ['county-handler', 'zz-leader', 'key-enterprise']) {
      expect((await as(user, 'GET', `/api/leader-duty?officeId=${centre}&month=2026-02`)).statusCode, user).toBe(403);
    }
    expect((await as('leader', 'POST', '/api/leader-duty/schedule', { officeId: t.demo.offices['zmd-dept-0'], month: '2026-02' })).json().error.code).toBe('no_leaders');
  });

  it('counts a year\'s visits, problems raised and solved by office, as a table and a workbook', async () => {
    const figures = (await as('leader', 'GET', '/api/service-visits/figures?year=2026')).json();
    const market = figures.rows.find((r: { officeId: number }) => r.officeId === t.demo.offices['zmd-dept-0']);
    expect(market).toMatchObject({ problems: 3, solved: 3, needs: 1, suggestions: 1 });
    // The visit held in the first test, and one planned since (a cancelled one does not count).
    expect(market).toMatchObject({ visits: 2, held: 1 });
    expect((await as('zz-leader', 'GET', '/api/service-visits/figures?year=2026')).json().rows).toEqual([]);
    const xlsx = await as('leader', 'GET', '/api/service-visits/figures?year=2026&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await as('leader', 'GET', '/api/service-visits/figures?year=26')).statusCode).toBe(400);
  });
});
