import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES } from '../../test/support/engines.js';
import { startVisitsApp, OTHER_USCC, type VisitsFixture } from '../../test/support/visits.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';

/** Every value under a key naming a person (user, actor, rater, author, by) anywhere in a JSON answer. */
function personValues(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) personValues(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/user|actor|rater|author|by$|By[A-Z]?/i.test(k)) out.push(v);
      personValues(v, out);
    }
  }
  return out;
}

describe.each(ENGINES)('visits: anonymous ratings, the complaint case, the authorization matrix and malformed input on %s', (engine) => {
  let f: VisitsFixture;
  beforeAll(async () => {
    // Ratings are shown to the department from 2 rated visits on (configuration).
    f = await startVisitsApp(engine, { VISIT_RATING_MIN_VISITS: '2' });
  });
  afterAll(() => f.t.close());

  /** A visit of department 0 filed today, approved as far as it needs (it has no plan: escalated), scanned from the public page. */
  async function visited(purpose: string): Promise<Record<string, any>> {
    const filed = await f.file('handler', { plannedDate: f.today, purpose });
    await f.act('dept0-leader', filed.id, 'approve');
    const { code } = await f.act('leader', filed.id, 'approve-escalated');
    expect((await f.as('anonymous', 'POST', `/api/public/visit-codes/${code}/scan`)).statusCode).toBe(200);
    return (await f.as('rater-zhou', 'GET', `/api/visits/${filed.id}`)).json();
  }

  it('keeps the rater from the department: no answer it can reach names them, the event names no one, ratings show only over k visits; a complaint becomes an appeal case with the enterprise as requester', async () => {
    const first = await visited('安全生产服务');
    const rated = await f.as('rater-zhou', 'POST', `/api/visits/${first.id}/rate`, {
      version: first.version, conduct: 2, burden: 1, usefulness: 2, comment: '检查时间过长', complaint: true, complaintText: '检查人员要求企业安排宴请',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'rated', rating: { conduct: 2, complaint: true } });
    expect((await f.as('handler', 'GET', `/api/visits/${first.id}`)).json()).toMatchObject({ status: 'rated', rating: null });
    const twice = await f.as('rater-zhou', 'POST', `/api/visits/${first.id}/rate`, { version: rated.json().version, conduct: 5, burden: 5, usefulness: 5, complaint: false });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('wrong_status');

    const db = f.t.database.db;
    const [event] = await queryRows<{ actor_user_id: number | null; actor_name: string; actor_office_id: number | null; data: Record<string, unknown> }>(db,
      sql`select actor_user_id, actor_name, actor_office_id, data from visit_events where visit_id = ${first.id} and action = 'rate'`);
    expect(event).toEqual({ actor_user_id: null, actor_name: 'enterprise:anonymous', actor_office_id: null, data: { complaint: true, complaintText: '检查人员要求企业安排宴请' } });
    const columns = await queryRows<{ column_name: string }>(db, sql`select column_name from information_schema.columns where table_name = 'visit_ratings'`);
    expect(columns.map((c) => c.column_name).filter((c) => /user|rater|session|actor/.test(c))).toEqual([]);

    const [complaintCase] = await queryRows<{ id: number; channel: string; type: string; status: string; requester_kind: string; requester_uscc: string; requester_user_id: number | null; requester_name: string; intake_office_id: number; content: string }>(db,
      sql`select id, channel, type, status, requester_kind, requester_uscc, requester_user_id, requester_name, intake_office_id, content from cases where channel = 'visit_rating'`);
    expect(complaintCase).toMatchObject({ type: 'complaint', status: 'accepted', requester_kind: 'enterprise', requester_uscc: DEMO_ENTERPRISE_USCC, requester_user_id: null,
      requester_name: '驻马店示范企业食品有限公司', intake_office_id: f.offices.centre });
    expect(complaintCase.content).toContain('检查人员要求企业安排宴请');
    // The appeals loop owns it: the hotline centre's dispatcher finds it waiting for dispatch.
    const list = (await f.as('dispatcher', 'GET', '/api/cases?channel=visit_rating')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([complaintCase.id]);
    expect((await f.as('agent', 'POST', '/api/cases', { channel: 'visit_rating', type: 'complaint', title: 't', content: 'c', requester: { kind: 'anonymous' } })).statusCode).toBe(403);

    const figuresOf = async (user: string) => (await f.as(user, 'GET', `/api/visits/figures?year=${f.today.slice(0, 4)}`)).json();
    expect((await figuresOf('dept0-leader')).ratings).toEqual([expect.objectContaining({ officeId: f.offices.dept0, visits: 1, shown: false, conduct: null, minimum: 2 })]);
    const second = await visited('用工服务');
    expect((await f.as('rater-zhou', 'POST', `/api/visits/${second.id}/rate`, { version: second.version, conduct: 4, burden: 5, usefulness: 4, complaint: false })).statusCode).toBe(200);
    expect((await figuresOf('dept0-leader')).ratings).toEqual([expect.objectContaining({ visits: 2, shown: true, conduct: 3, burden: 3, usefulness: 3, complaints: 1 })]);
    const [{ n: cases }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases where channel = 'visit_rating'`);
    expect(cases).toBe(1);

    const rater = { id: f.users['rater-zhou'], username: 'rater-zhou', name: '周评价人' };
    const reads = [
      '/api/visits', `/api/visits/${first.id}`, `/api/visits/${second.id}`, `/api/visits/figures?year=${f.today.slice(0, 4)}`, '/api/visits/joint-proposals', '/api/visit-plans',
      '/api/notifications', '/api/cases?channel=visit_rating', `/api/cases/${complaintCase.id}`, `/api/cases/${complaintCase.id}/events`,
    ];
    for (const user of ['handler', 'dept0-leader', 'leader', 'yingshang', 'dispatcher', 'agent', 'supervisor']) {
      for (const url of reads) {
        const res = await f.as(user, 'GET', url);
        expect(res.body, `${user} ${url}`).not.toContain(rater.username);
        expect(res.body, `${user} ${url}`).not.toContain(rater.name);
        if (res.headers['content-type']?.toString().includes('json')) expect(personValues(res.json()), `${user} ${url}`).not.toContain(rater.id);
      }
      // The enterprise page lists the enterprise's accounts (the registry's record), never which of them rated: its visits section names no one.
      const page = (await f.as(user, 'GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}`)).json();
      const sections = JSON.stringify(page.sections ?? []);
      expect(sections).not.toContain(rater.username);
      expect(sections).not.toContain(rater.name);
    }
  });

  it('answers every endpoint by role and scope: 401 without a session, 404 out of scope, 403 in scope without the role', async () => {
    const plan = (await f.as('handler', 'POST', '/api/visit-plans', { year: 2030, plannedVisits: 3, targets: '园区企业', reason: '服务' })).json();
    const visit = await f.file('handler', { uscc: OTHER_USCC, plannedDate: f.today, purpose: '授权矩阵' });
    const v = `/api/visits/${visit.id}`;
    const filing = { uscc: OTHER_USCC, plannedDate: f.today, kind: 'service', purpose: 'x', members: ['x'], officeId: f.offices.dept0 };
    const matrix: [string, string, unknown, Record<string, number>][] = [
      ['GET', v, undefined, { anonymous: 401, 'rater-zhou': 404, 'other-ent': 200, handler: 200, 'dept0-leader': 200, leader: 200, yingshang: 200, 'dept2-handler': 404, admin: 404, agent: 404 }],
      ['GET', `${v}/qr.svg`, undefined, { anonymous: 401, 'dept2-handler': 404, agent: 404, handler: 404 }],
      ['POST', `${v}/approve`, { version: visit.version }, { anonymous: 401, 'other-ent': 403, handler: 403, yingshang: 403, 'dept2-handler': 404, admin: 404, agent: 404 }],
      ['POST', `${v}/approve-escalated`, { version: visit.version }, { 'dept0-leader': 403, handler: 403, 'dept2-handler': 404 }],
      ['POST', `${v}/refuse`, { version: visit.version, reason: 'x' }, { handler: 403, yingshang: 403, 'other-ent': 403, 'dept2-handler': 404 }],
      ['POST', `${v}/cancel`, { version: visit.version, reason: 'x' }, { 'other-ent': 403, yingshang: 403, 'dept2-handler': 404, anonymous: 401 }],
      ['POST', `${v}/revoke`, { version: visit.version, reason: 'x' }, { handler: 403, 'dept2-handler': 404 }],
      ['POST', `${v}/report-filing`, {}, { 'other-ent': 403, yingshang: 403, 'dept2-handler': 404 }],
      ['POST', `${v}/rate`, { version: visit.version, conduct: 5, burden: 5, usefulness: 5, complaint: false }, { handler: 403, 'dept0-leader': 403, 'rater-zhou': 404, 'dept2-handler': 404, anonymous: 401 }],
      ['POST', '/api/visits', filing, { anonymous: 401, 'rater-zhou': 403, admin: 403, agent: 403, 'dept2-handler': 404, yingshang: 403 }],
      ['GET', `/api/visits/assess?uscc=${OTHER_USCC}&plannedDate=${f.today}&officeId=${f.offices.dept0}`, undefined, { anonymous: 401, 'rater-zhou': 403, 'dept2-handler': 404, handler: 200 }],
      ['POST', '/api/visits/joint', { visits: [{ id: visit.id, version: visit.version }, { id: visit.id + 1000, version: 1 }], plannedDate: f.today }, { anonymous: 401, 'dept2-handler': 404 }],
      ['GET', '/api/visits/joint-proposals', undefined, { anonymous: 401, handler: 200, 'rater-zhou': 200 }],
      ['GET', `/api/visits/figures?year=${f.today.slice(0, 4)}`, undefined, { anonymous: 401, handler: 200, 'dept2-handler': 200 }],
      ['GET', '/api/visit-plans', undefined, { anonymous: 401, handler: 200 }],
      ['GET', `/api/visit-plans/${plan.id}`, undefined, { anonymous: 401, 'dept2-handler': 404, 'rater-zhou': 404, yingshang: 200, leader: 200, agent: 404 }],
      ['POST', `/api/visit-plans/${plan.id}/revise`, { version: plan.version, plannedVisits: 4, targets: 'x', reason: 'y' }, { yingshang: 403, 'dept2-handler': 404, 'rater-zhou': 404, anonymous: 401 }],
      ['POST', '/api/visit-plans', { year: 2031, plannedVisits: 1, targets: 'x', reason: 'y', officeId: f.offices.dept0 }, { 'dept2-handler': 404, 'rater-zhou': 403, admin: 403, anonymous: 401 }],
      ['GET', '/api/public/visit-codes/not-a-code', undefined, { anonymous: 200 }],
    ];
    for (const [method, url, body, expected] of matrix) {
      for (const [user, status] of Object.entries(expected)) {
        const res = await f.as(user, method, url, body);
        expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBe(status);
        if (status >= 400) expect(res.json().error).toMatchObject({ messageZh: expect.any(String), messageEn: expect.any(String) });
      }
    }
    // A department sees only its subtree's visits; the business-environment office its region's; an enterprise its own.
    const ids = async (user: string) => (await f.as(user, 'GET', '/api/visits?pageSize=200')).json().items.map((x: { id: number }) => x.id);
    expect(await ids('handler')).toContain(visit.id);
    expect(await ids('yingshang')).toContain(visit.id);
    expect(await ids('other-ent')).toContain(visit.id);
    expect(await ids('dept2-handler')).not.toContain(visit.id);
    expect(await ids('rater-zhou')).not.toContain(visit.id);
    expect(await ids('admin')).toEqual([]);
  });

  it('answers generated malformed input with 4xx and writes nothing', async () => {
    const db = f.t.database.db;
    const counts = async () => (await queryRows<{ v: number; p: number; e: number; r: number }>(db, sql`select (select count(*) from visits)::int as v,
      (select count(*) from visit_plans)::int as p, (select count(*) from visit_events)::int as e, (select count(*) from visit_ratings)::int as r`))[0];
    const before = await counts();
    const visit = (await f.as('handler', 'GET', '/api/visits?pageSize=1')).json().items[0];
    const junk = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 60 }), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())));
    const filing = fc.record({
      uscc: fc.oneof(junk, fc.string({ minLength: 18, maxLength: 18 })), purpose: fc.oneof(junk, fc.constant('   ')), kind: fc.oneof(junk, fc.constant('party')),
      plannedDate: fc.oneof(junk, fc.constant('2026-02-30'), fc.constant('2026-13-01')), members: fc.oneof(junk, fc.constant([]), fc.constant(['  '])), exception: fc.oneof(junk, fc.constant('safety')),
    }, { requiredKeys: [] });
    const versions = fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.integer({ min: 1000, max: 2 ** 40 }), fc.integer({ max: 0 }));
    const bodies: [string, string, fc.Arbitrary<unknown>][] = [
      ['POST', '/api/visits', filing],
      ['POST', '/api/visit-plans', fc.record({ year: fc.oneof(junk, fc.integer({ min: 3000 })), plannedVisits: fc.oneof(junk, fc.integer({ max: -1 })), targets: junk, reason: fc.oneof(junk, fc.constant(' ')) }, { requiredKeys: [] })],
      ['POST', `/api/visits/${visit.id}/approve`, fc.record({ version: versions, note: junk }, { requiredKeys: [] })],
      ['POST', `/api/visits/${visit.id}/rate`, fc.record({ version: versions, conduct: fc.oneof(junk, fc.integer({ min: 6 })), burden: junk, usefulness: junk, complaint: junk }, { requiredKeys: [] })],
      ['POST', '/api/visits/joint', fc.record({ visits: fc.oneof(junk, fc.array(fc.record({ id: fc.integer({ min: 1 }), version: versions }), { maxLength: 1 })), plannedDate: junk }, { requiredKeys: [] })],
      ['GET', '/api/visits?', fc.record({ status: fc.string(), year: fc.string(), month: fc.string(), flag: fc.string(), page: fc.string() }, { requiredKeys: [] })],
      ['GET', '/api/visits/assess?', fc.record({ uscc: fc.string(), plannedDate: fc.string(), exception: fc.string() }, { requiredKeys: [] })],
      ['GET', '/api/visits/figures?', fc.record({ year: fc.string(), format: fc.string(), officeId: fc.string() }, { requiredKeys: [] })],
    ];
    for (const [method, url, arb] of bodies) {
      await fc.assert(fc.asyncProperty(arb, async (input) => {
        const res = method === 'GET'
          ? await f.as('handler', 'GET', url + new URLSearchParams(input as Record<string, string>).toString())
          : await f.as('handler', method, url, input === undefined ? null : input);
        if (method === 'GET' && res.statusCode === 200) return;
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(input)}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().error.messageEn).toEqual(expect.any(String));
      }), { numRuns: 40 });
    }
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), async (code) => {
      const res = await f.as('anonymous', 'GET', `/api/public/visit-codes/${encodeURIComponent(code)}`);
      expect([200, 400, 404]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json().valid).toBe(false);
    }), { numRuns: 40 });
    expect(await counts()).toEqual(before);
  });
});
