import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createHash } from 'node:crypto';
import { verifyCaseChains } from './verify.js';
import { queryRows, sql } from '../platform/db/engine.js';

const appeal = {
  type: 'complaint', title: '小区门口路灯坏了一个月', content: '驿城区人民街道某小区门口的路灯坏了一个月，晚上出行不安全。',
  address: '驻马店市驿城区人民街道', regionCode: '411702', requester: { kind: 'person', name: '周女士', phone: '13700002222' },
};

describe.each(ENGINES)('public appeals on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const raise = async (body: Record<string, unknown> = appeal) => {
    const res = await t.request('POST', '/api/public/appeals', { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { code: string; secret: string; lookupUrl: string; notice: { zh: string; en: string } };
  };
  const progress = (code: string, secret: string) => t.request('GET', `/api/public/appeals/${code}?secret=${encodeURIComponent(secret)}`);
  const caseId = async (code: string) => {
    const list = (await t.request('GET', `/api/cases?q=${code}`, { cookie: as.dispatcher })).json();
    expect(list.items).toHaveLength(1);
    return list.items[0].id as number;
  };
  const act = async (role: string, id: number, action: string, body: Record<string, unknown>) => {
    const version = (await t.request('GET', `/api/cases/${id}`, { cookie: as[role] })).json().version;
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[role], body: { version, ...body } });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('takes in a web appeal without log-in and answers the code and the secret once, with how to keep it', async () => {
    const receipt = await raise();
    expect(receipt.code).toMatch(/^\d{13,}$/);
    expect(receipt.secret).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(receipt.lookupUrl).toBe(`/public/appeals/${receipt.code}#secret=${receipt.secret}`);
    expect(receipt.notice.zh).toContain('妥善保存');
    expect(receipt.notice.en).toContain('shown only this once');

    const res = await progress(receipt.code, receipt.secret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      code: receipt.code, type: 'complaint', typeName: { zh: '投诉' }, status: 'accepted', statusName: { zh: '已受理', en: 'accepted' },
      intakeOffice: '驻马店市12345政务服务便民热线中心', handlingOffice: null, dispatchedAt: null, reply: null, deadline: null,
      canComment: true, canEvaluate: false, timeline: [{ step: 'create', name: { zh: '已受理', en: 'taken in' } }],
    });
    // Staff see a web case raised by the person, who is on record in full for the intake centre.
    const staff = (await t.request('GET', `/api/cases/${await caseId(receipt.code)}`, { cookie: as.agent })).json();
    expect(staff).toMatchObject({ channel: 'web', requester: { kind: 'person', name: '周女士', phone: '13700002222' } });
    const events = (await t.request('GET', `/api/cases/${staff.id}/events`, { cookie: as.agent })).json().items;
    expect(events[0]).toMatchObject({ action: 'create', actorName: 'public', actorUserId: null });
  });

  it('follows the whole loop: the office\'s name after dispatch, the reply once reviewed, never a note, an actor or the requester', async () => {
    const { code, secret } = await raise();
    const id = await caseId(code);
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'], assistingOfficeIds: [t.demo.offices['zmd-dept-6']], note: 'INTERNAL-dispatch-note 派单备注' });
    let p = (await progress(code, secret)).json();
    expect(p).toMatchObject({ status: 'dispatched', statusName: { zh: '已派单待签收' }, handlingOffice: '驻马店市市场监督管理局', deadline: { step: 'sign', state: 'on_time', stateName: { zh: '正常' } } });
    expect(p.dispatchedAt).not.toBeNull();
    expect(p.timeline.at(-1)).toEqual({ at: expect.any(String), step: 'dispatch', name: { zh: '已派单至承办单位', en: 'sent to the handling office' }, office: '驻马店市市场监督管理局' });

    await act('handler', id, 'sign', {});
    await act('supervisor', id, 'supervise', { level: 'yellow', note: 'INTERNAL-supervision 黄牌督办' });
    await act('leader', id, 'instruct', { instruction: 'INTERNAL-instruction 领导批示' });
    await act('agent', id, 'comment', { text: 'INTERNAL-staff-comment 内部备注' });
    await act('handler', id, 'request-extension', { days: 2, reason: 'INTERNAL-extension-reason 延期理由' });
    await act('supervisor', id, 'decide-extension', { approve: true, note: 'INTERNAL-extension-decision' });
    p = (await progress(code, secret)).json();
    expect(p).toMatchObject({ status: 'handling', deadline: { step: 'reply' } });
    expect(p.timeline.find((s: { step: string }) => s.step === 'decide-extension')).toMatchObject({ detail: { workingDays: 2 } });

    await act('handler', id, 'reply', { reply: '已安排维修人员更换路灯，现已恢复照明。' });
    p = (await progress(code, secret)).json();
    expect(p).toMatchObject({ status: 'replied', statusName: { zh: '已答复待审核' }, reply: null, deadline: null });
    expect(p.repliedAt).not.toBeNull();

    await act('dispatcher', id, 'review', { decision: 'accept', note: 'INTERNAL-review-note' });
    p = (await progress(code, secret)).json();
    expect(p).toMatchObject({ status: 'reviewed', reply: '已安排维修人员更换路灯，现已恢复照明。', handlingOffice: '驻马店市市场监督管理局', canEvaluate: false });

    await act('agent', id, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied', note: 'INTERNAL-visit-note' });
    await act('agent', id, 'close', { explanation: 'INTERNAL-close-explanation' });
    const res = await progress(code, secret);
    p = res.json();
    expect(p).toMatchObject({ status: 'closed', statusName: { zh: '已办结' }, outcome: { code: 'resolved', name: { zh: '已解决' } }, canEvaluate: true, canComment: true });
    expect(p.closedAt).not.toBeNull();
    expect(p.timeline.map((s: { step: string }) => s.step)).toEqual(['create', 'dispatch', 'sign', 'decide-extension', 'reply', 'review', 'return-visit', 'close']);

    const body = res.body;
    for (const leak of ['INTERNAL', '周女士', '13700002222', '700002222', 'dispatcher', 'handler', 'supervisor', '李派单', '张承办', 'public"', 'actor', 'OfficeId', '"id"', 'version', 'lookup']) {
      expect(body, leak).not.toContain(leak);
    }
    expect(p).not.toHaveProperty('requester');

    // The requester evaluates once; a second evaluation is refused.
    const evaluated = await t.request('POST', `/api/public/appeals/${code}/evaluate`, { body: { secret, satisfaction: 'satisfied', comment: '修得很快，谢谢！' } });
    expect(evaluated.statusCode, evaluated.body).toBe(200);
    expect(evaluated.json()).toMatchObject({ evaluation: { satisfaction: 'satisfied', comment: '修得很快，谢谢！' }, canEvaluate: false });
    expect(evaluated.json().timeline.at(-1)).toMatchObject({ step: 'evaluate', detail: { satisfaction: 'satisfied', satisfactionName: { zh: '满意' } } });
    const again = await t.request('POST', `/api/public/appeals/${code}/evaluate`, { body: { secret, satisfaction: 'unsatisfied' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_evaluated');
    const staff = (await t.request('GET', `/api/cases/${id}`, { cookie: as.dispatcher })).json();
    expect(staff.evaluation).toMatchObject({ satisfaction: 'satisfied' });
    expect(await verifyCaseChains(t.database.db)).toMatchObject({ ok: true });
  });

  it('shows an enterprise requester logged in the same steps the public door shows: no note, instruction, extension reason or staff name', async () => {
    const created = await t.request('POST', '/api/cases', {
      cookie: as.enterprise, body: { channel: 'enterprise_portal', type: 'help', title: '申请协调厂区周边道路维修', content: '厂区门前道路破损，货车通行困难。', requester: { kind: 'enterprise', name: '驻马店示范企业' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code, lookupSecret } = created.json();
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'], note: 'INTERNAL-dispatch-note' });
    await act('handler', id, 'sign', {});
    await act('supervisor', id, 'supervise', { level: 'yellow', note: 'INTERNAL-supervision' });
    await act('leader', id, 'instruct', { instruction: 'INTERNAL-instruction' });
    await act('handler', id, 'comment', { text: 'INTERNAL-staff-comment' });
    await act('handler', id, 'request-extension', { days: 2, reason: 'INTERNAL-extension-reason' });

    const own = await t.request('GET', `/api/cases/${id}/events`, { cookie: as.enterprise });
    expect(own.statusCode).toBe(200);
    const publicSteps = (await progress(code, lookupSecret)).json().timeline;
    expect(own.json()).toEqual({ audience: 'requester', items: publicSteps });
    expect(publicSteps.map((s: { step: string }) => s.step)).toEqual(['create', 'dispatch', 'sign']);
    const view = await t.request('GET', `/api/cases/${id}`, { cookie: as.enterprise });
    expect(view.json()).toMatchObject({ pendingExtension: null, supervisionLevel: null, returnCount: null, transferCount: null, escalationLevel: null });
    for (const body of [own.body, view.body]) {
      for (const leak of ['INTERNAL', '"handler"', '"dispatcher"', '"supervisor"', 'actorName', 'actorUserId']) expect(body, leak).not.toContain(leak);
    }

    // Staff still read every event, and the pending extension with its reason.
    const staff = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.handler })).json();
    expect(staff.audience).toBe('staff');
    expect(staff.items.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'sign', 'supervise', 'instruct', 'comment', 'request-extension']);
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).json()).toMatchObject({
      pendingExtension: { reason: 'INTERNAL-extension-reason' }, supervisionLevel: 'yellow', returnCount: 0, transferCount: 0, escalationLevel: 0,
    });

    // Late, and replied: the requester reads neither the mark nor the reply until it is reviewed, nor how long it took.
    await queryRows(t.database.db, sql`update cases set was_overdue = true where id = ${id}`);
    await act('supervisor', id, 'decide-extension', { approve: false, note: 'INTERNAL-refused' });
    await act('handler', id, 'reply', { reply: 'REPLY-道路已修复' });
    const replied = (await t.request('GET', `/api/cases/${id}`, { cookie: as.enterprise })).json();
    expect(replied).toMatchObject({ status: 'replied', reply: null, wasOverdue: false, replyTime: null, supervisionLevel: null });
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).json()).toMatchObject({
      reply: 'REPLY-道路已修复', wasOverdue: true, replyTime: { late: false, minutes: expect.any(Number), limitMinutes: expect.any(Number) },
    });
    await act('dispatcher', id, 'review', { decision: 'accept' });
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.enterprise })).json()).toMatchObject({ status: 'reviewed', reply: 'REPLY-道路已修复', wasOverdue: false, replyTime: null });

  });

  it('takes in simultaneous appeals each with its own code and secret', async () => {
    const receipts = await Promise.all(Array.from({ length: 8 }, (_, i) => raise({ ...appeal, title: `同时提交 ${i}` })));
    expect(new Set(receipts.map((r) => r.code)).size).toBe(8);
    expect(new Set(receipts.map((r) => r.secret)).size).toBe(8);
    for (const [i, r] of receipts.entries()) expect((await progress(r.code, r.secret)).json().title).toBe(`同时提交 ${i}`);
    // One citizen's secret opens only their own case.
    expect((await progress(receipts[0].code, receipts[1].secret)).statusCode).toBe(404);
  });

  it('takes the secret back as a caller reads it out: any case, with or without the dash; and a secret issued in the earlier form still opens its case', async () => {
    const receipt = await raise();
    for (const typed of [receipt.secret.toLowerCase(), receipt.secret.replace('-', ''), ` ${receipt.secret.replace('-', ' ')} `]) {
      expect((await progress(receipt.code, typed)).statusCode, typed).toBe(200);
    }
    // Before this form, a secret was 16 base64url characters stored as the SHA-256 of exactly that text.
    const earlier = 'aB3-dE_fGh1jK2lM';
    await t.database.db.execute(sql`update cases set lookup_secret_hash = ${createHash('sha256').update(earlier).digest('hex')} where code = ${receipt.code}`);
    expect((await progress(receipt.code, earlier)).statusCode).toBe(200);
    expect((await progress(receipt.code, earlier.toUpperCase())).statusCode).toBe(404);
    expect((await progress(receipt.code, receipt.secret)).statusCode).toBe(404);
  });

  it('answers a wrong secret exactly as an unknown code (404), and needs some secret', async () => {
    const { code, secret } = await raise();
    const wrong = await progress(code, `${secret}x`);
    const unknown = await progress('2099010199999', secret);
    const noSecretCase = (await t.request('POST', '/api/cases', { cookie: as.agent, body: { ...appeal, channel: 'hotline', requester: { kind: 'anonymous' } } })).json();
    const withoutSecret = await progress(noSecretCase.code, 'anything');
    for (const res of [wrong, unknown, withoutSecret]) {
      expect(res.statusCode).toBe(404);
      expect(Object.keys(res.json().error).sort()).toEqual(['code', 'message', 'messageEn', 'messageZh']);
    }
    const neutral = (res: typeof wrong, c: string) => res.body.replaceAll(c, 'CODE');
    expect(neutral(wrong, code)).toBe(neutral(unknown, '2099010199999'));
    expect(neutral(withoutSecret, noSecretCase.code)).toBe(neutral(unknown, '2099010199999'));
    for (const path of ['evaluate', 'comment']) {
      const res = await t.request('POST', `/api/public/appeals/${code}/${path}`, { body: { secret: 'wrong', ...(path === 'evaluate' ? { satisfaction: 'satisfied' } : { text: '补充' }) } });
      expect(res.statusCode, path).toBe(404);
    }
    expect((await t.request('GET', `/api/public/appeals/${code}`)).statusCode).toBe(400);
    // The secret may travel in a header, out of URLs and access logs.
    const byHeader = await t.request('GET', `/api/public/appeals/${code}`, { headers: { 'x-lookup-secret': secret } });
    expect(byHeader.statusCode).toBe(200);
  });

  it('lets the requester add information, shown back to them; evaluation waits for the answer', async () => {
    const { code, secret } = await raise({ ...appeal, requester: { kind: 'anonymous' }, confidential: true });
    const early = await t.request('POST', `/api/public/appeals/${code}/evaluate`, { body: { secret, satisfaction: 'satisfied' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.messageZh).toContain('已受理');
    const res = await t.request('POST', `/api/public/appeals/${code}/comment`, { body: { secret, text: '补充：路灯编号 ZMD-0412' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeline.at(-1)).toMatchObject({ step: 'comment', name: { zh: '诉求人补充信息' }, detail: { text: '补充：路灯编号 ZMD-0412' } });
    const id = await caseId(code);
    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.agent })).json().items;
    expect(events.at(-1)).toMatchObject({ action: 'comment', actorName: 'public', data: { text: '补充：路灯编号 ZMD-0412', byRequester: true } });
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json()).toMatchObject({ confidential: true, requester: { kind: 'anonymous', name: null } });
  });

  it('closes an out-of-scope matter with the legal route explained to the requester', async () => {
    const { code, secret } = await raise({ ...appeal, type: 'consultation', title: '劳动合同纠纷怎么办', content: '公司拖欠工资，想申请仲裁。' });
    await act('dispatcher', await caseId(code), 'close', { outOfScopeRoute: 'arbitration', explanation: '属劳动争议仲裁事项，请向驿城区劳动人事争议仲裁委员会申请。' });
    const p = (await progress(code, secret)).json();
    expect(p).toMatchObject({
      status: 'closed', canEvaluate: true,
      outcome: { code: 'out_of_scope', route: 'arbitration', routeName: { zh: '仲裁' }, explanation: '属劳动争议仲裁事项，请向驿城区劳动人事争议仲裁委员会申请。' },
    });
    expect(p.timeline.at(-1)).toMatchObject({ step: 'close', detail: { route: 'arbitration' } });
  });

  it('refuses what the public door does not take: another channel, an enterprise, a person without a name, unknown fields', async () => {
    for (const body of [
      { ...appeal, channel: 'hotline' },
      { ...appeal, requester: { kind: 'enterprise', name: '某公司', uscc: '91411702MA9GQ7K3X9' } },
      { ...appeal, priority: 'urgent' },
      { ...appeal, type: 'gossip' },
      { ...appeal, title: '' },
    ]) {
      const res = await t.request('POST', '/api/public/appeals', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.messageEn.length).toBeGreaterThan(0);
    }
    const nameless = await t.request('POST', '/api/public/appeals', { body: { ...appeal, requester: { kind: 'person', name: '  ' } } });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.code).toBe('requester_name_required');
    const badPhone = await t.request('POST', '/api/public/appeals', { body: { ...appeal, requester: { kind: 'person', name: '周女士', phone: 'call me' } } });
    expect(badPhone.json().error.code).toBe('invalid_phone');
  });
});

describe.each(ENGINES)('public appeal rate limits on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '2' });
  });
  afterAll(() => t.close());

  it('limits intake per client per minute (429), and reads at ten times that', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await t.request('POST', '/api/public/appeals', { body: appeal });
      expect(res.statusCode).toBe(201);
      codes.push(res.json().code);
    }
    const limited = await t.request('POST', '/api/public/appeals', { body: appeal });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    const reads = [];
    for (let i = 0; i < 21; i++) reads.push((await t.request('GET', `/api/public/appeals/${codes[0]}?secret=wrong`)).statusCode);
    expect(reads.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(reads[20]).toBe(429);
  });
});
