/**
 * The figures are exact: generated history (through the real commands) is scanned event by event
 * with a plain reading of the README's definitions — written here apart from the fold in
 * rules.ts — and every count and rate of every table, the dashboard and the trend must match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { sql, queryRows } from '../platform/db/engine.js';
import { generateDemoHistory } from '../demo/history.js';
import { inSubtree } from '../offices/rules.js';
import { FIGURES, type Dashboard, type FigureCounts, type FigureRow, type FigureTable } from './contract.js';
import { foldFigureDeltas } from './rollups.js';

interface Ev { caseId: number; action: string; fromStatus: string | null; toStatus: string; day: string; data: Record<string, unknown> }
interface Fact { month: string; acceptedDay: string; office: number; region: string | null; category: number | null; channel: string; type: string; counts: FigureCounts; completedDay: string | null }

const beijingDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The definitions, read plainly off a case's whole timeline. */
function scan(attrs: { intakeOfficeId: number; regionCode: string | null; categoryId: number | null; channel: string; type: string }, events: Ev[]): Fact {
  const has = (action: string, test: (e: Ev) => boolean = () => true) => events.some((e) => e.action === action && test(e));
  let office = attrs.intakeOfficeId;
  for (const e of events) {
    if (e.action === 'dispatch') office = e.data.leadOfficeId as number;
    if (e.action === 'transfer' || e.action === 'escalate') office = e.data.toOfficeId as number;
    if (e.action === 'return') office = attrs.intakeOfficeId;
  }
  const finalStatus = events.at(-1)!.toStatus;
  const completed = finalStatus === 'closed' || finalStatus === 'answered';
  const lastReopen = events.map((e) => e.action).lastIndexOf('reopen');
  const sinceReopen = events.slice(lastReopen + 1);
  const visits = sinceReopen.filter((e) => e.action === 'return-visit' && e.data.contact === 'reached');
  const ratings = sinceReopen.filter((e) => (e.action === 'return-visit' && e.data.contact === 'reached') || e.action === 'evaluate');
  const satisfaction = ratings.at(-1)?.data.satisfaction;
  const overdue = has('sign', (e) => e.data.late === true) || has('reply', (e) => e.data.late === true) || has('deadline', (e) => e.data.dueState === 'overdue');
  const signed = has('sign');
  // Completed on the day it last became closed or answered (answered then closed completed when answered).
  const done = (s: string | null) => s === 'closed' || s === 'answered';
  const completion = completed ? events.filter((e) => done(e.toStatus) && !done(e.fromStatus)).at(-1)!.day : null;
  const b = (x: boolean) => (x ? 1 : 0);
  return {
    month: events[0].day.slice(0, 7), acceptedDay: events[0].day, office, region: attrs.regionCode, category: attrs.categoryId, channel: attrs.channel, type: attrs.type,
    completedDay: completion,
    counts: {
      received: 1, merged: b(finalStatus === 'merged'), answered: b(has('answer')), dispatched: b(has('dispatch')), transferred: b(has('transfer')),
      signed: b(signed), signedOnTime: b(signed && !has('sign', (e) => e.data.late === true)), completed: b(completed), completedOnTime: b(completed && !overdue),
      overdue: b(overdue), returned: b(has('return')), extended: b(has('decide-extension', (e) => e.data.approve === true)), reopened: b(lastReopen >= 0),
      visited: b(visits.length > 0), resolved: b(visits.at(-1)?.data.resolved === true),
      satisfied: b(satisfaction === 'satisfied'), basicallySatisfied: b(satisfaction === 'basically_satisfied'), unsatisfied: b(satisfaction === 'unsatisfied'),
    },
  };
}

const sum = (facts: Fact[]) => {
  const c = Object.fromEntries(FIGURES.map((f) => [f, 0])) as FigureCounts;
  for (const f of facts) for (const k of FIGURES) c[k] += f.counts[k];
  return c;
};
const div = (n: number, d: number) => (d > 0 ? n / d : null);
/** The rates by their README definitions, "basically satisfied" counting w. */
const plainRates = (c: FigureCounts, w: number) => ({
  responseRate: div(c.signedOnTime, c.dispatched), completionRate: div(c.completed, c.received - c.merged), onTimeRate: div(c.completedOnTime, c.completed),
  visitRate: div(c.visited, c.completed), resolutionRate: div(c.resolved, c.visited),
  satisfactionRate: div(c.satisfied + w * c.basicallySatisfied, c.satisfied + c.basicallySatisfied + c.unsatisfied),
  returnRate: div(c.returned, c.dispatched), reopenRate: div(c.reopened, c.completed),
});

describe.each(ENGINES)('figures recomputed from the events of generated history on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let facts: Fact[];
  let from: string;
  let to: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    const summary = await generateDemoHistory(t.database.db, { cases: 160, months: 3, seed: 7 });
    from = beijingDay(summary.from.toISOString()).slice(0, 7);
    to = beijingDay(summary.until.toISOString()).slice(0, 7);
    const cases = await queryRows<{ id: number; intakeOfficeId: number; regionCode: string | null; categoryId: number | null; channel: string; type: string }>(t.database.db,
      sql`select id, intake_office_id as "intakeOfficeId", region_code as "regionCode", category_id as "categoryId", channel, type from cases order by id`);
    const events = await queryRows<Ev & { at: string }>(t.database.db, sql`select case_id as "caseId", action, from_status as "fromStatus", to_status as "toStatus",
      to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, data from case_events order by case_id, seq`);
    const byCase = new Map<number, Ev[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), { ...e, day: beijingDay(e.at) }]);
    facts = cases.map((c) => scan(c, byCase.get(c.id)!));
  }, 300_000);
  afterAll(() => t.close());

  const table = async (by: string) => {
    const res = await t.request('GET', `/api/evaluation/figures?from=${from}&to=${to}&by=${by}`, { cookie: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FigureTable;
  };
  const expectRow = (row: FigureRow | undefined, expected: Fact[], w: number, label: string) => {
    expect(row, label).toBeDefined();
    const counts = sum(expected);
    expect(row!.counts, label).toEqual(counts);
    const rates = plainRates(counts, w);
    for (const [k, v] of Object.entries(rates)) {
      if (v === null) expect(row!.rates[k as keyof typeof rates], `${label} ${k}`).toBeNull();
      else expect(row!.rates[k as keyof typeof rates], `${label} ${k}`).toBeCloseTo(v, 12);
    }
  };

  it('generated a varied history: late, unsatisfied, reopened, returned, merged and open cases', () => {
    const c = sum(facts);
    expect(c.received).toBe(160);
    for (const f of ['overdue', 'unsatisfied', 'answered', 'dispatched', 'completed', 'visited'] as const) expect(c[f], f).toBeGreaterThan(0);
    expect(c.received - c.merged - c.completed, 'open cases').toBeGreaterThan(0);
  });

  it('matches every count and rate by office (each with its subtree), region, category, channel, type and month, before and after the fold', async () => {
    const offices = await queryRows<{ id: number; path: string }>(t.database.db, sql`select id, path from offices`);
    const pathOf = new Map(offices.map((o) => [o.id, o.path]));
    const regions = await queryRows<{ code: string; parent: string | null }>(t.database.db, sql`select code, parent_code as parent from regions`);
    const regionParent = new Map(regions.map((r) => [r.code, r.parent]));
    const categories = await queryRows<{ id: number; parent: number | null }>(t.database.db, sql`select id, parent_id as parent from case_categories`);
    const categoryParent = new Map(categories.map((c) => [c.id, c.parent]));
    const under = <K>(parent: Map<K, K | null>, k: K | null, ancestor: K) => { for (let at = k; at !== null && at !== undefined; at = parent.get(at) ?? null) if (at === ancestor) return true; return false; };

    for (const round of ['pending deltas', 'after the fold']) {
      const byOffice = await table('office');
      const w = byOffice.basicallySatisfiedWeight;
      expectRow(byOffice.total, facts, w, `${round}: total`);
      for (const row of byOffice.rows) expectRow(row, facts.filter((f) => inSubtree(pathOf.get(f.office)!, pathOf.get(Number(row.key))!)), w, `${round}: office ${row.name}`);
      for (const row of (await table('region')).rows) {
        expectRow(row, facts.filter((f) => (row.key === 'none' ? f.region === null : under(regionParent, f.region, row.key))), w, `${round}: region ${row.name}`);
      }
      for (const row of (await table('category')).rows) {
        expectRow(row, facts.filter((f) => (row.key === 'none' ? f.category === null : under(categoryParent, f.category, Number(row.key)))), w, `${round}: category ${row.name}`);
      }
      const channels = await table('channel');
      expect(channels.rows.length).toBe(new Set(facts.map((f) => f.channel)).size);
      for (const row of channels.rows) expectRow(row, facts.filter((f) => f.channel === row.key), w, `${round}: channel ${row.key}`);
      for (const row of (await table('type')).rows) expectRow(row, facts.filter((f) => f.type === row.key), w, `${round}: type ${row.key}`);
      for (const row of (await table('month')).rows) expectRow(row, facts.filter((f) => f.month === row.key), w, `${round}: month ${row.key}`);
      await foldFigureDeltas(t.database.db);
    }
  });

  it('matches the dashboard\'s totals and weekly trend, and the drill-down lists the same cases', async () => {
    const res = await t.request('GET', `/api/evaluation/dashboard?from=${from}&to=${to}`, { cookie: admin });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Dashboard;
    expectRow(d.total, facts, (await table('office')).basicallySatisfiedWeight, 'dashboard total');
    const weekOf = (day: string) => { const x = new Date(`${day}T00:00:00Z`); return new Date(x.getTime() - ((x.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10); };
    for (const p of d.trend) {
      expect(p.received, `received week ${p.weekStart}`).toBe(facts.filter((f) => weekOf(f.acceptedDay) === p.weekStart).length);
      expect(p.completed, `completed week ${p.weekStart}`).toBe(facts.filter((f) => f.completedDay && weekOf(f.completedDay) === p.weekStart).length);
    }
    // The leader of the Zhumadian centre drills into the cases its offices answer for.
    const leader = await t.login('leader');
    const centre = t.demo.offices['zmd-centre'];
    const [{ path }] = await queryRows<{ path: string }>(t.database.db, sql`select path from offices where id = ${centre}`);
    const paths = new Map((await queryRows<{ id: number; path: string }>(t.database.db, sql`select id, path from offices`)).map((o) => [o.id, o.path]));
    const ours = facts.filter((f) => inSubtree(paths.get(f.office)!, path));
    for (const figure of ['received', 'overdue', 'unsatisfied', 'reopened', 'completedOnTime'] as const) {
      const list = await t.request('GET', `/api/cases?figure=${figure}&monthFrom=${from}&monthTo=${to}&responsibleOfficeId=${centre}&pageSize=1`, { cookie: leader });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total, figure).toBe(sum(ours)[figure]);
    }
    // A week of the trend drills down to the cases received, or completed, on its days.
    const weekEnd = (w: string) => new Date(new Date(`${w}T00:00:00Z`).getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
    for (const p of d.trend.filter((x) => x.completed > 0).slice(-3)) {
      const [a, b] = [p.weekStart, weekEnd(p.weekStart)];
      for (const [figure, key, dayOf] of [['received', 'received', (f: Fact) => f.acceptedDay], ['completed', 'completed', (f: Fact) => f.completedDay]] as const) {
        const list = await t.request('GET', `/api/cases?figure=${figure}&${key}From=${a}&${key}To=${b}&responsibleOfficeId=${centre}&pageSize=1`, { cookie: leader });
        expect(list.statusCode, list.body).toBe(200);
        expect(list.json().total, `${figure} in week ${a}`).toBe(ours.filter((f) => { const day = dayOf(f); return day !== null && day >= a && day <= b; }).length);
      }
    }
    expect((await t.request('GET', '/api/cases?completedFrom=2026-02-30', { cookie: leader })).statusCode).toBe(400);
  });
});
