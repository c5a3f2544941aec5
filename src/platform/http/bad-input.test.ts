import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { queryRows, sql } from '../db/engine.js';

/** Every write endpoint of the foundation with one valid body, as a template for the bad ones. */
function endpoints(t: TestApp): { method: string; url: string; body: Record<string, unknown> }[] {
  return [
    { method: 'POST', url: '/api/auth/login', body: { username: 'admin', password: 'demo-2026' } },
    { method: 'POST', url: '/api/me/password', body: { currentPassword: 'demo-2026', newPassword: 'Another-pass-1' } },
    { method: 'POST', url: '/api/regions', body: { code: '411799', name: '新区', parentCode: '411700' } },
    { method: 'POST', url: '/api/offices', body: { name: '新单位', kind: 'department', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } },
    { method: 'PATCH', url: `/api/offices/${t.demo.offices['zmd-dept-3']}`, body: { version: 1, name: '改名' } },
    { method: 'POST', url: '/api/users', body: { username: 'newbie', password: 'Fresh-start-81', name: '新人', officeId: t.demo.offices['zmd-dept-3'], roles: ['handler'] } },
    { method: 'PATCH', url: '/api/users/2', body: { version: 1, name: '改名' } },
    { method: 'POST', url: '/api/calendar/import', body: { fileName: 'x.csv', content: 'date,kind,name\n2031-01-01,holiday,元旦\n' } },
    { method: 'PUT', url: '/api/calendar/years/2031', body: { holidays: [{ date: '2031-01-01', name: '元旦' }], makeUpWorkdays: [] } },
    { method: 'PUT', url: '/api/calendar/office-hours', body: { version: 1, timeZoneOffsetMinutes: 480, periods: [{ start: '09:00', end: '17:00' }] } },
  ];
}

const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.double(), fc.string({ maxLength: 5 }));
const injection = fc.constantFrom("'; drop table users; --", '" or 1=1 --', '<script>alert(1)</script>', '${7*7}', '../../etc/passwd', '\u0000', '🙂'.repeat(50), 'a'.repeat(5000));

describe.each(ENGINES)('bad input on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const counts = async () => (await queryRows<{ users: number; offices: number; regions: number; days: number }>(t.database.db, sql`
    select (select count(*)::int from users) as users, (select count(*)::int from offices) as offices,
      (select count(*)::int from regions) as regions, (select count(*)::int from calendar_days) as days`))[0];

  const expectClientError = (res: { statusCode: number; body: string; headers: Record<string, unknown> }, label: string) => {
    expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
    const body = JSON.parse(res.body);
    expect(typeof body.error.code, label).toBe('string');
    expect(body.error.messageZh.length, label).toBeGreaterThan(0);
    expect(body.error.messageEn.length, label).toBeGreaterThan(0);
    expect(res.body, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  };

  it('answers malformed JSON, non-objects, empty and oversize bodies with 4xx and writes nothing', async () => {
    const before = await counts();
    for (const e of endpoints(t)) {
      for (const raw of ['{"name":', 'not json', '[]', '"text"', '42', 'null']) {
        expectClientError(await t.request(e.method, e.url, { cookie: admin, body: raw }), `${e.method} ${e.url} ${raw}`);
      }
      expectClientError(await t.request(e.method, e.url, { cookie: admin, body: { ...e.body, padding: 'x'.repeat(1_100_000) } }), `${e.method} ${e.url} oversize`);
      expectClientError(await t.request(e.method, e.url, { cookie: admin, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), `${e.method} ${e.url} form`);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown fields and every wrong type in every field (generated), writing nothing', async () => {
    const before = await counts();
    for (const e of endpoints(t)) {
      expectClientError(await t.request(e.method, e.url, { cookie: admin, body: { ...e.body, isAdmin: true } }), `${e.url} unknown field`);
      for (const field of Object.keys(e.body)) {
        const { [field]: _dropped, ...missing } = e.body;
        const res = await t.request(e.method, e.url, { cookie: admin, body: missing });
        // A missing optional field (PATCH) may be accepted; a refusal must still be a clean 4xx.
        if (res.statusCode >= 400) expectClientError(res, `${e.url} without ${field}`);
      }
    }
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), wrongValue, async (i, j, value) => {
      const all = endpoints(t);
      const e = all[i % all.length];
      const fields = Object.keys(e.body);
      const field = fields[j % fields.length];
      if (typeof value === typeof e.body[field] && Array.isArray(value) === Array.isArray(e.body[field])) return;
      if (value === null && ['parentId', 'officeId', 'parentCode'].includes(field)) return; // nullable by design
      const res = await t.request(e.method, e.url, { cookie: admin, body: { ...e.body, [field]: value } });
      expectClientError(res, `${e.method} ${e.url} ${field}=${JSON.stringify(value)}`);
    }), { numRuns: 150 });
    expect(await counts()).toEqual(before);
  });

  it('treats injection-shaped strings as plain data or refuses them cleanly, never a 500', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), injection, async (i, j, value) => {
      const all = endpoints(t).filter((e) => e.url !== '/api/me/password');
      const e = all[i % all.length];
      const strings = Object.keys(e.body).filter((k) => typeof e.body[k] === 'string');
      if (!strings.length) return;
      const res = await t.request(e.method, e.url, { cookie: admin, body: { ...e.body, [strings[j % strings.length]]: value } });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) expectClientError(res, `${e.url} ${value.slice(0, 20)}`);
    }), { numRuns: 80 });
    expect((await counts()).users).toBeGreaterThan(0);
  });

  it('answers bad query strings and path parameters with 400, unknown routes with a JSON 404', async () => {
    for (const url of ['/api/offices/abc', '/api/offices/-1', '/api/users/99999999999', '/api/regions?parentCode=41', '/api/calendar/is-working-day?date=2026-02-30',
      '/api/calendar/is-working-day?date=tomorrow', '/api/calendar/add-working-days?date=2026-09-30&days=1.5', '/api/calendar/days?from=2026-01-01&to=2028-01-01', '/api/users?officeId=x']) {
      expectClientError(await t.request('GET', url, { cookie: admin }), url);
    }
    const missing = await t.request('GET', '/api/no-such-thing', { cookie: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('route_not_found');
    expect((await t.request('DELETE', '/api/offices/1', { cookie: admin })).statusCode).toBe(404);
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('rate limiting of log-in', () => {
  it('answers 429 with a readable message once a client exceeds the limit', async () => {
    const t = await startTestApp('pglite', { PUBLIC_RATE_LIMIT: '5' });
    try {
      const statuses: number[] = [];
      // A username of its own each time, so that the lock-out (five failures) does not answer first.
      for (let i = 0; i < 7; i++) statuses.push((await t.request('POST', '/api/auth/login', { body: { username: `nobody${i}`, password: 'x-1234567' } })).statusCode);
      expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
      const limited = await t.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'x-1234567' } });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});
