import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';
import { queryRows, sql } from '../platform/db/engine.js';

/** The agent on the phone (话务员): the caller's history, finding a caller's cases, the return-visit queue. */
describe.each(ENGINES)('the agent\'s desk on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const phone = '13600001111';
  const name = '柯来电';
  let plain: { id: number; code: string };
  let report: { id: number; code: string };
  let older: { id: number; code: string };

  const intake = async (body: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'complaint', requester: { kind: 'person', name, phone }, ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; code: string };
  };
  const act = async (who: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const version = (await t.request('GET', `/api/cases/${id}`, { cookie: as[who] })).json().version;
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[who], body: { version, ...body } });
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  };
  const toReply = async (id: number, reply: string) => {
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    await act('handler', id, 'sign');
    await act('handler', id, 'reply', { reply });
  };
  const history = async (who: string, probe: string) => {
    const res = await t.request('GET', `/api/cases/intake-hints?${probe}`, { cookie: as[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().callerCases as { id: number; status: string; reply: string | null }[];
  };
  const found = async (who: string, q: string) => {
    const res = await t.request('GET', `/api/cases?q=${encodeURIComponent(q)}&pageSize=100`, { cookie: as[who] });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: number }[]).map((c) => c.id);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'enterprise']) as[role] = await t.login(role);
    // A department's dispatcher who also handles: asks for intake hints, sees what the department leads, never who made a report.
    await createUser(t.database.db, operatorActor(), { username: 'dept.desk', password: 'Kiosk-pass-2026', name: '部门派单兼承办', roles: ['dispatcher', 'handler'], officeId: t.demo.offices['zmd-dept-0'] });
    as.dept = await t.login('dept.desk', 'Kiosk-pass-2026');
    older = await intake({ title: '超市卖过期牛奶', content: '驿城区某超市货架上的牛奶已过期' });
    await toReply(older.id, '经查属实，已责令下架并立案调查。');
    report = await intake({ type: 'report', title: '举报无证小作坊', content: '某村小作坊无证生产豆制品' });
    await act('dispatcher', report.id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    plain = await intake({ title: '楼下饭店油烟扰民', content: '每天晚上油烟直冲住户窗户' });
  });
  afterAll(() => t.close());

  it('shows the caller\'s earlier cases as soon as the number is typed, newest first, with their status and reply', async () => {
    const cases = await history('agent', `phone=${phone}`);
    expect(cases.map((c) => c.id)).toEqual([plain.id, report.id, older.id]);
    expect(cases[2]).toMatchObject({ code: older.code, type: 'complaint', title: '超市卖过期牛奶', status: 'replied', reply: '经查属实，已责令下架并立案调查。', repliedAt: expect.any(String) });
    expect(cases[0]).toMatchObject({ status: 'accepted', reply: null, repliedAt: null });
    expect(await history('agent', 'phone=13600009999')).toEqual([]);
    expect(await history('agent', 'phone=abc')).toEqual([]);
  });

  it('shows a department only the caller\'s cases it handles, never a report\'s, and refuses the hints to other roles', async () => {
    expect((await history('dept', `phone=${phone}`)).map((c) => c.id)).toEqual([older.id]);
    expect((await t.request('GET', `/api/cases/intake-hints?phone=${phone}`, { cookie: as.handler })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/cases/intake-hints?phone=${phone}`, { cookie: as.enterprise })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/cases/intake-hints?phone=${phone}`)).statusCode).toBe(401);
  });

  it('finds the caller\'s cases in the list by the whole number, its last four digits, the name and the code', async () => {
    const all = [plain.id, report.id, older.id].sort();
    expect((await found('agent', phone)).sort()).toEqual(all);
    expect((await found('agent', '1111')).sort()).toEqual(all);
    expect((await found('agent', name)).sort()).toEqual(all);
    expect(await found('agent', older.code)).toEqual([older.id]);
    expect(await found('agent', '2222')).not.toContain(plain.id);
  });

  it('lets handling staff find a caller only as they may see them: the last four digits and the name, never a report\'s requester, never by the whole number they see masked', async () => {
    expect((await t.request('GET', `/api/cases/${older.id}`, { cookie: as.handler })).json().requester.phone).toBe('136****1111');
    expect(await found('handler', '1111')).toEqual([older.id]);
    expect(await found('handler', name)).toEqual([older.id]);
    expect(await found('handler', phone)).toEqual([]);
    expect(await found('enterprise', name)).toEqual([]);
  });

  it('queues reviewed cases waiting for their return visit, the longest waiting first, until the visit is recorded', async () => {
    const first = await intake({ title: '人行道地砖松动', content: '解放路人行道地砖松动绊人' });
    const second = await intake({ title: '公交站牌被撞坏', content: '人民街公交站牌被撞坏无人修' });
    await toReply(first.id, '已修复地砖。');
    await toReply(second.id, '已更换站牌。');
    // Reviewed in the other order from their intake: the queue follows the review.
    await act('dispatcher', second.id, 'review', { decision: 'accept' });
    await act('dispatcher', first.id, 'review', { decision: 'accept' });
    const queue = async () => {
      const res = await t.request('GET', '/api/cases?awaitingVisit=true', { cookie: as.agent });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { id: number; status: string; reply: string; requester: { phone: string } }[];
    };
    const waiting = await queue();
    expect(waiting.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(waiting[0]).toMatchObject({ status: 'reviewed', reply: '已更换站牌。', requester: { phone } });
    await act('agent', second.id, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    expect((await queue()).map((c) => c.id)).toEqual([first.id]);
    // The still-replied case is not waiting for a visit: its reply is not reviewed yet.
    expect((await queue()).map((c) => c.id)).not.toContain(older.id);
    expect((await t.request('GET', '/api/cases?awaitingVisit=yes', { cookie: as.agent })).statusCode).toBe(400);
  });

  it('finds categories by keyword as well as by name, and lets only the system administrator set the keywords', async () => {
    const search = async (q: string) => ((await t.request('GET', `/api/case-categories?q=${encodeURIComponent(q)}`, { cookie: as.agent })).json().items as { id: number }[]).map((c) => c.id);
    expect(await search('油烟')).toEqual([t.categories['environment.air']]);
    expect(await search('环境')).toEqual(expect.arrayContaining([t.categories.environment, t.categories['environment.air'], t.categories['environment.water']]));
    expect(await search('不存在的说法')).toEqual([]);
    const water = (await t.request('GET', '/api/case-categories', { cookie: as.agent })).json().items.find((c: { id: number }) => c.id === t.categories['utilities.water']);
    const body = { version: water.version, keywords: [' 自来水发黄 ', '自来水发黄', '水质'] };
    expect((await t.request('PATCH', `/api/case-categories/${water.id}`, { cookie: as.dispatcher, body })).statusCode).toBe(403);
    as.admin ??= await t.login('admin');
    const set = await t.request('PATCH', `/api/case-categories/${water.id}`, { cookie: as.admin, body });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ name: '供水', keywords: ['自来水发黄', '水质'], version: water.version + 1 });
    expect(await search('自来水')).toEqual([water.id]);
    expect((await t.request('PATCH', `/api/case-categories/${water.id}`, { cookie: as.admin, body: { version: water.version + 1, keywords: ['x'.repeat(21)] } })).statusCode).toBe(400);
  });

  it('suggests a category from the text: one it names by keyword, else the one similar past cases were filed under', async () => {
    const hints = async (title: string) => (await t.request('GET', `/api/cases/intake-hints?title=${encodeURIComponent(title)}`, { cookie: as.agent })).json().categories;
    expect((await hints('楼下烧烤店油烟太大'))[0]).toEqual({ categoryId: t.categories['environment.air'], path: '生态环境 / 大气污染', reason: 'keyword', word: '油烟' });
    expect(await hints('流浪狗又咬人了')).toEqual([]);
    for (const title of ['流浪狗咬伤居民', '小区流浪狗咬人']) await intake({ title, content: `${title}，请处理`, categoryId: t.categories.health });
    expect(await hints('流浪狗又咬人了')).toEqual([{ categoryId: t.categories.health, path: '卫生健康', reason: 'similar_cases', cases: 2 }]);
  });

  it('texts the lookup secret to the caller\'s phone when asked, never keeping it with the case', async () => {
    const res = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'help', title: '低保申请进度', content: '想查询低保申请进度', requester: { kind: 'person', name, phone }, sendSecretBySms: true } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: number; code: string; lookupSecret: string; secretSentBySms: boolean };
    expect(created).toMatchObject({ secretSentBySms: true, lookupSecret: expect.stringMatching(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
    const notices = await queryRows<{ kind: string; recipient_phone: string; body_zh: string; carries_secret: boolean }>(t.database.db,
      sql`select kind, recipient_phone, body_zh, carries_secret from notification_outbox where subject_type = 'case' and subject_id = ${created.id}`);
    // Marked as carrying the secret: the outbox drops the text once the notice is delivered (notifications' delivery test).
    expect(notices).toEqual([{ kind: 'case.lookup_secret', recipient_phone: phone, body_zh: expect.stringContaining(`查询密码 ${created.lookupSecret}`), carries_secret: true }]);
    const [stored] = await queryRows<{ hash: string; events: string }>(t.database.db,
      sql`select c.lookup_secret_hash as hash, (select string_agg(e.data::text, ' ') from case_events e where e.case_id = c.id) as events from cases c where c.id = ${created.id}`);
    expect(stored.hash).not.toContain(created.lookupSecret);
    expect(stored.events).not.toContain(created.lookupSecret.replace('-', ''));
    expect(stored.events).not.toContain(created.lookupSecret);
    // Nobody to text: no phone, or an anonymous caller (who gets no secret).
    for (const requester of [{ kind: 'person', name }, { kind: 'anonymous' }]) {
      const refused = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'help', title: 'x', content: 'y', requester, sendSecretBySms: true } });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'secret_sms_needs_phone', messageZh: expect.stringContaining('手机号码'), messageEn: expect.stringContaining('phone') });
    }
    const plainIntake = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'help', title: '问路', content: '问路', requester: { kind: 'person', name, phone } } });
    expect(plainIntake.json().secretSentBySms).toBeUndefined();
    expect(await queryRows(t.database.db, sql`select 1 from notification_outbox where kind = 'case.lookup_secret' and subject_id = ${plainIntake.json().id}`)).toEqual([]);
  });
});
