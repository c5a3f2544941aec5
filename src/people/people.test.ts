import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../platform/db/engine.js';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from './commands/createUser.js';

describe.each(ENGINES)('people and roles on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let countyAdmin: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
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
      [{ password: 'abcdefgh' }, 400, 'weak_password'],
      [{ username: '1bad name' }, 400, 'invalid_username'],
      [{ username: 'handler' }, 409, 'username_taken'],
      [{ officeId: 999999 }, 400, 'unknown_office'],
    ];
    for (const [change, status, code] of cases) {
      const res = await t.request('POST', '/api/users', { cookie: admin, body: { ...base, ...change } });
      expect([res.statusCode, res.json().error.code], JSON.stringify(change)).toEqual([status, code]);
    }
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
