import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import { verifyWorkItems } from '../audit/verify.js';
import { loadDemoServiceItems } from './demo.js';

const PASSWORD = 'Catalogue-pass-1';
const AGENCY = '11410122MB0900F57';
const code = (serial: string) => `${AGENCY}${usccCheckCharacter(AGENCY)}000114001000${serial}`;
const PDF = Buffer.from('%PDF-1.4\n% blank form\n');

describe.each(ENGINES)('service-item catalogue on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let housing: number;
  let planning: number;
  let demoItems: Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    housing = t.demo.offices['county-410122-housing'];
    planning = t.demo.offices['county-410122-planning'];
    demoItems = await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    const db = t.database.db;
    // An administrator of 住建局, one of the county government (its subtree holds every county department), a handler of 住建局.
    await createUser(db, operatorActor(), { username: 'housing-admin', password: PASSWORD, name: '住建管理员', roles: ['admin'], officeId: housing });
    await createUser(db, operatorActor(), { username: 'county-admin', password: PASSWORD, name: '县管理员', roles: ['admin'], officeId: t.demo.offices['county-410122'] });
    await createUser(db, operatorActor(), { username: 'housing-handler', password: PASSWORD, name: '住建承办', roles: ['handler'], officeId: housing });
    for (const u of ['admin', 'agent', 'leader', 'enterprise']) cookies[u] = await t.login(u);
    for (const u of ['housing-admin', 'county-admin', 'housing-handler']) cookies[u] = await t.login(u, PASSWORD);
  });
  afterAll(() => t.close());

  const as = (user: string | null, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: user ? cookies[user] : undefined, body });
  const item = (over: Record<string, unknown> = {}) => ({
    basicCode: '000114001000', implementationCode: code('901'), name: '测试施工许可', typeCode: '01', legalBasis: '《建筑法》第八条', level: 'county', officeId: housing,
    serviceObjects: ['legal_person'], statutoryLimit: 7, committedLimit: 3, onlineDepth: '4', steps: [{ name: '受理' }, { name: '决定' }],
    materials: [{ name: '申请表', required: true, form: 'electronic' }, { name: '施工合同', required: true, deficiency: true, form: 'paper' }], ...over,
  });
  const counts = async () => (await queryRows<{ items: number; versions: number; events: number }>(t.database.db, sql`select
    (select count(*)::int from service_items) as items, (select count(*)::int from service_item_versions) as versions, (select count(*)::int from service_item_events) as events`))[0];
  const create = async (user: string, over: Record<string, unknown> = {}) => {
    const res = await as(user, 'POST', '/api/service-items', item(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('loads the demo catalogue of 中牟县, published, with committed limits within the statutory ones', async () => {
    expect(Object.keys(demoItems)).toHaveLength(14);
    const res = await as('agent', 'GET', '/api/service-items?q=施工许可');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ name: '建筑工程施工许可证核发', status: 'published', statutoryLimit: 7, committedLimit: 3, officeName: '中牟县住房和城乡建设局' })]);
  });

  it('refuses a committed limit above the statutory one and other impossible content, naming the field, writing nothing', async () => {
    const before = await counts();
    const res = await as('admin', 'POST', '/api/service-items', item({ committedLimit: 9, materials: [{ name: ' ', required: true, form: 'paper' }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'catalogue_lint', details: { problems: [expect.objectContaining({ field: 'committedLimit' }), expect.objectContaining({ field: 'materials[0].name' })] } });
    const english = await t.request('POST', '/api/service-items', { cookie: cookies.admin, body: item({ statutoryLimit: -1 }), headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toContain('statutoryLimit: The statutoryLimit cannot be negative');
    for (const body of [{ ...item(), extra: 1 }, item({ typeCode: '99' }), item({ officeId: 'x' }), '{"name":', item({ materials: [{ name: 'x' }] })]) {
      expect((await as('admin', 'POST', '/api/service-items', body)).statusCode).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps every version: a draft changes in place, a published item gets a new version; a stale version is 409', async () => {
    const draft = await create('housing-admin');
    expect(draft).toMatchObject({ status: 'draft', version: 1, revision: 1, actions: ['update', 'publish', 'retire'] });
    const edited = await as('housing-admin', 'PATCH', `/api/service-items/${draft.id}`, { version: 1, committedLimit: 4 });
    expect(edited.json()).toMatchObject({ version: 2, revision: 1, current: { committedLimit: 4 } });
    const published = (await as('housing-admin', 'POST', `/api/service-items/${draft.id}/publish`, { version: 2 })).json();
    expect(published).toMatchObject({ status: 'published', version: 3, revision: 1 });
    const v1Materials = published.current.materials;
    const changed = await as('housing-admin', 'PATCH', `/api/service-items/${draft.id}`, { version: 3, committedLimit: 2, materials: [{ name: '申请表', required: true, form: 'electronic' }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'published', version: 4, revision: 2, current: { committedLimit: 2, materials: [{ name: '申请表' }] } });
    const stale = await as('housing-admin', 'PATCH', `/api/service-items/${draft.id}`, { version: 3, committedLimit: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const old = (await as('agent', 'GET', `/api/service-items/${draft.id}/versions/1`)).json();
    expect(old).toMatchObject({ revision: 1, committedLimit: 4, materials: v1Materials });
    expect((await as('agent', 'GET', `/api/service-items/${draft.id}/versions`)).json().items.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
    // Nothing changed: no event, no new version.
    expect((await as('housing-admin', 'PATCH', `/api/service-items/${draft.id}`, { version: 4, committedLimit: 2 })).json()).toMatchObject({ version: 4, revision: 2 });
    const retired = await as('housing-admin', 'POST', `/api/service-items/${draft.id}/retire`, { version: 4 });
    expect(retired.json()).toMatchObject({ status: 'retired', actions: ['publish'] });
    const events = await queryRows<{ action: string }>(t.database.db, sql`select action from service_item_events where item_id = ${draft.id} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'publish', 'update', 'retire']);
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
    const duplicate = await as('admin', 'POST', '/api/service-items', item());
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('duplicate_implementation_code');
  });

  it('lets only administrators of the department\'s subtree edit; others read published items and never drafts', async () => {
    const draft = await create('county-admin', { implementationCode: code('902') });
    const denied = await as('housing-admin', 'POST', '/api/service-items', item({ implementationCode: code('903'), officeId: planning }));
    expect(denied.statusCode).toBe(403);
    for (const user of ['housing-handler', 'agent', 'leader']) {
      const res = await as(user, 'POST', '/api/service-items', item({ implementationCode: code('904') }));
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.message).toContain('管理员');
      expect((await as(user, 'GET', `/api/service-items/${draft.id}`)).statusCode, user).toBe(404);
      expect((await as(user, 'PATCH', `/api/service-items/${draft.id}`, { version: 1, name: '改' })).statusCode, user).toBe(403);
    }
    const planningDraft = await create('admin', { implementationCode: code('905'), officeId: planning });
    expect((await as('housing-admin', 'GET', `/api/service-items/${planningDraft.id}`)).statusCode).toBe(404);
    expect((await as('housing-admin', 'POST', `/api/service-items/${planningDraft.id}/publish`, { version: 1 })).statusCode).toBe(404);
    expect((await as('housing-admin', 'PATCH', `/api/service-items/${draft.id}`, { version: 1, officeId: planning })).statusCode).toBe(403);
    const published = (await as('county-admin', 'POST', `/api/service-items/${draft.id}/publish`, { version: 1 })).json();
    const asAgent = (await as('agent', 'GET', `/api/service-items/${draft.id}`)).json();
    expect(asAgent).toMatchObject({ id: draft.id, status: 'published', actions: [] });
    expect((await as('housing-admin', 'GET', `/api/service-items/${published.id}`)).json().actions).toEqual(['update', 'retire']);
    expect((await as('enterprise', 'GET', '/api/service-items')).statusCode).toBe(403);
    expect((await as(null, 'GET', '/api/service-items')).statusCode).toBe(401);
    expect((await as('agent', 'POST', '/api/service-items/import', { format: 'json', content: [item({ implementationCode: code('906') })] })).statusCode).toBe(403);
    const upload = (user: string, itemId: number) => t.request('POST', `/api/service-items/${itemId}/files?fileName=form.pdf`, { cookie: cookies[user], headers: { 'content-type': 'application/pdf' }, body: PDF.toString('latin1') });
    expect((await upload('agent', draft.id)).statusCode).toBe(403);
    expect((await upload('housing-admin', planningDraft.id)).statusCode).toBe(404);
    expect((await upload('county-admin', draft.id)).statusCode).toBe(201);
    expect((await as('enterprise', 'GET', '/api/service-items/export?format=json')).statusCode).toBe(403);
    expect((await as('housing-handler', 'GET', `/api/service-items/${planningDraft.id}/versions/1`)).statusCode).toBe(404);
  });

  it('imports all or nothing, naming every bad row and field', async () => {
    const before = await counts();
    const rows = [item({ implementationCode: code('911') }), item({ implementationCode: code('912'), committedLimit: 8 }), item({ implementationCode: code('911') }), { ...item(), visits: 'two' }];
    const res = await as('admin', 'POST', '/api/service-items/import', { format: 'json', content: rows });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems).toEqual([expect.objectContaining({ row: 4, field: 'visits' })]);
    const linted = await as('admin', 'POST', '/api/service-items/import', { format: 'json', content: rows.slice(0, 3) });
    expect(linted.json().error.details.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'committedLimit', code: 'committed_above_statutory' }),
      expect.objectContaining({ row: 3, field: 'implementationCode', code: 'implementation_code_repeated' }),
    ]);
    // A row only the database refuses (a department outside the importer's scope) stops the whole import.
    const scoped = await as('housing-admin', 'POST', '/api/service-items/import', { format: 'json', content: [item({ implementationCode: code('913') }), item({ implementationCode: code('914'), officeId: planning })] });
    expect(scoped.statusCode).toBe(400);
    expect(scoped.json().error.details.problems).toEqual([expect.objectContaining({ row: 2, code: 'forbidden' })]);
    expect(await counts()).toEqual(before);
    const done = await as('housing-admin', 'POST', '/api/service-items/import', { format: 'json', content: [item({ implementationCode: code('913') })], publish: true });
    expect(done.json()).toEqual({ created: 1, updated: 0, unchanged: 0, published: 1 });
  });

  it('round-trips the catalogue through xlsx and names a bad cell by sheet, row and column', async () => {
    const exported = await as('admin', 'GET', '/api/service-items/export?format=xlsx&status=published');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const json = (await as('admin', 'GET', '/api/service-items/export?format=json&status=published')).json();
    const again = await as('admin', 'POST', '/api/service-items/import', { format: 'xlsx', content: exported.rawPayload.toString('base64') });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: json.length });
    expect((await as('admin', 'GET', '/api/service-items/export?format=json&status=published')).json()).toEqual(json);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('事项')!.getRow(3).getCell(12).value = 99;
    wb.getWorksheet('申请材料')!.getRow(4).getCell(3).value = '';
    const broken = await as('admin', 'POST', '/api/service-items/import', { format: 'xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: '事项', row: 3, field: '承诺时限（工作日）', code: 'committed_above_statutory' }),
      expect.objectContaining({ sheet: '申请材料', row: 4, field: '材料名称', code: 'material_name_missing' }),
    ]));
    expect((await as('admin', 'POST', '/api/service-items/import', { format: 'xlsx', content: Buffer.from('not a workbook').toString('base64') })).json().error.details.problems[0].code).toBe('not_xlsx');
  });

  it('shows the public guide without log-in, with its blank form to download, and nothing of drafts', async () => {
    const id = demoItems[Object.keys(demoItems)[0]];
    const stored = (await as('admin', 'GET', `/api/service-items/${id}`)).json();
    const upload = await t.request('POST', `/api/service-items/${id}/files?fileName=${encodeURIComponent('申请表（空白）.pdf')}`, { cookie: cookies.admin, headers: { 'content-type': 'application/pdf' }, body: PDF.toString('latin1') });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().id;
    const [first, ...rest] = stored.current.materials;
    const withForm = await as('admin', 'PATCH', `/api/service-items/${id}`, { version: stored.version, materials: [{ ...first, id: undefined, blankFormFileId: fileId }, ...rest.map((m: Record<string, unknown>) => ({ ...m, id: undefined }))] });
    expect(withForm.statusCode, withForm.body).toBe(200);
    const list = await as(null, 'GET', '/api/public/service-items?q=建筑工程施工');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['建筑工程施工许可证核发']);
    const guide = await as(null, 'GET', `/api/public/service-items/${stored.current.implementationCode}`);
    expect(guide.statusCode).toBe(200);
    expect(guide.json()).toMatchObject({
      name: '建筑工程施工许可证核发', statutoryLimit: 7, committedLimit: 3, whereToApply: '中牟县政务服务中心住建窗口', departmentName: '中牟县住房和城乡建设局',
      materials: expect.arrayContaining([expect.objectContaining({ name: '建筑工程施工许可证申请表', blankForm: { id: fileId, fileName: '申请表（空白）.pdf' } })]),
    });
    expect(guide.json()).not.toHaveProperty('createdByName');
    const file = await as(null, 'GET', `/api/public/service-items/${stored.current.implementationCode}/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const draft = await create('admin', { implementationCode: code('921') });
    expect((await as(null, 'GET', `/api/public/service-items/${draft.current.implementationCode}`)).statusCode).toBe(404);
    expect((await as(null, 'GET', '/api/public/service-items/not-a-code')).statusCode).toBe(400);
    const bad = await as('admin', 'PATCH', `/api/service-items/${draft.id}`, { version: draft.version, materials: [{ name: '申请表', required: true, form: 'paper', blankFormFileId: fileId }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('unknown_file');
  });

  it('reports per department and region: limits, steps, materials and the reductions against the targets', async () => {
    const res = await as('leader', 'GET', '/api/service-items/report?by=office');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.targets).toEqual({ time: 0.5, steps: 0.2, materials: 0.3 });
    const water = report.rows.find((r: { name: string }) => r.name === '中牟县水利局');
    expect(water).toMatchObject({ items: 1, averageStatutory: 10, averageCommitted: 5, timeSaved: 0.5, averageSteps: 3, stepsReduction: 0.4, averageMaterials: 2, materialsReduction: 0.5 });
    expect(report.total.items).toBe(report.rows.reduce((n: number, r: { items: number }) => n + r.items, 0));
    const byRegion = (await as('leader', 'GET', '/api/service-items/report?by=region')).json();
    expect(byRegion.rows.map((r: { name: string }) => r.name)).toEqual(['中牟县']);
    const xlsx = await as('leader', 'GET', '/api/service-items/report?by=office&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await as('enterprise', 'GET', '/api/service-items/report')).statusCode).toBe(403);
  });
});
