import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { sql, queryRows } from '../platform/db/engine.js';
import { DEFAULT_OFFICE_HOURS, toLocalDate } from '../calendar/rules.js';
import { FIGURES, type FigureRow, type FigureTable, type PublishedList, type Ranking } from './contract.js';
import { ensureCaseFigures, foldFigureDeltas, rebuildRollups } from './rollups.js';
import { weekStart } from './rules.js';
import { beijingToday } from '../platform/dates.js';

const thisMonth = () => toLocalDate(new Date(), DEFAULT_OFFICE_HOURS).slice(0, 7);
const lastMonth = () => {
  const [y, m] = thisMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

const complaint = (title: string, regionCode = '411700') => ({
  channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理。`, regionCode, requester: { kind: 'person', name: '陈先生', phone: '13812345678' },
});

describe.each(ENGINES)('evaluation figures, ranking and lists on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise', 'admin']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const get = async <T>(role: string, url: string, expected = 200): Promise<T> => {
    const res = await t.request('GET', url, { cookie: as[role] });
    expect(res.statusCode, `${role} GET ${url}: ${res.body}`).toBe(expected);
    return res.json() as T;
  };
  const act = async (role: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const current = (await t.request('GET', `/api/cases/${id}`, { cookie: as[role] })).json();
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[role], body: { version: current.version, ...body } });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(200);
    return res.json();
  };
  const take = async (key: string, body: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/cases', { cookie: as.agent, body });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };
  const rowOf = (table: FigureTable, key: string | number) => table.rows.find((r) => r.key === String(key));

  it('counts each case where it belongs as it moves through the loop, from the events', async () => {
    const o = t.demo.offices;
    await take('done', complaint('农贸市场缺斤短两'));
    await act('dispatcher', ids.done, 'dispatch', { leadOfficeId: o['zmd-dept-0'] });
    await act('handler', ids.done, 'sign');
    await act('handler', ids.done, 'reply', { reply: '已立案查处。' });
    await act('dispatcher', ids.done, 'review', { decision: 'accept' });
    await act('agent', ids.done, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    await act('agent', ids.done, 'close');
    await take('answered', { ...complaint('营业执照怎么办'), type: 'consultation' });
    await act('agent', ids.answered, 'answer', { answer: '可在政务服务网办理。' });
    await take('county', complaint('西平县小区路灯不亮', '411721'));
    await act('dispatcher', ids.county, 'dispatch', { leadOfficeId: o['county-411721'] });
    await take('moved', complaint('占道经营'));
    await act('dispatcher', ids.moved, 'dispatch', { leadOfficeId: o['zmd-dept-0'] });
    await act('dispatcher', ids.moved, 'transfer', { toOfficeId: o['zmd-dept-6'], reason: '属城管职责' });
    await take('duplicate', complaint('农贸市场缺斤短两（再次来电）'));
    await act('agent', ids.duplicate, 'merge', { intoCaseId: ids.done });

    const m = thisMonth();
    const table = await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`);
    expect(table.total.counts).toEqual({
      received: 5, merged: 1, answered: 1, dispatched: 3, transferred: 1, signed: 1, signedOnTime: 1, completed: 2, completedOnTime: 2,
      overdue: 0, returned: 0, extended: 0, reopened: 0, visited: 1, resolved: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0,
    });
    expect(table.total.rates).toMatchObject({ responseRate: 1 / 3, completionRate: 0.5, onTimeRate: 1, visitRate: 0.5, resolutionRate: 1, satisfactionRate: 1 });
    // Each office's row covers its subtree: the centre has everything, each department only what it leads now.
    expect(rowOf(table, o['zmd-centre'])!.counts.received).toBe(5);
    expect(rowOf(table, o['zmd-dept-0'])!.counts).toMatchObject({ received: 1, completed: 1, satisfied: 1 });
    expect(rowOf(table, o['zmd-dept-6'])!.counts).toMatchObject({ received: 1, dispatched: 1, transferred: 1 });
    expect(rowOf(table, o['county-411721'])!.counts).toMatchObject({ received: 1, dispatched: 1, signed: 0 });
    expect(rowOf(table, o['county-411721'])!.parentKey).toBe(String(o['zmd-centre']));

    const regions = await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=region`);
    expect(rowOf(regions, '411700')!.counts.received).toBe(5);
    expect(rowOf(regions, '411721')).toMatchObject({ parentKey: '411700', counts: expect.objectContaining({ received: 1 }) });
    const channels = await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=channel`);
    expect(channels.rows.map((r) => [r.key, r.counts.received])).toEqual([['hotline', 5]]);
    const months = await get<FigureTable>('leader', `/api/evaluation/figures?from=${lastMonth()}&to=${m}&by=month`);
    expect(months.rows.map((r) => [r.key, r.counts.received])).toEqual([[lastMonth(), 0], [m, 5]]);
  });

  it('drills down from a figure to exactly the cases it counts', async () => {
    const m = thisMonth();
    const list = async (q: string) => (await get<{ items: { id: number }[]; total: number }>('leader', `/api/cases?monthFrom=${m}&monthTo=${m}&pageSize=100&${q}`));
    expect((await list('figure=completed')).items.map((i) => i.id).sort()).toEqual([ids.done, ids.answered].sort());
    expect((await list('figure=transferred')).items.map((i) => i.id)).toEqual([ids.moved]);
    expect((await list(`figure=dispatched&responsibleOfficeId=${t.demo.offices['zmd-dept-0']}`)).items.map((i) => i.id)).toEqual([ids.done]);
    expect((await list('figure=received&regionCode=411721')).total).toBe(1);
    expect((await get<{ total: number }>('leader', `/api/cases?figure=received&monthFrom=${lastMonth()}&monthTo=${lastMonth()}`)).total).toBe(0);
    expect((await t.request('GET', '/api/cases?figure=bogus', { cookie: as.leader })).statusCode).toBe(400);
  });

  it('gives the dashboard in one answer and the weekly trend', async () => {
    const m = thisMonth();
    const d = await get<{ total: FigureRow; trend: { received: number; completed: number }[]; offices: FigureRow[]; regions: FigureRow[]; topCategories: FigureRow[]; channels: FigureRow[]; overdueNowTotal: number }>(
      'leader', `/api/evaluation/dashboard?from=${lastMonth()}&to=${m}`);
    expect(d.total.counts.received).toBe(5);
    expect(d.trend.reduce((n, p) => n + p.received, 0)).toBe(5);
    expect(d.trend.reduce((n, p) => n + p.completed, 0)).toBe(2);
    // The trend ends with this week (Beijing's Monday), not with the weeks left in the month.
    const monday = weekStart(beijingToday());
    expect((d.trend as unknown as { weekStart: string }[]).at(-1)!.weekStart).toBe(monday);
    expect(d.offices.map((r) => r.key)).toContain(String(t.demo.offices['county-411721']));
    expect(d.offices.map((r) => r.key)).not.toContain(String(t.demo.offices['zmd-centre']));
    expect(d.channels[0]).toMatchObject({ key: 'hotline', counts: expect.objectContaining({ received: 5 }) });
    expect(d.overdueNowTotal).toBe(0);
  });

  it('keeps the same figures after folding the deltas and after a rebuild from the events', async () => {
    const m = thisMonth();
    const before = await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`);
    const folded = await foldFigureDeltas(t.database.db);
    expect(folded.monthRows).toBeGreaterThan(0);
    const [{ pending }] = await queryRows<{ pending: number }>(t.database.db, sql`select count(*)::int as pending from figure_month_deltas`);
    expect(pending).toBe(0);
    expect(await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`)).toEqual(before);
    const rebuilt = await rebuildRollups(t.database.db);
    expect(rebuilt.cases).toBe(5);
    expect(await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`)).toEqual(before);
    // A database upgraded from before the figures existed gets them on its next start.
    expect(await ensureCaseFigures(t.database.db)).toBeNull();
    await t.database.db.execute(sql`truncate case_figures, figure_month, figure_month_deltas, figure_day, figure_day_deltas`);
    expect((await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`)).total.counts.received).toBe(0);
    expect(await ensureCaseFigures(t.database.db)).toMatchObject({ cases: 5 });
    expect(await get<FigureTable>('leader', `/api/evaluation/figures?from=${m}&to=${m}&by=office`)).toEqual(before);
  });

  it('scopes figures to the reader\'s office subtree and refuses those who do not read them', async () => {
    const o = t.demo.offices;
    const created = await t.request('POST', '/api/users', {
      cookie: as.admin, body: { username: `county-leader-${engine}`, name: '西平县领导', password: 'County-leader-2026', roles: ['leader'], officeId: o['county-411721'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const county = await t.login(`county-leader-${engine}`, 'County-leader-2026');
    const m = thisMonth();
    const own = (await t.request('GET', `/api/evaluation/figures?from=${m}&to=${m}&by=office`, { cookie: county })).json() as FigureTable;
    expect(own.total.counts.received).toBe(1);
    expect(own.rows.map((r) => r.key)).not.toContain(String(o['zmd-dept-0']));
    for (const url of [`/api/evaluation/figures?from=${m}&to=${m}&by=office&scope=${o['zmd-centre']}`, `/api/evaluation/ranking?month=${m}&scope=${o['zmd-centre']}`]) {
      expect((await t.request('GET', url, { cookie: county })).statusCode).toBe(404);
    }
    expect((await t.request('GET', `/api/cases?figure=received&monthFrom=${m}&monthTo=${m}`, { cookie: county })).json().total).toBe(1);
    for (const role of ['handler', 'agent', 'enterprise']) {
      const res = await t.request('GET', `/api/evaluation/dashboard?from=${m}&to=${m}`, { cookie: as[role] });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.messageZh).toContain('领导');
    }
    expect((await t.request('GET', `/api/evaluation/figures?from=${m}&to=${m}&by=office`)).statusCode).toBe(401);
    expect((await t.request('GET', `/api/evaluation/figures?from=${m}&to=2020-01&by=office`, { cookie: as.leader })).json().error.code).toBe('invalid_period');
    expect((await t.request('GET', `/api/evaluation/figures?from=2026-13&to=2026-12&by=office`, { cookie: as.leader })).statusCode).toBe(400);
  });

  it('changes the settings with the version read (409 when stale), only for an administrator or a leader', async () => {
    const s = await get<{ version: number; weights: Record<string, number>; minimumCases: number }>('leader', '/api/evaluation/settings');
    expect(s).toMatchObject({ weights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 }, minimumCases: 10, listSize: 5 });
    const body = { version: s.version, weights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 }, basicallySatisfiedWeight: 1, minimumCases: 1, listSize: 1 };
    expect((await t.request('PUT', '/api/evaluation/settings', { cookie: as.supervisor, body })).statusCode).toBe(403);
    const ok = await t.request('PUT', '/api/evaluation/settings', { cookie: as.leader, body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.request('PUT', '/api/evaluation/settings', { cookie: as.leader, body })).statusCode).toBe(409);
    expect((await t.request('PUT', '/api/evaluation/settings', { cookie: as.leader, body: { ...body, version: ok.json().version, weights: {} } })).json().error.code).toBe('no_weights');
  });

  it('ranks the month within peer groups, exports it, publishes a finished month once and corrects it only with a reason', async () => {
    const m = thisMonth();
    const live = await get<Ranking>('leader', `/api/evaluation/ranking?month=${m}`);
    expect(live.scopeOfficeId).toBe(t.demo.offices['zmd-centre']);
    const departments = live.groups.find((g) => g.peerGroup === 'department')!.offices;
    expect(departments.find((d) => d.officeId === t.demo.offices['zmd-dept-0'])).toMatchObject({ rank: 1, score: 100, caseCount: 1 });
    const counties = live.groups.find((g) => g.peerGroup === 'county')!.offices;
    expect(counties.find((d) => d.officeId === t.demo.offices['county-411721'])).toMatchObject({ rank: expect.any(Number) });
    expect(counties.filter((c) => c.caseCount === 0).every((c) => c.unrankedReason === 'too_few_cases')).toBe(true);

    const xlsx = await t.request('GET', `/api/evaluation/ranking?month=${m}&format=xlsx`, { cookie: as.leader });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('考评排名'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['排名', '单位', '得分', '响应率', '满意率']));
    expect(ws.rowCount).toBe(2 + live.groups.reduce((n, g) => n + g.offices.length, 0));
    const csv = await t.request('GET', `/api/evaluation/figures?from=${m}&to=${m}&by=office&format=csv`, { cookie: as.leader });
    expect(csv.body.startsWith('\uFEFF单位,受理量')).toBe(true);
    expect(csv.body).toContain('33.33%');

    const early = await t.request('POST', '/api/evaluation/lists', { cookie: as.leader, body: { month: m } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('month_not_over');
    expect((await t.request('POST', '/api/evaluation/lists', { cookie: as.handler, body: { month: lastMonth() } })).statusCode).toBe(403);
    const first = await t.request('POST', '/api/evaluation/lists', { cookie: as.supervisor, body: { month: lastMonth() } });
    expect(first.statusCode, first.body).toBe(201);
    const v1 = first.json() as PublishedList;
    expect(v1).toMatchObject({ version: 1, reason: null, month: lastMonth(), scopeOfficeName: '驻马店市12345政务服务便民热线中心' });
    const again = await t.request('POST', '/api/evaluation/lists', { cookie: as.leader, body: { month: lastMonth() } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.messageZh).toContain('更正须说明理由');
    const v2 = await t.request('POST', '/api/evaluation/lists', { cookie: as.leader, body: { month: lastMonth(), reason: '更正：补录漏统计的工单' } });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, reason: '更正：补录漏统计的工单' });

    // Published lists never change, whatever is run against the table.
    await expect(t.database.db.execute(sql`update evaluation_lists set reason = 'x' where id = ${v1.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from evaluation_lists where id = ${v1.id}`)).rejects.toThrow();

    // The public sees every version without logging in, and nothing unpublished.
    const pub = await t.request('GET', '/api/public/evaluation/lists');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().map((l: { version: number }) => l.version)).toEqual([2, 1]);
    const one = (await t.request('GET', `/api/public/evaluation/lists/${v1.id}`)).json() as PublishedList;
    expect(one.ranking.month).toBe(lastMonth());
    expect((await t.request('GET', '/api/public/evaluation/lists/999999')).statusCode).toBe(404);
    const file = await t.request('GET', `/api/evaluation/lists/${v1.id}?format=xlsx`, { cookie: as.leader });
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('computes every figure column in the rollup (the migration and the figure list agree)', async () => {
    const cols = await queryRows<{ column_name: string }>(t.database.db, sql`select column_name from information_schema.columns where table_name = 'figure_month' order by ordinal_position`);
    expect(cols.map((c) => c.column_name).slice(7)).toEqual(FIGURES.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  });
});
