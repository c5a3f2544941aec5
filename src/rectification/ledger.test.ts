import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import { toLocalDate } from '../calendar/rules.js';
import { verifyCaseChains } from '../cases/verify.js';
import { addDays, isoWeekOf } from './rules.js';

const HEADERS = ['序号', '诉求编号', '企业名称', '统一社会信用代码', '问题描述', '主办单位', '整改措施', '责任人', '整改时限', '整改状态', '最新进展', '进展日期', '办理状态'];
const PASSWORD = 'Ledger-test-2026';
const OTHER_USCC = (() => {
  const first17 = '91411702MA9GQ8K3X';
  return first17 + usccCheckCharacter(first17)!;
})();

const appeal = {
  channel: 'enterprise_portal', type: 'help', title: '新厂房消防验收材料不清楚', content: '新建厂房申请消防验收，需提交哪些材料、多长时间办结不清楚，项目已停滞两周。',
  regionCode: '411702', requester: { kind: 'enterprise', name: '驻马店示范企业' },
};

describe.each(ENGINES)('enterprise problem ledger on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const today = toLocalDate(new Date());
  const deadline = addDays(today, 30);

  beforeAll(async () => {
    t = await startTestApp(engine);
    const admin = operatorActor();
    await createUser(t.database.db, admin, { username: 'handler1', password: PASSWORD, name: '周承办', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'], mustChangePassword: false });
    await createUser(t.database.db, admin, { username: 'enterprise2', password: PASSWORD, name: '另一家企业', officeId: null, roles: ['enterprise'], enterpriseUscc: OTHER_USCC, mustChangePassword: false });
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) as[role] = await t.login(role);
    as.handler1 = await t.login('handler1', PASSWORD);
    as.enterprise2 = await t.login('enterprise2', PASSWORD);
  });
  afterAll(() => t.close());

  const call = async (role: string, method: string, url: string, body?: unknown, expected = 200) => {
    const res = await t.request(method, url, { cookie: as[role], body });
    expect(res.statusCode, `${role} ${method} ${url}: ${res.body}`).toBe(expected);
    return res;
  };
  const caseVersion = async (id: number) => (await call('dispatcher', 'GET', `/api/cases/${id}`)).json().version as number;
  const act = async (role: string, id: number, action: string, body: Record<string, unknown> = {}) =>
    (await call(role, 'POST', `/api/cases/${id}/${action}`, { version: await caseVersion(id), ...body })).json();

  /** An enterprise appeal through the portal, dispatched to 市场监督管理局 (zmd-dept-0). */
  const dispatchedAppeal = async (over: Record<string, unknown> = {}, by = 'enterprise') => {
    const { id } = (await call(by, 'POST', '/api/cases', { ...appeal, ...over }, 201)).json();
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    return id as number;
  };
  const plan = { measures: '安排专人一对一辅导消防验收材料，开通绿色通道并联审查', responsiblePerson: '张科长', deadline };

  it('carries an enterprise appeal from plan through weekly progress to the ledger, its exports and the case timeline', async () => {
    const id = await dispatchedAppeal();
    let r = (await call('handler', 'GET', `/api/cases/${id}/rectification`)).json();
    expect(r).toMatchObject({ applicable: true, plan: null, progress: [], actions: { editPlan: true, addProgress: false } });

    r = (await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201)).json();
    expect(r.plan).toMatchObject({ ...plan, responsibleOfficeId: t.demo.offices['zmd-dept-0'], responsibleOfficeName: '驻马店市市场监督管理局', status: 'planned', ledgerStatus: 'planned', daysOverdue: 0, version: 1 });
    await act('handler', id, 'sign');

    r = (await call('handler', 'POST', `/api/cases/${id}/rectification/progress`, { note: '第一次：已上门核对材料清单，企业补齐图纸' }, 201)).json();
    expect(r.plan).toMatchObject({ status: 'in_progress', version: 2 });
    r = (await call('supervisor', 'POST', `/api/cases/${id}/rectification/progress`, { note: '请本周内完成联合审查' }, 201)).json();
    expect(r.progress[0]).toMatchObject({ kind: 'supervision', authorName: 'supervisor' });
    r = (await call('handler', 'POST', `/api/cases/${id}/rectification/progress`, { note: '联合审查已完成，待现场验收', week: today }, 201)).json();
    expect(r.progress.map((p: { note: string }) => p.note)).toEqual(['联合审查已完成，待现场验收', '请本周内完成联合审查', '第一次：已上门核对材料清单，企业补齐图纸']);
    expect(r.progress[0]).toMatchObject({ kind: 'progress', week: isoWeekOf(today), authorName: 'handler', authorOfficeName: '驻马店市市场监督管理局' });
    expect(r.plan.version).toBe(2);

    for (const role of ['handler', 'dispatcher', 'leader']) {
      const ledger = (await call(role, 'GET', '/api/ledger')).json();
      const item = ledger.items.find((i: { caseId: number }) => i.caseId === id);
      expect(item, role).toMatchObject({
        title: appeal.title, caseStatus: 'handling', leadOfficeName: '驻马店市市场监督管理局',
        enterprise: { name: '驻马店示范企业', uscc: '91411702MA9GQ7K3X9' },
        plan: { measures: plan.measures, responsiblePerson: '张科长', deadline, ledgerStatus: 'in_progress' },
        ledgerStatus: 'in_progress', daysOverdue: 0,
        latestProgress: { note: '联合审查已完成，待现场验收', date: today, week: isoWeekOf(today), kind: 'progress' },
      });
    }
    const ids = async (query: string) => (await call('dispatcher', 'GET', `/api/ledger?${query}`)).json().items.map((i: { caseId: number }) => i.caseId);
    expect(await ids(`officeId=${t.demo.offices['zmd-dept-0']}`)).toContain(id);
    expect(await ids(`officeId=${t.demo.offices['zmd-dept-1']}`)).not.toContain(id);
    expect(await ids('status=in_progress,overdue')).toContain(id);
    expect(await ids('status=none')).not.toContain(id);
    expect(await ids(`q=${encodeURIComponent('示范企业')}`)).toContain(id);
    expect(await ids(`q=${encodeURIComponent('张科长')}`)).toContain(id);
    expect(await ids(`from=${addDays(today, 1)}`)).not.toContain(id);
    expect(await ids(`from=${today}&to=${today}`)).toContain(id);
    expect((await call('dispatcher', 'GET', '/api/ledger?status=late', undefined, 400)).json().error.code).toBe('invalid_status');
    expect((await call('dispatcher', 'GET', '/api/ledger?from=2026-02-30', undefined, 400)).json().error.code).toBe('invalid_date');

    const events = (await call('dispatcher', 'GET', `/api/cases/${id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'rectification-plan', 'sign', 'rectification-progress', 'rectification-progress', 'rectification-progress']);
    expect(events[2]).toMatchObject({ actorName: 'handler', fromStatus: 'dispatched', toStatus: 'dispatched', data: { op: 'create', planVersion: 1, measures: plan.measures, deadline } });
    expect(events[4].data).toMatchObject({ kind: 'progress', planStatus: { from: 'planned', to: 'in_progress' } });
    expect(await verifyCaseChains(t.database.db)).toMatchObject({ ok: true });

    const xlsx = await call('dispatcher', 'GET', `/api/ledger.xlsx?officeId=${t.demo.offices['zmd-dept-0']}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('企业问题整改台账')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toContain(today);
    expect(String(ws.getCell('A1').value)).toContain(today);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(7).width).toBeGreaterThan(ws.getColumn(1).width!);
    const row = ws.getRows(3, ws.rowCount - 2)!.find((x) => x.getCell(2).value === r.caseCode)!;
    expect(row, 'the case row').toBeDefined();
    expect(row.getCell(3).value).toBe('驻马店示范企业');
    expect(row.getCell(4).value).toBe('91411702MA9GQ7K3X9');
    expect(row.getCell(5).value).toBe(appeal.title);
    expect(row.getCell(6).value).toBe('驻马店市市场监督管理局');
    expect(row.getCell(7).value).toBe(plan.measures);
    expect(row.getCell(8).value).toBe('张科长（驻马店市市场监督管理局）');
    expect((row.getCell(9).value as Date).toISOString().slice(0, 10)).toBe(deadline);
    expect(row.getCell(10).value).toBe('整改中');
    expect(row.getCell(11).value).toBe('联合审查已完成，待现场验收');
    expect((row.getCell(12).value as Date).toISOString().slice(0, 10)).toBe(today);
    expect(row.getCell(13).value).toBe('办理中');

    const csv = await call('dispatcher', 'GET', '/api/ledger.csv?status=in_progress');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(HEADERS.join(','));
    expect(lines.some((l) => l.includes(r.caseCode) && l.includes('驻马店示范企业') && l.includes('联合审查已完成'))).toBe(true);
  });

  it('refuses a stale plan version, a second creation and a version for a plan that does not exist (409)', async () => {
    const id = await dispatchedAppeal();
    expect((await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1 }, 409)).json().error.code).toBe('rectification_absent');
    await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201);
    const changed = (await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1, deadline: addDays(deadline, 10), responsiblePerson: '李股长' })).json();
    expect(changed.plan).toMatchObject({ version: 2, responsiblePerson: '李股长', deadline: addDays(deadline, 10) });
    const stale = await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1 }, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expect((await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 409)).json().error.code).toBe('rectification_exists');
    const events = (await call('handler', 'GET', `/api/cases/${id}/events`)).json().items.filter((e: { action: string }) => e.action === 'rectification-plan');
    expect(events).toHaveLength(2);
    expect(events[1].data).toMatchObject({ op: 'update', changes: { deadline: { from: deadline, to: addDays(deadline, 10) }, responsiblePerson: { from: '张科长', to: '李股长' } } });
    // Unchanged input writes nothing.
    const same = (await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 2, deadline: addDays(deadline, 10), responsiblePerson: '李股长' })).json();
    expect(same.plan.version).toBe(2);
    // Marking it done records when; it then reads as done.
    const done = (await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 2, deadline: addDays(deadline, 10), responsiblePerson: '李股长', status: 'done' })).json();
    expect(done.plan).toMatchObject({ status: 'done', ledgerStatus: 'done', version: 3, completedAt: expect.any(String) });
  });

  it('hides the plan from a handler of another office (404) and from another enterprise, and shows the enterprise its own without supervision notes', async () => {
    const id = await dispatchedAppeal();
    await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201);
    await call('handler', 'POST', `/api/cases/${id}/rectification/progress`, { note: '已完成材料预审' }, 201);
    await call('supervisor', 'POST', `/api/cases/${id}/rectification/progress`, { note: '内部督办：请加快进度' }, 201);

    expect((await call('handler1', 'GET', `/api/cases/${id}/rectification`, undefined, 404)).json().error.code).toBe('not_found');
    await call('handler1', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1 }, 404);
    await call('handler1', 'POST', `/api/cases/${id}/rectification/progress`, { note: 'x' }, 404);
    expect((await call('handler1', 'GET', '/api/ledger')).json().items.map((i: { caseId: number }) => i.caseId)).not.toContain(id);

    const own = (await call('enterprise', 'GET', `/api/cases/${id}/rectification`)).json();
    expect(own).toMatchObject({ plan: { measures: plan.measures, responsiblePerson: '张科长', deadline }, actions: { editPlan: false, addProgress: false } });
    expect(own.progress.map((p: { note: string }) => p.note)).toEqual(['已完成材料预审']);
    const ownLedger = (await call('enterprise', 'GET', '/api/ledger')).json().items.find((i: { caseId: number }) => i.caseId === id);
    expect(ownLedger.latestProgress.note).toBe('已完成材料预审');
    await call('enterprise', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1 }, 403);
    await call('enterprise', 'POST', `/api/cases/${id}/rectification/progress`, { note: '我们已补交材料' }, 403);

    await call('enterprise2', 'GET', `/api/cases/${id}/rectification`, undefined, 404);
    expect((await call('enterprise2', 'GET', '/api/ledger')).json().items.map((i: { caseId: number }) => i.caseId)).not.toContain(id);
    const csv = (await call('enterprise2', 'GET', '/api/ledger.csv')).body;
    expect(csv).not.toContain(plan.measures);

    const dispatcherTry = await call('dispatcher', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1 }, 403);
    expect(dispatcherTry.json().error.messageZh).toContain('承办人');
    await call('leader', 'POST', `/api/cases/${id}/rectification/progress`, { note: 'x' }, 403);
  });

  it('refuses a plan outside dispatched…reviewed and progress once closed (409 naming the status), and cases that are not an enterprise\'s', async () => {
    const { id: accepted } = (await call('enterprise', 'POST', '/api/cases', appeal, 201)).json();
    await call('dispatcher', 'GET', `/api/cases/${accepted}/rectification`);
    // Not yet dispatched: the handler does not see it at all.
    await call('handler', 'PUT', `/api/cases/${accepted}/rectification`, plan, 404);

    const id = await dispatchedAppeal();
    await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201);
    // (The return succeeds, but the cases route answers 404: after it the handler can no longer see the case.)
    await t.request('POST', `/api/cases/${id}/return`, { cookie: as.handler, body: { version: await caseVersion(id), reason: '不属于本单位职责' } });
    expect((await call('dispatcher', 'GET', `/api/cases/${id}`)).json().status).toBe('accepted');
    await call('handler', 'GET', `/api/cases/${id}/rectification`, undefined, 404);
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    await act('handler', id, 'sign');
    await act('handler', id, 'reply', { reply: '已辅导企业完成消防验收。' });
    await act('dispatcher', id, 'review', { decision: 'accept' });
    await act('agent', id, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    await act('agent', id, 'close');
    const late = await call('handler', 'PUT', `/api/cases/${id}/rectification`, { ...plan, version: 1, status: 'done' }, 409);
    expect(late.json().error).toMatchObject({ code: 'wrong_status', details: { status: 'closed' } });
    expect(late.json().error.messageZh).toContain('已办结');
    expect(late.json().error.messageEn).toContain('closed');
    const progress = await call('supervisor', 'POST', `/api/cases/${id}/rectification/progress`, { note: '回访后跟踪' }, 409);
    expect(progress.json().error.messageZh).toContain('已办结');

    const person = (await call('agent', 'POST', '/api/cases', { channel: 'hotline', type: 'complaint', title: '噪音', content: '夜间施工噪音', regionCode: '411702', requester: { kind: 'person', name: '陈先生', phone: '13812345678' } }, 201)).json();
    await act('dispatcher', person.id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    expect((await call('handler', 'PUT', `/api/cases/${person.id}/rectification`, plan, 409)).json().error.code).toBe('not_enterprise_case');
    expect((await call('handler', 'GET', `/api/cases/${person.id}/rectification`)).json()).toMatchObject({ applicable: false, plan: null });
    expect((await call('dispatcher', 'GET', '/api/ledger')).json().items.map((i: { caseId: number }) => i.caseId)).not.toContain(person.id);
  });

  it('lets exactly one of two simultaneous plan changes win; the other gets 409 and the timeline holds one event each', async () => {
    const id = await dispatchedAppeal();
    const second = await t.login('handler');
    const creates = await Promise.all([as.handler, second].map((cookie) => t.request('PUT', `/api/cases/${id}/rectification`, { cookie, body: plan })));
    expect(creates.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const updates = await Promise.all([as.handler, second].map((cookie, i) =>
      t.request('PUT', `/api/cases/${id}/rectification`, { cookie, body: { ...plan, version: 1, responsiblePerson: `责任人${i}` } })));
    expect(updates.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const notes = await Promise.all(['甲', '乙', '丙'].map((n) => t.request('POST', `/api/cases/${id}/rectification/progress`, { cookie: as.handler, body: { note: n } })));
    expect(notes.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const events = (await call('handler', 'GET', `/api/cases/${id}/events`)).json().items;
    expect(events.filter((e: { action: string }) => e.action === 'rectification-plan')).toHaveLength(2);
    expect(events.filter((e: { action: string }) => e.action === 'rectification-progress')).toHaveLength(3);
    expect((await call('handler', 'GET', `/api/cases/${id}/rectification`)).json().plan).toMatchObject({ version: 3, status: 'in_progress' });
    expect(await verifyCaseChains(t.database.db)).toMatchObject({ ok: true });
  });

  it('checks its input: real dates, no past deadline, known fields, weeks in range, an office that answers to the case', async () => {
    const id = await dispatchedAppeal();
    const put = (body: Record<string, unknown>) => call('handler', 'PUT', `/api/cases/${id}/rectification`, body, 400);
    expect((await put({ ...plan, deadline: '2026-02-30' })).json().error.code).toBe('invalid_deadline');
    expect((await put({ ...plan, deadline: addDays(today, -1) })).json().error.code).toBe('deadline_in_past');
    expect((await put({ ...plan, extra: 1 })).json().error.code).toBe('invalid_request');
    expect((await put({ ...plan, measures: '   ' })).json().error.code).toBe('invalid_measures');
    expect((await put({ ...plan, responsibleOfficeId: t.demo.offices['zmd-dept-1'] })).json().error.code).toBe('responsible_office_outside');
    const en = await t.request('PUT', `/api/cases/${id}/rectification`, { cookie: as.handler, body: { ...plan, deadline: '2026-13-01' }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/deadline|format/);
    await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201);
    const post = (body: Record<string, unknown>) => call('handler', 'POST', `/api/cases/${id}/rectification/progress`, body, 400);
    expect((await post({ note: 'x', week: 'soon' })).json().error.code).toBe('invalid_week');
    expect((await post({ note: 'x', week: addDays(today, 7) })).json().error.code).toBe('week_in_future');
    expect((await post({ note: 'x', week: addDays(today, -14) })).json().error.code).toBe('week_before_case');
    expect((await post({ note: '' })).json().error.code).toBe('invalid_request');
  });

  it('lists overdue plans with their days overdue, in the ledger and its exports', async () => {
    const id = await dispatchedAppeal({ title: '反映某审批窗口材料反复退回' });
    await call('handler', 'PUT', `/api/cases/${id}/rectification`, plan, 201);
    // Time passes: the deadline is now five days behind us.
    await t.database.db.execute(sql`update rectifications set deadline = ${addDays(today, -5)}::date where subject_type = 'case' and subject_id = ${id}`);

    const handlerView = (await call('handler', 'GET', '/api/ledger?status=overdue')).json().items.find((i: { caseId: number }) => i.caseId === id);
    expect(handlerView).toMatchObject({ ledgerStatus: 'overdue', daysOverdue: 5, enterprise: { name: '驻马店示范企业', uscc: '91411702MA9GQ7K3X9' } });
    for (const role of ['dispatcher', 'handler']) {
      const csv = (await call(role, 'GET', '/api/ledger.csv?status=overdue')).body;
      const line = csv.split('\r\n').find((l) => l.includes('材料反复退回'))!;
      expect(line, role).toContain('已逾期（5天）');
      expect(line).toContain('驻马店示范企业');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await call(role, 'GET', '/api/ledger.xlsx?status=overdue')).rawPayload as never);
      const row = wb.worksheets[0].getRows(3, wb.worksheets[0].rowCount - 2)!.find((x) => x.getCell(5).value === '反映某审批窗口材料反复退回')!;
      expect(row.getCell(3).value).toBe('驻马店示范企业');
      expect(row.getCell(10).value).toBe('已逾期（5天）');
    }
  });

  it('gives a protected requester\'s case no ledger entry, for anyone: the ledger names its enterprises to every office reading it', async () => {
    const id = await dispatchedAppeal({ confidential: true, title: '反映某审批窗口吃拿卡要' });
    const refused = await t.request('PUT', `/api/cases/${id}/rectification`, { cookie: as.handler, body: plan });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.json().error.code).toBe('not_enterprise_case');
    expect(await queryRows(t.database.db, sql`select 1 from rectifications where subject_type = 'case' and subject_id = ${id}`)).toHaveLength(0);
    for (const role of ['handler', 'dispatcher', 'enterprise']) {
      expect((await call(role, 'GET', `/api/cases/${id}/rectification`)).json(), role).toMatchObject({ applicable: false, plan: null, enterprise: { name: null, uscc: null } });
      expect((await call(role, 'GET', '/api/ledger?pageSize=100')).json().items.map((i: { caseId: number }) => i.caseId), role).not.toContain(id);
    }
    for (const role of ['dispatcher', 'handler']) expect((await call(role, 'GET', '/api/ledger.csv')).body, role).not.toContain('吃拿卡要');
  });
});
