import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../platform/db/engine.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from './commands/createUser.js';
import { listDemoUsernames } from './queries.js';
import { purgeForgottenFailures } from './throttle.js';
import { ENGINES, preparedDatabase } from '../../test/support/engines.js';
import { prepareNewInstallation } from '../cli/setup.js';

describe.each(ENGINES)('people and roles on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let countyAdmin: string;
  beforeAll(async () => {
    // One more than the default minimum, to see the setting reach every door a password comes in by.
    t = await startTestApp(engine, { PASSWORD_MIN_LENGTH: '11' });
    admin = await t.login('admin');
    await createUser(t.database.db, operatorActor(), { username: 'xiping-admin', password: 'County-admin-1', name: '西平管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    countyAdmin = await t.login('xiping-admin', 'County-admin-1');
  });
  afterAll(() => t.close());

  it('creates a person who can then log in with the roles and office given', async () => {
    const res = await t.request('POST', '/api/users', { cookie: admin, body: { username: 'wang.handler', password: 'Handler-pass-1', name: '王承办', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wang.handler', roles: ['handler'], officeName: '驻马店市住房和城乡建设局', active: true, version: 1 });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const cookie = await t.login('wang.handler', 'Handler-pass-1');
    expect((await t.request('GET', '/api/me', { cookie })).json().office.name).toBe('驻马店市住房和城乡建设局');
  });

  it('refuses bad people: unknown role, government role without office, enterprise with office, weak password, taken username', async () => {
    const base = { username: 'someone', password: 'Good-pass-1', name: '某人', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ roles: ['mayor'] }, 400, 'invalid_request'],
      [{ officeId: null }, 400, 'office_required'],
      [{ roles: ['enterprise'] }, 400, 'enterprise_without_office'],
      [{ roles: ['enterprise', 'handler'] }, 400, 'enterprise_with_government_role'],
      [{ password: 'abcdefghij' }, 400, 'weak_password'],
      [{ username: '1bad name' }, 400, 'invalid_username'],
      [{ username: 'handler' }, 409, 'username_taken'],
      [{ officeId: 999999 }, 400, 'unknown_office'],
    ];
    for (const [change, status, code] of cases) {
      const res = await t.request('POST', '/api/users', { cookie: admin, body: { ...base, ...change } });
      expect([res.statusCode, res.json().error.code], JSON.stringify(change)).toEqual([status, code]);
    }
  });

  // What each weak password is refused for under PASSWORD_MIN_LENGTH=11, and a strong one.
  const WEAK: [string, string][] = [
    ['password1', 'too_short'], ['12345678a', 'too_short'], ['demo-2026', 'too_short'], ['Tr7#kq9Lm2', 'too_short'],
    ['password1234', 'too_few_classes'], ['Zhou.test-2026', 'contains_username'], ['Password1234', 'guessable'], ['Admin@123456', 'guessable'],
  ];
  const refusal = (res: { statusCode: number; json(): { error: { code: string; details: { reason: string }; messageZh: string; messageEn: string } } }) =>
    [res.statusCode, res.json().error.code, res.json().error.details.reason];

  it('refuses weak passwords with the reason on creation, on an administrator reset and on a change of one own password', async () => {
    const body = { username: 'zhou.test', name: '周测试', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'] };
    for (const [password, reason] of WEAK) {
      expect(refusal(await t.request('POST', '/api/users', { cookie: admin, body: { ...body, password } })), password).toEqual([400, 'weak_password', reason]);
    }
    const tooShort = await t.request('POST', '/api/users', { cookie: admin, headers: { 'accept-language': 'en' }, body: { ...body, password: 'password1' } });
    expect(tooShort.json().error.message).toBe('The password is too short: it needs at least 11 characters (it has 9)');
    const created = await t.request('POST', '/api/users', { cookie: admin, body: { ...body, password: 'Tr7#kq9Lm2x' } });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    for (const [password, reason] of WEAK) {
      expect(refusal(await t.request('PATCH', `/api/users/${user.id}`, { cookie: admin, body: { version: user.version, password } })), password).toEqual([400, 'weak_password', reason]);
    }
    const cookie = await t.login('zhou.test', 'Tr7#kq9Lm2x');
    for (const [newPassword, reason] of WEAK) {
      expect(refusal(await t.request('POST', '/api/me/password', { cookie, body: { currentPassword: 'Tr7#kq9Lm2x', newPassword } })), newPassword).toEqual([400, 'weak_password', reason]);
    }
    expect((await t.request('POST', '/api/me/password', { cookie, body: { currentPassword: 'Tr7#kq9Lm2x', newPassword: 'Lantern-orbit-58' } })).statusCode).toBe(204);
    const reset = await t.request('PATCH', `/api/users/${user.id}`, { cookie: admin, body: { version: (await t.request('GET', `/api/users/${user.id}`, { cookie: admin })).json().version, password: 'Copper-meadow-31' } });
    expect(reset.statusCode).toBe(200);
  });

  it('flags demo log-ins on the demo database: who-am-I and the people list say so, a real account is not flagged', async () => {
    expect((await t.request('GET', '/api/me', { cookie: admin })).json().demo).toBe(true);
    const items = (await t.request('GET', '/api/users', { cookie: admin })).json().items as { username: string; demo: boolean }[];
    expect(items.find((u) => u.username === 'handler')!.demo).toBe(true);
    expect(items.find((u) => u.username === 'xiping-admin')!.demo).toBe(false);
    expect((await t.request('GET', '/api/me', { cookie: countyAdmin })).json().demo).toBe(false);
  });

  it('purges failure counts once they are forgotten, keeping locks in force and recent failures', async () => {
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    await queryRows(t.database.db, sql`insert into login_throttle (username, client, failures, last_failure_at, locked_until) values
      ('old.typo', '10.5.0.1', 2, ${hoursAgo(25)}::timestamptz, null),
      ('old.lock', '10.5.0.1', 0, ${hoursAgo(30)}::timestamptz, ${hoursAgo(29)}::timestamptz),
      ('recent', '10.5.0.1', 1, ${hoursAgo(1)}::timestamptz, null),
      ('still.locked', '*', 0, ${hoursAgo(26)}::timestamptz, ${new Date(now.getTime() + 600_000).toISOString()}::timestamptz)`);
    expect(await purgeForgottenFailures(t.database.db, now)).toBe(2);
    const left = await queryRows<{ username: string }>(t.database.db, sql`select username from login_throttle where client in ('10.5.0.1', '*') and username in ('old.typo', 'old.lock', 'recent', 'still.locked') order by username`);
    expect(left.map((r) => r.username)).toEqual(['recent', 'still.locked']);
  });

  it('keeps a county administrator to their county: sees only its people, cannot place anyone outside it', async () => {
    const items = (await t.request('GET', '/api/users', { cookie: countyAdmin })).json().items;
    expect(items.map((u: { username: string }) => u.username)).toEqual(['xiping-admin']);
    const outside = await t.request('POST', '/api/users', { cookie: countyAdmin, body: { username: 'sneaky', password: 'Outside-pass-1', name: '越权', officeId: t.demo.offices['zmd-centre'], roles: ['handler'] } });
    expect(outside.statusCode).toBe(403);
    const noOffice = await t.request('POST', '/api/users', { cookie: countyAdmin, body: { username: 'sneaky', password: 'Outside-pass-1', name: '越权', officeId: null, roles: ['admin'] } });
    expect(noOffice.statusCode).toBe(403);
    const demoHandler = (await t.request('GET', '/api/users?q=handler', { cookie: admin })).json().items.find((u: { username: string }) => u.username === 'handler');
    expect((await t.request('GET', `/api/users/${demoHandler.id}`, { cookie: countyAdmin })).statusCode).toBe(404);
    expect((await t.request('PATCH', `/api/users/${demoHandler.id}`, { cookie: countyAdmin, body: { version: demoHandler.version, name: 'x' } })).statusCode).toBe(404);
  });

  it('refuses the people list to every role but admin', async () => {
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) {
      const cookie = await t.login(role);
      const res = await t.request('GET', '/api/users', { cookie });
      expect(res.statusCode, role).toBe(403);
      expect((await t.request('POST', '/api/users', { cookie, body: { username: 'x1', password: 'Xx-pass-12', name: 'x', officeId: null, roles: ['admin'] } })).statusCode, role).toBe(403);
    }
  });

  it('deactivating a person ends their sessions at once; an admin cannot deactivate themself', async () => {
    const cookie = await t.login('agent');
    const agent = (await t.request('GET', '/api/users?q=agent', { cookie: admin })).json().items.find((u: { username: string }) => u.username === 'agent');
    const res = await t.request('PATCH', `/api/users/${agent.id}`, { cookie: admin, body: { version: agent.version, active: false } });
    expect(res.statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { cookie })).statusCode).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'agent', password: 'demo-2026' } })).statusCode).toBe(403);
    const me = (await t.request('GET', '/api/me', { cookie: admin })).json();
    const self = (await t.request('GET', `/api/users/${me.id}`, { cookie: admin })).json();
    const selfLock = await t.request('PATCH', `/api/users/${me.id}`, { cookie: admin, body: { version: self.version, active: false } });
    expect(selfLock.statusCode).toBe(409);
    expect(selfLock.json().error.code).toBe('self_lockout');
  });

  it('an administrator password reset makes the person choose a new password at next log-in', async () => {
    const u = (await t.request('POST', '/api/users', { cookie: admin, body: { username: 'reset.me', password: 'Reset-pass-1', name: '重置', officeId: t.demo.offices['zmd-dept-2'], roles: ['handler'] } })).json();
    const reset = await t.request('PATCH', `/api/users/${u.id}`, { cookie: admin, body: { version: u.version, password: 'Temp-pass-22' } });
    expect(reset.json().mustChangePassword).toBe(true);
    const cookie = await t.login('reset.me', 'Temp-pass-22');
    expect((await t.request('GET', '/api/me', { cookie })).json().mustChangePassword).toBe(true);
  });

  it('refuses every API route but log-out, who-am-I and the password change until the set password is replaced', async () => {
    const u = (await t.request('POST', '/api/users', { cookie: admin, body: { username: 'forced.change', password: 'Forced-pass-1', name: '须改密', officeId: t.demo.offices['zmd-centre'], roles: ['agent'] } })).json();
    await t.request('PATCH', `/api/users/${u.id}`, { cookie: admin, body: { version: u.version, password: 'Temp-pass-33' } });
    const cookie = await t.login('forced.change', 'Temp-pass-33');
    const intake = { channel: 'hotline', type: 'complaint', title: '改密前受理', content: '内容', requester: { kind: 'anonymous' } };
    for (const [method, url, body] of [['POST', '/api/cases', intake], ['GET', '/api/cases', undefined], ['GET', '/api/knowledge', undefined], ['GET', '/api/notifications', undefined]] as const) {
      const res = await t.request(method, url, { cookie, body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'password_change_required', messageEn: expect.stringContaining('Change your password first') });
    }
    const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where title = '改密前受理'`);
    expect(n).toBe(0);
    expect((await t.request('GET', '/api/me', { cookie })).statusCode).toBe(200);
    expect((await t.request('POST', '/api/me/password', { cookie, body: { currentPassword: 'Temp-pass-33', newPassword: 'Own-choice-pass-44' } })).statusCode).toBe(204);
    expect((await t.request('POST', '/api/cases', { cookie, body: intake })).statusCode).toBe(201);
    expect((await t.request('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
  });
});

describe.each(ENGINES)('demo log-ins on a real installation on %s', (engine) => {
  it('never gets one: the first administrator is real and demo accounts are refused', async () => {
    const database = await preparedDatabase(engine);
    try {
      await prepareNewInstallation(database, false, () => {});
      expect(await listDemoUsernames(database.db)).toEqual([]);
      const [first] = await queryRows<{ username: string; demo: boolean }>(database.db, sql`select username, demo from users`);
      expect(first).toEqual({ username: 'admin', demo: false });
      const demo = createUser(database.db, operatorActor(), { username: 'agent', password: 'demo-2026', name: '王话务', roles: ['admin'], officeId: null, demo: true });
      await expect(demo).rejects.toMatchObject({ status: 409, code: 'not_demo_database' });
      expect(await listDemoUsernames(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
