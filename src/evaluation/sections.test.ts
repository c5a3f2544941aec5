/**
 * The other modules' figure sections on the evaluation dashboard: who reads which, that each
 * equals its module's own figures, that every drill-down lists exactly what its cell counted,
 * the workbook, and refusals of bad requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoEnterprises } from '../enterprises/demo.js';
import { loadDemoServiceItems } from '../approvals/demo.js';
import { loadDemoApplications } from '../approvals/applications/demo.js';
import { loadDemoVisits } from '../visits/demo.js';
import { loadDemoInspections } from '../inspections/demo.js';
import type { FigureSectionRow, FigureSectionTable } from '../platform/contract.js';

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

describe.each(ENGINES)('figure sections on the evaluation dashboard on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const to = thisMonth();
  const from = `${to.slice(0, 4)}-01`;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    const enterprises = await loadDemoEnterprises(db, operatorActor());
    await loadDemoServiceItems(db, operatorActor(), t.demo.offices);
    await loadDemoApplications(db, t.demo.offices);
    await loadDemoVisits(db, t.demo.offices, enterprises, () => {});
    await loadDemoInspections(db, operatorActor(), t.demo.offices);
    for (const u of ['zhongmu-leader', 'leader', 'reviewer-housing', 'reviewer-market', 'handler', 'dispatcher', 'enterprise', 'admin']) cookies[u] = await t.login(u);
  }, 600_000);
  afterAll(() => t.close());

  const get = (user: string | null, url: string) => t.request('GET', url, { cookie: user ? cookies[user] : undefined });
  const json = async <T>(user: string, url: string): Promise<T> => {
    const res = await get(user, url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const section = (user: string, code: string, q: string) => json<FigureSectionTable>(user, `/api/evaluation/sections/${code}?${q}`);
  /** The drill-down's web list as its API list: its total. */
  const drilled = async (user: string, path: string) => {
    const [route, query] = path.split('?');
    const api = { '/approvals/applications': '/api/applications', '/visits': '/api/visits', '/inspections': '/api/inspection-tasks' }[route];
    expect(api, route).toBeDefined();
    const body = await json<{ total?: number } | unknown[]>(user, `${api}?${query}`);
    return Array.isArray(body) ? body.length : (body as { total: number }).total;
  };
  const expectDrillDownsCount = async (user: string, rows: FigureSectionRow[]) => {
    let checked = 0;
    for (const row of rows) {
      for (const [figure, path] of Object.entries(row.drillDown)) {
        expect(await drilled(user, path), `${row.name} ${figure}: ${path}`).toBe(row.values[figure]);
        checked++;
      }
    }
    return checked;
  };

  it('lists the sections each role may read, and none to an enterprise or the public', async () => {
    const codes = async (user: string) => (await json<{ items: { code: string }[] }>(user, '/api/evaluation/sections')).items.map((s) => s.code);
    expect(await codes('zhongmu-leader')).toEqual(['approvals', 'visits', 'inspections']);
    expect(await codes('reviewer-housing')).toEqual(['approvals']);
    expect(await codes('handler')).toEqual(['visits', 'inspections']);
    expect(await codes('dispatcher')).toEqual([]);
    const [approvals] = (await json<{ items: { code: string; figures: { code: string; label: { zh: string; en: string } }[]; groupBy: string[] }[] }>('zhongmu-leader', '/api/evaluation/sections')).items;
    expect(approvals.groupBy).toEqual(['office', 'item', 'region', 'month']);
    expect(approvals.figures.find((f) => f.code === 'completedWithinCommitted')?.label).toEqual({ zh: '承诺时限内办结', en: 'within committed limit' });
    const refused = await get('enterprise', '/api/evaluation/sections');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ messageZh: expect.any(String), messageEn: expect.any(String) });
    expect((await get('enterprise', `/api/evaluation/sections/approvals?from=${from}&to=${to}`)).statusCode).toBe(403);
    expect((await get(null, '/api/evaluation/sections')).statusCode).toBe(401);
    expect((await get(null, `/api/evaluation/sections/approvals?from=${from}&to=${to}`)).statusCode).toBe(401);
    // A section not among the reader's is not found, as an unknown one is.
    expect((await get('reviewer-housing', `/api/evaluation/sections/visits?from=${from}&to=${to}`)).statusCode).toBe(404);
  });

  it('gives the approvals figures as the approvals module counts them, data-scoped, each cell drilling down to exactly the applications it counted', async () => {
    for (const groupBy of ['office', 'item', 'region', 'month']) {
      const own = await json<{ rows: { key: string; name: string; counts: Record<string, number>; averageDays: number | null; timeSaved: number | null }[]; total: { counts: Record<string, number> } }>(
        'zhongmu-leader', `/api/approvals/figures?from=${from}&to=${to}&by=${groupBy === 'office' ? 'office' : groupBy}`);
      const table = await section('zhongmu-leader', 'approvals', `from=${from}&to=${to}&groupBy=${groupBy}`);
      expect(table.rows.map((r) => [r.key, r.name]), groupBy).toEqual(own.rows.map((r) => [r.key, r.name]));
      for (const [i, r] of own.rows.entries()) {
        expect(table.rows[i].values).toMatchObject({ ...r.counts, averageDays: r.averageDays, timeSaved: r.timeSaved });
      }
      expect(table.total.values).toMatchObject(own.total.counts);
    }
    const byOffice = await section('zhongmu-leader', 'approvals', `from=${from}&to=${to}&groupBy=office`);
    expect(byOffice.total.values.received).toBeGreaterThan(0);
    expect(byOffice.total.values.completedWithinCommitted).toBeGreaterThan(0);
    expect(await expectDrillDownsCount('zhongmu-leader', [...byOffice.rows, byOffice.total])).toBeGreaterThan(20);
    const byMonth = await section('zhongmu-leader', 'approvals', `from=${from}&to=${to}&groupBy=month`);
    await expectDrillDownsCount('zhongmu-leader', byMonth.rows);

    // Another department's reviewer counts only what its own figures count: its department's.
    const market = t.demo.offices['county-410122-market'];
    const mine = await section('reviewer-market', 'approvals', `from=${from}&to=${to}&groupBy=office`);
    expect(mine.rows.map((r) => r.key)).toEqual([String(market)]);
    expect(mine.rows[0].values).toEqual(byOffice.rows.find((r) => r.key === String(market))!.values);
    expect(mine.total.values.received).toBeLessThan(byOffice.total.values.received as number);
    await expectDrillDownsCount('reviewer-market', [...mine.rows, mine.total]);
    // Narrowed to one department's subtree.
    const scoped = await section('zhongmu-leader', 'approvals', `from=${from}&to=${to}&groupBy=item&scope=${market}`);
    expect(scoped.total.values).toEqual(mine.rows[0].values);
  });

  it('gives the visit figures as the visits module counts them, per department and month, each drilling down to the visits it counted', async () => {
    const year = Number(to.slice(0, 4));
    const own = await json<{ rows: { officeId: number; month: string; visits: number; lastYear: number; lateFilings: number }[] }>('leader', `/api/visits/figures?year=${year}`);
    const inPeriod = own.rows.filter((r) => r.month >= from && r.month <= to);
    const byOffice = await section('leader', 'visits', `from=${from}&to=${to}&groupBy=office`);
    for (const row of byOffice.rows) {
      const mine = inPeriod.filter((r) => String(r.officeId) === row.key);
      expect(row.values.visits, row.name).toBe(mine.reduce((s, r) => s + r.visits, 0));
      expect(row.values.lastYear, row.name).toBe(mine.reduce((s, r) => s + r.lastYear, 0));
    }
    expect(byOffice.total.values.visits).toBe(inPeriod.reduce((s, r) => s + r.visits, 0));
    expect(byOffice.total.values.lateFilings).toBeGreaterThan(0);
    expect(await expectDrillDownsCount('leader', [...byOffice.rows, byOffice.total])).toBeGreaterThan(7);
    const byMonth = await section('leader', 'visits', `from=${from}&to=${to}&groupBy=month`);
    expect(byMonth.rows.map((r) => r.key)).toEqual([...new Set(inPeriod.map((r) => r.month))].sort());
    await expectDrillDownsCount('leader', byMonth.rows);
  });

  it('gives the inspection figures as the inspections module counts them, the task figures drilling down to the department\'s tasks', async () => {
    const year = Number(to.slice(0, 4));
    const [total, ...rows] = await json<{ officeId: number | null; tasks: number; targetsDrawn: number; publishedOnTime: number }[]>('handler', `/api/inspection-figures?year=${year}`);
    const table = await section('handler', 'inspections', `from=${year}-01&to=${year}-12`);
    expect(table.groupBy).toBe('office');
    expect(table.rows.map((r) => r.key)).toEqual(rows.map((r) => String(r.officeId)));
    expect(table.total.values).toMatchObject({ tasks: total.tasks, targetsDrawn: total.targetsDrawn, publishedOnTime: total.publishedOnTime });
    expect(table.total.values.tasks).toBeGreaterThan(0);
    expect(await expectDrillDownsCount('handler', table.rows)).toBeGreaterThan(0);
  });

  it('writes a section as a workbook with the same rows', async () => {
    const table = await section('zhongmu-leader', 'approvals', `from=${from}&to=${to}&groupBy=office`);
    const res = await get('zhongmu-leader', `/api/evaluation/sections/approvals?from=${from}&to=${to}&groupBy=office&format=xlsx`);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(1).value).toBe('部门');
    expect(ws.getRow(2).getCell(2).value).toBe('收件');
    const written = [...table.rows, table.total].map((_, i) => [ws.getRow(3 + i).getCell(1).value, ws.getRow(3 + i).getCell(2).value, ws.getRow(3 + i).getCell(6).value]);
    expect(written).toEqual([...table.rows, table.total].map((r) => [r.name, r.values.received, r.values.completedWithinCommitted]));
    expect(ws.rowCount).toBe(2 + table.rows.length + 1);
  });

  it('refuses malformed requests with a bilingual 4xx and nothing else', async () => {
    const other = t.demo.offices['county-410108'];
    const cases: [string, number, string?][] = [
      [`/api/evaluation/sections/planets?from=${from}&to=${to}`, 404, 'not_found'],
      [`/api/evaluation/sections/approvals?from=${from}&to=${to}&groupBy=planet`, 400],
      [`/api/evaluation/sections/inspections?from=${from}&to=${to}&groupBy=month`, 400, 'invalid_group_by'],
      [`/api/evaluation/sections/approvals?from=2026-13&to=${to}`, 400],
      [`/api/evaluation/sections/approvals?from=${to}&to=2020-01`, 400, 'invalid_period'],
      [`/api/evaluation/sections/approvals?from=1900-01&to=2099-12`, 400, 'period_too_long'],
      [`/api/evaluation/sections/approvals?to=${to}`, 400],
      [`/api/evaluation/sections/approvals?from=${from}&to=${to}&format=pdf`, 400],
      [`/api/evaluation/sections/approvals?from=${from}&to=${to}&scope=${other}`, 404],
      [`/api/evaluation/sections/approvals?from=${from}&to=${to}&scope=0`, 400],
      [`/api/evaluation/sections/approvals?from=${from}&to=${to}&extra=1`, 400],
      [`/api/evaluation/sections/${'x'.repeat(300)}?from=${from}&to=${to}`, 400],
      ['/api/applications?figure=completedWithinEverything', 400],
      ['/api/visits?monthFrom=2026-00', 400],
      ['/api/inspection-tasks?leadOfficeId=0', 400],
    ];
    for (const [url, status, code] of cases) {
      const res = await get('zhongmu-leader', url);
      expect(res.statusCode, url).toBe(status);
      const error = res.json().error;
      expect(error, url).toMatchObject({ messageZh: expect.any(String), messageEn: expect.any(String) });
      if (code) expect(error.code, url).toBe(code);
    }
  });
});
