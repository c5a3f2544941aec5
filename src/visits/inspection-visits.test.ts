import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startVisitsApp, OTHER_USCC, PASSWORD, type VisitsFixture } from '../../test/support/visits.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';
import { builtinArrangements } from '../calendar/builtin.js';
import { createWorkingCalendar } from '../calendar/rules.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { serviceWeek } from './rules.js';
import { plannedInspectionDay } from './inspection-visits.js';

const calendar = createWorkingCalendar(builtinArrangements());

/** A service-week day still ahead of today in today's year (the inspection's year), or null late in December. */
function serviceDayAhead(today: string): string | null {
  const year = Number(today.slice(0, 4));
  for (let m = Number(today.slice(5, 7)); m <= 12; m++) {
    const day = serviceWeek(calendar, year, m, 5).find((d) => d > today);
    if (day) return day;
  }
  return null;
}

describe('the day a drawn inspection counts on', () => {
  it('is the draw\'s, kept within the task\'s period', () => {
    expect(plannedInspectionDay('2026-05-10', '2026-03-01', '2026-06-30')).toBe('2026-05-10');
    expect(plannedInspectionDay('2026-01-10', '2026-03-01', '2026-06-30')).toBe('2026-03-01');
    expect(plannedInspectionDay('2026-08-10', '2026-03-01', '2026-06-30')).toBe('2026-06-30');
  });
});

describe.each(ENGINES)('inspections on site count against the visit rules on %s', (engine) => {
  let f: VisitsFixture;
  let day: string;
  let year: number;
  let taskId: number;
  const task = async () => (await f.as('handler', 'GET', `/api/inspection-tasks/${taskId}`)).json();
  const assess = async (user: string) => (await f.as(user, 'GET', `/api/visits/assess?uscc=${DEMO_ENTERPRISE_USCC}&plannedDate=${day}`)).json();
  const fileService = (user: string) => f.as(user, 'POST', '/api/visits', { kind: 'service', purpose: '了解企业生产经营困难', members: ['张承办'], uscc: DEMO_ENTERPRISE_USCC, plannedDate: day });

  beforeAll(async () => {
    f = await startVisitsApp(engine);
    day = serviceDayAhead(f.today) ?? f.today;
    year = Number(f.today.slice(0, 4));
    const { dept0, dept1 } = f.offices;
    const db = f.t.database.db;
    // Two inspectors in each department, one of market regulation's with a log-in to record results.
    const inspectorUser = (await createUser(db, operatorActor(), { username: 'insp-a', password: PASSWORD, name: '执法员甲', roles: ['inspector'], officeId: dept0 })).id;
    f.cookies['insp-a'] = await f.t.login('insp-a', PASSWORD);
    const roster: [string, number, string, number | null][] = [['handler', dept0, 'ZF-A', inspectorUser], ['handler', dept0, 'ZF-B', null], ['dept1-handler', dept1, 'ZF-C', null], ['dept1-handler', dept1, 'ZF-D', null]];
    for (const [user, officeId, certificateNo, userId] of roster) {
      const res = await f.as(user, 'POST', '/api/inspectors', { officeId, name: certificateNo, certificateNo, qualifications: [], userId, conflicts: [] });
      expect(res.statusCode, res.body).toBe(201);
    }
    const items: number[] = [];
    for (const [user, officeId, code] of [['handler', dept0, 'SC-1'], ['dept1-handler', dept1, 'ZJ-1']] as const) {
      const res = await f.as(user, 'POST', '/api/inspection-items', { officeId, code, name: `${code} 检查`, legalBasis: '依据', targetKind: null, method: '现场检查', defaultBasisPoints: 300 });
      expect(res.statusCode, res.body).toBe(201);
      items.push(res.json().id);
    }
    const plan = await f.as('handler', 'POST', '/api/inspection-plans', { officeId: dept0, year, title: '年度抽查计划', batches: [{ no: 1, name: '全年', from: `${year}-01-01`, to: `${year}-12-31` }] });
    expect(plan.statusCode, plan.body).toBe(201);
    // A joint task of both departments that draws both enterprises of the registry.
    const created = await f.as('handler', 'POST', '/api/inspection-tasks', {
      planId: plan.json().id, batch: 1, title: '联合抽查', joiningOfficeIds: [dept1], itemIds: items, filters: { regionCode: '411702' },
      strata: [{ stratum: 'normal', basisPoints: 10000 }], periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, seedSource: { zh: '见证人掷骰', en: 'a witness rolls dice' },
    });
    expect(created.statusCode, created.body).toBe(201);
    taskId = created.json().id;
    expect((await f.as('handler', 'POST', `/api/inspection-tasks/${taskId}/commit`, { version: 1 })).statusCode).toBe(200);
    // Market regulation has visited the enterprise once for its own service before the draw.
    await f.file('handler', { plannedDate: day });
    const drawn = await f.as('handler', 'POST', `/api/inspection-tasks/${taskId}/draw`, { version: (await task()).version, witnessValue: '3 1 4' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json().visits).toHaveLength(2);
  });
  afterAll(() => f.t.close());

  it('refuses a department with one service visit and one inspection visit to the enterprise a third filing', async () => {
    expect(await assess('handler')).toMatchObject({ remaining: 0, refusal: { code: 'frequency_limit' } });
    const third = await fileService('handler');
    expect(third.statusCode, third.body).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'frequency_limit', details: { remaining: 0, limit: 2 } });
  });

  it('counts a joint inspection once for the enterprise and once for each inspecting department', async () => {
    // The joining department took one place too; a department that did not inspect took none.
    expect(await assess('dept1-handler')).toMatchObject({ remaining: 1, refusal: null });
    expect(await assess('dept2-handler')).toMatchObject({ remaining: 2 });
    const figures = (await f.as('leader', 'GET', `/api/visits/figures?year=${year}`)).json();
    // One service visit and two inspections, each of two departments: 5 department visits, 3 for the enterprises.
    expect(figures.totals).toMatchObject({ visits: 5, inspections: 4, enterpriseVisits: 3 });
    const own = (await f.as('dept1-handler', 'GET', `/api/visits/figures?year=${year}`)).json();
    expect(own.totals).toMatchObject({ visits: 2, inspections: 2, enterpriseVisits: 2 });
    // The yearly plan counts the inspections as visits filed.
    const plan = await f.as('dept1-handler', 'POST', '/api/visit-plans', { year, plannedVisits: 2, targets: '食品企业', reason: '服务' });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json().filed).toBe(2);
    expect((await assess('dept1-handler')).escalation).toContain('beyond_plan');
  });

  it('counts a recorded inspection on the day inspected', async () => {
    const visit = (await task()).visits.find((v: { uscc: string }) => v.uscc === OTHER_USCC);
    const res = await f.as('insp-a', 'POST', `/api/inspection-tasks/${taskId}/record-result`, { uscc: OTHER_USCC, version: visit.version, result: 'no_problem', inspectedOn: f.today });
    expect(res.statusCode, res.body).toBe(200);
    const figures = (await f.as('leader', 'GET', `/api/visits/figures?year=${year}`)).json();
    expect(figures.rows.filter((r: { month: string; inspections: number }) => r.month === f.today.slice(0, 7)).reduce((n: number, r: { inspections: number }) => n + r.inspections, 0)).toBeGreaterThanOrEqual(2);
    expect(figures.totals).toMatchObject({ inspections: 4, enterpriseVisits: 3 });
  });
});

describe.each(ENGINES)('a cancelled inspection visit releases its places on %s', (engine) => {
  let f: VisitsFixture;
  beforeAll(async () => { f = await startVisitsApp(engine); });
  afterAll(() => f.t.close());

  it('frees the department\'s place when a redraw sets the inspection aside', async () => {
    const day = serviceDayAhead(f.today) ?? f.today;
    const year = Number(f.today.slice(0, 4));
    const { dept0 } = f.offices;
    for (const no of ['ZF-E', 'ZF-F']) expect((await f.as('handler', 'POST', '/api/inspectors', { officeId: dept0, name: no, certificateNo: no, qualifications: [], userId: null, conflicts: [] })).statusCode).toBe(201);
    const item = (await f.as('handler', 'POST', '/api/inspection-items', { officeId: dept0, code: 'SC-2', name: '检查', legalBasis: '依据', targetKind: null, method: '现场检查', defaultBasisPoints: 300 })).json().id;
    const plan = (await f.as('handler', 'POST', '/api/inspection-plans', { officeId: dept0, year, title: '计划', batches: [{ no: 1, name: '全年', from: `${year}-01-01`, to: `${year}-12-31` }] })).json();
    const taskId = (await f.as('handler', 'POST', '/api/inspection-tasks', {
      planId: plan.id, batch: 1, title: '抽查', itemIds: [item], filters: { regionCode: '411702' }, strata: [{ stratum: 'normal', basisPoints: 10000 }],
      periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, seedSource: { zh: '见证', en: 'witness' },
    })).json().id;
    const step = async (user: string, action: string, body: Record<string, unknown>) => {
      const current = (await f.as('handler', 'GET', `/api/inspection-tasks/${taskId}`)).json();
      const res = await f.as(user, 'POST', `/api/inspection-tasks/${taskId}/${action}`, { version: current.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await step('handler', 'commit', {});
    await step('handler', 'draw', { witnessValue: '2 7' });
    await f.file('handler', { plannedDate: day });
    const assess = async () => (await f.as('handler', 'GET', `/api/visits/assess?uscc=${DEMO_ENTERPRISE_USCC}&plannedDate=${day}`)).json();
    expect(await assess()).toMatchObject({ remaining: 0 });
    await step('leader', 'redraw', { reason: '见证值录入错误，须重新抽取' });
    expect(await assess()).toMatchObject({ remaining: 1, refusal: null });
    expect((await f.as('leader', 'GET', `/api/visits/figures?year=${year}`)).json().totals).toMatchObject({ visits: 1, inspections: 0, enterpriseVisits: 1 });
    await f.file('handler', { plannedDate: day, purpose: '第二次服务' });
  });
});
