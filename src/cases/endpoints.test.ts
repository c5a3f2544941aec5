/**
 * Every case endpoint against every role, and against bad input. The expectations are written
 * out here by hand (not derived from lifecycle.ts), so a change to who may do what shows up as a
 * failing line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createOffice } from '../offices/commands/createOffice.js';
import { createUser } from '../people/commands/createUser.js';
import { queryRows, sql } from '../platform/db/engine.js';

type State = 'accepted' | 'accepted-consultation' | 'dispatched' | 'handling' | 'handling-extension' | 'handling-paused' | 'replied' | 'reviewed' | 'reviewed-visited' | 'closed' | 'enterprise-closed';

const ROLES = ['agent', 'dispatcher', 'handler', 'other-handler', 'supervisor', 'leader', 'enterprise', 'admin'] as const;

const MATRIX: { action: string; state: State; body: (ctx: { team: number; other: number }) => Record<string, unknown>; allowed: (typeof ROLES)[number][] }[] = [
  { action: 'answer', state: 'accepted-consultation', body: () => ({ answer: '按知识库答复' }), allowed: ['agent', 'dispatcher'] },
  { action: 'dispatch', state: 'accepted', body: (c) => ({ leadOfficeId: c.team }), allowed: ['dispatcher'] },
  { action: 'sign', state: 'dispatched', body: () => ({}), allowed: ['handler'] },
  { action: 'return', state: 'dispatched', body: () => ({ reason: '非本单位职责' }), allowed: ['handler'] },
  { action: 'transfer', state: 'handling', body: (c) => ({ toOfficeId: c.team, reason: '由专班办理' }), allowed: ['dispatcher', 'handler'] },
  { action: 'reply', state: 'handling', body: () => ({ reply: '已办理' }), allowed: ['handler'] },
  { action: 'review', state: 'replied', body: () => ({ decision: 'accept' }), allowed: ['dispatcher', 'supervisor'] },
  { action: 'request-extension', state: 'handling', body: () => ({ days: 2, reason: '需现场核查' }), allowed: ['handler'] },
  { action: 'decide-extension', state: 'handling-extension', body: () => ({ approve: true }), allowed: ['dispatcher', 'supervisor', 'leader'] },
  { action: 'return-visit', state: 'reviewed', body: () => ({ contact: 'reached', resolved: true, satisfaction: 'satisfied' }), allowed: ['agent', 'dispatcher'] },
  { action: 'close', state: 'reviewed-visited', body: () => ({}), allowed: ['agent', 'dispatcher', 'supervisor'] },
  { action: 'reopen', state: 'closed', body: () => ({ reason: '回访不满意' }), allowed: ['supervisor'] },
  { action: 'merge', state: 'accepted', body: (c) => ({ intoCaseId: c.other }), allowed: ['agent', 'dispatcher'] },
  { action: 'supervise', state: 'handling', body: () => ({ level: 'yellow', note: '请加快办理' }), allowed: ['supervisor'] },
  { action: 'escalate', state: 'handling', body: () => ({ reason: '需上级协调' }), allowed: ['handler', 'supervisor'] },
  { action: 'instruct', state: 'handling', body: () => ({ instruction: '请相关部门三日内办结' }), allowed: ['leader'] },
  { action: 'comment', state: 'handling', body: () => ({ text: '已电话联系诉求人' }), allowed: ['agent', 'dispatcher', 'handler', 'supervisor', 'leader'] },
  { action: 'pause-clock', state: 'handling', body: () => ({ reason: 'awaiting_requester', note: '等待补充材料' }), allowed: ['handler'] },
  { action: 'resume-clock', state: 'handling-paused', body: () => ({}), allowed: ['handler'] },
  { action: 'evaluate', state: 'enterprise-closed', body: () => ({ satisfaction: 'satisfied' }), allowed: ['enterprise'] },
];

describe.each(ENGINES)('every case endpoint, every role, on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  let team: number;
  beforeAll(async () => {
    t = await startTestApp(engine);
    // A team inside the handler's department, so a handler can transfer down their own tree.
    team = (await createOffice(t.database.db, operatorActor(), { name: '执法专班', kind: 'undertaking_unit', regionCode: '411700', parentId: t.demo.offices['zmd-dept-0'] })).id;
    await createUser(t.database.db, operatorActor(), { username: 'other.handler', password: 'Other-pass-1', name: '他部门承办人', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'] });
    for (const role of ROLES) as[role] = role === 'other-handler' ? await t.login('other.handler', 'Other-pass-1') : await t.login(role);
  });
  afterAll(() => t.close());

  const post = async (role: string, url: string, body: unknown) => t.request('POST', url, { cookie: as[role], body });
  async function step(role: string, id: number, action: string, body: Record<string, unknown>): Promise<{ version: number }> {
    const c = (await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json();
    const res = await post(role, `/api/cases/${id}/${action}`, { version: c.version, ...body });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(200);
    return res.json();
  }

  async function caseIn(state: State): Promise<number> {
    const enterprise = state === 'enterprise-closed';
    const res = enterprise
      ? await post('enterprise', '/api/cases', { channel: 'enterprise_portal', type: 'help', title: '企业求助', content: '内容', requester: { kind: 'enterprise', name: '示范企业' } })
      : await post('agent', '/api/cases', { channel: 'hotline', type: state === 'accepted-consultation' ? 'consultation' : 'complaint', title: '测试诉求', content: '内容', requester: { kind: 'person', name: '市民', phone: '13800000000' } });
    expect(res.statusCode, res.body).toBe(201);
    const id: number = res.json().id;
    if (state.startsWith('accepted')) return id;
    if (enterprise) {
      await step('dispatcher', id, 'close', { outOfScopeRoute: 'court', explanation: '属司法事项' });
      return id;
    }
    await step('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    if (state === 'dispatched') return id;
    await step('handler', id, 'sign', {});
    if (state === 'handling') return id;
    if (state === 'handling-extension') return (await step('handler', id, 'request-extension', { days: 2, reason: '核查' }), id);
    if (state === 'handling-paused') return (await step('handler', id, 'pause-clock', { reason: 'excluded_step', note: '检测' }), id);
    await step('handler', id, 'reply', { reply: '已办理' });
    if (state === 'replied') return id;
    await step('dispatcher', id, 'review', { decision: 'accept' });
    if (state === 'reviewed') return id;
    await step('agent', id, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    if (state === 'reviewed-visited') return id;
    await step('agent', id, 'close', {});
    return id;
  }

  for (const row of MATRIX) {
    it(`${row.action}: allowed for ${row.allowed.join(', ')}; refused for every other role, changing nothing`, async () => {
      const other = await caseIn('accepted');
      for (const role of ROLES) {
        const id = await caseIn(row.state);
        const before = (await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json();
        const [{ events }] = await queryRows<{ events: number }>(t.database.db, sql`select count(*)::int as events from case_events where case_id = ${id}`);
        const res = await post(role, `/api/cases/${id}/${row.action}`, { version: before.version, ...row.body({ team, other }) });
        if (row.allowed.includes(role)) {
          expect(res.statusCode, `${role} may ${row.action}: ${res.body}`).toBe(200);
        } else {
          expect([403, 404], `${role} may not ${row.action}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          const [{ events: after }] = await queryRows<{ events: number }>(t.database.db, sql`select count(*)::int as events from case_events where case_id = ${id}`);
          expect(after).toBe(events);
        }
      }
      const anonymous = await t.request('POST', `/api/cases/${other}/${row.action}`, { body: { version: 1, ...row.body({ team, other }) } });
      expect(anonymous.statusCode).toBe(401);
    });
  }

  it('reads: a handler sees only cases of their office subtree, an enterprise only its own, an admin none', async () => {
    const id = await caseIn('handling');
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.handler })).statusCode).toBe(200);
    for (const role of ['other-handler', 'enterprise', 'admin']) {
      expect((await t.request('GET', `/api/cases/${id}`, { cookie: as[role] })).statusCode, role).toBe(404);
      expect((await t.request('GET', `/api/cases/${id}/events`, { cookie: as[role] })).statusCode, role).toBe(404);
    }
    const list = (await t.request('GET', '/api/cases?pageSize=100', { cookie: as['other-handler'] })).json();
    expect(list.items.every((c: { leadOfficeId: number }) => c.leadOfficeId === t.demo.offices['zmd-dept-1'])).toBe(true);
  });

  it('searches for %, _ and \\ literally: they are characters people type, not patterns matching every case', async () => {
    const res = await post('agent', '/api/cases', { channel: 'hotline', type: 'complaint', title: '优惠打9折_活动', content: '商家宣称100%正品', requester: { kind: 'person', name: '市民', phone: '13800000000' } });
    expect(res.statusCode, res.body).toBe(201);
    await caseIn('accepted');
    const found = async (q: string) => ((await t.request('GET', `/api/cases?pageSize=100&q=${encodeURIComponent(q)}`, { cookie: as.agent })).json().items as { id: number }[]).map((c) => c.id);
    const all = (await t.request('GET', '/api/cases?pageSize=100', { cookie: as.agent })).json().total as number;
    expect(all).toBeGreaterThan(1);
    expect(await found('%')).toEqual([res.json().id]);
    expect(await found('_')).toEqual([res.json().id]);
    expect(await found('\\')).toEqual([]);
  });

  describe('bad input', () => {
    const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), fc.string({ maxLength: 4 }), fc.double());
    const injection = fc.constantFrom("'; drop table cases; --", '<img src=x onerror=alert(1)>', '\\u0000', '${7*7}', '\u202e', 'a'.repeat(20000), '{"$gt": ""}');

    it('answers malformed, oversize, wrong-typed and injection-shaped bodies on every case endpoint with 4xx, writing nothing', async () => {
      const id = await caseIn('handling');
      const intake = { channel: 'hotline', type: 'complaint', title: '标题', content: '内容', requester: { kind: 'anonymous' } };
      const endpoints: { url: string; body: Record<string, unknown> }[] = [{ url: '/api/cases', body: intake }, ...MATRIX.map((m) => ({ url: `/api/cases/${id}/${m.action}`, body: { version: 1, ...m.body({ team, other: id }) } }))];
      const count = async () => (await queryRows<{ cases: number; events: number }>(t.database.db, sql`select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events`))[0];
      const before = await count();
      const clientError = (res: { statusCode: number; body: string }, label: string) => {
        expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
        expect(JSON.parse(res.body).error.messageZh, label).toBeTruthy();
        expect(res.body, label).not.toMatch(/\n\s+at |\.ts:\d+/);
      };
      for (const e of endpoints) {
        for (const raw of ['{', '[]', 'null', '"x"', '{"version":']) clientError(await t.request('POST', e.url, { cookie: as.dispatcher, body: raw }), `${e.url} ${raw}`);
        clientError(await t.request('POST', e.url, { cookie: as.dispatcher, body: { ...e.body, extra: 1 } }), `${e.url} unknown field`);
        clientError(await t.request('POST', e.url, { cookie: as.dispatcher, body: { ...e.body, pad: 'x'.repeat(1_200_000) } }), `${e.url} oversize`);
      }
      await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), wrongValue, async (i, j, value) => {
        const e = endpoints[i % endpoints.length];
        const fields = Object.keys(e.body);
        if (!fields.length) return;
        const field = fields[j % fields.length];
        const template = e.body[field];
        if (typeof value === typeof template && Array.isArray(value) === Array.isArray(template) && (typeof value !== 'object' || value === null)) return;
        clientError(await t.request('POST', e.url, { cookie: as.dispatcher, body: { ...e.body, [field]: value } }), `${e.url} ${field}=${JSON.stringify(value)}`);
      }), { numRuns: 200 });
      await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), injection, async (i, j, value) => {
        const e = endpoints[i % endpoints.length];
        const strings = Object.keys(e.body).filter((k) => typeof e.body[k] === 'string');
        if (!strings.length) return;
        // Sent as the dispatcher with a stale version: only the validation and permission paths run.
        const res = await t.request('POST', e.url, { cookie: as.dispatcher, body: { ...e.body, version: 999, [strings[j % strings.length]]: value } });
        expect(res.statusCode, res.body).toBeLessThan(500);
      }), { numRuns: 100 });
      const after = await count();
      expect(after).toEqual(before);
    });
  });
});
