/**
 * The case list's orders, its Excel export (scoped as the list is, protected requesters kept
 * protected) and bulk dispatch (each case through the dispatch action with its own version).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { queryRows, sql } from '../platform/db/engine.js';

type Created = { id: number; code: string; version: number };

describe.each(ENGINES)('case list order, export and bulk dispatch on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  let since: string;
  let a: Created, b: Created, c: Created, report: Created;
  let market: number;

  const intake = async (title: string, extra: Record<string, unknown> = {}): Promise<Created> => {
    const res = await t.request('POST', '/api/cases', {
      cookie: as.agent,
      body: { channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理`, requester: { kind: 'person', name: '陈先生', phone: '13812345678' }, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const dispatch = async (x: Created) => {
    const res = await t.request('POST', `/api/cases/${x.id}/dispatch`, { cookie: as.dispatcher, body: { version: x.version, leadOfficeId: market } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const ids = async (query: string, cookie = as.agent) => {
    const res = await t.request('GET', `/api/cases?from=${encodeURIComponent(since)}&pageSize=100&${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: number }[]).map((i) => i.id);
  };
  /** The workbook's data rows (below the title and the header) as header → value. */
  const sheet = async (query: string, cookie: string) => {
    const res = await t.request('GET', `/api/cases.xlsx?${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    const rows: Record<string, string>[] = [];
    for (let n = 3; n <= ws.rowCount; n++) {
      const values = (ws.getRow(n).values as unknown[]).slice(1);
      rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])])));
    }
    return { rows, text: JSON.stringify(rows) + String(ws.getRow(1).getCell(1).value) };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'enterprise']) as[role] = await t.login(role);
    market = t.demo.offices['zmd-dept-0'];
    since = new Date(Date.now() - 1000).toISOString();
    a = await intake('路灯不亮');
    b = await intake('噪音扰民');
    c = await intake('占道经营');
    report = await intake('举报无证经营', { type: 'report', requester: { kind: 'person', name: '举报人王某', phone: '13911112222' } });
    await dispatch(b);
    await dispatch(report);
  }, 120_000);
  afterAll(() => t?.close());

  it('orders the list by received, code, status and running deadline, either way; refuses an unknown order', async () => {
    expect(await ids('sort=received')).toEqual([a.id, b.id, c.id, report.id]);
    expect(await ids('sort=-received')).toEqual([report.id, c.id, b.id, a.id]);
    expect(await ids('')).toEqual([report.id, c.id, b.id, a.id]);
    const byCode = [a, b, c, report].sort((x, y) => x.code.localeCompare(y.code)).map((x) => x.id);
    expect(await ids('sort=code')).toEqual(byCode);
    expect(await ids('sort=-code')).toEqual([...byCode].reverse());
    // The lifecycle's order: accepted before dispatched.
    expect(await ids('sort=status')).toEqual([a.id, c.id, b.id, report.id]);
    expect(await ids('sort=-status')).toEqual([report.id, b.id, c.id, a.id]);
    // Soonest running deadline first; cases with no clock running come last either way.
    expect(await ids('sort=deadline')).toEqual([b.id, report.id, a.id, c.id]);
    expect((await ids('sort=-deadline')).slice(2).sort()).toEqual([a.id, c.id].sort());
    expect((await ids('sort=-deadline')).slice(0, 2)).toEqual([report.id, b.id]);
    const bad = await t.request('GET', '/api/cases?sort=title', { cookie: as.agent });
    expect(bad.statusCode).toBe(400);
  });

  it('exports what the filters find, in the viewer\'s scope, with a protected requester kept protected', async () => {
    const all = await sheet(`from=${encodeURIComponent(since)}&sort=received`, as.agent);
    expect(all.rows.map((r) => r['诉求编号'])).toEqual([a.code, b.code, c.code, report.code]);
    expect(all.rows[1]).toMatchObject({ 诉求类型: '投诉', 办理状态: '已派单待签收', 受理渠道: '12345热线', 主办单位: '驻马店市市场监督管理局' });
    // The intake centre took the report in: it knows the reporter.
    expect(all.rows[3]['诉求人']).toBe('举报人王某');
    expect(all.text).toContain('共 4 件');

    // A handler of the market office sees only what it leads, and not who reported.
    const handler = await sheet(`from=${encodeURIComponent(since)}&sort=received`, as.handler);
    expect(handler.rows.map((r) => r['诉求编号'])).toEqual([b.code, report.code]);
    expect(handler.rows[1]['诉求人']).toBe('（保密）');
    expect(handler.text).not.toContain('王某');
    expect(handler.text).not.toContain('13911112222');
    expect(handler.rows[0]['联系电话']).toBe('138****5678');
  });

  it('exports the selected cases only, never one outside the viewer\'s scope; refuses bad ids and strangers', async () => {
    const picked = await sheet(`ids=${c.id},${a.id}&sort=code`, as.agent);
    expect(picked.rows.map((r) => r['诉求编号']).sort()).toEqual([a.code, c.code].sort());
    // A case the handler's office does not lead is not exported to them, selected or not.
    expect((await sheet(`ids=${a.id},${b.id}`, as.handler)).rows.map((r) => r['诉求编号'])).toEqual([b.code]);
    expect((await sheet(`ids=${a.id}`, as.enterprise)).rows).toEqual([]);
    expect((await t.request('GET', '/api/cases.xlsx?ids=1,x', { cookie: as.agent })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/cases.xlsx?ids=0', { cookie: as.agent })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/cases.xlsx')).statusCode).toBe(401);
  });

  it('dispatches each case with its own version: what was changed meanwhile (409) or is not open to dispatch stays, the rest goes', async () => {
    const d = await intake('井盖缺失');
    const e = await intake('垃圾未清运');
    const f = await intake('违章停车');
    await dispatch(f);
    const res = await t.request('POST', '/api/cases/bulk-dispatch', {
      cookie: as.dispatcher,
      body: { items: [
        { id: d.id, version: d.version, leadOfficeId: market },
        { id: e.id, version: e.version + 1, leadOfficeId: market },
        { id: f.id, version: f.version + 1, leadOfficeId: market },
      ] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [rd, re, rf] = res.json().items;
    expect(rd).toMatchObject({ id: d.id, ok: true, status: 200, case: { status: 'dispatched', leadOfficeId: market } });
    expect(re).toMatchObject({ id: e.id, ok: false, status: 409, code: 'stale_version' });
    expect(re.messageZh).toMatch(/版本/);
    expect(re.messageEn).toMatch(/version/);
    expect(rf).toMatchObject({ id: f.id, ok: false });
    expect(rf.status).toBeGreaterThanOrEqual(400);
    expect(rf.status).toBeLessThan(500);
    const rows = await queryRows<{ id: number; status: string }>(t.database.db, sql`select id, status from cases where id in (${d.id}, ${e.id}) order by id`);
    expect(rows).toEqual([{ id: d.id, status: 'dispatched' }, { id: e.id, status: 'accepted' }]);
  });

  it('refuses bulk dispatch to a handler, and a request naming a case twice or none, changing nothing', async () => {
    const g = await intake('道路积水');
    const item = { id: g.id, version: g.version, leadOfficeId: market };
    const handler = await t.request('POST', '/api/cases/bulk-dispatch', { cookie: as.handler, body: { items: [item] } });
    expect(handler.statusCode).toBe(403);
    expect(handler.json().error).toMatchObject({ messageZh: expect.stringContaining('派单员'), messageEn: expect.stringContaining('dispatcher') });
    expect((await t.request('POST', '/api/cases/bulk-dispatch', { cookie: as.agent, body: { items: [item] } })).statusCode).toBe(403);
    expect((await t.request('POST', '/api/cases/bulk-dispatch', { cookie: as.dispatcher, body: { items: [item, item] } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/cases/bulk-dispatch', { cookie: as.dispatcher, body: { items: [] } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/cases/bulk-dispatch', { body: { items: [item] } })).statusCode).toBe(401);
    const [{ status, events }] = await queryRows<{ status: string; events: number }>(t.database.db,
      sql`select status, (select count(*)::int from case_events where case_id = ${g.id}) as events from cases where id = ${g.id}`);
    expect({ status, events }).toEqual({ status: 'accepted', events: 1 });
  });
});
