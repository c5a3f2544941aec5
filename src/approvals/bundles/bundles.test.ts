import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { verifyWorkItems } from '../../audit/verify.js';
import { loadDemoServiceItems } from '../demo.js';
import { loadDemoBundles } from './demo.js';
import type { BundleApplicationView, BundleView } from './contract.js';
import type { ApplicationAction, ApplicationView } from '../applications/contract.js';
import { APPLICATION_LIFECYCLE } from '../applications/lifecycle.js';

const ENTERPRISE = { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' };

describe.each(ENGINES)('bundles (高效办成一件事) on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let bundle: BundleView;

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    await loadDemoBundles(t.database.db, operatorActor());
    for (const u of ['admin', 'enterprise', 'window-agent', 'reviewer-market', 'reviewer-urban', 'reviewer-fire', 'reviewer-water', 'zhongmu-leader']) cookies[u] = await t.login(u);
    bundle = (JSON.parse((await t.request('GET', '/api/public/bundles')).body) as { items: BundleView[] }).items[0];
  }, 120_000);
  afterAll(() => t.close());

  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const json = <T>(res: { statusCode: number; body: string }, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body) as T;
  };
  const key = (name: string) => bundle.checklist.find((m) => m.name === name)!.key;
  /** Every material the applicant is asked for, less those named. */
  const keysBut = (...names: string[]) => bundle.checklist.filter((m) => !m.internal && m.required && !names.includes(m.name)).map((m) => m.key);
  const takeIn = async (materialKeys: string[]) => json<BundleApplicationView>(await as('window-agent', 'POST', '/api/bundle-applications', { bundleId: bundle.id, applicant: ENTERPRISE, materialKeys }), 201);
  const bundleAct = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = json<BundleApplicationView>(await as('window-agent', 'GET', `/api/bundle-applications/${id}`));
    return as(user, 'POST', `/api/bundle-applications/${id}/${action}`, { version, ...body });
  };
  const partAct = async (user: string, id: number, action: ApplicationAction, body: Record<string, unknown> = {}) => {
    const { version } = json<ApplicationView>(await as('window-agent', 'GET', `/api/applications/${id}`));
    const versioned = !APPLICATION_LIFECYCLE.actions[action].unversioned;
    return json<ApplicationView>(await as(user, 'POST', `/api/applications/${id}/${action}`, { ...(versioned ? { version } : {}), ...body }));
  };
  const counts = async () => (await queryRows<{ bundles: number; apps: number; events: number; defs: number }>(t.database.db, sql`select
    (select count(*)::int from bundle_applications) as bundles, (select count(*)::int from applications) as apps,
    (select count(*)::int from bundle_application_events) + (select count(*)::int from application_events) as events,
    (select count(*)::int from service_bundle_versions) as defs`))[0];

  it('publishes the restaurant bundle with its real items, a shared material once, the business licence never asked, and its critical path', () => {
    expect(bundle.name).toBe('开办餐馆“一件事”');
    expect(bundle.items.map((i) => [i.officeName, i.committedLimit, i.statutoryLimit])).toEqual([
      ['中牟县市场监督管理局', 1, 3], ['中牟县市场监督管理局', 5, 10], ['中牟县城市管理局', 5, 20], ['中牟县消防救援大队', 5, 10]]);
    expect(bundle.checklist.filter((m) => m.name === '住所使用相关文件')).toHaveLength(1);
    expect(bundle.checklist.find((m) => m.name === '住所使用相关文件')!.items).toHaveLength(3);
    expect(bundle.checklist.find((m) => m.name === '营业执照')).toMatchObject({ internal: true });
    expect(bundle.committedDays).toEqual({ parallel: 5, serial: 16 });
  });

  it('runs one bundle through three departments in parallel: one asks for more and pauses only its part, one refuses and ends only its part, the granted part\'s certificate is issued', async () => {
    const before = await counts();
    let b = await takeIn(keysBut('住所使用相关文件'));
    expect((await counts()).apps).toBe(before.apps + 4);
    expect(b.progress).toBe('received');
    // 一次告知 over the union: the shared material is named once though three items list it.
    expect(b.missing.map((m) => m.name)).toEqual(['住所使用相关文件']);
    b = json(await bundleAct('window-agent', b.id, 'notify-missing'));
    expect(b.progress).toBe('incomplete');
    expect(b.parts.map((p) => p.status)).toEqual(['incomplete', 'received', 'incomplete', 'incomplete']);
    // The enterprise supplies it online, once, for every part.
    b = json(await bundleAct('enterprise', b.id, 'supplement', { materialKeys: [key('住所使用相关文件')] }));
    expect(b.missing).toEqual([]);
    b = json(await bundleAct('window-agent', b.id, 'accept'));
    expect(b.progress).toBe('in_review');
    expect(b.parts.map((p) => [p.status, p.branchStatus])).toEqual(Array(4).fill(['in_review', 'pending']));
    const [licence, food, sign, fire] = b.parts.map((p) => p.applicationId);

    for (const id of [licence, food]) {
      await partAct('reviewer-market', id, 'sign', { departmentId: b.parts[0].officeId });
      await partAct('reviewer-market', id, 'approve', { departmentId: b.parts[0].officeId });
    }
    await partAct('reviewer-urban', sign, 'sign', { departmentId: b.parts[2].officeId });
    await partAct('reviewer-urban', sign, 'ask-more', { departmentId: b.parts[2].officeId, reason: '请补充招牌夜间照明方案' });
    b = json(await as('enterprise', 'GET', `/api/bundle-applications/${b.id}`));
    expect(b.progress).toBe('waiting_applicant');
    expect(b.parts.map((p) => p.clock!.paused)).toEqual([false, false, true, false]);
    await partAct('enterprise', sign, 'supply', { departmentId: b.parts[2].officeId, note: '已上传夜间照明方案' });
    await partAct('reviewer-urban', sign, 'approve', { departmentId: b.parts[2].officeId });
    await partAct('reviewer-fire', fire, 'sign', { departmentId: b.parts[3].officeId });
    await partAct('reviewer-fire', fire, 'refuse', { departmentId: b.parts[3].officeId, reason: '疏散通道宽度不足' });
    b = json(await as('enterprise', 'GET', `/api/bundle-applications/${b.id}`));
    expect(b.parts.map((p) => p.status)).toEqual(['in_review', 'in_review', 'in_review', 'refused']);
    expect(b.parts[3].branchReason).toBe('疏散通道宽度不足');
    expect(b.progress).toBe('in_review');

    await partAct('reviewer-market', licence, 'conclude');
    const issued = await partAct('window-agent', licence, 'issue', { resultNumber: '91410122MA9RESTA01' });
    expect(issued.certificate?.verifyUrl).toContain('/verify/');
    for (const [id, reviewer, no] of [[food, 'reviewer-market', 'JY24101220260100'], [sign, 'reviewer-urban', 'ZM-ZP-2026-001']] as const) {
      await partAct(reviewer, id, 'conclude');
      await partAct('window-agent', id, 'issue', { resultNumber: no });
    }
    b = json(await as('enterprise', 'GET', `/api/bundle-applications/${b.id}`));
    expect(b.progress).toBe('completed');
    expect(b.parts.map((p) => p.status)).toEqual(['issued', 'issued', 'issued', 'refused']);
    expect(b.parts.every((p) => p.clock !== null)).toBe(true);
    expect(b.criticalPath).toMatchObject({ committedDays: { parallel: 5, serial: 16 } });
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
  });

  it('accepts a part under deficiency acceptance only as its own item allows, and refuses when a shared main material is missing, writing nothing', async () => {
    const plan = '经营场所平面图和设备布局图';
    const b = await takeIn(keysBut(plan));
    expect((await bundleAct('window-agent', b.id, 'accept')).statusCode).toBe(409);
    const accepted = json<BundleApplicationView>(await bundleAct('window-agent', b.id, 'accept', { deficiency: { promise: '承诺 3 个工作日内补齐平面图', supplementDays: 3, creditBad: false } }));
    const food = json<ApplicationView>(await as('window-agent', 'GET', `/api/applications/${accepted.parts[1].applicationId}`));
    expect(food.materials.filter((m) => m.owed).map((m) => m.name)).toEqual([plan]);

    const noPremises = await takeIn(keysBut('住所使用相关文件'));
    const before = await counts();
    const refused = await bundleAct('window-agent', noPremises.id, 'accept', { deficiency: { promise: '承诺补齐', supplementDays: 3, creditBad: false } });
    expect(refused.statusCode).toBe(409);
    expect(JSON.parse(refused.body).error.code).toBe('main_materials_missing');
    expect(await counts()).toEqual(before);
  });

  it('shows a reviewer only its own parts, hides the bundle from a department without one and from another enterprise, and lets no reviewer decide another department\'s part', async () => {
    const b = await takeIn(keysBut());
    const accepted = json<BundleApplicationView>(await bundleAct('window-agent', b.id, 'accept'));
    const urban = json<BundleApplicationView>(await as('reviewer-urban', 'GET', `/api/bundle-applications/${b.id}`));
    expect(urban.parts.map((p) => p.officeName)).toEqual(['中牟县城市管理局']);
    expect(urban.actions).toEqual([]);
    expect(json<BundleApplicationView>(await as('reviewer-market', 'GET', `/api/bundle-applications/${b.id}`)).parts).toHaveLength(2);
    expect((await as('reviewer-water', 'GET', `/api/bundle-applications/${b.id}`)).statusCode).toBe(404);
    expect(json<{ items: BundleApplicationView[] }>(await as('reviewer-water', 'GET', '/api/bundle-applications')).items).toEqual([]);
    expect(json<{ items: BundleApplicationView[] }>(await as('reviewer-urban', 'GET', '/api/bundle-applications')).items.map((i) => i.id)).toContain(b.id);
    expect(json<BundleApplicationView>(await as('zhongmu-leader', 'GET', `/api/bundle-applications/${b.id}`)).parts).toHaveLength(4);
    const other = await t.request('GET', `/api/bundle-applications/${b.id}`, { cookie: cookies.admin });
    expect(other.statusCode).toBe(404);
    const food = accepted.parts[1];
    const foreign = await as('reviewer-urban', 'POST', `/api/applications/${food.applicationId}/sign`, { departmentId: food.officeId });
    expect(foreign.statusCode).toBe(404);
    expect((await bundleAct('enterprise', b.id, 'withdraw', { reason: '' })).statusCode).toBe(400);
    expect((await bundleAct('reviewer-market', b.id, 'withdraw', { reason: '不办了' })).statusCode).toBe(403);
    expect((await as('enterprise', 'POST', '/api/bundles', { code: 'x-y', name: 'x', itemIds: [1, 2], sharedMaterials: [], internalMaterials: [] })).statusCode).toBe(403);
  });

  it('answers a stale version with 409, and keeps an application\'s revision when the bundle is revised', async () => {
    const b = await takeIn(keysBut());
    const stale = await as('window-agent', 'POST', `/api/bundle-applications/${b.id}/accept`, { version: b.version + 5 });
    expect(stale.statusCode).toBe(409);
    const body = { name: '开办餐馆“一件事”（含消防）', itemIds: bundle.items.map((i) => i.serviceItemId), sharedMaterials: ['住所使用相关文件'], internalMaterials: ['营业执照'] };
    const revised = json<BundleView>(await as('admin', 'PUT', `/api/bundles/${bundle.id}`, { ...body, version: bundle.version }));
    expect(revised.revision).toBe(bundle.revision + 1);
    expect((await as('admin', 'PUT', `/api/bundles/${bundle.id}`, { ...body, version: bundle.version })).statusCode).toBe(409);
    const kept = json<BundleApplicationView>(await as('window-agent', 'GET', `/api/bundle-applications/${b.id}`));
    expect([kept.bundleRevision, kept.bundleName]).toEqual([bundle.revision, bundle.name]);
    bundle = revised;
  });

  it('answers generated malformed input with 4xx and writes nothing', async () => {
    const before = await counts();
    const valid = { bundleId: bundle.id, applicant: ENTERPRISE, materialKeys: keysBut() };
    const field = fc.constantFrom('bundleId', 'applicant', 'materialKeys', 'extra');
    const bodies = fc.sample(fc.tuple(field, fc.oneof(fc.anything(), fc.string(), fc.integer({ min: -5, max: 0 }), fc.constant(['m:999999']))), { numRuns: 40, seed: 10 })
      .map(([f, v]) => ({ ...valid, [f]: v }))
      .filter((body) => JSON.stringify(body) !== JSON.stringify(valid));
    const invalidUscc = { ...valid, applicant: { ...ENTERPRISE, uscc: '91411702MA9GQ7K3X0' } };
    for (const body of [...bodies, invalidUscc, { ...valid, bundleId: 999999 }, '{"bundleId":']) {
      const res = await as('window-agent', 'POST', '/api/bundle-applications', body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const definitions = fc.sample(fc.record({ code: fc.string(), name: fc.string(), itemIds: fc.array(fc.integer()), sharedMaterials: fc.array(fc.string()), internalMaterials: fc.constant([]) }), { numRuns: 20, seed: 3 });
    for (const body of [...definitions, { code: 'dup-items', name: 'x', itemIds: [bundle.items[0].serviceItemId, bundle.items[0].serviceItemId], sharedMaterials: [], internalMaterials: [] },
      { code: 'stray', name: 'x', itemIds: bundle.items.slice(0, 2).map((i) => i.serviceItemId), sharedMaterials: ['没有这种材料'], internalMaterials: [] }]) {
      const res = await as('admin', 'POST', '/api/bundles', body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
  });
});
