/**
 * Signed codes on both engines: what verifies, what is refused and why, through rotation and
 * withdrawal of keys; and who may manage the keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { checkCode, signCode } from './codes.js';
import { rotateSigningKey, signingKey, withdrawSigningKey } from './keys.js';

const PASSWORD = 'Signing-keys-1';

describe.each(ENGINES)('signed codes, on %s', (engine) => {
  let t: TestApp;
  let cookie: Record<'admin' | 'officeAdmin' | 'leader', string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await createUser(t.database.db, operatorActor(), { username: 'office-admin', password: PASSWORD, name: 'office admin', roles: ['admin'], officeId: t.demo.offices['zmd-centre'] });
    cookie = { admin: await t.login('admin'), officeAdmin: await t.login('office-admin', PASSWORD), leader: await t.login('leader') };
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const signingKeys = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from signing_keys where retired_at is null`))[0].n;

  it('creates exactly one signing key however many first uses race', async () => {
    const kids = await Promise.all(Array.from({ length: 6 }, () => signingKey(db())));
    expect(new Set(kids.map((k) => k.kid)).size).toBe(1);
    expect(await signingKeys()).toBe(1);
  });

  it('verifies a code it signed, with its subject and claims', async () => {
    const code = await signCode(db(), { purpose: 'visit', subject: 'visit:7', claims: { enterprise: '91411700MA00000000', day: '2026-12-28' } });
    const check = await checkCode(db(), code, 'visit');
    expect(check).toMatchObject({ valid: true, subject: 'visit:7', claims: { enterprise: '91411700MA00000000', day: '2026-12-28' }, expiresAt: null });
  });

  it('refuses an altered code, a foreign signature, another purpose, an expired code and what is no code at all', async () => {
    const code = await signCode(db(), { purpose: 'visit', subject: 'visit:8', claims: { n: 1 }, expiresAt: new Date(Date.now() + 3_600_000) });
    const [header, payload, signature] = code.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString());
    altered.sub = 'visit:9';
    expect(await checkCode(db(), `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`, 'visit')).toEqual({ valid: false, refusal: 'forged' });
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    expect(await checkCode(db(), `${header}.${payload}.${flipped}`, 'visit')).toEqual({ valid: false, refusal: 'forged' });

    // Someone else's key, naming ours: the signature does not match.
    const { kid } = await signingKey(db());
    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ c: {} }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'qinqing-code' }).setAudience('visit').setSubject('visit:8').setIssuedAt().sign(foreign.privateKey);
    expect(await checkCode(db(), forged, 'visit')).toEqual({ valid: false, refusal: 'forged' });
    const unknownKid = await new SignJWT({ c: {} }).setProtectedHeader({ alg: 'EdDSA', kid: '20260101-00000000', typ: 'qinqing-code' }).setAudience('visit').setSubject('visit:8').setIssuedAt().sign(foreign.privateKey);
    expect(await checkCode(db(), unknownKid, 'visit')).toEqual({ valid: false, refusal: 'forged' });

    expect(await checkCode(db(), code, 'certificate')).toEqual({ valid: false, refusal: 'wrong_purpose' });
    expect(await checkCode(db(), code, 'visit', new Date(Date.now() + 2 * 3_600_000))).toEqual({ valid: false, refusal: 'expired' });
    expect((await checkCode(db(), code, 'visit')).valid).toBe(true);
    for (const junk of ['', 'hello', 'a.b.c', `${header}.${payload}`, 'x'.repeat(5000)]) expect(await checkCode(db(), junk, 'visit'), junk).toEqual({ valid: false, refusal: 'malformed' });
  });

  it('keeps verifying codes of a rotated key, and refuses every code of a withdrawn one', async () => {
    const before = await signCode(db(), { purpose: 'certificate', subject: 'certificate:1' });
    const rotated = await rotateSigningKey(db(), operatorActor());
    const after = await signCode(db(), { purpose: 'certificate', subject: 'certificate:2' });
    const [oldCheck, newCheck] = [await checkCode(db(), before, 'certificate'), await checkCode(db(), after, 'certificate')];
    expect(oldCheck.valid && newCheck.valid).toBe(true);
    if (!oldCheck.valid || !newCheck.valid) return;
    expect(newCheck.kid).toBe(rotated.kid);
    expect(oldCheck.kid).not.toBe(rotated.kid);
    expect(await signingKeys()).toBe(1);

    await withdrawSigningKey(db(), operatorActor(), oldCheck.kid, '私钥文件曾被复制到外部设备');
    expect(await checkCode(db(), before, 'certificate')).toEqual({ valid: false, refusal: 'key_withdrawn' });
    expect((await checkCode(db(), after, 'certificate')).valid).toBe(true);

    // Withdrawing the key that signs now rotates it out first: codes go on being issued.
    await withdrawSigningKey(db(), operatorActor(), rotated.kid, '签名服务器被入侵');
    expect(await checkCode(db(), after, 'certificate')).toEqual({ valid: false, refusal: 'key_withdrawn' });
    const fresh = await signCode(db(), { purpose: 'certificate', subject: 'certificate:3' });
    expect((await checkCode(db(), fresh, 'certificate')).valid).toBe(true);
    expect(await signingKeys()).toBe(1);
  });

  it('publishes the keys that still verify, without log-in, and lets only the system administrator manage them', async () => {
    const jwks = await t.request('GET', '/api/public/signing-keys');
    expect(jwks.statusCode).toBe(200);
    const keys = jwks.json().keys as { kid: string; d?: string; x: string }[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.d === undefined && k.x)).toBe(true);

    const rows = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from signing_keys`);
    for (const who of ['officeAdmin', 'leader'] as const) {
      expect((await t.request('GET', '/api/signing-keys', { cookie: cookie[who] })).statusCode, who).toBe(403);
      expect((await t.request('POST', '/api/signing-keys/rotate', { cookie: cookie[who], body: {} })).statusCode, who).toBe(403);
      expect((await t.request('POST', `/api/signing-keys/${keys[0].kid}/withdraw`, { cookie: cookie[who], body: { reason: '试图撤销他人密钥' } })).statusCode, who).toBe(403);
    }
    expect((await t.request('POST', '/api/signing-keys/rotate', { body: {} })).statusCode).toBe(401);
    expect((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from signing_keys`))[0].n).toBe(rows[0].n);

    const rotated = await t.request('POST', '/api/signing-keys/rotate', { cookie: cookie.admin, body: {} });
    expect(rotated.statusCode).toBe(201);
    const listed = (await t.request('GET', '/api/signing-keys', { cookie: cookie.admin })).json().items as { kid: string; retiredAt: string | null }[];
    expect(listed.filter((k) => k.retiredAt === null).map((k) => k.kid)).toEqual([rotated.json().kid]);

    const bad = await t.request('POST', `/api/signing-keys/${keys[0].kid}/withdraw`, { cookie: cookie.admin, body: { reason: '' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.request('POST', '/api/signing-keys/not-a-kid/withdraw', { cookie: cookie.admin, body: { reason: '密钥泄露了' } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/signing-keys/20200101-00000000/withdraw', { cookie: cookie.admin, body: { reason: '密钥泄露了' } })).statusCode).toBe(404);
    const withdrawn = await t.request('POST', `/api/signing-keys/${keys[0].kid}/withdraw`, { cookie: cookie.admin, body: { reason: '密钥泄露了' } });
    expect(withdrawn.statusCode).toBe(200);
    expect((await t.request('POST', `/api/signing-keys/${keys[0].kid}/withdraw`, { cookie: cookie.admin, body: { reason: '密钥泄露了' } })).statusCode).toBe(409);
    expect((await t.request('GET', '/api/public/signing-keys')).json().keys.map((k: { kid: string }) => k.kid)).not.toContain(keys[0].kid);
    const audited = await queryRows<{ action: string }>(db(), sql`select action from audit_events where entity_type = 'signing_key' order by seq`);
    expect(audited.map((a) => a.action)).toContain('signing_key.withdraw');
  });
});
