import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';

describe.each(ENGINES)('log-in and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(() => t.close());

  it('logs in with the right password and sets an HttpOnly SameSite session cookie', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'dispatcher', password: 'demo-2026' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'dispatcher', roles: ['dispatcher'], office: { kind: 'hotline_centre' } });
    const cookie = res.cookies.find((c) => c.name === 'qq_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.request('GET', '/api/me', { cookie: `qq_session=${cookie.value}` });
    expect(me.json()).toMatchObject({ username: 'dispatcher', mustChangePassword: false });
  });

  it('refuses a wrong password, an unknown user and a missing session with 401 and a readable message', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: 'agent', password: 'nope-1234' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', messageZh: '用户名或密码不正确', messageEn: 'Wrong username or password' });
    const unknown = await t.request('POST', '/api/auth/login', { body: { username: 'ghost', password: 'nope-1234' } });
    expect(unknown.statusCode).toBe(401);
    expect((await t.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/offices', { cookie: 'qq_session=forged' })).statusCode).toBe(401);
  });

  it('locks an account after repeated failures, even against the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 2; i++) expect((await t.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'bad-pass-1' } })).statusCode).toBe(401);
    const third = await t.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'bad-pass-1' } });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('account_locked');
    const right = await t.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'demo-2026' } });
    expect(right.statusCode).toBe(423);
    const admin = await t.login('admin');
    const users = (await t.request('GET', '/api/users?q=leader', { cookie: admin })).json().items;
    const leader = users.find((u: { username: string }) => u.username === 'leader');
    expect(leader.lockedUntil).not.toBeNull();
    const unlocked = await t.request('PATCH', `/api/users/${leader.id}`, { cookie: admin, body: { version: leader.version, unlock: true } });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'demo-2026' } })).statusCode).toBe(200);
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const cookie = await t.login('agent');
    expect((await t.request('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/me', { cookie })).statusCode).toBe(401);
  });

  it('changes a password only with the current one, ends other sessions and keeps this one', async () => {
    const first = await t.login('supervisor');
    const second = await t.login('supervisor');
    const wrong = await t.request('POST', '/api/me/password', { cookie: first, body: { currentPassword: 'not-it-1', newPassword: 'Better-pass-9' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    const weak = await t.request('POST', '/api/me/password', { cookie: first, body: { currentPassword: 'demo-2026', newPassword: 'short' } });
    expect(weak.json().error.code).toBe('weak_password');
    const ok = await t.request('POST', '/api/me/password', { cookie: first, body: { currentPassword: 'demo-2026', newPassword: 'Better-pass-9' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.request('GET', '/api/me', { cookie: first })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { cookie: second })).statusCode).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'supervisor', password: 'Better-pass-9' } })).statusCode).toBe(200);
  });

  it('stores only scrypt hashes of passwords and SHA-256 of session tokens', async () => {
    const rows = (await t.database.db.execute('select password_hash from users' as never)) as unknown as { rows: { password_hash: string }[] };
    expect(rows.rows.every((r) => r.password_hash.startsWith('scrypt$'))).toBe(true);
    expect(rows.rows.some((r) => r.password_hash.includes('demo-2026'))).toBe(false);
  });
});
