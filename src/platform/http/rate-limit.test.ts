import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { buildServer } from '../../app.js';
import { loadConfig } from '../config.js';
import { queryRows, sql } from '../db/engine.js';
import { rateWindowExpiry } from './rate-limit.js';

const appeal = {
  type: 'complaint', title: '小区门口路灯坏了一个月', content: '驿城区人民街道某小区门口的路灯坏了一个月，晚上出行不安全。',
  address: '驻马店市驿城区人民街道', regionCode: '411702', requester: { kind: 'person', name: '周女士', phone: '13700002222' },
};
const open311Form = new URLSearchParams({ service_code: 'help', description: '人民路有一个大坑', address_string: '驿城区人民路' }).toString();

/** A public client at its own address. */
const webForm = (app: FastifyInstance, client: string) => app.inject({
  method: 'POST', url: '/api/public/appeals', remoteAddress: client, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(appeal),
});
const open311 = (app: FastifyInstance, client: string) => app.inject({
  method: 'POST', url: '/open311/v2/requests.json', remoteAddress: client, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: open311Form,
});
const read = (app: FastifyInstance, client: string, url: string) => app.inject({ method: 'GET', url, remoteAddress: client });

describe.each(ENGINES)('one public rate limit across doors on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('60 intakes on the web form spend the client\'s write budget: Open311 then answers 429 with Retry-After, another client is still served', async () => {
    for (let i = 0; i < 60; i++) expect((await webForm(t.app, '203.0.113.7')).statusCode).toBe(201);
    const limited = await open311(t.app, '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual([{ code: 429, description: expect.stringMatching(/请求过于频繁.*Too many requests/) }]);
    const webLimited = await webForm(t.app, '203.0.113.7');
    expect(webLimited.statusCode).toBe(429);
    expect(webLimited.json().error).toMatchObject({ code: 'rate_limited', messageZh: expect.stringContaining('秒后再试'), messageEn: expect.stringContaining('try again in') });
    expect((await open311(t.app, '198.51.100.2')).statusCode).toBe(201);
    expect((await webForm(t.app, '198.51.100.2')).statusCode).toBe(201);
  });

  it('the windows that have ended are forgotten by the expiry job', async () => {
    await queryRows(t.database.db, sql`update http_rate_counts set window_end = now() - interval '1 second' where client = '198.51.100.2'`);
    await rateWindowExpiry.run(t.database);
    const left = await queryRows<{ client: string }>(t.database.db, sql`select distinct client from http_rate_counts`);
    expect(left.map((r) => r.client)).toEqual(['203.0.113.7']);
  });
});

describe.each(ENGINES)('the public read budget on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1' });
  });
  afterAll(() => t.close());

  it('reads across doors share ten times the write budget; writes, log-ins and logged-in people keep their own', async () => {
    const doors = ['/open311/v2/services.json', '/api/regions/411700', '/api/public/evaluation/lists', '/api/public/knowledge?q=%E8%90%A5%E4%B8%9A', '/api/public/appeals/X?secret=wrong'];
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await read(t.app, '203.0.113.9', doors[i % doors.length])).statusCode);
    expect(answers.every((s) => s !== 429), answers.join()).toBe(true);
    expect((await read(t.app, '203.0.113.9', doors[1])).statusCode).toBe(429);
    expect((await webForm(t.app, '203.0.113.9')).statusCode).toBe(201);
    expect((await open311(t.app, '203.0.113.9')).statusCode).toBe(429);
    expect((await read(t.app, '203.0.113.10', doors[0])).statusCode).toBe(200);
    // A logged-in person at that address spends their own budget.
    const agent = await t.login('agent');
    expect((await t.app.inject({ method: 'GET', url: doors[1], remoteAddress: '203.0.113.9', headers: { cookie: agent } })).statusCode).toBe(200);
  });
});

describe('one rate limit for every process on a PostgreSQL server', () => {
  let t: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await startTestApp('postgres', { PUBLIC_RATE_LIMIT: '2' });
    // A second server on the same database, as a second process behind the load balancer.
    second = await buildServer({ database: t.database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', PUBLIC_RATE_LIMIT: '2' }), webDist: 'web/dist-none' }, logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('counts a client\'s requests to both servers against one budget', async () => {
    expect((await webForm(t.app, '203.0.113.20')).statusCode).toBe(201);
    expect((await open311(second, '203.0.113.20')).statusCode).toBe(201);
    expect((await webForm(second, '203.0.113.20')).statusCode).toBe(429);
    expect((await open311(t.app, '203.0.113.20')).statusCode).toBe(429);
    expect((await webForm(second, '203.0.113.21')).statusCode).toBe(201);
  });
});
