import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { builtinArrangements } from '../calendar/builtin.js';
import { createWorkingCalendar } from '../calendar/rules.js';
import { DEFAULT_POLICY, replyLimit } from './deadlines.js';
import { sweepDeadlines } from './commands/sweepDeadlines.js';

const cal = createWorkingCalendar(builtinArrangements());

describe('case deadline policy (pure)', () => {
  it('urgent cases take the shorter reply limit', () => {
    expect(replyLimit(cal, DEFAULT_POLICY, 'complaint', 'urgent')).toEqual({ amount: 1, unit: 'working_days' });
    expect(replyLimit(cal, DEFAULT_POLICY, 'complaint', 'normal')).toEqual({ amount: 5, unit: 'working_days' });
  });

  it('weighs a working day as the configured office day when comparing an urgent limit in hours', () => {
    const policy = { ...DEFAULT_POLICY, urgentReply: { amount: 7.5, unit: 'working_hours' as const }, reply: { ...DEFAULT_POLICY.reply, consultation: { amount: 1, unit: 'working_days' as const } } };
    // 09:00–12:00 and 13:30–17:30 make a 7-hour day, shorter than 7.5 working hours.
    expect(replyLimit(cal, policy, 'consultation', 'urgent')).toEqual({ amount: 1, unit: 'working_days' });
    const longDay = createWorkingCalendar(builtinArrangements(), { timeZoneOffsetMinutes: 480, periods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(replyLimit(longDay, policy, 'consultation', 'urgent')).toEqual({ amount: 7.5, unit: 'working_hours' });
  });
});

describe.each(ENGINES)('the deadline sweep on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'supervisor', 'admin']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  async function dispatchedCase(office = 'zmd-dept-6') {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'help', title: '路灯不亮', content: '人民街路灯连续三晚不亮', requester: { kind: 'anonymous' } } })).json();
    const res = await t.request('POST', `/api/cases/${id}/dispatch`, { cookie: as.dispatcher, body: { version: 1, leadOfficeId: t.demo.offices[office] } });
    return res.json();
  }

  it('marks a case overdue with a red card, keeps it counted as overdue after closing, and never bumps its version', async () => {
    const c = await dispatchedCase('zmd-dept-0');
    const future = new Date(Date.parse(c.replyDueAt) + 30 * 86_400_000);
    const swept = await sweepDeadlines(t.database.db, future);
    expect(swept.overdue).toBeGreaterThanOrEqual(1);
    const after = (await t.request('GET', `/api/cases/${c.id}`, { cookie: as.supervisor })).json();
    expect(after).toMatchObject({ version: c.version, supervisionLevel: 'red', wasOverdue: true });
    const overdueBoard = (await t.request('GET', '/api/cases?dueState=overdue', { cookie: as.supervisor })).json();
    expect(overdueBoard.items.map((i: { id: number }) => i.id)).toContain(c.id);
    // The handler's next action still uses the version they read before the sweep.
    const signed = await t.request('POST', `/api/cases/${c.id}/sign`, { cookie: as.handler, body: { version: c.version } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'handling', dueState: 'on_time' });
    const events = (await t.request('GET', `/api/cases/${c.id}/events`, { cookie: as.supervisor })).json().items;
    expect(events.find((e: { action: string }) => e.action === 'deadline')).toMatchObject({ action: 'deadline', actorName: 'system:deadline-sweep', data: { dueState: 'overdue', supervisionLevel: 'red' } });
    expect((await sweepDeadlines(t.database.db, future)).overdue).toBe(0);
  });

  it('lets only the system administrator change the policy, validates it, and refuses a stale version', async () => {
    const current = (await t.request('GET', '/api/case-policy', { cookie: as.dispatcher })).json();
    expect(current.policy.reply.consultation).toEqual({ amount: 1, unit: 'working_days' });
    expect(Object.keys(current.presets)).toEqual(expect.arrayContaining(['default', 'shanghai-street']));
    const policy = { ...current.policy, reply: { ...current.policy.reply, complaint: { amount: 3, unit: 'working_days' } } };
    expect((await t.request('PUT', '/api/case-policy', { cookie: as.supervisor, body: { version: current.version, policy } })).statusCode).toBe(403);
    const bad = await t.request('PUT', '/api/case-policy', { cookie: as.admin, body: { version: current.version, policy: { ...policy, sign: { ...policy.sign, urgent: { amount: 1.5, unit: 'working_days' } } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_policy');
    const ok = await t.request('PUT', '/api/case-policy', { cookie: as.admin, body: { version: current.version, policy } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.request('PUT', '/api/case-policy', { cookie: as.admin, body: { version: current.version, policy } })).statusCode).toBe(409);
    const back = await t.request('PUT', '/api/case-policy', { cookie: as.admin, body: { version: ok.json().version, policy: current.policy } });
    expect(back.statusCode).toBe(200);
  });

  it('recomputes open deadlines when the calendar changes', async () => {
    const c = await dispatchedCase();
    const dueBefore = new Date(c.replyDueAt);
    // Declare the working day before the deadline a holiday: the deadline moves one working day out.
    const dayBefore = new Date(dueBefore.getTime() - 86_400_000);
    while ([0, 6].includes(dayBefore.getUTCDay())) dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    const year = dueBefore.getUTCFullYear();
    const official = builtinArrangements().find((a) => a.year === year);
    const holidays = Object.entries(official?.holidays ?? {}).map(([date, name]) => ({ date, name }));
    const makeUpWorkdays = Object.entries(official?.makeUpWorkdays ?? {}).map(([date, name]) => ({ date, name }));
    const extra = dayBefore.toISOString().slice(0, 10);
    const put = await t.request('PUT', `/api/calendar/years/${year}`, { cookie: as.admin, body: { holidays: [...holidays.filter((h) => h.date !== extra), { date: extra, name: '临时放假' }], makeUpWorkdays } });
    expect(put.statusCode, put.body).toBe(200);
    const swept = await sweepDeadlines(t.database.db);
    expect(swept.recomputed).toBeGreaterThanOrEqual(1);
    const after = (await t.request('GET', `/api/cases/${c.id}`, { cookie: as.supervisor })).json();
    expect(new Date(after.replyDueAt).getTime()).toBeGreaterThan(dueBefore.getTime());
  });
});
