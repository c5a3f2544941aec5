import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { usccCheckCharacter } from './uscc.js';

const PASSWORD = 'Registry-pass-1';
/** A valid code of a region, from a 7-character serial. */
const code = (region: string, serial: string) => {
  const body = `91${region}MA${serial}`;
  return body + usccCheckCharacter(body)!;
};

describe.each(ENGINES)('enterprise registry on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const record = (overrides: Record<string, unknown> = {}) => ({
    uscc: code('411702', '0000001'), name: '驿城区天中食品有限公司', kind: 'limited_liability', legalRepresentative: '王伟',
    address: '驻马店市驿城区练江大道 1 号', regionCode: '411702', industryDivision: '14', size: 'small', establishedOn: '2015-03-02',
    registeredCapital: 500.5, keyEnterprise: false, credit: 'normal', contacts: [{ name: '王伟', role: '总经理', phone: '13900000001' }], ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}, user = 'admin') => {
    const res = await as(user, 'POST', '/api/enterprises', record(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const auditOf = (id: number) => queryRows<{ action: string; actor_name: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(t.database.db,
    sql`select action, actor_name, before, after from audit_events where entity_type = 'enterprise' and entity_id = ${String(id)} order by seq`);

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    const o = t.demo.offices;
    await createUser(db, operatorActor(), { username: 'xiping-admin', password: PASSWORD, name: '西平管理员', roles: ['admin'], officeId: o['county-411721'] });
    await createUser(db, operatorActor(), { username: 'zmd-admin', password: PASSWORD, name: '市管理员', roles: ['admin'], officeId: o['zmd-centre'] });
    await createUser(db, operatorActor(), { username: 'zz-agent', password: PASSWORD, name: '郑州话务', roles: ['agent'], officeId: o['zz-centre'] });
    await createUser(db, operatorActor(), { username: 'other-enterprise', password: PASSWORD, name: '另一家企业', roles: ['enterprise'], officeId: null, enterpriseUscc: code('411721', '0000009') });
    for (const u of ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) cookies[u] = await t.login(u);
    for (const u of ['xiping-admin', 'zmd-admin', 'zz-agent', 'other-enterprise']) cookies[u] = await t.login(u, PASSWORD);
  });
  afterAll(() => t.close());

  it('adds an enterprise with every field, names its industry and region, and audits it', async () => {
    const e = await create();
    expect(e).toMatchObject({
      uscc: code('411702', '0000001'), name: '驿城区天中食品有限公司', regionName: '驿城区', industrySection: 'C', industryDivision: '14', industryName: '食品制造业',
      size: 'small', establishedOn: '2015-03-02', registeredCapital: 500.5, keyEnterprise: false, credit: 'normal', usccOverrideReason: null, version: 1,
      contacts: [{ name: '王伟', role: '总经理', phone: '13900000001' }],
    });
    const audit = await auditOf(e.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'enterprise.create', actor_name: 'admin', before: null, after: expect.objectContaining({ uscc: e.uscc, via: 'form' }) })]);
    // The same code again is a conflict, also written in lower case.
    const again = await as('admin', 'POST', '/api/enterprises', record({ uscc: e.uscc.toLowerCase(), name: '另一个名字' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'uscc_taken' });
  });

  it('refuses a code failing its check character unless an administrator gives the reason, which is audited', async () => {
    const good = code('411702', '0000002');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const refused = await as('admin', 'POST', '/api/enterprises', record({ uscc: wrong }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'invalid_enterprise', details: { problems: [expect.objectContaining({ field: 'uscc' })] } });
    expect(refused.json().error.messageZh).toContain('校验码不正确');
    const short = await as('admin', 'POST', '/api/enterprises', record({ uscc: '91411702MA', usccOverrideReason: '登记证照如此' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.messageEn).toContain('must be 18 characters');
    const accepted = await create({ uscc: wrong, usccOverrideReason: '营业执照所载代码如此，经登记机关确认' });
    expect(accepted).toMatchObject({ uscc: wrong, usccOverrideReason: '营业执照所载代码如此，经登记机关确认' });
    expect((await auditOf(accepted.id)).map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.uscc_override']);
    // A valid code keeps no reason.
    expect((await create({ uscc: code('411702', '0000003'), usccOverrideReason: '多余' })).usccOverrideReason).toBeNull();

    // Its enterprise user account names the overridden code; a failing code the registry lacks is still refused.
    const account = (uscc: string, username: string) => as('admin', 'POST', '/api/users', { username, password: 'Override-code-1', name: username, roles: ['enterprise'], officeId: null, enterpriseUscc: uscc });
    expect((await account(wrong, 'override-user')).statusCode).toBe(201);
    const unregistered = good.slice(0, 16) + (good[16] === '0' ? '1' : '0') + good[17];
    const refusedAccount = await account(unregistered, 'unregistered-user');
    expect(refusedAccount.statusCode).toBe(400);
    expect(refusedAccount.json().error).toMatchObject({ code: 'invalid_uscc' });
    expect(refusedAccount.json().error.messageEn).toContain('registers it in the enterprise registry');
  });

  it('names every bad field in Chinese and English, and refuses unknown regions and divisions', async () => {
    const res = await as('admin', 'POST', '/api/enterprises', record({
      uscc: code('411702', '0000004'), name: '  ', industryDivision: '98', establishedOn: '2999-01-01',
      contacts: [{ name: '', role: '', phone: 'abc' }],
    }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(['name', 'industryDivision', 'establishedOn', 'contacts', 'contacts']);
    const unknownRegion = await as('admin', 'POST', '/api/enterprises', record({ uscc: code('411702', '0000004'), regionCode: '411799' }));
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.messageZh).toContain('411799 不存在');
    const badDate = await as('admin', 'POST', '/api/enterprises', record({ uscc: code('411702', '0000004'), establishedOn: '2023-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect((await as('admin', 'POST', '/api/enterprises', record({ uscc: code('411702', '0000004'), kind: 'llc' }))).statusCode).toBe(400);
    expect((await as('admin', 'POST', '/api/enterprises', { ...record({ uscc: code('411702', '0000004') }), extra: 1 })).statusCode).toBe(400);
    expect((await as('admin', 'POST', '/api/enterprises', record({ uscc: code('411702', '0000004'), registeredCapital: -1 }))).statusCode).toBe(400);
  });

  it('changes a record with the version read, refuses a stale one with 409, writes nothing for no change, and audits before and after', async () => {
    const e = await create({ uscc: code('411702', '0000005'), name: '驿城区恒达置业有限公司', industryDivision: '70' });
    const changed = await as('admin', 'PATCH', `/api/enterprises/${e.uscc}`, { version: 1, keyEnterprise: true, credit: 'good', size: 'large', address: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, keyEnterprise: true, credit: 'good', size: 'large', address: null });
    const stale = await as('admin', 'PATCH', `/api/enterprises/${e.id}`, { version: 1, credit: 'bad' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    const same = await as('admin', 'PATCH', `/api/enterprises/${e.id}`, { version: 2, credit: 'good' });
    expect(same.json().version).toBe(2);
    expect((await as('admin', 'PATCH', `/api/enterprises/${e.id}`, { version: 2, uscc: code('411702', '0000006') })).statusCode).toBe(400);
    const audit = await auditOf(e.id);
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.update']);
    expect(audit[1].before).toMatchObject({ keyEnterprise: false, credit: 'normal', version: 1 });
    expect(audit[1].after).toMatchObject({ keyEnterprise: true, credit: 'good', version: 2 });
  });

  it('lets staff read the enterprises of their office\'s region and below, and no others', async () => {
    const yicheng = await create({ uscc: code('411702', '0000010'), name: '驿城区范围测试有限公司' });
    const xiping = await create({ uscc: code('411721', '0000010'), name: '西平县范围测试有限公司', regionCode: '411721' });
    const zhongmu = await create({ uscc: code('410122', '0000010'), name: '中牟县范围测试有限公司', regionCode: '410122' });
    const listed = async (user: string) => (await as(user, 'GET', '/api/enterprises?q=范围测试&pageSize=100')).json().items.map((e: { name: string }) => e.name).sort();
    for (const user of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'zmd-admin']) {
      expect(await listed(user), user).toEqual(['西平县范围测试有限公司', '驿城区范围测试有限公司']);
      expect((await as(user, 'GET', `/api/enterprises/${zhongmu.uscc}`)).statusCode, user).toBe(404);
    }
    expect(await listed('admin')).toEqual(['中牟县范围测试有限公司', '西平县范围测试有限公司', '驿城区范围测试有限公司']);
    expect(await listed('zz-agent')).toEqual(['中牟县范围测试有限公司']);
    expect(await listed('xiping-admin')).toEqual(['西平县范围测试有限公司']);
    expect((await as('zz-agent', 'GET', `/api/enterprises/${yicheng.uscc}`)).statusCode).toBe(404);
    expect((await as('xiping-admin', 'GET', `/api/enterprises/${yicheng.id}`)).statusCode).toBe(404);
    expect((await as('xiping-admin', 'GET', `/api/enterprises/${xiping.uscc}`)).statusCode).toBe(200);
    expect((await t.request('GET', '/api/enterprises')).statusCode).toBe(401);
    expect((await as('zz-agent', 'GET', '/api/enterprises.xlsx')).statusCode).toBe(200);
  });

  it('lets administrators change only what lies in their region, and no other role change anything', async () => {
    const xiping = await create({ uscc: code('411721', '0000020'), name: '西平县编辑测试有限公司', regionCode: '411721' });
    const yicheng = await create({ uscc: code('411702', '0000020'), name: '驿城区编辑测试有限公司' });
    expect((await as('xiping-admin', 'PATCH', `/api/enterprises/${xiping.id}`, { version: 1, keyEnterprise: true })).statusCode).toBe(200);
    // Moving it out of the county is beyond them; creating one elsewhere too.
    const move = await as('xiping-admin', 'PATCH', `/api/enterprises/${xiping.id}`, { version: 2, regionCode: '411702' });
    expect(move.statusCode).toBe(403);
    expect(move.json().error.messageZh).toContain('不在您的管辖范围内');
    expect((await as('xiping-admin', 'POST', '/api/enterprises', record({ uscc: code('411702', '0000021') }))).statusCode).toBe(403);
    expect((await as('xiping-admin', 'POST', '/api/enterprises', record({ uscc: code('411721', '0000021'), regionCode: '411721' }))).statusCode).toBe(201);
    expect((await as('xiping-admin', 'PATCH', `/api/enterprises/${yicheng.id}`, { version: 1, keyEnterprise: true })).statusCode).toBe(404);
    expect((await as('zmd-admin', 'PATCH', `/api/enterprises/${yicheng.id}`, { version: 1, keyEnterprise: true })).statusCode).toBe(200);
    for (const user of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) {
      const patch = await as(user, 'PATCH', `/api/enterprises/${yicheng.id}`, { version: 2, credit: 'bad' });
      expect(patch.statusCode, user).toBe(403);
      expect(patch.json().error.messageZh, user).toContain('管理员');
      expect((await as(user, 'POST', '/api/enterprises', record({ uscc: code('411702', '0000022') }))).statusCode, user).toBe(403);
    }
    const unchanged = await as('admin', 'GET', `/api/enterprises/${yicheng.id}`);
    expect(unchanged.json()).toMatchObject({ version: 2, credit: 'normal', canEdit: true });
    expect((await as('handler', 'GET', `/api/enterprises/${yicheng.id}`)).json()).toMatchObject({ canEdit: false, canEditContacts: false });
  });

  it('shows an enterprise user its own record only, and lets it keep its contacts', async () => {
    const own = await create({ uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业食品有限公司' });
    const other = await create({ uscc: code('411702', '0000030'), name: '驿城区别家有限公司' });
    const list = (await as('enterprise', 'GET', '/api/enterprises?pageSize=100')).json();
    expect(list.items.map((e: { uscc: string }) => e.uscc)).toEqual([DEMO_ENTERPRISE_USCC]);
    const page = (await as('enterprise', 'GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}`)).json();
    expect(page).toMatchObject({ canEdit: false, canEditContacts: true, accounts: [{ username: 'enterprise', name: '驻马店示范企业', active: true }] });
    expect((await as('enterprise', 'GET', `/api/enterprises/${other.uscc}`)).statusCode).toBe(404);
    const contacts = [{ name: '孙海燕', role: '办公室主任', phone: '13900001681' }];
    const saved = await as('enterprise', 'PUT', `/api/enterprises/${own.uscc}/contacts`, { version: own.version, contacts });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ contacts, version: own.version + 1 });
    expect((await auditOf(own.id)).at(-1)).toMatchObject({ action: 'enterprise.contacts', actor_name: 'enterprise' });
    expect((await as('enterprise', 'PUT', `/api/enterprises/${own.uscc}/contacts`, { version: own.version, contacts: [] })).statusCode).toBe(409);
    expect((await as('enterprise', 'PUT', `/api/enterprises/${other.uscc}/contacts`, { version: 1, contacts })).statusCode).toBe(404);
    expect((await as('handler', 'PUT', `/api/enterprises/${other.uscc}/contacts`, { version: 1, contacts })).statusCode).toBe(403);
    const badPhone = await as('enterprise', 'PUT', `/api/enterprises/${own.uscc}/contacts`, { version: own.version + 1, contacts: [{ name: '孙', role: '', phone: '12' }] });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.messageEn).toContain("contact 1's phone number is not valid");
    // An enterprise user whose enterprise is not in the registry reads nothing.
    expect((await as('other-enterprise', 'GET', '/api/enterprises')).json().items).toEqual([]);
  });

  it('searches by name and code and filters by region, industry, size, kind, key flag and credit, a page at a time', async () => {
    const base = { name: '筛选', regionCode: '411722' };
    await create({ ...base, uscc: code('411722', '0000040'), name: '上蔡县筛选甲印务有限公司', industryDivision: '23', size: 'micro', kind: 'sole_proprietorship', keyEnterprise: true, credit: 'good' });
    await create({ ...base, uscc: code('411722', '0000041'), name: '上蔡县筛选乙置业有限公司', industryDivision: '70', size: 'large', credit: 'bad' });
    await create({ ...base, uscc: code('411722', '0000042'), name: '上蔡县筛选丙电子玻璃有限公司', industryDivision: '30', size: 'medium' });
    const names = async (query: string) => (await as('agent', 'GET', `/api/enterprises?q=上蔡县筛选&${query}`)).json().items.map((e: { name: string }) => e.name);
    expect(await names('industry=C')).toEqual(['上蔡县筛选丙电子玻璃有限公司', '上蔡县筛选甲印务有限公司']);
    expect(await names('industry=23')).toEqual(['上蔡县筛选甲印务有限公司']);
    expect(await names('industry=K')).toEqual(['上蔡县筛选乙置业有限公司']);
    expect(await names('size=large')).toEqual(['上蔡县筛选乙置业有限公司']);
    expect(await names('kind=sole_proprietorship')).toEqual(['上蔡县筛选甲印务有限公司']);
    expect(await names('keyEnterprise=true')).toEqual(['上蔡县筛选甲印务有限公司']);
    expect(await names('credit=bad')).toEqual(['上蔡县筛选乙置业有限公司']);
    expect(await names('regionCode=411721')).toEqual([]);
    expect(await names('regionCode=411700')).toHaveLength(3);
    const byCode = (await as('agent', 'GET', `/api/enterprises?q=${code('411722', '0000041').slice(0, 17)}`)).json();
    expect(byCode.items.map((e: { name: string }) => e.name)).toEqual(['上蔡县筛选乙置业有限公司']);
    const paged = (await as('agent', 'GET', '/api/enterprises?q=上蔡县筛选&pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);
    for (const bad of ['industry=Z', 'industry=131', 'size=huge', 'pageSize=101', 'page=0', 'regionCode=4117', 'credit=x', 'other=1']) {
      expect((await as('agent', 'GET', `/api/enterprises?${bad}`)).statusCode, bad).toBe(400);
    }
    expect((await as('agent', 'GET', '/api/enterprises/not-a-key')).statusCode).toBe(400);
  });

  it("shows the enterprise's cases on its page, and a protected requester's case only to those who may know who raised it", async () => {
    const e = await create({ uscc: code('411702', '0000050'), name: '驿城区诉求测试有限公司' });
    const intake = async (type: string, title: string) => {
      const res = await as('agent', 'POST', '/api/cases', {
        channel: 'hotline', type, title, content: `${title}，请尽快处理。`, regionCode: '411702',
        requester: { kind: 'enterprise', name: '驿城区诉求测试有限公司', phone: '13900000050', uscc: e.uscc },
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      const dispatched = await as('dispatcher', 'POST', `/api/cases/${c.id}/dispatch`, { version: c.version, leadOfficeId: t.demo.offices['zmd-dept-0'] });
      expect(dispatched.statusCode, dispatched.body).toBe(200);
      return c;
    };
    const complaint = await intake('complaint', '企业门前道路积水');
    const report = await intake('report', '举报周边企业违规排污');
    const sectionOf = async (user: string) => {
      const page = await as(user, 'GET', `/api/enterprises/${e.uscc}`);
      expect(page.statusCode, page.body).toBe(200);
      return page.json().sections.find((s: { key: string }) => s.key === 'cases');
    };
    const intakeView = await sectionOf('agent');
    expect(intakeView).toMatchObject({ title: { zh: '诉求', en: 'Appeals' }, total: 2 });
    expect(intakeView.items.map((i: { id: number }) => i.id).sort()).toEqual([complaint.id, report.id].sort());
    expect(intakeView.items.find((i: { id: number }) => i.id === complaint.id)).toMatchObject({ code: complaint.code, status: 'dispatched', statusName: { zh: expect.any(String) }, path: `/cases/${complaint.id}` });
    // The lead office's handler handles both, but may not know who filed the report.
    const handlerView = await sectionOf('handler');
    expect(handlerView).toMatchObject({ total: 1, items: [expect.objectContaining({ id: complaint.id })] });
    // The system administrator reads the registry but no cases: no cases section at all.
    expect(await sectionOf('admin')).toBeUndefined();
    // Zhengzhou's staff do not see the enterprise.
    expect((await as('zz-agent', 'GET', `/api/enterprises/${e.uscc}`)).statusCode).toBe(404);
  });

  it('refuses every wrong type in every field of every write (generated) with a bilingual 4xx, and takes injection-shaped text as plain data', async () => {
    const target = await create({ uscc: code('411702', '0000060'), name: '驿城区生成测试有限公司' });
    const countRows = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from enterprises`))[0].n;
    const before = await countRows();
    const writes = [
      { method: 'POST', url: '/api/enterprises', body: record({ uscc: code('411702', '0000061') }) as Record<string, unknown> },
      { method: 'PATCH', url: `/api/enterprises/${target.id}`, body: { version: 1, name: '改名', kind: 'partnership', regionCode: '411702', keyEnterprise: true, credit: 'good', contacts: [] } as Record<string, unknown> },
      { method: 'PUT', url: `/api/enterprises/${target.uscc}/contacts`, body: { version: 1, contacts: [{ name: '王伟', role: '总经理', phone: '13900000001' }] } as Record<string, unknown> },
    ];
    const nullable = ['legalRepresentative', 'address', 'industryDivision', 'size', 'establishedOn', 'registeredCapital', 'usccOverrideReason'];
    const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.double(), fc.string({ maxLength: 5 }));
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), wrongValue, async (i, j, value) => {
      const e = writes[i % writes.length];
      const fields = Object.keys(e.body);
      const field = fields[j % fields.length];
      if (typeof value === typeof e.body[field] && Array.isArray(value) === Array.isArray(e.body[field])) return;
      if (value === null && nullable.includes(field)) return;
      const res = await as('admin', e.method, e.url, { ...e.body, [field]: value });
      expect(res.statusCode, `${e.method} ${field}=${JSON.stringify(value)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error.messageZh.length).toBeGreaterThan(0);
      expect(res.json().error.messageEn.length).toBeGreaterThan(0);
    }), { numRuns: 120 });
    expect(await countRows()).toBe(before);
    const injection = fc.constantFrom("'; drop table enterprises; --", '" or 1=1 --', '<script>alert(1)</script>', '%_\\', '\u0000', '🙂'.repeat(50), 'a'.repeat(5000));
    let serial = 1000;
    await fc.assert(fc.asyncProperty(fc.nat(), injection, async (j, value) => {
      const fields = ['name', 'legalRepresentative', 'address', 'uscc', 'usccOverrideReason'];
      const res = await as('admin', 'POST', '/api/enterprises', record({ uscc: code('411702', String(serial++).padStart(7, '0')), [fields[j % fields.length]]: value }));
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.json().error.messageEn.length).toBeGreaterThan(0);
    }), { numRuns: 40 });
    expect((await as('admin', 'GET', `/api/enterprises?q=${encodeURIComponent("%' or 1=1 --")}`)).json().total).toBe(0);
  });
});
