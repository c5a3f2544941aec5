import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';

describe.each(ENGINES)('offices on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let countyAdmin: string;
  let handler: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    handler = await t.login('handler');
    // An administrator of one county (西平县) only: scoped to that county's subtree.
    await createUser(t.database.db, operatorActor(), { username: 'xiping-admin', password: 'County-admin-1', name: '西平管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    countyAdmin = await t.login('xiping-admin', 'County-admin-1');
  });
  afterAll(() => t.close());

  it('lists the whole tree for the system administrator, in tree order with region names', async () => {
    const items = (await t.request('GET', '/api/offices', { cookie: admin })).json().items;
    expect(items.length).toBeGreaterThanOrEqual(20);
    const centre = items.find((o: { name: string }) => o.name === '驻马店市12345政务服务便民热线中心');
    expect(centre).toMatchObject({ kind: 'hotline_centre', regionCode: '411700', regionName: '驻马店市', parentId: null });
    expect(items.filter((o: { kind: string }) => o.kind === 'county_platform').map((o: { regionName: string }) => o.regionName)).toEqual(
      expect.arrayContaining(['驿城区', '西平县', '上蔡县', '平舆县', '正阳县', '确山县', '泌阳县', '汝南县', '遂平县', '新蔡县', '中牟县', '惠济区', '金水区']));
  });

  it('shows a county administrator only their county subtree and refuses offices outside it as not found', async () => {
    const items = (await t.request('GET', '/api/offices', { cookie: countyAdmin })).json().items;
    expect(items.map((o: { regionCode: string }) => o.regionCode).every((c: string) => c === '411721')).toBe(true);
    expect(items.length).toBeGreaterThanOrEqual(2);
    const outside = await t.request('GET', `/api/offices/${t.demo.offices['zmd-centre']}`, { cookie: countyAdmin });
    expect(outside.statusCode).toBe(404);
  });

  it('lets an administrator create an office under a parent in scope, and records it in the audit trail', async () => {
    const res = await t.request('POST', '/api/offices', { cookie: countyAdmin, body: { name: '西平县营商环境办', kind: 'business_environment_office', regionCode: '411721', parentId: t.demo.offices['county-411721'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '西平县营商环境办', version: 1, regionName: '西平县' });
    const audit = (await t.database.db.execute(`select action, entity_id, actor_name from audit_events where entity_type = 'office' and entity_id = '${res.json().id}'` as never)) as unknown as { rows: { action: string; actor_name: string }[] };
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'office.create', actor_name: 'xiping-admin' })]);
  });

  it('refuses a county administrator creating outside their county, and a region outside the parent region', async () => {
    const outside = await t.request('POST', '/api/offices', { cookie: countyAdmin, body: { name: '越权单位', kind: 'department', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.messageZh).toContain('不在您的管辖范围内');
    const wrongRegion = await t.request('POST', '/api/offices', { cookie: admin, body: { name: '错区划', kind: 'department', regionCode: '410105', parentId: t.demo.offices['county-411721'] } });
    expect(wrongRegion.statusCode).toBe(400);
    expect(wrongRegion.json().error.code).toBe('region_outside_parent');
    const topLevel = await t.request('POST', '/api/offices', { cookie: countyAdmin, body: { name: '顶级', kind: 'department', regionCode: '411721', parentId: null } });
    expect(topLevel.statusCode).toBe(403);
  });

  it('refuses office management to people without the admin role, naming the role needed', async () => {
    const res = await t.request('POST', '/api/offices', { cookie: handler, body: { name: 'x', kind: 'department', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.messageZh).toContain('管理员');
    expect(res.json().error.messageEn).toContain('administrator');
  });

  it('answers a duplicate sibling name with 409', async () => {
    const res = await t.request('POST', '/api/offices', { cookie: admin, body: { name: '驻马店市教育局', kind: 'department', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('office_name_taken');
  });

  it('updates with the version read, answers a stale version with 409, and moves a subtree with its paths', async () => {
    const created = (await t.request('POST', '/api/offices', { cookie: admin, body: { name: '临时工作专班', kind: 'undertaking_unit', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } })).json();
    const child = (await t.request('POST', '/api/offices', { cookie: admin, body: { name: '专班一组', kind: 'undertaking_unit', regionCode: '411700', parentId: created.id } })).json();
    const renamed = await t.request('PATCH', `/api/offices/${created.id}`, { cookie: admin, body: { version: 1, name: '重点项目专班' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '重点项目专班', version: 2 });
    const stale = await t.request('PATCH', `/api/offices/${created.id}`, { cookie: admin, body: { version: 1, name: '覆盖' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    const cycle = await t.request('PATCH', `/api/offices/${created.id}`, { cookie: admin, body: { version: 2, parentId: child.id } });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('office_cycle');
    const moved = await t.request('PATCH', `/api/offices/${created.id}`, { cookie: admin, body: { version: 2, parentId: t.demo.offices['zmd-dept-0'] } });
    expect(moved.statusCode).toBe(200);
    const movedChild = (await t.request('GET', `/api/offices/${child.id}`, { cookie: admin })).json();
    expect(movedChild.path).toBe(`${moved.json().path}${child.id}/`);
    // The handler works in zmd-dept-0, so the moved subtree is now theirs to see.
    expect((await t.request('GET', `/api/offices/${child.id}`, { cookie: handler })).statusCode).toBe(200);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const office = (await t.request('POST', '/api/offices', { cookie: admin, body: { name: '并发测试单位', kind: 'department', regionCode: '411700', parentId: t.demo.offices['zmd-centre'] } })).json();
    const results = await Promise.all(['甲', '乙'].map((n) => t.request('PATCH', `/api/offices/${office.id}`, { cookie: admin, body: { version: 1, name: `并发${n}` } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
