/**
 * Proactive governance end to end on both engines: a surge planted in the appeals is found by
 * the detection run (once, however often it runs), its scope's supervisors and leaders are told,
 * it is listed, charted and drilled into only within its office subtree, dismissed with a reason
 * or turned into a task; the task runs on the kernel (sign, notes, supervision, the monthly topic,
 * finish) with every denial answered, falls overdue on the working clock, and shows its effect
 * in the figure table and its workbook. Malformed input answers 4xx and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { sql, queryRows } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { officePaths } from '../offices/subtree.js';
import { createCase } from '../cases/commands/createCase.js';
import type { IntakeInput } from '../cases/contract.js';
import { workingCalendar } from '../calendar/store.js';
import { addWorkingDays, toLocalDate } from '../calendar/rules.js';
import { endOfOfficeDay } from '../calendar/working-time.js';
import { verifyWorkItems } from '../audit/verify.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { loadProactiveConfig } from './config.js';
import { runDetection } from './detect.js';
import { sweepTasks } from './sweep.js';
import { mondayOf, weekOfDate } from './detection.js';

const DAY = 86_400_000;
const USCC = DEMO_ENTERPRISE_USCC;
const PASSWORD = 'Qx7!mPz#2kLw-proactive';

describe.each(ENGINES)('proactive governance on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  const now = new Date();
  const thisMonday = mondayOf(weekOfDate(toLocalDate(now)));
  let foodHotspot: number;
  let enterpriseHotspot: number;
  let taskId: number;

  const get = (who: string, url: string) => t.request('GET', url, { cookie: as[who] });
  const post = (who: string, url: string, body: unknown) => t.request('POST', url, { cookie: as[who], body });
  const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0].n;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const o = t.demo.offices;
    const admin = await t.login('admin');
    for (const [username, office, roles] of [['zz-supervisor', 'zz-centre', ['supervisor']], ['assist-handler', 'zmd-dept-1', ['handler']], ['other-handler', 'zmd-dept-2', ['handler']]] as const) {
      const res = await t.request('POST', '/api/users', { cookie: admin, body: { username, password: PASSWORD, name: username, officeId: o[office], roles } });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const u of ['agent', 'supervisor', 'leader', 'handler', 'enterprise']) as[u] = await t.login(u);
    for (const u of ['zz-supervisor', 'assist-handler', 'other-handler']) {
      as[u] = await t.login(u, PASSWORD);
      // A new account's password was set by the administrator: changed once before anything else.
      const changed = await t.request('POST', '/api/me/password', { cookie: as[u], body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-2` } });
      expect(changed.statusCode, changed.body).toBe(204);
    }

    const centre = o['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(t.database.db, [centre])).get(centre)! };
    const intake = (at: Date, input: Partial<IntakeInput>) => createCase(t.database.db, agent, {
      channel: 'hotline', type: 'complaint', title: '超市销售过期食品', content: '在超市买到过期食品，要求处理。', regionCode: '411702', categoryId: t.categories['market.food'],
      requester: { kind: 'person', name: '周先生', phone: '13903960001' }, ...input,
    }, { at });
    // A quiet history: one food-safety appeal a week for nine weeks, then nine this week.
    for (let k = 2; k <= 10; k++) await intake(new Date(now.getTime() - k * 7 * DAY), { requester: { kind: 'person', name: '历史', phone: `1390396${String(k).padStart(4, '0')}` } });
    for (let i = 0; i < 9; i++) await intake(new Date(now.getTime() - i * 60_000), { title: `过期食品 ${i}`, requester: { kind: 'person', name: `市民${i}`, phone: `1370396${String(i).padStart(4, '0')}` } });
    // One enterprise, five appeals this week; a sixth is a report, whose requester stays hidden and is never counted for the enterprise.
    const enterpriseCase = { categoryId: t.categories['market.price'], regionCode: '411721', title: '收费问题', content: '企业反映收费不合理。', requester: { kind: 'enterprise' as const, name: '某食品公司', uscc: USCC } };
    for (let i = 0; i < 5; i++) await intake(new Date(now.getTime() - i * 60_000), enterpriseCase);
    await intake(now, { ...enterpriseCase, type: 'report' });
    // Repeat callers: one phone three times about prices; a reporter three times too, whose phone never shows.
    for (let i = 0; i < 3; i++) {
      await intake(new Date(now.getTime() - i * DAY), { categoryId: t.categories['market.consumer'], regionCode: '411721', title: '退款', content: `网购退款难 ${i}`, requester: { kind: 'person', name: '王女士', phone: '13800000001' } });
      await intake(new Date(now.getTime() - i * DAY), { categoryId: t.categories['market.consumer'], regionCode: '411721', type: 'report', title: '举报', content: `举报 ${i}`, requester: { kind: 'person', name: '匿名', phone: '13900000002' } });
    }
  });
  afterAll(async () => t?.close());

  it('finds the planted surges once however often detection runs, keeping the most specific series, and tells the scope', async () => {
    const config = loadProactiveConfig({});
    const first = await runDetection(t.database.db, config, { force: true });
    expect(first.ran).toBe(true);
    const rows = await queryRows<{ id: number; kind: string; category_id: number | null; region_code: string | null; uscc: string | null; observed: number; week: string }>(t.database.db,
      sql`select id::int as id, kind, category_id, region_code, uscc, observed, to_char(week_start, 'YYYY-MM-DD') as week from hotspots order by id`);
    const food = rows.find((r) => r.kind === 'category_region' && r.category_id === t.categories['market.food']);
    expect(food).toMatchObject({ region_code: '411702', observed: 9, week: thisMonday });
    // Not again for the food category's parent, the city or the province: the county's series holds it.
    expect(rows.filter((r) => r.kind === 'category_region' && (r.category_id === null || r.region_code !== '411702') && r.observed === 9)).toEqual([]);
    const enterprise = rows.find((r) => r.kind === 'enterprise');
    expect(enterprise).toMatchObject({ uscc: USCC, observed: 5 });
    foodHotspot = food!.id;
    enterpriseHotspot = enterprise!.id;

    expect((await runDetection(t.database.db, config, { force: true })).created).toBe(0);
    expect(await runDetection(t.database.db, config)).toMatchObject({ ran: false });
    // Two processes' sweeps an interval after the forced runs (not after the test's start: set-up may take minutes on a busy machine): one claims the run, the other leaves it.
    const later = new Date(Date.now() + (config.intervalMinutes + 1) * 60_000);
    const both = await Promise.all([runDetection(t.database.db, config, { now: later }), runDetection(t.database.db, config, { now: later })]);
    expect(both.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(await count('hotspots')).toBe(rows.length);

    const notices = await queryRows<{ role: string; office: number; title: string }>(t.database.db,
      sql`select recipient_role as role, recipient_office_id as office, title_zh as title from notification_outbox where kind = 'hotspot.detect' and subject_id = ${foodHotspot}`);
    expect(notices.map((n) => n.role).sort()).toEqual(['leader', 'supervisor']);
    expect(notices.every((n) => n.office === t.demo.offices['zmd-centre'] && n.title.includes('9 件'))).toBe(true);
  });

  it('lists hotspots to the supervisors and leaders of their office subtree only, within the weeks asked', async () => {
    const listed = await get('supervisor', '/api/hotspots');
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = listed.json().items.find((h: { id: number }) => h.id === foodHotspot);
    expect(mine).toMatchObject({ kind: 'category_region', categoryName: '食品安全', regionCode: '411702', observed: 9, status: 'new', actions: ['dismiss', 'task'] });
    expect(mine.why.zh).toContain('受理 9 件');
    expect(mine.basis).toMatchObject({ method: 'recent', alpha: 0.001 });
    expect((await get('leader', `/api/hotspots?from=${thisMonday}&to=${thisMonday}`)).json().total).toBe(listed.json().total);
    expect((await get('leader', `/api/hotspots?to=${mondayOf(weekOfDate(thisMonday) - 1)}`)).json().total).toBe(0);
    expect((await get('supervisor', `/api/hotspots?scope=${t.demo.offices['zmd-centre']}`)).json().total).toBe(listed.json().total);

    expect((await get('zz-supervisor', '/api/hotspots')).json()).toEqual({ total: 0, items: [] });
    expect((await get('supervisor', `/api/hotspots?scope=${t.demo.offices['zz-centre']}`)).statusCode).toBe(404);
    for (const who of ['handler', 'agent', 'enterprise']) expect((await get(who, '/api/hotspots')).statusCode, who).toBe(403);
    for (const q of ['from=2026-13-01', 'to=yesterday', 'scope=abc', 'status=bogus', 'from=2026-12-02&to=2026-12-01', 'pageSize=1000', 'colour=red']) {
      const res = await get('supervisor', `/api/hotspots?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.messageZh).toBeTruthy();
    }
  });

  it('shows a hotspot with its trend and its cases to its watchers, and nothing of it elsewhere', async () => {
    const one = await get('supervisor', `/api/hotspots/${foodHotspot}`);
    expect(one.statusCode, one.body).toBe(200);
    const trend = one.json().trend as { weekStart: string; count: number; lastYear: number }[];
    expect(trend.at(-1)).toMatchObject({ weekStart: thisMonday, count: 9, lastYear: 0 });
    expect(trend.reduce((n, p) => n + p.count, 0)).toBe(18);
    const cases = await get('leader', `/api/hotspots/${foodHotspot}/cases`);
    expect(cases.json().total).toBe(9);
    expect(cases.json().items[0]).toMatchObject({ categoryId: t.categories['market.food'], regionCode: '411702' });
    expect((await get('leader', `/api/hotspots/${foodHotspot}/cases?week=${mondayOf(weekOfDate(thisMonday) - 2)}`)).json().total).toBe(1);
    expect((await get('leader', `/api/hotspots/${foodHotspot}/cases?week=2026-12-02`)).statusCode).toBe(400);
    // The enterprise's report is not among its cases.
    const enterpriseCases = (await get('supervisor', `/api/hotspots/${enterpriseHotspot}/cases`)).json();
    expect(enterpriseCases.total).toBe(5);
    expect(enterpriseCases.items.every((c: { type: string }) => c.type !== 'report')).toBe(true);
    for (const who of ['zz-supervisor', 'handler']) {
      expect((await get(who, `/api/hotspots/${foodHotspot}`)).statusCode, who).toBe(404);
      expect((await get(who, `/api/hotspots/${foodHotspot}/cases`)).statusCode, who).toBe(404);
    }
  });

  it('links a hotspot into the general case list, filtered to exactly its cases (an enterprise\'s report never among them)', async () => {
    for (const id of [foodHotspot, enterpriseHotspot]) {
      const hotspot = (await get('leader', `/api/hotspots/${id}`)).json();
      expect(hotspot.caseListQuery).toContain(`receivedFrom=${hotspot.weekStart}`);
      const listed = await get('leader', `/api/cases?${hotspot.caseListQuery}&pageSize=100`);
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().total).toBe(hotspot.observed);
      const own = (await get('leader', `/api/hotspots/${id}/cases`)).json().items.map((c: { id: number }) => c.id);
      expect(listed.json().items.map((c: { id: number }) => c.id).sort()).toEqual([...own].sort());
    }
    expect((await get('leader', `/api/cases?requesterUscc=${USCC.toLowerCase()}`)).statusCode).toBe(400);
  });

  it('dismisses a hotspot with its reason on record, refusing those outside and input that is not a reason', async () => {
    const before = await count('hotspot_events');
    expect((await post('zz-supervisor', `/api/hotspots/${enterpriseHotspot}/dismiss`, { version: 1, reason: '已核实' })).statusCode).toBe(404);
    expect((await post('handler', `/api/hotspots/${enterpriseHotspot}/dismiss`, { version: 1, reason: '已核实' })).statusCode).toBe(404);
    for (const body of [{ version: 1 }, { version: 1, reason: '' }, { version: 1, reason: '   ' }, { version: 1, reason: 'x'.repeat(1001) }, { reason: '已核实' }, { version: 'one', reason: 'x' }, { version: 1, reason: '已核实', extra: 1 }]) {
      const res = await post('supervisor', `/api/hotspots/${enterpriseHotspot}/dismiss`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count('hotspot_events')).toBe(before);
    const dismissed = await post('leader', `/api/hotspots/${enterpriseHotspot}/dismiss`, { version: 1, reason: '企业集中反映的是同一笔收费，已在个案中处理' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', dismissedReason: '企业集中反映的是同一笔收费，已在个案中处理', actions: [] });
    const again = await post('leader', `/api/hotspots/${enterpriseHotspot}/dismiss`, { version: 2, reason: '再次' });
    expect(again.statusCode).toBe(409);
    const events = await queryRows<{ action: string; data: { reason?: string } }>(t.database.db, sql`select action, data from hotspot_events where hotspot_id = ${enterpriseHotspot} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['detect', 'dismiss']);
    expect(events[1].data.reason).toContain('同一笔收费');
  });

  it('turns a hotspot into a task owned by an office under its scope, linked to its cases, with a deadline on the working clock', async () => {
    const o = t.demo.offices;
    const body = { version: 1, ownerOfficeId: o['zmd-dept-0'], assistingOfficeIds: [o['zmd-dept-1']], limitDays: 10, title: '驿城区超市过期食品专项整治', description: '对辖区超市开展过期食品专项检查' };
    const outside = await post('supervisor', `/api/hotspots/${foodHotspot}/task`, { ...body, ownerOfficeId: o['zz-market'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('office_outside_scope');
    expect((await post('supervisor', `/api/hotspots/${foodHotspot}/task`, { ...body, assistingOfficeIds: [o['zmd-dept-0']] })).json().error.code).toBe('owner_also_assisting');
    expect((await post('supervisor', `/api/hotspots/${foodHotspot}/task`, { ...body, limitDays: 0 })).statusCode).toBe(400);
    expect((await post('supervisor', `/api/hotspots/${foodHotspot}/task`, { ...body, version: 7 })).statusCode).toBe(409);
    expect(await count('proactive_tasks')).toBe(0);

    const tasked = await post('supervisor', `/api/hotspots/${foodHotspot}/task`, body);
    expect(tasked.statusCode, tasked.body).toBe(200);
    expect(tasked.json()).toMatchObject({ status: 'tasked', taskId: expect.any(Number) });
    taskId = tasked.json().taskId;

    const task = await get('handler', `/api/proactive-tasks/${taskId}`);
    expect(task.statusCode, task.body).toBe(200);
    const cal = await workingCalendar(t.database.db);
    const due = endOfOfficeDay(cal, addWorkingDays(cal, toLocalDate(new Date(task.json().createdAt), cal.officeHours), 10).date);
    expect(task.json()).toMatchObject({
      status: 'assigned', hotspotId: foodHotspot, ownerOfficeId: o['zmd-dept-0'], assistingOffices: [{ id: o['zmd-dept-1'] }], limitDays: 10, dueAt: due.toISOString(), actions: ['sign', 'add-note', 'link-cases'],
    });
    expect(task.json().caseIds).toHaveLength(9);
    const told = await queryRows<{ office: number; role: string }>(t.database.db, sql`select recipient_office_id as office, recipient_role as role from notification_outbox where subject_type = 'proactive_task' and subject_id = ${taskId}`);
    expect(told).toEqual(expect.arrayContaining([{ office: o['zmd-dept-0'], role: 'handler' }, { office: o['zmd-dept-1'], role: 'handler' }]));
  });

  it('runs the task: only the owner signs and finishes, assisting offices add notes, supervisors supervise, a leader picks the month\'s topic', async () => {
    const act = (who: string, action: string, body: Record<string, unknown>) => post(who, `/api/proactive-tasks/${taskId}/${action}`, body);
    expect((await act('other-handler', 'sign', { version: 1 })).statusCode).toBe(404);
    expect((await act('zz-supervisor', 'sign', { version: 1 })).statusCode).toBe(404);
    expect((await act('supervisor', 'sign', { version: 1 })).statusCode).toBe(403);
    expect((await act('assist-handler', 'sign', { version: 1 })).statusCode).toBe(403);
    const signed = await act('handler', 'sign', { version: 1 });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'handling', version: 2 });

    expect((await act('assist-handler', 'add-note', { note: '已抽查 12 家超市' })).statusCode).toBe(200);
    expect((await act('other-handler', 'add-note', { note: '无关' })).statusCode).toBe(404);
    expect((await act('assist-handler', 'add-note', { note: ' ' })).statusCode).toBe(400);
    expect((await act('handler', 'supervise', { note: '督办' })).statusCode).toBe(403);
    const supervised = await act('supervisor', 'supervise', { note: '请本周内完成全部检查', level: 'yellow' });
    expect(supervised.json().notes.map((n: { action: string; note: string }) => [n.action, n.note])).toEqual([['add-note', '已抽查 12 家超市'], ['supervise', '请本周内完成全部检查']]);
    expect((await act('supervisor', 'supervise', { note: 'x', level: 'purple' })).statusCode).toBe(400);

    expect((await act('supervisor', 'choose-topic', { version: 2, month: '2026-12' })).statusCode).toBe(403);
    expect((await act('leader', 'choose-topic', { version: 2, month: '2026-13' })).statusCode).toBe(400);
    const topic = await act('leader', 'choose-topic', { version: 2, month: '2026-12' });
    expect(topic.statusCode, topic.body).toBe(200);
    expect(topic.json()).toMatchObject({ topicMonth: '2026-12', version: 3 });
    const again = await act('leader', 'choose-topic', { version: 3, month: '2027-01' });
    expect(again.json().error.code).toBe('already_topic');
    const other = await post('supervisor', '/api/proactive-tasks', { ownerOfficeId: t.demo.offices['zmd-dept-2'], limitDays: 5, title: '另一个题目', description: '说明' });
    expect(other.statusCode, other.body).toBe(201);
    const taken = await post('leader', `/api/proactive-tasks/${other.json().id}/choose-topic`, { version: 1, month: '2026-12' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'topic_taken', details: { taskId } });
    const topics = (await get('leader', '/api/proactive-tasks?topics=true')).json();
    expect(topics.items.map((x: { id: number }) => x.id)).toEqual([taskId]);

    expect((await act('assist-handler', 'finish', { version: 3, result: '完成' })).statusCode).toBe(403);
    expect((await act('handler', 'finish', { version: 3 })).statusCode).toBe(400);
    const finished = await act('handler', 'finish', { version: 3, result: '检查 86 家超市，下架过期食品 40 件，立案 3 起' });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json()).toMatchObject({ status: 'finished', actions: [], effect: { weeks: 1, before: 0, after: 9 } });
    expect((await act('assist-handler', 'add-note', { note: '补充' })).statusCode).toBe(409);
    const scopeTold = await queryRows<{ role: string }>(t.database.db, sql`select recipient_role as role from notification_outbox where kind = 'proactive_task.finish' and subject_id = ${taskId}`);
    expect(scopeTold.map((n) => n.role).sort()).toEqual(['leader', 'supervisor']);
  });

  it('shows the effect of finished tasks in a figure table and its workbook, to those who may read the tasks', async () => {
    const table = await get('leader', '/api/proactive-tasks/effect');
    expect(table.json().items).toEqual([expect.objectContaining({ id: taskId, effect: expect.objectContaining({ after: 9 }) })]);
    expect((await get('other-handler', '/api/proactive-tasks/effect')).json().items).toEqual([]);
    expect((await get('agent', '/api/proactive-tasks/effect')).statusCode).toBe(403);
    const file = await t.app.inject({ method: 'GET', url: '/api/proactive-tasks/effect?format=xlsx', headers: { cookie: as.leader } });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[1]).toContain('办结后诉求');
    expect(rows[2]).toEqual(expect.arrayContaining(['驿城区超市过期食品专项整治', '2026-12', 0, 9]));
    expect((await get('leader', '/api/proactive-tasks/effect?format=pdf')).statusCode).toBe(400);
  });

  it('refuses malformed tasks with 4xx and writes nothing; only supervisors and leaders set tasks', async () => {
    const before = await count('proactive_tasks');
    const events = await count('proactive_task_events');
    const good = { ownerOfficeId: t.demo.offices['zmd-dept-0'], limitDays: 5, title: '题目', description: '说明' };
    const bad: unknown[] = [
      {}, { ...good, ownerOfficeId: 0 }, { ...good, ownerOfficeId: 999_999 }, { ...good, limitDays: 251 }, { ...good, limitDays: 1.5 }, { ...good, title: '' },
      { ...good, title: ' ' }, { ...good, description: 'x'.repeat(5001) }, { ...good, assistingOfficeIds: [1, 1] }, { ...good, assistingOfficeIds: 'all' },
      { ...good, colour: 'red' }, { ...good, scopeOfficeId: t.demo.offices['zz-centre'] }, '[]', 'not json', null,
    ];
    for (const body of bad) {
      const res = await post('supervisor', '/api/proactive-tasks', body);
      expect([400, 404], `${JSON.stringify(body)}: ${res.body}`).toContain(res.statusCode);
      expect(res.json().error.messageEn).toBeTruthy();
    }
    expect((await post('handler', '/api/proactive-tasks', good)).statusCode).toBe(403);
    // An agent reads no tasks at all: as the kernel answers a non-reader, the task does not exist for them.
    expect((await post('agent', '/api/proactive-tasks', good)).statusCode).toBe(404);
    expect(await count('proactive_tasks')).toBe(before);
    expect(await count('proactive_task_events')).toBe(events);
  });

  it('refuses generated malformed bodies for every write with a bilingual 4xx, writing nothing', async () => {
    const counts = async () => [await count('proactive_tasks'), await count('proactive_task_events'), await count('hotspot_events')];
    const before = await counts();
    const wrong = fc.oneof(fc.string(), fc.integer({ min: -5, max: 0 }), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.object());
    const body = fc.record({ ownerOfficeId: wrong, limitDays: wrong, title: wrong, description: wrong, version: wrong, reason: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)), note: fc.oneof(fc.constant(' '), fc.integer()) }, { requiredKeys: [] });
    const targets = [`/api/proactive-tasks`, `/api/hotspots/${foodHotspot}/dismiss`, `/api/hotspots/${foodHotspot}/task`, `/api/proactive-tasks/${taskId}/finish`, `/api/proactive-tasks/${taskId}/add-note`, `/api/proactive-tasks/${taskId}/choose-topic`];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), body, async (url, b) => {
      const res = await post(url.includes('add-note') || url.includes('finish') ? 'handler' : url.includes('choose-topic') ? 'leader' : 'supervisor', url, b);
      expect(res.statusCode, `${url} ${JSON.stringify(b)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error).toMatchObject({ messageZh: expect.any(String), messageEn: expect.any(String) });
    }), { numRuns: 120, seed: 13 });
    expect(await counts()).toEqual(before);
  });

  it('links only cases the actor may see', async () => {
    const set = (await post('supervisor', '/api/proactive-tasks', { ownerOfficeId: t.demo.offices['zmd-dept-0'], limitDays: 5, title: '关联诉求', description: '说明' })).json();
    const [mine] = await queryRows<{ id: number }>(t.database.db, sql`select id::int as id from cases where intake_office_id = ${t.demo.offices['zmd-centre']} order by id limit 1`);
    const refused = await post('supervisor', `/api/proactive-tasks/${set.id}/link-cases`, { version: 1, caseIds: [mine.id, 999_999] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'unknown_cases', details: { caseIds: [999_999] } });
    const linked = await post('supervisor', `/api/proactive-tasks/${set.id}/link-cases`, { version: 1, caseIds: [mine.id] });
    expect(linked.json()).toMatchObject({ caseIds: [mine.id], version: 2 });
    // The other hotline centre's supervisor may not see the task at all.
    expect((await post('zz-supervisor', `/api/proactive-tasks/${set.id}/link-cases`, { version: 2, caseIds: [mine.id] })).statusCode).toBe(404);
  });

  it('marks a task overdue on the working clock with an event that leaves its version alone, and tells both offices', async () => {
    const set = await post('supervisor', '/api/proactive-tasks', { ownerOfficeId: t.demo.offices['zmd-dept-0'], limitDays: 1, title: '限一日', description: '说明' });
    const id = set.json().id;
    const result = await sweepTasks(t.database.db, new Date(now.getTime() + 10 * DAY));
    expect(result.changed).toBeGreaterThanOrEqual(1);
    const swept = (await get('supervisor', `/api/proactive-tasks/${id}`)).json();
    expect(swept).toMatchObject({ dueState: 'overdue', wasOverdue: true, version: 1 });
    const told = await queryRows<{ role: string }>(t.database.db, sql`select recipient_role as role from notification_outbox where kind = 'proactive_task.deadline' and subject_id = ${id}`);
    expect(told.map((n) => n.role).sort()).toEqual(['handler', 'leader', 'supervisor']);
    expect((await sweepTasks(t.database.db, new Date(now.getTime() + 10 * DAY))).changed).toBe(0);
  });

  it('shows repeat callers to the intake centre, never a protected requester, and to nobody else', async () => {
    const res = await get('agent', '/api/repeat-callers');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { phone: string; count: number; categoryName: string }[];
    expect(items).toContainEqual(expect.objectContaining({ phone: '13800000001', count: 3, categoryName: '消费维权' }));
    expect(JSON.stringify(items)).not.toContain('13900000002');
    expect((await get('agent', '/api/repeat-callers?minCount=4')).json().items.some((i: { phone: string }) => i.phone === '13800000001')).toBe(false);
    for (const who of ['handler', 'enterprise']) expect((await get(who, '/api/repeat-callers')).statusCode, who).toBe(403);
    expect((await get('zz-supervisor', '/api/repeat-callers')).json().items).toEqual([]);
    expect((await get('agent', '/api/repeat-callers?days=0')).statusCode).toBe(400);
  });

  it('chains every hotspot and task event, which audit verify walks, and documents the routes', async () => {
    const results = await verifyWorkItems(t.database.db);
    for (const label of ['hotspot', 'proactive task']) {
      const r = results.find((x) => x.label === label)!;
      expect(r, label).toMatchObject({ ok: true, problems: [], uncovered: 0 });
      expect(r.items).toBeGreaterThan(0);
    }
    const paths = (await t.request('GET', '/docs/json')).json().paths;
    for (const p of ['/api/hotspots', '/api/hotspots/{id}/dismiss', '/api/hotspots/{id}/task', '/api/proactive-tasks', '/api/proactive-tasks/{id}/finish', '/api/repeat-callers']) expect(paths, p).toHaveProperty([p]);
  });
});
