/**
 * Results and what follows them, on both engines: certificates with signed QR codes anyone can
 * check (valid, altered, forged, revoked, through key rotation and withdrawal), delivery, good/bad
 * reviews that open an appeal case whose outcome comes back, the green channel, help-and-agency,
 * joint handling's 45 (+15) days and the approvals figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { createUser } from '../../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { verifyWorkItems } from '../../audit/verify.js';
import { rotateSigningKey, signingKey, withdrawSigningKey } from '../../signing/keys.js';
import { loadDemoServiceItems } from '../demo.js';
import type { ApplicationView, CertificateCheck } from './contract.js';

const PASSWORD = 'Qq-results-9';
const month = (d = new Date()) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

describe.each(ENGINES)('application results, reviews, green channel, agency and figures on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const offices: Record<string, number> = {};
  const userIds: Record<string, number> = {};
  let permit: number;
  let materialIds: number[];

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000', PUBLIC_URL: 'https://zwfw.example.gov.cn' });
    const db = t.database.db;
    await loadDemoServiceItems(db, operatorActor(), t.demo.offices);
    for (const k of ['housing', 'planning', 'water']) offices[k] = t.demo.offices[`county-410122-${k}`];
    offices.county = t.demo.offices['county-410122'];
    offices.other = t.demo.offices['county-410108'];
    const users: [string, string[], number | null][] = [
      ['window', ['window_agent'], offices.county], ['helper', ['window_agent'], offices.other], ['other-leader', ['leader'], offices.other],
      ['rev-housing', ['reviewer'], offices.housing], ['rev-planning', ['reviewer'], offices.planning], ['rev-water', ['reviewer'], offices.water],
      ['housing-leader', ['leader'], offices.housing], ['county-leader', ['leader'], offices.county], ['housing-handler', ['handler'], offices.housing],
    ];
    for (const [username, roles, officeId] of users) {
      userIds[username] = (await createUser(db, operatorActor(), { username, password: PASSWORD, name: username, roles: roles as never, officeId })).id;
      cookies[username] = await t.login(username, PASSWORD);
    }
    for (const u of ['enterprise', 'admin', 'dispatcher']) cookies[u] = await t.login(u);
    const [item] = await queryRows<{ id: number }>(db, sql`select s.id from service_items s join service_item_versions v on v.item_id = s.id where v.name = '建筑工程施工许可证核发'`);
    permit = item.id;
    const ms = await queryRows<{ id: number }>(db, sql`select m.id from service_item_materials m join service_item_versions v on v.id = m.version_id where v.item_id = ${permit} and m.required`);
    materialIds = ms.map((m) => Number(m.id));
  }, 120_000);
  afterAll(() => t.close());

  const as = (user: string | null, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: user ? cookies[user] : undefined, body });
  const view = async (id: number, user = 'window') => JSON.parse((await as(user, 'GET', `/api/applications/${id}`)).body) as ApplicationView;
  const act = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) =>
    as(user, 'POST', `/api/applications/${id}/${action}`, { version: (await view(id)).version, ...body });
  const ok = async (user: string, id: number, action: string, body: Record<string, unknown> = {}, unversioned = false) => {
    const res = unversioned ? await as(user, 'POST', `/api/applications/${id}/${action}`, body) : await act(user, id, action, body);
    expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
    return JSON.parse(res.body) as ApplicationView;
  };
  const applicant = { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' };
  async function accepted(departments = [offices.housing]): Promise<ApplicationView> {
    const res = await as('window', 'POST', '/api/applications', { serviceItemId: permit, applicant, materialIds });
    expect(res.statusCode, res.body).toBe(201);
    const id = (JSON.parse(res.body) as ApplicationView).id;
    await ok('window', id, 'accept');
    return ok('window', id, 'start-stage', { name: '审查', departmentIds: departments });
  }
  async function approved(departments = [offices.housing]): Promise<ApplicationView> {
    const app = await accepted(departments);
    const reviewers: Record<number, string> = { [offices.housing]: 'rev-housing', [offices.planning]: 'rev-planning', [offices.water]: 'rev-water' };
    for (const d of departments) {
      await ok(reviewers[d], app.id, 'sign', { departmentId: d }, true);
      await ok(reviewers[d], app.id, 'approve', { departmentId: d }, true);
    }
    return ok('rev-housing', app.id, 'conclude');
  }
  const issued = async (over: Record<string, unknown> = {}) => ok('window', (await approved()).id, 'issue', { resultNumber: `410122${Date.now()}`, ...over });
  const check = async (code: string, lang?: string) => {
    const res = await t.request('GET', `/api/public/certificates/${encodeURIComponent(code)}`, { headers: lang ? { 'accept-language': lang } : {} });
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body) as CertificateCheck;
  };
  const codeOf = (a: ApplicationView) => a.certificate!.verifyUrl.split('/verify/')[1];
  const counts = async () => (await queryRows<{ events: number; cases: number; grants: number }>(t.database.db, sql`select
    (select count(*)::int from application_events) as events, (select count(*)::int from cases) as cases, (select count(*)::int from agency_authorisations) as grants`))[0];

  it('issues a certificate whose QR link anyone can check without log-in: what it says while valid, refused once altered or forged', async () => {
    const a = await issued({ validUntil: '2031-12-31' });
    expect(a.certificate).toMatchObject({
      kind: 'certificate', holder: { name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, itemName: '建筑工程施工许可证核发', validUntil: '2031-12-31', revokedAt: null,
    });
    expect(a.certificate!.issuingDepartment).toContain('住房和城乡建设');
    expect(a.certificate!.verifyUrl).toMatch(/^https:\/\/zwfw\.example\.gov\.cn\/verify\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const code = codeOf(a);
    // The code expires once the certificate's last day is over (Beijing time).
    expect(JSON.parse(Buffer.from(code.split('.')[1], 'base64url').toString()).exp).toBe(Date.parse('2031-12-31T23:59:59+08:00') / 1000);
    const qr = await as('enterprise', 'GET', `/api/applications/${a.id}/certificate.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    expect((await as('other-leader', 'GET', `/api/applications/${a.id}/certificate.svg`)).statusCode).toBe(404);
    expect((await as('enterprise', 'GET', `/api/applications/${(await accepted()).id}/certificate.svg`)).statusCode).toBe(404);
    const valid = await check(code);
    expect(valid).toMatchObject({ status: 'valid', reviewOpen: true, certificate: { number: a.resultNumber, holder: { uscc: DEMO_ENTERPRISE_USCC } } });

    const [header, payload, signature] = code.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString());
    altered.c.n = 'FAKE-0001';
    expect(await check(`${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`)).toMatchObject({ status: 'refused', refusal: 'forged' });
    const { kid } = await signingKey(t.database.db);
    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ c: { n: 'X' } }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'qinqing-code' }).setAudience('certificate').setSubject(`application:${a.id}`).setIssuedAt().sign(foreign.privateKey);
    const refused = await check(forged, 'en');
    expect(refused).toMatchObject({ status: 'refused', refusal: 'forged' });
    if (refused.status === 'refused') expect(refused.message).toBe(refused.messageEn);
    expect(await check('not-a-code')).toMatchObject({ status: 'refused', refusal: 'malformed', messageZh: expect.any(String) });
    expect((await t.request('GET', `/api/public/certificates/${'x'.repeat(3000)}`)).statusCode).toBe(400);
  });

  it('lets only a leader of the issuing department revoke it, with the reason: the check then says revoked, when and why', async () => {
    const a = await issued();
    const code = codeOf(a);
    for (const user of ['window', 'rev-housing', 'county-leader']) {
      const res = await act(user, a.id, 'revoke-certificate', { reason: '以欺骗手段取得' });
      expect(res.statusCode, `${user}: ${res.body}`).toBe(user === 'county-leader' ? 200 : 403);
      if (res.statusCode === 200) break;
    }
    const revoked = await check(code);
    expect(revoked).toMatchObject({ status: 'revoked', reason: '以欺骗手段取得' });
    const [told] = await queryRows<{ body_zh: string }>(t.database.db, sql`select body_zh from notification_outbox
      where subject_type = 'application' and subject_id = ${a.id} and kind = 'application.revoke-certificate' and recipient_uscc = ${DEMO_ENTERPRISE_USCC}`);
    expect(told.body_zh).toContain('以欺骗手段取得');
    // The OpenAPI document names the public check and the new actions.
    const paths = JSON.parse((await t.request('GET', '/docs/json')).body).paths as Record<string, unknown>;
    for (const path of ['/api/public/certificates/{code}', '/api/public/certificates/{code}/review', '/api/applications/{id}/revoke-certificate', '/api/applications/{id}/review',
      '/api/applications/{id}/green-channel', '/api/approvals/figures', '/api/agency-authorisations']) expect(Object.keys(paths), path).toContain(path);
    expect(JSON.parse((await act('housing-leader', a.id, 'revoke-certificate', { reason: '再次' })).body).error.code).toBe('already_revoked');
    const events = JSON.parse((await as('window', 'GET', `/api/applications/${a.id}/events`)).body) as { action: string; data: { reason?: string } }[];
    expect(events.find((e) => e.action === 'revoke-certificate')?.data.reason).toBe('以欺骗手段取得');
    expect((await t.request('POST', `/api/public/certificates/${code}/review`, { body: { grade: 'satisfied' } })).statusCode).toBe(409);
  });

  it('keeps old certificates verifying after the key is rotated, and refuses them once their key is withdrawn', async () => {
    const before = await issued();
    await rotateSigningKey(t.database.db, operatorActor());
    const after = await issued();
    expect((await check(codeOf(before))).status).toBe('valid');
    expect((await check(codeOf(after))).status).toBe('valid');
    const oldKid = JSON.parse(Buffer.from(codeOf(before).split('.')[0], 'base64url').toString()).kid;
    await withdrawSigningKey(t.database.db, operatorActor(), oldKid, '旧密钥备份介质遗失');
    expect(await check(codeOf(before))).toMatchObject({ status: 'refused', refusal: 'key_withdrawn' });
    expect((await check(codeOf(after))).status).toBe('valid');
  });

  it('delivers in person with a receipt, by post with carrier and tracking number, or at the window, and tells the applicant', async () => {
    const deliveries = [
      { method: 'in_person', receipt: '张经理', signatureNote: '本人签字，核验身份证' },
      { method: 'post', carrier: 'EMS', trackingNumber: '1178452309912' },
      { method: 'pickup', receipt: '李会计' },
    ];
    for (const body of deliveries) {
      const a = await issued();
      const done = await ok('window', a.id, 'deliver', body);
      expect(done.status).toBe('delivered');
      expect(done.delivery).toMatchObject(body);
      const [told] = await queryRows<{ body_zh: string }>(t.database.db, sql`select body_zh from notification_outbox
        where subject_type = 'application' and subject_id = ${a.id} and kind = 'application.deliver' and recipient_uscc = ${DEMO_ENTERPRISE_USCC}`);
      expect(told.body_zh).toContain(body.method === 'post' ? '1178452309912' : String(body.receipt));
    }
    const a = await issued();
    expect(JSON.parse((await act('window', a.id, 'deliver', { method: 'pickup' })).body).error.code).toBe('receipt_required');
    expect((await act('window', a.id, 'deliver', { method: 'drone', receipt: 'x' })).statusCode).toBe(400);
    expect((await act('rev-housing', a.id, 'deliver', { method: 'pickup', receipt: 'x' })).statusCode).toBe(403);
  });

  it('takes one review per finished application: online by the enterprise, at the window for it; a second is 409', async () => {
    const a = await issued();
    const online = await ok('enterprise', a.id, 'review', { grade: 'very_satisfied', comment: '一次办好' }, true);
    expect(online.review).toMatchObject({ grade: 'very_satisfied', channel: 'online', recordedBy: null, appeal: null });
    const again = await as('window', 'POST', `/api/applications/${a.id}/review`, { grade: 'satisfied' });
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body).error.code).toBe('already_reviewed');
    const b = await issued();
    expect((await ok('window', b.id, 'review', { grade: 'basically_satisfied' }, true)).review).toMatchObject({ channel: 'window', recordedBy: 'window' });
    // Who typed it in at the window is the department's to know, not the applicant's.
    expect((await view(b.id, 'enterprise')).review).toMatchObject({ grade: 'basically_satisfied', channel: 'window', recordedBy: null });
    // A refused application is finished too: it is reviewed online or at the window.
    const refused = await accepted();
    await ok('rev-housing', refused.id, 'sign', { departmentId: offices.housing }, true);
    expect((await ok('rev-housing', refused.id, 'refuse', { departmentId: offices.housing, reason: '不符合条件' }, true)).status).toBe('refused');
    expect((await ok('enterprise', refused.id, 'review', { grade: 'basically_satisfied' }, true)).review?.grade).toBe('basically_satisfied');
    // Not yet finished, and not for a reviewer of the department: refused.
    const running = await accepted();
    expect((await as('enterprise', 'POST', `/api/applications/${running.id}/review`, { grade: 'satisfied' })).statusCode).toBe(409);
    expect((await as('rev-housing', 'POST', `/api/applications/${b.id}/review`, { grade: 'satisfied' })).statusCode).toBe(403);
    expect((await as('enterprise', 'POST', `/api/applications/${b.id}/review`, { grade: 'great' })).statusCode).toBe(400);
  });

  it('turns a bad review through the certificate\'s link into an appeal case owned by the department, and links its outcome back', async () => {
    const a = await issued();
    const code = codeOf(a);
    const before = await counts();
    const bad = await t.request('POST', `/api/public/certificates/${code}/review`, { body: { grade: 'very_dissatisfied', comment: '窗口要求重复提交材料三次' } });
    expect(bad.statusCode, bad.body).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 'valid', reviewOpen: false });
    expect((await t.request('POST', `/api/public/certificates/${code}/review`, { body: { grade: 'satisfied' } })).statusCode).toBe(409);
    expect((await counts()).cases).toBe(before.cases + 1);
    const reviewed = await view(a.id);
    expect(reviewed.review).toMatchObject({ grade: 'very_dissatisfied', channel: 'certificate', recordedBy: null, appeal: { status: 'dispatched' } });
    const caseId = reviewed.review!.appeal!.caseId;
    const appeal = JSON.parse((await as('housing-handler', 'GET', `/api/cases/${caseId}`)).body);
    expect(appeal).toMatchObject({ channel: 'approval_review', type: 'complaint', priority: 'urgent', status: 'dispatched', leadOfficeId: offices.housing });
    expect(appeal.content).toContain('窗口要求重复提交材料三次');
    expect(appeal.requester).toMatchObject({ kind: 'enterprise', uscc: DEMO_ENTERPRISE_USCC });
    // The enterprise follows it as its requester; the department handles it in the loop.
    expect((await as('enterprise', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    const signed = JSON.parse((await as('housing-handler', 'POST', `/api/cases/${caseId}/sign`, { version: appeal.version })).body);
    const replied = await as('housing-handler', 'POST', `/api/cases/${caseId}/reply`, { version: signed.version, reply: '已约谈窗口人员并整改，材料改为一次告知' });
    expect(replied.statusCode, replied.body).toBe(200);
    const linked = await view(a.id, 'enterprise');
    expect(linked.review!.appeal).toMatchObject({ caseId, status: 'replied', reply: '已约谈窗口人员并整改，材料改为一次告知' });
    const told = await queryRows<{ body_zh: string }>(t.database.db, sql`select body_zh from notification_outbox where subject_type = 'application' and subject_id = ${a.id} and kind = 'application.review-appeal'`);
    expect(told.some((n) => n.body_zh.includes('已约谈窗口人员'))).toBe(true);
    // Nobody takes such a case in by hand.
    const byHand = await as('dispatcher', 'POST', '/api/cases', { channel: 'approval_review', type: 'complaint', title: '伪造差评', content: '手工录入', requester: { kind: 'anonymous' } });
    expect(byHand.statusCode).toBe(403);
    expect(JSON.parse(byHand.body).error.messageEn).toContain('opened by the system, not taken in by hand');
    // A good review opens no case.
    const good = await issued();
    const n = (await counts()).cases;
    await ok('enterprise', good.id, 'review', { grade: 'satisfied' }, true);
    expect((await counts()).cases).toBe(n);
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
  });

  it('puts an application in the green channel by a leader of its window or department, with a same-day target leaders can filter on', async () => {
    const a = await accepted();
    expect((await act('window', a.id, 'green-channel', { reason: '重点项目' })).statusCode).toBe(403);
    expect((await act('rev-housing', a.id, 'green-channel', { reason: '重点项目' })).statusCode).toBe(403);
    expect((await act('county-leader', a.id, 'green-channel', { reason: '' })).statusCode).toBe(400);
    const green = await ok('county-leader', a.id, 'green-channel', { reason: '省重点项目，当日办结' });
    expect(green).toMatchObject({ greenChannel: true, greenChannelReason: '省重点项目，当日办结', greenChannelBy: 'county-leader' });
    const due = new Date(green.clock!.committedDueAt);
    expect(due.getTime()).toBeLessThan(Date.now() + 4 * 86_400_000);
    expect(Date.parse(green.clock!.committedDueAt)).toBeLessThan(Date.parse(a.clock!.committedDueAt) + 1);
    expect(JSON.parse((await act('housing-leader', a.id, 'green-channel', { reason: 'x' })).body).error.code).toBe('already_green');
    const listed = JSON.parse((await as('housing-leader', 'GET', '/api/applications?greenChannel=true&pageSize=100')).body);
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(a.id);
    expect(listed.items.every((i: { greenChannel: boolean }) => i.greenChannel)).toBe(true);
    expect(listed.total).toBe(listed.items.length);
    const others = JSON.parse((await as('housing-leader', 'GET', '/api/applications?greenChannel=false&pageSize=100')).body);
    expect(others.items.map((i: { id: number }) => i.id)).not.toContain(a.id);
  });

  it('lets staff act for an enterprise under its recorded authorisation, naming both; refuses a lapsed one with 403 and a stranger with 404', async () => {
    const res = await as('enterprise', 'POST', '/api/applications', { serviceItemId: permit, applicant, materialIds: materialIds.slice(0, 1) });
    const online = JSON.parse(res.body) as ApplicationView;
    await ok('window', online.id, 'notify-missing');
    // Before any authorisation the helper (another county's window) does not see it.
    expect((await as('helper', 'GET', `/api/applications/${online.id}`)).statusCode).toBe(404);
    const before = await counts();
    const refusedGrants: [string, Record<string, unknown>][] = [
      ['helper', {}], ['other-leader', { enterprise: { uscc: '91411702MA9GQ7K3X8', name: 'X' } }], ['county-leader', {}], ['other-leader', { agentUserId: userIds['rev-housing'] }],
      ['other-leader', { validUntil: '2020-01-01' }], ['other-leader', { validUntil: '2030-02-30' }], ['other-leader', { documentRef: '' }], ['other-leader', { serviceItemId: 999999 }],
    ];
    for (const [user, over] of refusedGrants) {
      const r = await as(user, 'POST', '/api/agency-authorisations', {
        agentUserId: userIds.helper, enterprise: { uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业' }, validUntil: '2030-12-31', documentRef: '授权委托书 2026-118', ...over,
      });
      expect(r.statusCode, `${user} ${JSON.stringify(over)}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
    const granted = await as('enterprise', 'POST', '/api/agency-authorisations', {
      agentUserId: userIds.helper, enterprise: { uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业' }, serviceItemId: permit, validUntil: '2030-12-31', documentRef: '授权委托书 2026-118',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const grant = JSON.parse(granted.body);
    expect(grant).toMatchObject({ serviceItemId: permit, serviceItemName: '建筑工程施工许可证核发', agentName: 'helper', validUntil: '2030-12-31' });
    for (const user of ['enterprise', 'helper', 'other-leader']) {
      expect(JSON.parse((await as(user, 'GET', '/api/agency-authorisations')).body).items.map((g: { id: number }) => g.id), user).toContain(grant.id);
    }
    expect(JSON.parse((await as('county-leader', 'GET', '/api/agency-authorisations')).body).items.map((g: { id: number }) => g.id)).not.toContain(grant.id);
    const listed = JSON.parse((await as('helper', 'GET', '/api/applications?pageSize=100')).body);
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(online.id);
    const supplied = await ok('helper', online.id, 'supplement', { materialIds });
    expect(supplied.status).toBe('received');
    const events = JSON.parse((await as('helper', 'GET', `/api/applications/${online.id}/events`)).body) as { action: string; actorName: string; data: Record<string, unknown> }[];
    const supplement = events.find((e) => e.action === 'supplement')!;
    expect(supplement.actorName).toBe('helper');
    expect(supplement.data.onBehalfOf).toEqual({ uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业', authorisationId: grant.id });
    // The agent may not take the window's own steps.
    expect((await act('helper', online.id, 'accept')).statusCode).toBe(403);
    // Lapsed: expired, then revoked — a clear 403, nothing written.
    await t.database.db.execute(sql`update agency_authorisations set valid_until = current_date - 1 where id = ${grant.id}`);
    const expired = await as('helper', 'GET', `/api/applications/${online.id}`);
    expect(expired.statusCode).toBe(403);
    expect(JSON.parse(expired.body).error.messageEn).toContain('has expired');
    await t.database.db.execute(sql`update agency_authorisations set valid_until = '2030-12-31' where id = ${grant.id}`);
    expect((await as('other-leader', 'POST', `/api/agency-authorisations/${grant.id}/revoke`, { reason: '委托关系解除' })).statusCode).toBe(200);
    const n = await counts();
    const revoked = await as('helper', 'POST', `/api/applications/${online.id}/withdraw`, { version: supplied.version, reason: '企业不再申请' });
    expect(revoked.statusCode).toBe(403);
    expect(JSON.parse(revoked.body).error.message).toContain('已被撤销');
    expect(await counts()).toEqual(n);
    expect((await as('other-leader', 'POST', `/api/agency-authorisations/${grant.id}/revoke`, { reason: '再次' })).statusCode).toBe(409);
    expect((await as('county-leader', 'POST', `/api/agency-authorisations/${grant.id}/revoke`, { reason: '无权' })).statusCode).toBe(404);
    const audited = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where entity_type = 'agency_authorisation' and entity_id = ${String(grant.id)} order by seq`);
    expect(audited.map((x) => x.action)).toEqual(['agency_authorisation.grant', 'agency_authorisation.revoke']);
  });

  it('binds joint handling to 45 working days, extendable by 15; a single department\'s application by 10 at most', async () => {
    const joint = await accepted([offices.planning, offices.water]);
    expect(joint.jointHandling).toBe(true);
    const single = await accepted();
    expect(single.jointHandling).toBe(false);
    expect(Date.parse(joint.clock!.statutoryDueAt)).toBeGreaterThan(Date.parse(single.clock!.statutoryDueAt) + 20 * 86_400_000);
    const tooLong = await act('housing-leader', single.id, 'extend', { days: 15, reason: '情况复杂' });
    expect(JSON.parse(tooLong.body).error.code).toBe('extension_too_long');
    expect((await act('housing-leader', joint.id, 'extend', { days: 16, reason: '情况复杂' })).statusCode).toBe(400);
    const extended = await ok('housing-leader', joint.id, 'extend', { days: 15, reason: '联合办理涉及多部门现场核查' });
    expect(extended.extensionDays).toBe(15);
  });

  it('counts the figures per item, department, region and month over what the reader may see, with xlsx and a drill-down', async () => {
    const m = month();
    const res = await as('housing-leader', 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=office`);
    expect(res.statusCode, res.body).toBe(200);
    const figures = JSON.parse(res.body);
    const housing = figures.rows.find((r: { key: string }) => r.key === String(offices.housing));
    const [truth] = await queryRows<{ received: number; completed: number; reviews: number; green: number; refused: number }>(t.database.db, sql`select count(*)::int as received,
      count(decided_at)::int as completed, count(review_grade)::int as reviews, count(green_channel_at)::int as green, count(*) filter (where status = 'refused')::int as refused
      from applications where office_id = ${offices.housing}`);
    expect(housing.counts).toMatchObject({ received: truth.received, completed: truth.completed, reviews: truth.reviews, greenChannel: truth.green, refusals: truth.refused });
    expect(housing.counts.completedWithinStatutory).toBeLessThanOrEqual(housing.counts.completed);
    expect(housing.reviewsByGrade.very_dissatisfied).toBeGreaterThanOrEqual(1);
    expect(housing.averageDays).toBeGreaterThanOrEqual(0);
    expect(housing.p90Days).toBeGreaterThanOrEqual(0);
    expect(figures.total.counts.received).toBe(figures.rows.reduce((s: number, r: { counts: { received: number } }) => s + r.counts.received, 0));
    for (const by of ['item', 'region', 'month']) {
      const r = JSON.parse((await as('housing-leader', 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=${by}`)).body);
      expect(r.total.counts.received, by).toBe(figures.total.counts.received);
    }
    const drill = JSON.parse((await as('housing-leader', 'GET', `/api/applications?figure=reviews&monthFrom=${m}&monthTo=${m}&officeId=${offices.housing}&pageSize=100`)).body);
    expect(drill.total).toBe(housing.counts.reviews);
    const xlsx = await as('housing-leader', 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=office&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(String(wb.worksheets[0].getRow(2).getCell(1).value)).toBe('实施部门');
    // Data-scoped: another county's leader counts none of these; a handler and an enterprise read no figures.
    expect(JSON.parse((await as('other-leader', 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=office`)).body).total.counts.received).toBe(0);
    for (const user of ['housing-handler', 'enterprise']) expect((await as(user, 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=office`)).statusCode, user).toBe(403);
    expect((await as(null, 'GET', `/api/approvals/figures?from=${m}&to=${m}&by=office`)).statusCode).toBe(401);
    for (const q of ['from=2026-13&to=2026-12&by=office', `from=${m}&to=${m}&by=planet`, `from=${m}&to=2020-01&by=office`, `from=${m}&to=${m}&by=office&format=pdf`]) {
      expect((await as('housing-leader', 'GET', `/api/approvals/figures?${q}`)).statusCode, q).toBe(400);
    }
    expect((await as('housing-leader', 'GET', '/api/applications?figure=everything')).statusCode).toBe(400);
  });

  // (A former agent is answered 403 naming the lapsed authorisation: see the agency test.)
  it('answers the new actions with 404 to those who may not see the application and 403 to readers in the wrong role', async () => {
    const a = await issued();
    const before = await counts();
    const actions: [string, Record<string, unknown>, string[], string[]][] = [
      // action, input, readers refused (403), strangers (404)
      ['revoke-certificate', { reason: '核查' }, ['window', 'rev-housing', 'enterprise'], ['other-leader', 'housing-handler', 'dispatcher', 'admin']],
      ['review', { grade: 'satisfied' }, ['rev-housing', 'housing-leader', 'county-leader'], ['other-leader', 'housing-handler', 'dispatcher', 'admin']],
      ['deliver', { method: 'pickup', receipt: '某人' }, ['rev-housing', 'housing-leader', 'enterprise'], ['other-leader', 'housing-handler', 'dispatcher', 'admin']],
    ];
    for (const [action, input, readers, strangers] of actions) {
      for (const user of [...readers, ...strangers]) {
        const res = action === 'review' ? await as(user, 'POST', `/api/applications/${a.id}/review`, input) : await act(user, a.id, action, input);
        expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(readers.includes(user) ? 403 : 404);
      }
    }
    const running = await accepted();
    for (const user of ['window', 'rev-housing', 'enterprise']) expect((await act(user, running.id, 'green-channel', { reason: '加急' })).statusCode, user).toBe(403);
    for (const user of ['other-leader', 'housing-handler', 'admin']) expect((await act(user, running.id, 'green-channel', { reason: '加急' })).statusCode, user).toBe(404);
    expect((await counts()).events).toBe(before.events + (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from application_events where application_id = ${running.id}`))[0].n);
  });

  it('answers generated wrong values in every field of the new doors with 4xx and writes nothing', async () => {
    const a = await issued();
    const code = codeOf(a);
    const before = await counts();
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), fc.string({ maxLength: 3 }).map((x) => `${x}\u0000`), fc.double());
    const doors: [string | null, string, Record<string, unknown>][] = [
      [null, `/api/public/certificates/${code}/review`, { grade: 'satisfied', comment: 'ok' }],
      ['county-leader', `/api/applications/${a.id}/revoke-certificate`, { version: a.version, reason: '核查' }],
      ['enterprise', `/api/applications/${a.id}/review`, { grade: 'satisfied', comment: 'ok' }],
      ['window', `/api/applications/${a.id}/deliver`, { version: a.version, method: 'post', carrier: 'EMS', trackingNumber: '1178' }],
      ['other-leader', '/api/agency-authorisations', { agentUserId: userIds.helper, enterprise: { uscc: DEMO_ENTERPRISE_USCC, name: '企业' }, validUntil: '2030-12-31', documentRef: 'ref' }],
    ];
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), wrong, async (i, j, value) => {
      const [user, url, body] = doors[i % doors.length];
      const fields = Object.keys(body);
      const field = fields[j % fields.length];
      // A string is a valid comment or reason: only wrong kinds there.
      if (typeof value === 'string' && ['comment', 'reason', 'carrier', 'trackingNumber', 'documentRef'].includes(field)) return;
      // Nor is a whole number a wrong version or user id (it may be the right one).
      if (Number.isInteger(value) && ['version', 'agentUserId'].includes(field)) return;
      const res = await as(user, 'POST', url, { ...body, [field]: value });
      expect(res.statusCode, `${url} ${field}=${JSON.stringify(value)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }), { numRuns: 60 });
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed input on the new doors with 4xx and writes nothing', async () => {
    const a = await issued();
    const before = await counts();
    const bodies: [string, string, unknown][] = [
      ['window', 'issue', { version: 1, resultNumber: '' }],
      ['county-leader', 'revoke-certificate', { version: a.version, reason: '' }],
      ['county-leader', 'revoke-certificate', { version: a.version, reason: 'x', extra: 1 }],
      ['enterprise', 'review', { grade: 'satisfied', comment: 'x'.repeat(2001) }],
      ['enterprise', 'review', { grade: 5 }],
      ['window', 'deliver', { version: a.version, method: 'post', trackingNumber: 'x', receivedAt: 'yesterday' }],
      ['window', 'deliver', { version: a.version, method: 'in_person', receipt: '某人', receivedAt: '2999-01-01T00:00:00Z' }],
      ['county-leader', 'green-channel', { version: a.version, reason: 42 }],
    ];
    for (const [user, action, body] of bodies) {
      const res = await as(user, 'POST', `/api/applications/${a.id}/${action}`, body);
      expect(res.statusCode, `${action} ${JSON.stringify(body)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    for (const body of [{ grade: 'meh' }, { grade: 'satisfied', extra: true }, '{not json']) {
      const res = await t.request('POST', `/api/public/certificates/${codeOf(a)}/review`, { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.request('POST', '/api/public/certificates/garbage/review', { body: { grade: 'satisfied' } })).statusCode).toBe(403);
    expect((await as('other-leader', 'POST', '/api/agency-authorisations/abc/revoke', { reason: 'x' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
