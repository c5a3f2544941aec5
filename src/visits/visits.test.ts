import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { ENGINES } from '../../test/support/engines.js';
import { startVisitsApp, OTHER_USCC, type VisitsFixture } from '../../test/support/visits.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { runAction } from '../platform/lifecycle/index.js';
import { builtinArrangements } from '../calendar/builtin.js';
import { addWorkingDays, createWorkingCalendar, toLocalDate } from '../calendar/rules.js';
import { findUser } from '../people/queries.js';
import { rotateSigningKey, withdrawSigningKey } from '../signing/keys.js';
import { signCode } from '../signing/index.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { serviceWeek } from './rules.js';
import { createVisit, visitType } from './type.js';
import { sweepVisits } from './sweep.js';
import { DEFAULT_VISIT_POLICY } from './rules.js';

const calendar = createWorkingCalendar(builtinArrangements());

/** Days of a service week still ahead of today (this month's, else next month's), at least two of them. */
function serviceWeekAhead(today: string): string[] {
  let [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (;;) {
    const ahead = serviceWeek(calendar, y, m, 5).filter((d) => d > today);
    if (ahead.length >= 2) return ahead;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

describe.each(ENGINES)('official visits (入企) on %s', (engine) => {
  let f: VisitsFixture;
  let week: string[];
  beforeAll(async () => {
    f = await startVisitsApp(engine);
    week = serviceWeekAhead(f.today);
  });
  afterAll(() => f.t.close());

  it('files the department\'s yearly plan once, changes it with its version, and keeps it from other departments', async () => {
    const res = await f.as('handler', 'POST', '/api/visit-plans', { year: Number(week[0].slice(0, 4)), plannedVisits: 6, targets: '重点食品企业', reason: '食品安全服务' });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ officeId: f.offices.dept0, plannedVisits: 6, filed: 0, version: 1 });
    const again = await f.as('handler', 'POST', '/api/visit-plans', { year: plan.year, plannedVisits: 1, targets: 'x', reason: 'y' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('plan_exists');
    expect((await f.as('handler', 'POST', `/api/visit-plans/${plan.id}/revise`, { version: 1, plannedVisits: 7, targets: '重点食品企业', reason: '食品安全服务' })).statusCode).toBe(200);
    const stale = await f.as('handler', 'POST', `/api/visit-plans/${plan.id}/revise`, { version: 1, plannedVisits: 8, targets: '重点食品企业', reason: '食品安全服务' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await f.as('dept2-handler', 'GET', `/api/visit-plans/${plan.id}`)).statusCode).toBe(404);
    expect((await f.as('yingshang', 'GET', `/api/visit-plans/${plan.id}`)).statusCode).toBe(200);
    expect((await f.as('enterprise', 'POST', '/api/visit-plans', { year: plan.year, plannedVisits: 1, targets: 'x', reason: 'y' })).statusCode).toBe(403);
  });

  it('approves a visit in the service week within the plan at once, with a signed code for its day that the public page checks', async () => {
    const assess = (await f.as('handler', 'GET', `/api/visits/assess?uscc=${DEMO_ENTERPRISE_USCC}&plannedDate=${week[1]}`)).json();
    expect(assess).toMatchObject({ inServiceWeek: true, escalation: [], remaining: 2, limit: 2, refusal: null, serviceWeek: serviceWeek(calendar, Number(week[1].slice(0, 4)), Number(week[1].slice(5, 7)), 5) });
    const filed = await f.file('handler', { plannedDate: week[1] });
    expect(filed).toMatchObject({ status: 'filed', escalation: [], inServiceWeek: true, code: null, actions: ['cancel'] });
    expect((await f.as('handler', 'POST', `/api/visits/${filed.id}/approve`, { version: filed.version })).statusCode).toBe(403);
    const approved = await f.act('dept0-leader', filed.id, 'approve');
    expect(approved.status).toBe('approved');
    expect(approved.codeUrl).toBe(`http://localhost:8080/public/visit-codes/${approved.code}`);
    const check = (await f.as('anonymous', 'GET', `/api/public/visit-codes/${approved.code}`)).json();
    expect(check).toMatchObject({ valid: true, visit: { id: filed.id, uscc: DEMO_ENTERPRISE_USCC, plannedDate: week[1], members: ['张承办', '李科长'] } });
    const qr = await f.as('handler', 'GET', `/api/visits/${filed.id}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    // Before its day the code cannot be scanned.
    const early = await f.as('anonymous', 'POST', `/api/public/visit-codes/${approved.code}/scan`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('before_visit_day');
  });

  it('escalates a visit beyond the plan: the head approves, an escalation role above the department approves, the filing falls due in 2 working days; scanned today, then refused as already scanned', async () => {
    // Department 1 has filed no plan: every visit it makes is beyond it.
    const filed = await f.file('dept1-handler', { plannedDate: f.today });
    expect(filed.escalation).toContain('beyond_plan');
    const headApproved = await f.act('dept1-leader', filed.id, 'approve');
    expect(headApproved).toMatchObject({ status: 'escalating', code: null });
    const self = await f.as('dept1-leader', 'POST', `/api/visits/${filed.id}/approve-escalated`, { version: headApproved.version });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.messageEn).toMatch(/leader/);
    const approved = await f.act('leader', filed.id, 'approve-escalated');
    expect(approved).toMatchObject({ status: 'approved', escalatedApprovedBy: 'leader', filingDueOn: addWorkingDays(calendar, f.today, 2).date, filingLate: false });
    const scanned = await f.as('anonymous', 'POST', `/api/public/visit-codes/${approved.code}/scan`);
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json()).toMatchObject({ scanned: true, visit: { id: filed.id, status: 'visited' } });
    expect((await f.as('anonymous', 'GET', `/api/public/visit-codes/${approved.code}`)).json()).toMatchObject({ valid: false, refusal: 'already_scanned', messageEn: 'This visit code has already been scanned' });
    const twice = await f.as('anonymous', 'POST', `/api/public/visit-codes/${approved.code}/scan`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('code_already_scanned');
    const report = await f.as('dept1-handler', 'POST', `/api/visits/${filed.id}/report-filing`, {});
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ filingLate: false, status: 'visited' });
    expect(report.json().filedAt).not.toBeNull();
    const again = await f.as('dept1-handler', 'POST', `/api/visits/${filed.id}/report-filing`, {});
    expect(again.json().error.code).toBe('already_filed');
    const events = await queryRows<{ action: string; actor_name: string }>(f.t.database.db, sql`select action, actor_name from visit_events where visit_id = ${filed.id} order by seq`);
    expect(events.map((e) => e.action)).toEqual(['create', 'approve', 'approve-escalated', 'scan', 'report-filing']);
  });

  it('the enterprise scans on its portal its own visit only; another enterprise\'s session scans as the public page does', async () => {
    const filed = await f.file('dept1-handler', { plannedDate: f.today, purpose: '政策宣讲' });
    await f.act('dept1-leader', filed.id, 'approve');
    const approved = await f.act('leader', filed.id, 'approve-escalated');
    expect((await f.as('other-ent', 'GET', `/api/visits/${filed.id}`)).statusCode).toBe(404);
    expect((await f.as('rater-zhou', 'GET', `/api/visits/${filed.id}`)).json().code).toBe(approved.code);
    expect((await f.as('rater-zhou', 'POST', `/api/public/visit-codes/${approved.code}/scan`)).statusCode).toBe(200);
    const [scan] = await queryRows<{ actor_name: string; data: { via: string } }>(f.t.database.db, sql`select actor_name, data from visit_events where visit_id = ${filed.id} and action = 'scan'`);
    expect(scan).toMatchObject({ actor_name: 'rater-zhou', data: { via: 'enterprise_portal' } });
  });

  it('holds the yearly limit under concurrency: two filings at once for the last place, one wins; an exception with its reason passes; a cancelled visit frees its place', async () => {
    await f.file('dept2-handler', { uscc: OTHER_USCC, plannedDate: week[0] });
    const both = await Promise.all([0, 1].map(() => f.as('dept2-handler', 'POST', '/api/visits', { uscc: OTHER_USCC, plannedDate: week[0], kind: 'inspection', purpose: '例行检查', members: ['吴科员'] })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.statusCode === 409)!.json().error;
    expect(refused).toMatchObject({ code: 'frequency_limit', details: { remaining: 0, limit: 2 } });
    expect(refused.messageZh).toContain('2 次');
    const [{ n }] = await queryRows<{ n: number }>(f.t.database.db, sql`select count(*)::int as n from visits where office_id = ${f.offices.dept2} and uscc = ${OTHER_USCC}`);
    expect(n).toBe(2);
    expect((await f.as('dept2-handler', 'GET', `/api/visits/assess?uscc=${OTHER_USCC}&plannedDate=${week[0]}`)).json()).toMatchObject({ remaining: 0, refusal: { code: 'frequency_limit' } });
    const noReason = await f.as('dept2-handler', 'POST', '/api/visits', { uscc: OTHER_USCC, plannedDate: week[0], kind: 'inspection', purpose: '安全检查', members: ['吴科员'], exception: 'safety' });
    expect(noReason.statusCode).toBe(400);
    const exception = await f.file('dept2-handler', { uscc: OTHER_USCC, plannedDate: week[0], kind: 'inspection', exception: 'safety', exceptionReason: '发生安全生产事故后的核查' });
    expect(exception.exception).toBe('safety');
    const winner = both.find((r) => r.statusCode === 201)!.json();
    await f.act('dept2-handler', winner.id, 'cancel', { reason: '改为线上沟通' });
    await f.file('dept2-handler', { uscc: OTHER_USCC, plannedDate: week[0] });
  });

  it('refuses forged, malformed, expired, revoked codes and codes of a withdrawn key; a rotated key\'s codes still verify', async () => {
    const filed = await f.file('handler', { plannedDate: week[0], purpose: '调研' , kind: 'research' });
    const { code } = await f.act('dept0-leader', filed.id, 'approve');
    const check = async (c: string) => (await f.as('anonymous', 'GET', `/api/public/visit-codes/${c}`)).json();
    const [h, p, s] = code.split('.');
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await check(flipped)).toMatchObject({ valid: false, refusal: 'forged' });
    expect(await check(`${h}.${Buffer.from(JSON.stringify({ sub: `visit:${filed.id}`, aud: 'visit', iat: 1 })).toString('base64url')}.${s}`)).toMatchObject({ valid: false, refusal: 'forged' });
    expect(await check('not-a-code')).toMatchObject({ valid: false, refusal: 'malformed', messageZh: expect.any(String) });
    const expired = await signCode(f.t.database.db, { purpose: 'visit', subject: `visit:${filed.id}`, expiresAt: new Date(Date.now() - 60_000) });
    expect(await check(expired)).toMatchObject({ valid: false, refusal: 'expired' });
    const certificate = await signCode(f.t.database.db, { purpose: 'certificate', subject: `visit:${filed.id}` });
    expect(await check(certificate)).toMatchObject({ valid: false, refusal: 'wrong_purpose' });
    const oldKid = decodeProtectedHeader(code).kid!;
    await rotateSigningKey(f.t.database.db, operatorActor());
    expect(await check(code)).toMatchObject({ valid: true });
    const second = await f.file('handler', { uscc: OTHER_USCC, plannedDate: week[0], purpose: '回访' });
    const { code: newCode } = await f.act('dept0-leader', second.id, 'approve');
    expect(decodeProtectedHeader(newCode).kid).not.toBe(oldKid);
    await withdrawSigningKey(f.t.database.db, operatorActor(), oldKid, '密钥疑似泄露');
    expect(await check(code)).toMatchObject({ valid: false, refusal: 'key_withdrawn' });
    expect(await check(newCode)).toMatchObject({ valid: true });
    await f.act('dept0-leader', second.id, 'revoke', { reason: '企业停产检修' });
    expect(await check(newCode)).toMatchObject({ valid: false, refusal: 'revoked', messageEn: expect.stringMatching(/revoked/) });
    const scan = await f.as('anonymous', 'POST', `/api/public/visit-codes/${newCode}/scan`);
    expect(scan.statusCode).toBe(409);
    expect(scan.json().error.code).toBe('code_revoked');
    expect((await f.as('anonymous', 'POST', '/api/public/visit-codes/not-a-code/scan')).statusCode).toBe(400);
  });

  it('proposes one joint visit when two departments plan visits to one enterprise in one service week, tells their heads, and merges them so the enterprise counts one visit', async () => {
    const a = await f.file('handler', { uscc: OTHER_USCC, plannedDate: week[0], purpose: '食品安全服务' });
    const b = await f.file('dept1-handler', { uscc: OTHER_USCC, plannedDate: week[1], purpose: '用工服务' });
    const proposals = (await f.as('leader', 'GET', '/api/visits/joint-proposals')).json().items;
    const proposal = proposals.find((p: { uscc: string; visits: { id: number }[] }) => p.uscc === OTHER_USCC && p.visits.some((v) => v.id === b.id));
    expect(proposal.visits.map((v: { id: number }) => v.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(proposal.proposedDate).toBe(week[0]);
    // A department sees only its own visit of the pair: nothing to merge from where it stands.
    expect((await f.as('handler', 'GET', '/api/visits/joint-proposals')).json().items.some((p: { visits: { id: number }[] }) => p.visits.some((v) => v.id === b.id))).toBe(false);
    // Department 2's visits to the enterprise that week (the limit's test) are among those proposed: its head is told too.
    const told = await queryRows<{ office: number }>(f.t.database.db, sql`select recipient_office_id as office from notification_outbox where kind = 'visit.joint_proposed' and subject_id = ${b.id} and recipient_role = 'leader'`);
    expect(told.map((r) => r.office).sort()).toEqual([f.offices.dept0, f.offices.dept1, f.offices.dept2].sort());
    const pair = [a, b].map((v) => ({ id: v.id, version: v.version }));
    expect((await f.as('dept0-leader', 'POST', '/api/visits/joint', { visits: pair, plannedDate: week[1] })).statusCode).toBe(404);
    expect((await f.as('leader', 'POST', '/api/visits/joint', { visits: pair, plannedDate: new Date(Date.parse(week[1]) + 15 * 86_400_000).toISOString().slice(0, 10) })).json().error.code).toBe('joint_outside_service_week');
    const merged = await f.as('leader', 'POST', '/api/visits/joint', { visits: pair, plannedDate: week[1] });
    expect(merged.statusCode, merged.body).toBe(201);
    const { jointVisitId, items } = merged.json();
    expect(items.map((v: { jointVisitId: number; plannedDate: string }) => [v.jointVisitId, v.plannedDate])).toEqual([[jointVisitId, week[1]], [jointVisitId, week[1]]]);
    const again = await f.as('leader', 'POST', '/api/visits/joint', { visits: items.map((v: { id: number; version: number }) => ({ id: v.id, version: v.version })), plannedDate: week[1] });
    expect(again.json().error.code).toBe('already_joint');
    const figures = (await f.as('leader', 'GET', `/api/visits/figures?year=${week[1].slice(0, 4)}`)).json();
    const [{ visits, enterprises }] = await queryRows<{ visits: number; enterprises: number }>(f.t.database.db, sql`select count(*)::int as visits,
      count(distinct coalesce('j' || joint_visit_id, 'v' || id))::int as enterprises from visits where status in ('filed', 'escalating', 'approved', 'visited', 'rated') and extract(year from planned_date) = ${Number(week[1].slice(0, 4))}`);
    expect(figures.totals.enterpriseVisits).toBe(enterprises);
    expect(enterprises).toBe(visits - 1);
  });

  it('flags approved visits left unscanned after their day (the sweep, once, safe to run again) and escalated visits filed late', async () => {
    const type = visitType(DEFAULT_VISIT_POLICY);
    const db = f.t.database.db;
    const actorOf = async (username: string) => {
      const [{ id }] = await queryRows<{ id: number }>(db, sql`select id from users where username = ${username}`);
      const u = (await findUser(db, id))!;
      const [o] = await queryRows<{ path: string }>(db, sql`select path from offices where id = ${u.officeId}`);
      return { userId: u.id, name: u.username, roles: u.roles, officeId: u.officeId, officePath: o.path };
    };
    const past = new Date(Date.now() - 20 * 86_400_000);
    // The office's day, not UTC's: from 16:00 UTC on they differ.
    const pastDay = toLocalDate(past);
    const visit = await createVisit(db, type, await actorOf('dept1-handler'), { uscc: OTHER_USCC, purpose: '督导', kind: 'other', plannedDate: pastDay, members: ['孙科员'] }, past);
    const escalating = await runAction(db, type, await actorOf('dept1-leader'), { id: visit.id, action: 'approve', version: visit.version, input: {}, at: past });
    await runAction(db, type, await actorOf('leader'), { id: visit.id, action: 'approve-escalated', version: escalating.version, input: {}, at: past });
    expect(await sweepVisits(db)).toBeGreaterThanOrEqual(1);
    expect(await sweepVisits(db)).toBe(0);
    const view = (await f.as('dept1-handler', 'GET', `/api/visits/${visit.id}`)).json();
    expect(view).toMatchObject({ status: 'approved', unscanned: true, filingLate: true });
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from visit_events where visit_id = ${visit.id} and action = 'unscanned'`);
    expect(n).toBe(1);
    for (const flag of ['unscanned', 'late_filing', 'escalated']) {
      expect((await f.as('dept1-handler', 'GET', `/api/visits?flag=${flag}`)).json().items.map((v: { id: number }) => v.id)).toContain(visit.id);
    }
    expect((await f.as('handler', 'GET', '/api/visits?flag=unscanned')).json().items.map((v: { id: number }) => v.id)).not.toContain(visit.id);
    const late = await f.as('dept1-handler', 'POST', `/api/visits/${visit.id}/report-filing`, {});
    expect(late.json().filingLate).toBe(true);
    const figures = (await f.as('leader', 'GET', `/api/visits/figures?year=${pastDay.slice(0, 4)}`)).json();
    const row = figures.rows.find((r: { officeId: number; month: string }) => r.officeId === f.offices.dept1 && r.month === pastDay.slice(0, 7));
    expect(row).toMatchObject({ escalated: expect.any(Number), lateFilings: 1, unscanned: 1, drillDown: `/api/visits?officeId=${f.offices.dept1}&month=${pastDay.slice(0, 7)}` });
    const xlsx = await f.as('leader', 'GET', `/api/visits/figures?year=${pastDay.slice(0, 4)}&format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
