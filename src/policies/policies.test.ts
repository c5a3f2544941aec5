import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { createEnterprise } from '../enterprises/commands/createEnterprise.js';
import { importEnterprises } from '../enterprises/commands/importEnterprises.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { verifyWorkItems } from '../audit/verify.js';
import { drainRematchQueue } from './commands/matching.js';

const PASSWORD = 'Policies-pass-1';
const code = (body: string) => `${body}${usccCheckCharacter(body)}`;
// 驿城区 (411702): the demo enterprise (a small grain mill) and a large developer; 西平县 (411721): a glass maker; 中牟县 (410122, Zhengzhou): a small mill.
const MILL = DEMO_ENTERPRISE_USCC;
const DEVELOPER = code('91411702MA9PLC001');
const GLASS = code('91411721MA9PLC002');
const ZHONGMU_MILL = code('91410122MA9PLC003');

describe.each(ENGINES)('policies pushed to enterprises on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let county: number;

  const as = (user: string | null, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: user ? cookies[user] : undefined, body });
  const db = () => t.database.db;
  const counts = async () => (await queryRows<{ policies: number; matches: number; events: number; facts: number }>(db(), sql`select
    (select count(*)::int from policies) as policies, (select count(*)::int from policy_matches) as matches,
    (select count(*)::int from policy_events) + (select count(*)::int from policy_match_events) as events, (select count(*)::int from enterprise_facts) as facts`))[0];
  const policy = (over: Record<string, unknown> = {}) => ({
    title: '驿城区小微企业厂房租金补贴', issuingBody: '驿城区人民政府办公室', documentNumber: '驿政办〔2026〕18号', officeId: county,
    validFrom: '2026-01-01', validTo: '2027-12-31',
    clauses: [{ number: '二', text: '在驿城区注册的小型、微型企业。' }, { number: '三', text: '信用状况良好。' }],
    benefit: { kind: 'subsidy', amount: 30000, description: '按租金的 30% 补贴，每家最高 3 万元' },
    conditions: [
      { kind: 'region', regionCode: '411702', clause: '二' }, { kind: 'size', sizes: ['small', 'micro'], clause: '二' },
      { kind: 'credit', standings: ['good', 'normal'], clause: '三' },
    ],
    ...over,
  });
  const created = async (over: Record<string, unknown> = {}, user = 'county-admin') => {
    const res = await as(user, 'POST', '/api/policies', policy(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const published = async (over: Record<string, unknown> = {}) => {
    const p = await created(over);
    const res = await as('county-admin', 'POST', `/api/policies/${p.id}/publish`, { version: p.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const matchesOf = async (policyId: number, user = 'county-admin') => {
    const res = await as(user, 'GET', `/api/policies/${policyId}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; uscc: string; status: string; version: number; automatic: boolean; grantedAmount: number | null; evaluation: { conditions: { reason: { zh: string } }[] } }[];
  };
  const forMe = async (user = 'enterprise', key = MILL) => {
    const res = await as(user, 'GET', `/api/enterprises/${key}/policies`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    county = t.demo.offices['county-411702'];
    const op = operatorActor();
    const base = { kind: 'limited_liability' as const, credit: 'good' as const };
    await createEnterprise(db(), op, { ...base, uscc: MILL, name: '驻马店示范粮油有限公司', regionCode: '411702', industryDivision: '13', size: 'small', establishedOn: '2019-03-01', registeredCapital: 500 });
    await createEnterprise(db(), op, { ...base, uscc: DEVELOPER, name: '天中置业有限公司', regionCode: '411702', industryDivision: '70', size: 'large', establishedOn: '2010-06-01', registeredCapital: 20000 });
    await createEnterprise(db(), op, { ...base, uscc: GLASS, name: '西平电子玻璃有限公司', regionCode: '411721', industryDivision: '30', size: 'medium', establishedOn: '2015-01-01', registeredCapital: 8000 });
    await createEnterprise(db(), op, { ...base, uscc: ZHONGMU_MILL, name: '中牟面粉有限公司', regionCode: '410122', industryDivision: '13', size: 'small', establishedOn: '2018-01-01', registeredCapital: 300 });
    await drainRematchQueue(db());
    // An administrator and a leader of 驿城区's government (editors of its policies), a handler below it, an administrator of 西平县, one of Zhengzhou, an enterprise user of 中牟.
    await createUser(db(), op, { username: 'county-admin', password: PASSWORD, name: '驿城区管理员', roles: ['admin'], officeId: county });
    await createUser(db(), op, { username: 'county-leader', password: PASSWORD, name: '驿城区领导', roles: ['leader'], officeId: county });
    await createUser(db(), op, { username: 'county-handler', password: PASSWORD, name: '驿城区承办人', roles: ['handler'], officeId: t.demo.offices['county-411702-market'] });
    await createUser(db(), op, { username: 'xiping-admin', password: PASSWORD, name: '西平县管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    await createUser(db(), op, { username: 'zz-admin', password: PASSWORD, name: '郑州管理员', roles: ['admin'], officeId: t.demo.offices['zz-centre'] });
    await createUser(db(), op, { username: 'zhongmu-user', password: PASSWORD, name: '中牟企业用户', roles: ['enterprise'], officeId: null, enterpriseUscc: ZHONGMU_MILL });
    for (const u of ['admin', 'agent', 'leader', 'handler', 'enterprise']) cookies[u] = await t.login(u);
    for (const u of ['county-admin', 'county-leader', 'county-handler', 'xiping-admin', 'zz-admin', 'zhongmu-user']) cookies[u] = await t.login(u, PASSWORD);
  });
  afterAll(() => t.close());

  it('keeps a policy versioned on the kernel: a draft changes in place, a stale version is 409, publishing pushes it to the qualifying enterprises with the reasons, once', async () => {
    const draft = await created();
    expect(draft).toMatchObject({ status: 'draft', version: 1, revision: 1, officeName: '驿城区人民政府', actions: ['update', 'publish', 'retire'] });
    const edited = await as('county-leader', 'PATCH', `/api/policies/${draft.id}`, { version: 1, title: '驿城区小微企业厂房租金补贴（2026）' });
    expect(edited.json()).toMatchObject({ version: 2, revision: 1, title: '驿城区小微企业厂房租金补贴（2026）' });
    expect((await as('county-admin', 'PATCH', `/api/policies/${draft.id}`, { version: 1, title: '旧版本' })).statusCode).toBe(409);
    expect((await matchesOf(draft.id))).toEqual([]);

    const pub = await as('county-admin', 'POST', `/api/policies/${draft.id}/publish`, { version: 2 });
    expect(pub.json()).toMatchObject({ status: 'published', version: 3 });
    const matches = await matchesOf(draft.id);
    // The small mill in 驿城区 qualifies; the large developer, the glass maker in 西平县 and the mill in Zhengzhou do not.
    expect(matches.map((m) => m.uscc)).toEqual([MILL]);
    expect(matches[0]).toMatchObject({ status: 'pushed', automatic: false });
    expect(matches[0].evaluation.conditions.map((c) => c.reason.zh)).toEqual([expect.stringContaining('符合第二条'), expect.stringContaining('规模小型'), expect.stringContaining('信用守信')]);
    const [notice] = await queryRows<{ kind: string; recipient_uscc: string; title_zh: string; body_zh: string; subject_type: string }>(db(), sql`select kind, recipient_uscc, title_zh, body_zh, subject_type
      from notification_outbox where subject_type = 'policy_match' and subject_id = ${matches[0].id}`);
    expect(notice).toMatchObject({ kind: 'policy.push', recipient_uscc: MILL, subject_type: 'policy_match', title_zh: expect.stringContaining('为您匹配') });
    expect(notice.body_zh).toContain('符合第二条');

    // Retired and published again, the same revision is not pushed twice; a change to the published policy is a new revision, pushed again.
    const retired = await as('county-admin', 'POST', `/api/policies/${draft.id}/retire`, { version: 3 });
    const again = await as('county-admin', 'POST', `/api/policies/${draft.id}/publish`, { version: retired.json().version });
    expect(again.statusCode).toBe(200);
    expect(await matchesOf(draft.id)).toHaveLength(1);
    const revised = await as('county-admin', 'PATCH', `/api/policies/${draft.id}`, { version: again.json().version, benefit: { kind: 'subsidy', amount: 50000, description: '每家最高 5 万元' } });
    expect(revised.json()).toMatchObject({ revision: 2, status: 'published' });
    expect((await matchesOf(draft.id)).map((m) => m.uscc)).toEqual([MILL, MILL]);
    expect((await as('county-admin', 'POST', `/api/policies/${draft.id}/publish`, { version: revised.json().version })).json().error.code).toBe('wrong_status');
    expect((await verifyWorkItems(db())).every((v) => v.ok)).toBe(true);

    // The enterprise page names both pushes by the policy's document number, as a person reads it, not by ids.
    const page = await as('enterprise', 'GET', `/api/enterprises/${MILL}`);
    expect(page.statusCode, page.body).toBe(200);
    const section = page.json().sections.find((s: { key: string }) => s.key === 'policies');
    expect(section.items.map((i: { code: string; title: string }) => [i.code, i.title])).toEqual([
      ['驿政办〔2026〕18号', '驿城区小微企业厂房租金补贴（2026）'], ['驿政办〔2026〕18号', '驿城区小微企业厂房租金补贴（2026）'],
    ]);
  });

  it('refuses impossible content naming each field, and writes nothing', async () => {
    const before = await counts();
    const res = await as('county-admin', 'POST', '/api/policies', policy({
      validTo: '2025-01-01', conditions: [{ kind: 'industry', codes: ['99'], clause: '九' }, { kind: 'age', clause: '二' }, { kind: 'region', regionCode: '999999', clause: '二' }],
    }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems.map((p: { field: string }) => p.field)).toEqual(
      ['validTo', 'conditions[0].clause', 'conditions[0].codes', 'conditions[1].minYears', 'conditions[2].regionCode']);
    const english = await t.request('POST', '/api/policies', { cookie: cookies['county-admin'], body: policy({ clauses: [] }), headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toContain('clauses: needs at least one clause');
    // Generated malformed bodies: never written, never a 500.
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.anything(), fc.record({ title: fc.anything(), officeId: fc.anything(), conditions: fc.anything() }),
      fc.constantFrom('{"title":', '[]', 'null'),
      fc.dictionary(fc.constantFrom('title', 'validFrom', 'benefit', 'clauses', 'conditions', 'extra'), fc.anything()).map((o) => ({ ...policy(), ...o })),
    ), async (body) => {
      const r = await as('county-admin', 'POST', '/api/policies', body);
      if (r.statusCode === 201) return;
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
    }), { numRuns: 60 });
    const rogue = await as('county-admin', 'POST', '/api/policies/1/publish', { version: 'x' });
    expect(rogue.statusCode).toBe(400);
    const after = await counts();
    expect(after.matches).toBe(before.matches);
    expect(after.facts).toBe(before.facts);
  });

  it('matches again when the registry changes: an enterprise grown small is queued in the change\'s transaction and pushed by the matching job', async () => {
    const p = await published({ title: '小微企业稳岗补贴', documentNumber: '驿政办〔2026〕19号' });
    expect((await matchesOf(p.id)).map((m) => m.uscc)).toEqual([MILL]);
    const developer = (await as('admin', 'GET', `/api/enterprises/${DEVELOPER}`)).json();
    const changed = await as('admin', 'PATCH', `/api/enterprises/${DEVELOPER}`, { version: developer.version, size: 'small' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await queryRows(db(), sql`select enterprise_id from policy_rematch_queue`)).toEqual([{ enterprise_id: developer.id }]);
    expect((await drainRematchQueue(db())).pushed).toBeGreaterThanOrEqual(1);
    expect((await matchesOf(p.id)).map((m) => m.uscc).sort()).toEqual([DEVELOPER, MILL].sort());
    // A change of contacts alone changes no fact: nothing is queued for it.
    const contacts = await as('admin', 'PUT', `/api/enterprises/${DEVELOPER}/contacts`, { version: changed.json().version, contacts: [{ name: '王伟', role: '总经理', phone: '13900001111' }] });
    expect(contacts.statusCode, contacts.body).toBe(200);
    expect(await queryRows(db(), sql`select enterprise_id from policy_rematch_queue`)).toEqual([]);
    // An import queues every row it changed, in one statement of its own transaction.
    const csv = `统一社会信用代码,企业规模\n${GLASS},小型\n${ZHONGMU_MILL},小型\n`;
    await importEnterprises(db(), operatorActor(), { fileName: 'sizes.csv', data: Buffer.from(csv) });
    const queued = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from policy_rematch_queue`);
    expect(queued[0].n).toBe(1);
    await drainRematchQueue(db());
    // The glass maker is small now but in 西平县, outside the policy's region.
    expect((await matchesOf(p.id)).map((m) => m.uscc).sort()).toEqual([DEVELOPER, MILL].sort());
    // Restore the developer's size for the tests below.
    const back = (await as('admin', 'GET', `/api/enterprises/${DEVELOPER}`)).json();
    await as('admin', 'PATCH', `/api/enterprises/${DEVELOPER}`, { version: back.version, size: 'large' });
    await drainRematchQueue(db());
  });

  it('shows the enterprise its policies with reasons and what is missing; a declared fact makes it eligible, it reads and applies, the issuer grants with the amount', async () => {
    const p = await published({
      title: '驿城区规上工业企业研发投入奖励', documentNumber: '驿政〔2026〕7号', benefit: { kind: 'award', amount: 100000, description: '研发投入占比达 3% 的奖励 10 万元' },
      clauses: [{ number: '2', text: '制造业企业。' }, { number: '3', text: '上年度研发费用占营业收入 3% 以上。' }],
      conditions: [{ kind: 'industry', codes: ['C'], clause: '2' }, { kind: 'fact', fact: '研发费用占比', test: { type: 'number', min: 3 }, clause: '3' }, { kind: 'region', regionCode: '411700', clause: '2' }],
    });
    const mine = await forMe();
    const entry = mine.unknown.find((e: { policy: { id: number } }) => e.policy.id === p.id);
    expect(entry.evaluation).toMatchObject({ result: 'unknown', missing: ['研发费用占比'] });
    expect(entry.evaluation.conditions[1].reason.zh).toContain('缺少「研发费用占比」');
    expect(entry.match).toBeNull();
    expect(mine.notEligible.map((e: { policy: { id: number } }) => e.policy.id)).not.toContain(p.id);

    // The enterprise declares the fact; another enterprise's user may not, nor may a handler record one.
    expect((await as('zhongmu-user', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: 4.2, source: 'declared', asOf: '2026-06-30' })).statusCode).toBe(404);
    expect((await as('county-handler', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: 4.2, source: 'admin', asOf: '2026-06-30' })).statusCode).toBe(403);
    expect((await as('enterprise', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: 4.2, source: 'admin', asOf: '2026-06-30' })).statusCode).toBe(403);
    expect((await as('enterprise', 'PUT', `/api/enterprises/${MILL}/facts/size`, { type: 'text', value: 'micro', source: 'declared', asOf: '2026-06-30' })).statusCode).toBe(400);
    expect((await as('enterprise', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: '4.2', source: 'declared', asOf: '2026-06-30' })).statusCode).toBe(400);
    const declared = await as('enterprise', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: 4.2, source: 'declared', asOf: '2026-06-30' });
    expect(declared.json()).toMatchObject({ name: '研发费用占比', value: 4.2, source: 'declared', version: 1 });
    expect((await as('enterprise', 'PUT', `/api/enterprises/${MILL}/facts/研发费用占比`, { type: 'number', value: 4.5, source: 'declared', asOf: '2026-06-30' })).statusCode).toBe(409);
    // The list tells each reader what it may record: the enterprise declares, its region's administrator records the rest, a handler reads only.
    const listed = async (who: string) => (await as(who, 'GET', `/api/enterprises/${MILL}/facts`)).json();
    expect(await listed('enterprise')).toMatchObject({ items: [{ name: '研发费用占比', value: 4.2, source: 'declared', version: 1 }], recordableSources: ['declared'] });
    expect((await listed('county-admin')).recordableSources).toEqual(['registry', 'admin']);
    expect((await listed('county-handler')).recordableSources).toEqual([]);
    expect((await forMe()).eligible.map((e: { policy: { id: number } }) => e.policy.id)).toContain(p.id);
    await drainRematchQueue(db());
    const [m] = await matchesOf(p.id);
    expect(m).toMatchObject({ uscc: MILL, status: 'pushed', automatic: false });

    // Only the enterprise itself reads and applies; only the policy's editors grant.
    expect((await as('zhongmu-user', 'POST', `/api/policy-matches/${m.id}/read`, { version: m.version })).statusCode).toBe(404);
    expect((await as('county-admin', 'POST', `/api/policy-matches/${m.id}/apply`, { version: m.version })).statusCode).toBe(403);
    const read = await as('enterprise', 'POST', `/api/policy-matches/${m.id}/read`, { version: m.version });
    expect(read.json()).toMatchObject({ status: 'read', actions: ['apply'] });
    const applied = await as('enterprise', 'POST', `/api/policy-matches/${m.id}/apply`, { version: read.json().version, note: '附研发费用专项审计报告' });
    expect(applied.json()).toMatchObject({ status: 'applied', actions: [] });
    expect((await as('enterprise', 'POST', `/api/policy-matches/${m.id}/grant`, { version: applied.json().version, amount: 1 })).statusCode).toBe(403);
    expect((await as('xiping-admin', 'POST', `/api/policy-matches/${m.id}/grant`, { version: applied.json().version, amount: 1 })).statusCode).toBe(404);
    expect((await as('county-leader', 'POST', `/api/policy-matches/${m.id}/grant`, { version: applied.json().version, amount: -5 })).statusCode).toBe(400);
    const granted = await as('county-leader', 'POST', `/api/policy-matches/${m.id}/grant`, { version: applied.json().version, amount: 100000 });
    expect(granted.json()).toMatchObject({ status: 'granted', grantedAmount: 100000 });
    expect((await forMe()).eligible.find((e: { policy: { id: number } }) => e.policy.id === p.id).match).toMatchObject({ status: 'granted', grantedAmount: 100000 });
    const events = await queryRows<{ action: string }>(db(), sql`select action from policy_match_events where match_id = ${m.id} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['push', 'read', 'apply', 'grant']);
    const told = await queryRows<{ kind: string }>(db(), sql`select kind from notification_outbox where subject_type = 'policy_match' and subject_id = ${m.id} order by id`);
    expect(told.map((n) => n.kind)).toEqual(['policy.push', 'policy.grant']);
  });

  it('grants 免申即享 without an application only on the registry\'s authoritative facts, never on a declared one', async () => {
    const conditions = [{ kind: 'region', regionCode: '411700', clause: '一' }, { kind: 'fact', fact: '专精特新', test: { type: 'boolean', equals: true }, clause: '一' }];
    const p = await published({
      title: '专精特新企业免申即享奖励', documentNumber: '驿政〔2026〕9号', automaticGrant: true, clauses: [{ number: '一', text: '经认定的省级专精特新中小企业。' }], conditions,
      benefit: { kind: 'award', amount: 200000, description: '一次性奖励 20 万元' },
    });
    expect(await matchesOf(p.id)).toEqual([]);
    // 西平县's administrator found the glass maker certified (their own finding): eligible and pushed, but it must apply.
    expect((await as('xiping-admin', 'PUT', `/api/enterprises/${GLASS}/facts/专精特新`, { type: 'boolean', value: true, source: 'admin', asOf: '2026-03-01' })).statusCode).toBe(200);
    // The mill's certification comes from the authoritative list: granted at once.
    expect((await as('county-admin', 'PUT', `/api/enterprises/${MILL}/facts/专精特新`, { type: 'boolean', value: true, source: 'registry', asOf: '2026-03-01' })).statusCode).toBe(200);
    await drainRematchQueue(db());
    const byUscc = Object.fromEntries((await matchesOf(p.id)).map((m) => [m.uscc, m]));
    expect(byUscc[MILL]).toMatchObject({ status: 'granted', automatic: true, grantedAmount: 200000 });
    expect(byUscc[GLASS]).toMatchObject({ status: 'pushed', automatic: false, grantedAmount: null });
    const [grant] = await queryRows<{ data: unknown; actor_name: string }>(db(), sql`select data, actor_name from policy_match_events where match_id = ${(byUscc[MILL] as { id: number }).id} and action = 'grant'`);
    expect(grant).toMatchObject({ actor_name: 'system:policy-matching' });
    const [notice] = await queryRows<{ body_zh: string }>(db(), sql`select body_zh from notification_outbox where subject_type = 'policy_match' and subject_id = ${(byUscc[MILL] as { id: number }).id} and kind = 'policy.grant'`);
    expect(notice.body_zh).toContain('免申即享');
  });

  it('answers the figures by policy, region and industry, as JSON and as a workbook, over the pushes the caller reads', async () => {
    const byPolicy = await as('admin', 'GET', '/api/policies/figures?by=policy');
    expect(byPolicy.statusCode, byPolicy.body).toBe(200);
    const rd = byPolicy.json().rows.find((r: { name: string }) => r.name === '驿城区规上工业企业研发投入奖励');
    expect(rd).toMatchObject({ pushed: 1, read: 1, applied: 1, granted: 1, amount: 100000 });
    const byRegion = (await as('admin', 'GET', '/api/policies/figures?by=region')).json();
    expect(byRegion.rows.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['411702', '411721']));
    expect(byRegion.total.amount).toBe(300000);
    const byIndustry = (await as('leader', 'GET', '/api/policies/figures?by=industry')).json();
    expect(byIndustry.rows.find((r: { key: string }) => r.key === '13')).toMatchObject({ name: '13 农副食品加工业', granted: 2 });
    // 西平县's administrator reads only 西平县's enterprises' pushes; Zhengzhou's none of them.
    expect((await as('xiping-admin', 'GET', '/api/policies/figures?by=region')).json().rows.map((r: { key: string }) => r.key)).toEqual(['411721']);
    expect((await as('zz-admin', 'GET', '/api/policies/figures?by=region')).json().rows).toEqual([]);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/policies/figures?by=region&format=xlsx', headers: { cookie: cookies.admin } });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['区划', '推送', '兑现金额（元）']));
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
    expect(sheet.getRow(sheet.rowCount).getCell(7).value).toBe(300000);
  });

  it('answers generated malformed input on every write endpoint with 4xx and writes nothing; every route is in the OpenAPI document', async () => {
    const draft = await created({ title: '畸形输入的靶子', documentNumber: '驿政办〔2026〕77号' });
    const pushed = (await forMe()).eligible.flatMap((e: { match: { id: number; status: string; version: number } | null }) => (e.match?.status === 'pushed' ? [e.match] : []))[0];
    expect(pushed).toBeDefined();
    const notText = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const notVersion = fc.oneof(fc.boolean(), fc.constant(null), fc.constantFrom(0, -1, 1.5, 'x', 2 ** 40), fc.object({ maxDepth: 1 }));
    const templates: [user: string, method: string, url: string, body: Record<string, unknown>, wrong: Record<string, fc.Arbitrary<unknown>>][] = [
      ['county-admin', 'PATCH', `/api/policies/${draft.id}`, { version: draft.version, title: '改' }, { version: notVersion, title: notText, validFrom: fc.constantFrom('2026-13-01', 'x', 5), benefit: notText, conditions: fc.constantFrom([{ kind: 'size' }], [{ kind: 'nope', clause: '二' }], 'x') }],
      ['county-admin', 'POST', `/api/policies/${draft.id}/publish`, { version: draft.version }, { version: notVersion, extra: fc.anything().filter((v) => v !== undefined) }],
      ['enterprise', 'POST', `/api/policy-matches/${pushed.id}/apply`, { version: pushed.version }, { version: notVersion, note: notText.filter((v) => v !== null) }],
      ['county-leader', 'POST', `/api/policy-matches/${pushed.id}/grant`, { version: pushed.version, amount: 1 }, { amount: fc.constantFrom(-1, 1.5, 'x', null, 1e11) }],
      ['county-admin', 'PUT', `/api/enterprises/${MILL}/facts/纳税信用等级`, { type: 'text', value: 'A', source: 'admin', asOf: '2026-04-01' }, { type: fc.constantFrom('date', null, 1), value: fc.oneof(fc.constant(null), fc.array(fc.string()), fc.object({ maxDepth: 1 })), source: fc.constantFrom('tax', null), asOf: fc.constantFrom('2026-02-30', 'yesterday', 1) }],
    ];
    const before = await counts();
    for (const [user, method, url, body, wrong] of templates) {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(wrong)).chain((field) => wrong[field].map((value) => ({ ...body, [field]: value }))), async (bad) => {
        const res = await as(user, method, url, bad);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(bad)}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }), { numRuns: 25 });
    }
    expect(await counts()).toEqual(before);
    const doc = (await t.request('GET', '/docs/json')).json();
    for (const path of ['/api/policies', '/api/policies/{id}', '/api/policies/{id}/publish', '/api/policies/{id}/matches', '/api/policies/figures', '/api/policy-matches/{id}/grant',
      '/api/enterprises/{key}/policies', '/api/enterprises/{key}/facts/{name}']) expect(Object.keys(doc.paths), path).toContain(path);
  });

  it('holds the authorization matrix over every endpoint and role', async () => {
    const [p] = (await as('admin', 'GET', '/api/policies?q=研发投入')).json().items;
    const draft = await created({ title: '尚未发布的草稿', documentNumber: '驿政办〔2026〕99号' });
    const [m] = await matchesOf(p.id);
    type Row = [string, string, unknown, Record<string, number>];
    // Status by user: what each role in each standing gets.
    const matrix: Row[] = [
      ['GET', '/api/policies', undefined, { admin: 200, leader: 200, agent: 200, 'county-handler': 200, enterprise: 403, anonymous: 401 }],
      ['GET', `/api/policies/${p.id}`, undefined, { admin: 200, agent: 200, 'zz-admin': 200, enterprise: 403, anonymous: 401 }],
      ['GET', `/api/policies/${draft.id}`, undefined, { 'county-admin': 200, 'county-leader': 200, admin: 200, leader: 200, 'county-handler': 404, 'xiping-admin': 404, 'zz-admin': 404, agent: 404 }],
      ['POST', '/api/policies', policy({ title: '矩阵' }), { 'county-handler': 403, agent: 403, enterprise: 403, 'xiping-admin': 403, 'zz-admin': 403, anonymous: 401 }],
      // A role that never edits is told which roles do; an editor elsewhere does not see the draft at all.
      ['PATCH', `/api/policies/${draft.id}`, { version: draft.version, title: '改' }, { 'county-handler': 403, 'xiping-admin': 404, agent: 403, enterprise: 403, anonymous: 401 }],
      ['POST', `/api/policies/${draft.id}/publish`, { version: draft.version }, { 'county-handler': 403, 'zz-admin': 404, enterprise: 403 }],
      ['POST', `/api/policies/${draft.id}/retire`, { version: draft.version }, { 'xiping-admin': 404, agent: 403 }],
      ['GET', `/api/policies/${p.id}/matches`, undefined, { 'county-admin': 200, admin: 200, 'county-handler': 200, enterprise: 403, anonymous: 401 }],
      ['GET', `/api/policy-matches/${m.id}`, undefined, { enterprise: 200, 'county-admin': 200, agent: 200, 'zhongmu-user': 404, 'zz-admin': 404, anonymous: 401 }],
      ['POST', `/api/policy-matches/${m.id}/decline`, { version: m.version, reason: '不符合' }, { enterprise: 403, 'zz-admin': 404, 'zhongmu-user': 404, agent: 403 }],
      ['GET', `/api/enterprises/${MILL}/policies`, undefined, { enterprise: 200, agent: 200, 'county-handler': 200, 'zhongmu-user': 404, 'zz-admin': 404, 'xiping-admin': 404, anonymous: 401 }],
      ['GET', `/api/enterprises/${MILL}/facts`, undefined, { enterprise: 200, 'county-admin': 200, 'zhongmu-user': 404, 'zz-admin': 404 }],
      ['PUT', `/api/enterprises/${MILL}/facts/纳税信用等级`, { type: 'text', value: 'A', source: 'admin', asOf: '2026-04-01' }, { 'county-handler': 403, enterprise: 403, leader: 403, 'zz-admin': 404, 'zhongmu-user': 404, anonymous: 401 }],
      ['DELETE', `/api/enterprises/${MILL}/facts/研发费用占比?source=declared&version=1`, undefined, { 'county-admin': 403, 'zhongmu-user': 404, anonymous: 401 }],
      ['GET', '/api/policies/figures', undefined, { admin: 200, agent: 200, enterprise: 403, anonymous: 401 }],
    ];
    const before = await counts();
    for (const [method, url, body, expected] of matrix) {
      for (const [user, status] of Object.entries(expected)) {
        const res = await as(user === 'anonymous' ? null : user, method, url, body);
        expect(`${method} ${url} as ${user}: ${res.statusCode}`, res.body).toBe(`${method} ${url} as ${user}: ${status}`);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('grants 免申即享 to many enterprises at once, set-based: each grant chained to its push, the grants and their notices a statement each', async () => {
    const codes = Array.from({ length: 30 }, (_, i) => code(`91411722MA9GR${String(i).padStart(4, '0')}`));
    const csv = `统一社会信用代码,企业名称,企业类型,行政区划代码,企业规模\n${codes.map((c, i) => `${c},上蔡县第${i}号加工厂,有限责任公司,411722,小型`).join('\n')}\n`;
    await importEnterprises(db(), operatorActor(), { fileName: 'shangcai.csv', data: Buffer.from(csv) });
    await drainRematchQueue(db());
    const p = await published({
      title: '上蔡县小型企业稳岗奖励（免申即享）', documentNumber: '蔡政〔2026〕3号', automaticGrant: true, clauses: [{ number: '一', text: '上蔡县的小型企业。' }],
      conditions: [{ kind: 'region', regionCode: '411722', clause: '一' }, { kind: 'size', sizes: ['small'], clause: '一' }],
      benefit: { kind: 'award', amount: 8000, description: '一次性奖励 8000 元' },
    });
    const matches = await matchesOf(p.id);
    expect(matches.map((m) => m.uscc).sort()).toEqual([...codes].sort());
    expect(matches.every((m) => m.status === 'granted' && m.automatic && m.grantedAmount === 8000 && m.version === 2)).toBe(true);
    const ids = `{${matches.map((m) => m.id).join(',')}}`;
    // cmin is the number of the statement, within its transaction, that wrote the row: the publication's.
    const [events] = await queryRows<{ grants: number; statements: number; chained: number }>(db(), sql`select count(*)::int as grants, count(distinct g.cmin::text)::int as statements,
        count(*) filter (where g.prev_hash = push.hash and g.seq = 2 and push.seq = 1)::int as chained
      from policy_match_events g join policy_match_events push on push.match_id = g.match_id and push.action = 'push'
      where g.action = 'grant' and g.match_id = any(${ids}::int[])`);
    expect(events).toEqual({ grants: 30, statements: 1, chained: 30 });
    const [notices] = await queryRows<{ n: number; statements: number }>(db(), sql`select count(*)::int as n, count(distinct cmin::text)::int as statements
      from notification_outbox where subject_type = 'policy_match' and kind = 'policy.grant' and subject_id = any(${ids}::int[])`);
    expect(notices).toEqual({ n: 30, statements: 1 });
    expect((await verifyWorkItems(db())).every((v) => v.ok)).toBe(true);
  });
});
