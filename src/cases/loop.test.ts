import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { verifyCaseChains } from './verify.js';
import { NotificationDispatcher } from '../notifications/dispatcher.js';
import { inAppSender } from '../notifications/senders/inApp.js';

const complaint = {
  channel: 'hotline', type: 'complaint', title: '小区夜间施工噪音扰民', content: '驿城区某小区旁工地每晚十点后仍在施工，噪音很大，影响休息。',
  address: '驻马店市驿城区人民街道', regionCode: '411702', requester: { kind: 'person', name: '陈先生', phone: '13812345678' },
};

describe.each(ENGINES)('one case through the whole loop on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise', 'admin']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const act = async (role: string, id: number, action: string, body: Record<string, unknown>, expected = 200) => {
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[role], body });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(expected);
    return res.json();
  };

  it('takes in, dispatches, signs, extends, pauses, replies, reviews, visits and closes, each step recorded', async () => {
    const created = await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code } = created.json();
    expect(code).toMatch(/^\d{8}\d{5,}$/);
    let c = (await t.request('GET', `/api/cases/${id}`, { cookie: as.dispatcher })).json();
    expect(c).toMatchObject({ status: 'accepted', version: 1, actions: expect.arrayContaining(['dispatch']) });

    c = await act('dispatcher', id, 'dispatch', { version: c.version, leadOfficeId: t.demo.offices['zmd-dept-0'], assistingOfficeIds: [t.demo.offices['zmd-dept-6']] });
    expect(c).toMatchObject({ status: 'dispatched', leadOfficeId: t.demo.offices['zmd-dept-0'], leadOfficeName: '驻马店市市场监督管理局', assistingOfficeNames: ['驻马店市城市管理局'], deadline: { step: 'sign' } });
    expect(new Date(c.replyDueAt) > new Date(c.signDueAt)).toBe(true);

    // The lead office's handlers are told through the outbox.
    await new NotificationDispatcher(t.database.db, { senders: [inAppSender(t.database.db)] }).runOnce();
    const notices = (await t.request('GET', '/api/notifications', { cookie: as.handler })).json();
    expect(notices.items.map((n: { kind: string; link: string }) => [n.kind, n.link])).toContainEqual(['case.dispatch', `/cases/${id}`]);

    const inbox = (await t.request('GET', '/api/cases?status=dispatched', { cookie: as.handler })).json();
    expect(inbox.items.map((i: { id: number }) => i.id)).toContain(id);
    c = await act('handler', id, 'sign', { version: c.version });
    expect(c).toMatchObject({ status: 'handling', deadline: { step: 'reply' } });

    const dueBefore = c.replyDueAt;
    c = await act('handler', id, 'request-extension', { version: c.version, days: 3, reason: '需协调城管执法联合检查' });
    expect(c.pendingExtension).toMatchObject({ days: 3 });
    const waiting = async () => (await t.request('GET', '/api/cases?extensionPending=true&pageSize=100', { cookie: as.supervisor })).json().items.map((i: { id: number }) => i.id);
    expect(await waiting()).toContain(id);
    c = await act('supervisor', id, 'decide-extension', { version: c.version, approve: true });
    expect(c.extensionsGranted).toBe(1);
    expect(await waiting()).not.toContain(id);
    expect(new Date(c.replyDueAt) > new Date(dueBefore)).toBe(true);

    c = await act('handler', id, 'pause-clock', { version: c.version, reason: 'excluded_step', note: '噪声检测' });
    expect(c.clockPaused).toBe(true);
    expect(c.actions).toContain('resume-clock');
    expect(c.actions).not.toContain('pause-clock');
    c = await act('handler', id, 'resume-clock', { version: c.version });
    expect(c.clockPaused).toBe(false);

    c = await act('handler', id, 'reply', { version: c.version, reply: '已责令施工单位夜间停工，并安排执法人员巡查。' });
    expect(c.status).toBe('replied');
    c = await act('dispatcher', id, 'review', { version: c.version, decision: 'send_back', note: '请补充处罚结果' });
    expect(c.status).toBe('handling');
    c = await act('handler', id, 'reply', { version: c.version, reply: '已立案处罚并责令夜间停工，施工单位已整改。' });
    c = await act('dispatcher', id, 'review', { version: c.version, decision: 'accept' });
    expect(c.status).toBe('reviewed');
    await act('agent', id, 'close', { version: c.version }, 409);
    c = await act('agent', id, 'return-visit', { version: c.version, contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    c = await act('agent', id, 'close', { version: c.version });
    expect(c).toMatchObject({ status: 'closed', outcome: 'resolved', visit: { satisfaction: 'satisfied' } });

    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.agent })).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'create', 'dispatch', 'sign', 'request-extension', 'decide-extension', 'pause-clock', 'resume-clock', 'reply', 'review', 'reply', 'review', 'return-visit', 'close',
    ]);
    expect(events.at(-1)).toMatchObject({ fromStatus: 'reviewed', toStatus: 'closed', actorName: 'agent' });

    // The handler's office sits below the centre: the centre is outside their tree, yet named, as is every office the events name.
    const handlerTimeline = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.handler })).json();
    expect(handlerTimeline.officeNames).toEqual({
      [t.demo.offices['zmd-centre']]: '驻马店市12345政务服务便民热线中心', [t.demo.offices['zmd-dept-0']]: '驻马店市市场监督管理局', [t.demo.offices['zmd-dept-6']]: '驻马店市城市管理局',
    });
    // A closed case tells staff how long its reply took against the limit.
    expect(c.replyTime).toMatchObject({ late: false, minutes: expect.any(Number), limitMinutes: expect.any(Number) });
    expect(c.replyTime.limitMinutes).toBeGreaterThan(c.replyTime.minutes);
    expect(await verifyCaseChains(t.database.db)).toMatchObject({ ok: true });
  });

  it('refuses a stale version (409), a wrong status (409 naming it) and a wrong role (403 naming the role)', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint })).json();
    const stale = await t.request('POST', `/api/cases/${id}/dispatch`, { cookie: as.dispatcher, body: { version: 7, leadOfficeId: t.demo.offices['zmd-dept-0'] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const wrongStatus = await t.request('POST', `/api/cases/${id}/reply`, { cookie: as.dispatcher, body: { version: 1, reply: 'x' } });
    expect(wrongStatus.statusCode).toBe(403);
    const notYet = await t.request('POST', `/api/cases/${id}/review`, { cookie: as.dispatcher, body: { version: 1, decision: 'accept' } });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.messageZh).toContain('已受理');
    expect(notYet.json().error.messageEn).toContain('accepted');
    const agentDispatch = await t.request('POST', `/api/cases/${id}/dispatch`, { cookie: as.agent, body: { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] } });
    expect(agentDispatch.statusCode).toBe(403);
    expect(agentDispatch.json().error.messageZh).toContain('派单员');
  });

  it('hides the case from a handler outside the lead office subtree, and from other enterprises', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint })).json();
    await act('dispatcher', id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-1'] });
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/cases/${id}/sign`, { cookie: as.handler, body: { version: 2 } })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/cases', { cookie: as.handler })).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.enterprise })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/cases', { cookie: as.admin })).statusCode).toBe(403);
  });

  it('answers a handler\'s return with an acknowledgement, though the case leaves their sight', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint })).json();
    await act('dispatcher', id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    const returned = await act('handler', id, 'return', { version: 2, reason: '不属本单位职责' });
    expect(returned).toEqual({ id, code: expect.any(String), version: 3, status: 'accepted', visible: false });
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.dispatcher })).json()).toMatchObject({ status: 'accepted', returnCount: 1 });
  });

  it('keeps a confidential enterprise requester out of the timeline handlers see', async () => {
    const res = await t.request('POST', '/api/cases', { cookie: as.enterprise, body: { channel: 'enterprise_portal', type: 'complaint', title: '反映执法人员索要好处', content: '请保密处理', confidential: true, requester: { kind: 'enterprise', name: '驻马店示范企业' } } });
    const { id } = res.json();
    await act('dispatcher', id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.handler })).json().items;
    expect(events[0]).toMatchObject({ action: 'create', actorName: '（保密）', actorUserId: null });
    expect(JSON.stringify(events)).not.toContain('"actorName":"enterprise"');
    expect((await t.request('GET', `/api/cases/${id}/events`, { cookie: as.agent })).json().items[0].actorName).toBe('enterprise');

    // Neither the requester's kind nor the door only an enterprise uses tells the handler who it is.
    const seen = (await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).json();
    expect(seen).toMatchObject({ channel: null, requester: { kind: null, hidden: true } });
    expect(events[0].data.channel).toBeNull();
    expect(JSON.stringify(events) + JSON.stringify(seen)).not.toContain('enterprise');
    const listed = (await t.request('GET', '/api/cases?pageSize=100', { cookie: as.handler })).json().items.find((i: { id: number }) => i.id === id);
    expect(listed).toMatchObject({ channel: null, requester: { kind: null } });
    const byPortal = (await t.request('GET', '/api/cases?channel=enterprise_portal&pageSize=100', { cookie: as.handler })).json().items.map((i: { id: number }) => i.id);
    expect(byPortal).not.toContain(id);
    // The intake centre took it in and sees it whole.
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json()).toMatchObject({ channel: 'enterprise_portal', requester: { kind: 'enterprise', hidden: false } });
    expect((await t.request('GET', '/api/cases?channel=enterprise_portal&pageSize=100', { cookie: as.agent })).json().items.map((i: { id: number }) => i.id)).toContain(id);
  });

  it('lets exactly one of two simultaneous actions on one case win; the other gets 409', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint })).json();
    await act('dispatcher', id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    const second = await t.login('handler');
    const results = await Promise.all([as.handler, second].map((cookie) => t.request('POST', `/api/cases/${id}/sign`, { cookie, body: { version: 2 } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.handler })).json().items;
    expect(events.filter((e: { action: string }) => e.action === 'sign')).toHaveLength(1);
  });

  it('keeps a report\'s requester from handlers and masks phone numbers outside the intake centre', async () => {
    const report = { ...complaint, type: 'report', title: '举报无证经营', requester: { kind: 'person', name: '匿名举报人李某', phone: '13900001111' } };
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: report })).json();
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json().requester).toMatchObject({ name: '匿名举报人李某', phone: '13900001111' });
    await act('dispatcher', id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    const seen = (await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).json();
    expect(seen.requester).toMatchObject({ name: '（保密）', phone: null, hidden: true });
    expect(JSON.stringify(seen)).not.toContain('13900001111');
    expect(JSON.stringify((await t.request('GET', `/api/cases/${id}/events`, { cookie: as.handler })).json())).not.toContain('李某');
    const plain = (await t.request('POST', '/api/cases', { cookie: as.agent, body: complaint })).json();
    await act('dispatcher', plain.id, 'dispatch', { version: 1, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    expect((await t.request('GET', `/api/cases/${plain.id}`, { cookie: as.handler })).json().requester).toMatchObject({ name: '陈先生', phone: '138****5678' });
  });

  it('lets an enterprise raise an appeal through its portal, see only its own, and evaluate it when closed', async () => {
    const res = await t.request('POST', '/api/cases', { cookie: as.enterprise, body: { channel: 'enterprise_portal', type: 'help', title: '办理消防验收遇到困难', content: '新厂房消防验收材料不清楚。', regionCode: '411702', requester: { kind: 'enterprise', name: '驻马店示范企业' } } });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const mine = (await t.request('GET', '/api/cases', { cookie: as.enterprise })).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(mine.items.every((i: { requester: { uscc: string } }) => i.requester.uscc === '91411702MA9GQ7K3X9')).toBe(true);
    const hotline = await t.request('POST', '/api/cases', { cookie: as.enterprise, body: { ...complaint } });
    expect(hotline.statusCode).toBe(403);
    const c = await act('dispatcher', id, 'close', { version: 1, outOfScopeRoute: 'administrative_review', explanation: '属行政复议事项，已告知申请途径' });
    expect(c.status).toBe('closed');
    const evaluated = await act('enterprise', id, 'evaluate', { version: c.version, satisfaction: 'basically_satisfied', comment: '答复及时' });
    expect(evaluated.evaluation).toMatchObject({ satisfaction: 'basically_satisfied' });
  });
});
