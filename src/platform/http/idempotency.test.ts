import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, FastifyPluginAsync, LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { buildServer, MODULES } from '../../app.js';
import { loadConfig } from '../config.js';
import { queryRows, sql } from '../db/engine.js';
import { AppError } from '../errors.js';
import { idempotencyKeyExpiry } from './idempotency.js';

const intake = (title: string) => ({
  channel: 'hotline', type: 'complaint', title, content: '商户占道经营，影响通行', requester: { kind: 'person', name: '市民', phone: '13800000000' },
});
const publicAppeal = (title: string) => ({
  type: 'complaint', title, content: '驿城区人民街道某小区门口的路灯坏了一个月。', address: '驻马店市驿城区人民街道', regionCode: '411702',
  requester: { kind: 'person', name: '周女士', phone: '13700002222' },
});

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/** The parts of an answer a replay must repeat. */
const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: res.body, contentType: res.headers['content-type'] });

/** A door that fails with a 500 the first time and succeeds after, to show a failure frees the key. */
let flakyCalls = 0;
const flakyRoutes: FastifyPluginAsync = async (app) => {
  app.post('/flaky', { config: { public: true } }, async () => {
    flakyCalls += 1;
    if (flakyCalls === 1) throw new Error('the database went away');
    if (flakyCalls === 2) throw new AppError(400, 'refused', '拒绝', 'Refused');
    return { calls: flakyCalls };
  });
};

describe.each(ENGINES)('Idempotency-Key on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const casesTitled = async (title: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where title = ${title}`))[0].n;
  const post = (role: string, url: string, body: unknown, key?: string) =>
    t.request('POST', url, { cookie: as[role], body, headers: key === undefined ? {} : { 'idempotency-key': key } });

  it('the same key and body thrice make one case and answer the first response each time', async () => {
    const body = intake('重复提交三次的诉求');
    const [first, second, third] = [await post('agent', '/api/cases', body, 'k-1'), await post('agent', '/api/cases', body, 'k-1'), await post('agent', '/api/cases', body, 'k-1')];
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(answer(second)).toEqual(answer(first));
    expect(answer(third)).toEqual(answer(first));
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await casesTitled(body.title)).toBe(1);
    // Without a key every request is a new one, as before.
    await post('agent', '/api/cases', body);
    expect(await casesTitled(body.title)).toBe(2);
  });

  it('the same key with another body answers 422 in both languages, and another path too', async () => {
    expect((await post('agent', '/api/cases', intake('第一份'), 'k-2')).statusCode).toBe(201);
    const other = await post('agent', '/api/cases', intake('换了内容'), 'k-2');
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({ code: 'idempotency_key_reused', messageZh: expect.stringContaining('Idempotency-Key'), messageEn: expect.stringContaining('another request') });
    expect((await post('agent', '/api/public/appeals', publicAppeal('第一份'), 'k-2')).statusCode).toBe(422);
    expect(await casesTitled('换了内容')).toBe(0);
  });

  it('two people using the same key each get their own case', async () => {
    const body = intake('两人同键');
    const a = await post('agent', '/api/cases', body, 'shared-key');
    const b = await post('dispatcher', '/api/cases', body, 'shared-key');
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
    expect(await casesTitled(body.title)).toBe(2);
  });

  it('a key older than 24 hours is forgotten: the same request makes a new case; the expiry job deletes old keys', async () => {
    const body = intake('过期的键');
    await post('agent', '/api/cases', body, 'k-expired');
    await queryRows(t.database.db, sql`update http_idempotency_keys set created_at = now() - interval '25 hours' where key_hash = ${keyHash('k-expired')}`);
    const again = await post('agent', '/api/cases', body, 'k-expired');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesTitled(body.title)).toBe(2);
    await queryRows(t.database.db, sql`update http_idempotency_keys set created_at = now() - interval '25 hours' where key_hash = ${keyHash('k-1')}`);
    await idempotencyKeyExpiry.run(t.database);
    const left = await queryRows<{ key_hash: string }>(t.database.db, sql`select key_hash from http_idempotency_keys`);
    expect(left.map((r) => r.key_hash)).toContain(keyHash('k-expired'));
    expect(left.map((r) => r.key_hash)).not.toContain(keyHash('k-1'));
  });

  it('a request still in flight answers 409; one abandoned for two minutes is taken over by its retry', async () => {
    const body = intake('处理中的请求');
    await post('agent', '/api/cases', body, 'k-flight');
    await queryRows(t.database.db, sql`update http_idempotency_keys set status = null, response = null, completed_at = null where key_hash = ${keyHash('k-flight')}`);
    const busy = await post('agent', '/api/cases', body, 'k-flight');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('idempotency_key_in_flight');
    // Another body is still a misuse of the key, in flight or not.
    expect((await post('agent', '/api/cases', intake('别的内容'), 'k-flight')).statusCode).toBe(422);
    await queryRows(t.database.db, sql`update http_idempotency_keys set created_at = now() - interval '3 minutes' where key_hash = ${keyHash('k-flight')}`);
    expect((await post('agent', '/api/cases', body, 'k-flight')).statusCode).toBe(201);
    expect(await casesTitled(body.title)).toBe(2);
  });

  it('the web form and Open311 replay their receipt to the same client, and make one case each', async () => {
    const web = publicAppeal('网页表单重试');
    const first = await t.request('POST', '/api/public/appeals', { body: web, headers: { 'idempotency-key': 'web-1' } });
    const retry = await t.request('POST', '/api/public/appeals', { body: web, headers: { 'idempotency-key': 'web-1' } });
    expect(first.statusCode).toBe(201);
    expect(answer(retry)).toEqual(answer(first));
    expect(await casesTitled(web.title)).toBe(1);
    // Another client with the same key is another caller.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/public/appeals', remoteAddress: '198.51.100.4', headers: { 'content-type': 'application/json', 'idempotency-key': 'web-1' }, payload: JSON.stringify(web) });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json().code).not.toBe(first.json().code);

    const form = { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'open311-1' };
    const fields = new URLSearchParams({ service_code: 'help', description: 'Open311 重试：人民路有一个大坑', address_string: '驿城区人民路' }).toString();
    const o1 = await t.request('POST', '/open311/v2/requests.xml', { body: fields, headers: form });
    const o2 = await t.request('POST', '/open311/v2/requests.xml', { body: fields, headers: form });
    expect(o1.statusCode).toBe(201);
    expect(answer(o2)).toEqual(answer(o1));
    expect(o2.headers['content-type']).toContain('text/xml');
    expect(o2.headers['access-control-allow-origin']).toBe('*');
    const open311Cases = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where content like 'Open311 重试%'`);
    expect(open311Cases[0].n).toBe(1);
  });

  it('an action replayed writes one event; a refusal (4xx) is kept and replayed too', async () => {
    const created = (await post('agent', '/api/cases', intake('派单重试'))).json();
    const dispatch = { version: created.version, leadOfficeId: t.demo.offices['zmd-dept-0'] };
    const first = await post('dispatcher', `/api/cases/${created.id}/dispatch`, dispatch, 'dispatch-1');
    const retry = await post('dispatcher', `/api/cases/${created.id}/dispatch`, dispatch, 'dispatch-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(answer(retry)).toEqual(answer(first));
    const events = await queryRows<{ action: string }>(t.database.db, sql`select action from case_events where case_id = ${created.id} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['create', 'dispatch']);
    // The same stale request under a new key is refused; its retry is refused the same way.
    const stale = await post('dispatcher', `/api/cases/${created.id}/dispatch`, dispatch, 'dispatch-2');
    expect(stale.statusCode).toBe(409);
    const staleAgain = await post('dispatcher', `/api/cases/${created.id}/dispatch`, dispatch, 'dispatch-2');
    expect(answer(staleAgain)).toEqual(answer(stale));
    expect(staleAgain.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps the answers sealed: the lookup secret and the requester\'s phone are not in the table, nor the key', async () => {
    const receipt = (await t.request('POST', '/api/public/appeals', { body: publicAppeal('封存的回执'), headers: { 'idempotency-key': 'sealed-key-1' } })).json();
    const rows = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from http_idempotency_keys`);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(receipt.secret);
    expect(stored).not.toContain('13800000000');
    expect(stored).not.toContain('sealed-key-1');
  });

  it('refuses a key that is empty, too long or not printable ASCII with a 400, and writes nothing', async () => {
    for (const key of ['', 'x'.repeat(256), 'tab\tkey']) {
      const res = await post('agent', '/api/cases', intake('坏的键'), key);
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_idempotency_key', messageEn: expect.stringContaining('255 printable ASCII') });
    }
    expect((await post('agent', '/api/cases', intake('坏的键'), 'x'.repeat(255))).statusCode).toBe(201);
    expect(await casesTitled('坏的键')).toBe(1);
  });

  it('a log-in is never replayed: each one sets its own session', async () => {
    const login = () => t.request('POST', '/api/auth/login', { body: { username: 'agent', password: 'demo-2026' }, headers: { 'idempotency-key': 'login-1' } });
    const [a, b] = [await login(), await login()];
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    const session = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'qq_session')?.value;
    expect(session(b)).toBeDefined();
    expect(session(b)).not.toBe(session(a));
  });

  it('documents the header on every POST and PATCH in the OpenAPI, and on no read or log-in', async () => {
    const doc = (await t.request('GET', '/docs/json')).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const takesKey = (path: string, method: string) => (doc.paths[path][method].parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(takesKey('/api/cases', 'post')).toBe(true);
    expect(takesKey('/api/cases/{id}/dispatch', 'post')).toBe(true);
    expect(takesKey('/api/knowledge/{id}', 'patch')).toBe(true);
    expect(takesKey('/open311/v2/requests.{format}', 'post')).toBe(true);
    expect(takesKey('/api/cases', 'get')).toBe(false);
    expect(takesKey('/api/auth/login', 'post')).toBe(false);
  });
});

describe.each(ENGINES)('Idempotency-Key and failures on %s', (engine) => {
  let t: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    flakyCalls = 0;
    t = await startTestApp(engine);
    app = await buildServer({
      database: t.database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0' }), webDist: 'web/dist-none' }, logger: false,
      modules: [...MODULES, { name: 'flaky', routes: [flakyRoutes] }],
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('a 500 releases the key so the retry runs again; a 4xx is kept', async () => {
    const call = () => app.inject({ method: 'POST', url: '/api/flaky', headers: { 'idempotency-key': 'flaky-1' } });
    expect((await call()).statusCode).toBe(500);
    expect(await queryRows(t.database.db, sql`select 1 from http_idempotency_keys`)).toEqual([]);
    const refused = await call();
    expect(refused.statusCode).toBe(400);
    const replayed = await call();
    expect(answer(replayed)).toEqual(answer(refused));
    expect(flakyCalls).toBe(2);
  });
});
