import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';

describe.each(ENGINES)('log-in and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { LOGIN_MAX_FAILURES: '3', LOGIN_GLOBAL_MAX_FAILURES: '7', LOGIN_LOCK_MINUTES: '15' });
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
    expect(me.json()).toMatchObject({ username: 'dispatcher', mustChangePassword: false, enterpriseUscc: null });
    // An enterprise user is told which enterprise its portal acts for.
    const enterprise = await t.request('POST', '/api/auth/login', { body: { username: 'enterprise', password: 'demo-2026' } });
    expect(enterprise.json().user).toMatchObject({ roles: ['enterprise'], office: null, enterpriseUscc: DEMO_ENTERPRISE_USCC });
  });

  it('refuses a wrong password, an unknown user and a missing session with 401 and a readable message', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: 'agent', password: 'nope-1234' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', messageZh: '用户名或密码不正确', messageEn: 'Wrong username or password' });
    const unknown = await t.request('POST', '/api/auth/login', { body: { username: 'ghost', password: 'nope-1234' } });
    expect(unknown.statusCode).toBe(401);
    expect((await t.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/offices', { cookie: 'qq_session=forged' })).statusCode).toBe(401);
    // The web app's probe tells a visitor "nobody" without an error, and a signed-in person who they are.
    const nobody = await t.request('GET', '/api/session');
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ me: null });
    expect((await t.request('GET', '/api/session', { cookie: 'qq_session=forged' })).json()).toEqual({ me: null });
    const cookie = await t.login('agent');
    expect((await t.request('GET', '/api/session', { cookie })).json().me).toMatchObject({ username: 'agent' });
  });

  const attempt = (username: string, password: string, client: string) => t.request('POST', '/api/auth/login', { body: { username, password }, client });

  it('locks a client out of an account after repeated failures, even against the right password, while other clients still log in', async () => {
    for (let i = 0; i < 2; i++) expect((await attempt('leader', 'bad-pass-1', '10.0.0.1')).statusCode).toBe(401);
    const third = await attempt('leader', 'bad-pass-1', '10.0.0.1');
    expect(third.statusCode).toBe(423);
    expect(third.json().error).toMatchObject({ code: 'account_locked', messageEn: expect.stringContaining('Too many failed log-ins'), details: { lockedUntil: expect.any(String) } });
    expect((await attempt('leader', 'demo-2026', '10.0.0.1')).statusCode).toBe(423);
    expect((await attempt('leader', 'demo-2026', '10.0.0.2')).statusCode).toBe(200);
    const admin = await t.login('admin');
    const leader = (await t.request('GET', '/api/users?q=leader', { cookie: admin })).json().items.find((u: { username: string }) => u.username === 'leader');
    expect(leader.lockedUntil).toBeNull();
    // The administrator's unlock lifts the lock of every client.
    const unlocked = await t.request('PATCH', `/api/users/${leader.id}`, { cookie: admin, body: { version: leader.version, unlock: true } });
    expect(unlocked.statusCode).toBe(200);
    expect((await attempt('leader', 'demo-2026', '10.0.0.1')).statusCode).toBe(200);
  });

  // Times in a lock message differ by the milliseconds between two requests: compared without them.
  const answer = (res: Awaited<ReturnType<typeof attempt>>) => ({
    status: res.statusCode, headers: Object.keys(res.headers).sort(),
    body: res.body.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>').replace(/\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d\d:\d\d/g, '<time>'),
  });

  it('answers an unknown username exactly as a known one, through the lock', async () => {
    const known: ReturnType<typeof answer>[] = [];
    const unknown: ReturnType<typeof answer>[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(answer(await attempt('handler', 'bad-pass-1', '10.0.1.1')));
      unknown.push(answer(await attempt('no.such.person', 'bad-pass-1', '10.0.1.1')));
    }
    expect(known.map((a) => a.status)).toEqual([401, 401, 423, 423]);
    expect(unknown).toEqual(known);
    expect(answer(await attempt('no.such.person', 'demo-2026', '10.0.1.1'))).toEqual(answer(await attempt('handler', 'demo-2026', '10.0.1.1')));
    expect((await attempt('no.such.person', 'bad-pass-1', '10.0.1.2')).statusCode).toBe(401);
    expect((await attempt('handler', 'demo-2026', '10.0.1.2')).statusCode).toBe(200);
  });

  it('locks the account for everyone at the much higher count from all clients together, and tells its administrators', async () => {
    const countyAdmin = await createUser(t.database.db, operatorActor(), { username: 'xiping.admin', password: 'County-admin-1', name: '西平管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    const target = await createUser(t.database.db, operatorActor(), { username: 'much.tried', password: 'Often-guessed-9', name: '被试', roles: ['agent'], officeId: t.demo.offices['zmd-centre'] });
    // Seven failures (LOGIN_GLOBAL_MAX_FAILURES) from four clients, none of them reaching its own limit of three.
    const statuses: Record<string, number[]> = { 'much.tried': [], 'never.was': [] };
    for (const username of ['much.tried', 'never.was']) {
      for (const [client, tries] of [['10.0.2.1', 2], ['10.0.2.2', 2], ['10.0.2.3', 2], ['10.0.2.4', 1]] as const) {
        for (let i = 0; i < tries; i++) statuses[username].push((await attempt(username, 'bad-pass-1', client)).statusCode);
      }
    }
    expect(statuses['much.tried']).toEqual([401, 401, 401, 401, 401, 401, 423]);
    expect(statuses['never.was']).toEqual(statuses['much.tried']);
    expect((await attempt('much.tried', 'Often-guessed-9', '10.0.2.9')).statusCode).toBe(423);
    expect((await attempt('never.was', 'Often-guessed-9', '10.0.2.9')).statusCode).toBe(423);

    const admin = await t.login('admin');
    const shown = (await t.request('GET', `/api/users/${target.id}`, { cookie: admin })).json();
    expect(shown.lockedUntil).not.toBeNull();
    const audit = await queryRows<{ action: string; after: { via: string } }>(t.database.db, sql`select action, after from audit_events where entity_type = 'user' and entity_id = ${String(target.id)} and action like 'auth.%' order by seq`);
    expect(audit.map((a) => a.action)).toEqual([...Array(6).fill('auth.login_failed'), 'auth.locked_globally']);
    const told = await queryRows<{ recipient_user_id: number; title_en: string }>(t.database.db, sql`select recipient_user_id, title_en from notification_outbox where kind = 'auth.locked_globally'`);
    const me = (await t.request('GET', '/api/me', { cookie: admin })).json();
    // The system administrator sees the account; the county's administrator does not, and is not told.
    expect(told).toEqual([{ recipient_user_id: me.id, title_en: 'Account much.tried is locked' }]);
    expect(told.map((n) => n.recipient_user_id)).not.toContain(countyAdmin.id);

    await t.request('PATCH', `/api/users/${target.id}`, { cookie: admin, body: { version: shown.version, unlock: true } });
    expect((await attempt('much.tried', 'Often-guessed-9', '10.0.2.1')).statusCode).toBe(200);
  });

  it('counts a wrong current password on a password change towards the same lock-out as log-ins', async () => {
    await createUser(t.database.db, operatorActor(), { username: 'pw.changer', password: 'Changer-pass-1', name: '改密人', roles: ['agent'], officeId: t.demo.offices['zmd-centre'] });
    const cookie = await t.login('pw.changer', 'Changer-pass-1', '10.0.3.1');
    const change = (currentPassword: string) => t.request('POST', '/api/me/password', { cookie, client: '10.0.3.2', body: { currentPassword, newPassword: 'Changed-pass-2' } });
    expect((await attempt('pw.changer', 'bad-pass-1', '10.0.3.2')).statusCode).toBe(401);
    const wrong = await change('bad-pass-1');
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'wrong_password']);
    const third = await change('bad-pass-1');
    expect([third.statusCode, third.json().error.code]).toEqual([423, 'account_locked']);
    expect((await change('Changer-pass-1')).statusCode).toBe(423);
    expect((await attempt('pw.changer', 'Changer-pass-1', '10.0.3.2')).statusCode).toBe(423);
    expect((await attempt('pw.changer', 'Changer-pass-1', '10.0.3.3')).statusCode).toBe(200);
    expect((await t.request('POST', '/api/me/password', { cookie, client: '10.0.3.3', body: { currentPassword: 'Changer-pass-1', newPassword: 'Changed-pass-2' } })).statusCode).toBe(204);
  });

  it('marks demo log-ins as such in the log-in answer and in who-am-I', async () => {
    const res = await attempt('agent', 'demo-2026', '10.0.4.1');
    expect(res.json().user.demo).toBe(true);
    const cookie = await t.login('pw.changer', 'Changed-pass-2', '10.0.4.1');
    expect((await t.request('GET', '/api/me', { cookie })).json().demo).toBe(false);
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
