import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EVENT_NAMES } from '../cases/lifecycle.js';
import { FIGURES, type EvaluationSettings, type FigureCounts } from './contract.js';
import {
  affectsFigures, counts, figureDeltas, foldFigures, initialFigures, monthsBetween, nextMonthStart, rankOffices, rates, score, weekStart, zeroCounts,
  type CaseFigures, type FigureEvent,
} from './rules.js';

const CASE = { caseId: 1, acceptedAt: '2026-10-31T17:00:00.000Z', intakeOfficeId: 1, regionCode: '411702', categoryId: 3, channel: 'hotline', type: 'complaint' };
const ev = (action: string, data: Record<string, unknown> = {}, toStatus: string | null = null, at = '2026-11-02T02:00:00.000Z'): FigureEvent => ({ action, toStatus, at, data });
const run = (...events: FigureEvent[]) => events.reduce(foldFigures, initialFigures(CASE));
const only = (f: CaseFigures) => FIGURES.filter((k) => counts(f.flags)[k] === 1);

describe('what a case counts for, event by event', () => {
  it('belongs to the Beijing month and day it was received in, not the UTC one', () => {
    const f = initialFigures(CASE);
    expect(f.month).toBe('2026-11-01');
    expect(f.acceptedDay).toBe('2026-11-01');
    expect(only(f)).toEqual(['received']);
  });

  it('follows a dispatched case to its lead office and counts signing on time, completion on time, visit, resolution and satisfaction', () => {
    const f = run(
      ev('create', {}, 'accepted'), ev('dispatch', { leadOfficeId: 7 }, 'dispatched'), ev('sign', { late: false }, 'handling'), ev('reply', { late: false }, 'replied'),
      ev('review', { decision: 'accept' }, 'reviewed'), ev('return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' }, 'reviewed'),
      ev('close', {}, 'closed', '2026-11-05T03:00:00.000Z'),
    );
    expect(f.officeId).toBe(7);
    expect(f.completedDay).toBe('2026-11-05');
    expect(only(f)).toEqual(['received', 'dispatched', 'signed', 'signedOnTime', 'completed', 'completedOnTime', 'visited', 'resolved', 'satisfied']);
  });

  it('counts a late sign, a late reply or the sweep\'s overdue mark as overdue, and then not completed on time', () => {
    for (const late of [ev('sign', { late: true }, 'handling'), ev('reply', { late: true }, 'replied'), ev('deadline', { dueState: 'overdue' })]) {
      const f = run(ev('dispatch', { leadOfficeId: 7 }, 'dispatched'), late, ev('close', {}, 'closed'));
      expect(only(f)).toContain('overdue');
      expect(only(f)).not.toContain('completedOnTime');
    }
    expect(only(run(ev('deadline', { dueState: 'due_soon' })))).toEqual(['received']);
  });

  it('counts a direct answer as completed at once, and merged duplicates apart', () => {
    expect(only(run(ev('answer', {}, 'answered')))).toEqual(['received', 'answered', 'completed', 'completedOnTime']);
    expect(only(run(ev('merge', { intoCaseId: 9 }, 'merged')))).toEqual(['received', 'merged']);
  });

  it('takes a returned case back to the hotline centre and a transfer or escalation to the new office', () => {
    expect(run(ev('dispatch', { leadOfficeId: 7 }), ev('return', { reason: 'x' })).officeId).toBe(1);
    expect(run(ev('dispatch', { leadOfficeId: 7 }), ev('transfer', { toOfficeId: 8 })).officeId).toBe(8);
    expect(run(ev('dispatch', { leadOfficeId: 7 }), ev('escalate', { toOfficeId: 2 })).officeId).toBe(2);
    expect(only(run(ev('dispatch', { leadOfficeId: 7 }), ev('return', {}), ev('dispatch', { leadOfficeId: 8 }), ev('transfer', { toOfficeId: 9 }))))
      .toEqual(['received', 'dispatched', 'transferred', 'returned']);
  });

  it('undoes completion, visit and rating on a reopening, and counts the closing after it on its own day', () => {
    const f = run(
      ev('dispatch', { leadOfficeId: 7 }, 'dispatched'), ev('return-visit', { contact: 'reached', resolved: false, satisfaction: 'unsatisfied' }, 'reviewed'),
      ev('close', {}, 'closed', '2026-11-03T02:00:00.000Z'), ev('reopen', { reason: 'x' }, 'handling'),
    );
    expect(only(f)).toEqual(['received', 'dispatched', 'reopened']);
    expect(f.completedDay).toBeNull();
    const again = foldFigures(foldFigures(f, ev('return-visit', { contact: 'reached', resolved: true, satisfaction: 'basically_satisfied' }, 'reviewed')), ev('close', {}, 'closed', '2026-11-09T02:00:00.000Z'));
    expect(only(again)).toEqual(['received', 'dispatched', 'completed', 'completedOnTime', 'reopened', 'visited', 'resolved', 'basicallySatisfied']);
    expect(again.completedDay).toBe('2026-11-09');
  });

  it('lets the latest rating stand, whether the return visit\'s or the requester\'s own, and ignores a visit that reached no one', () => {
    expect(only(run(ev('return-visit', { contact: 'reached', resolved: true, satisfaction: 'unsatisfied' }), ev('evaluate', { satisfaction: 'satisfied' })))).toContain('satisfied');
    expect(only(run(ev('evaluate', { satisfaction: 'satisfied' }), ev('return-visit', { contact: 'reached', resolved: true, satisfaction: 'unsatisfied' })))).toContain('unsatisfied');
    expect(only(run(ev('return-visit', { contact: 'unreachable', resolved: null, satisfaction: null })))).toEqual(['received']);
  });

  it('changes nothing for an event the fold skips (affectsFigures is what the writer trusts)', () => {
    const start = run(ev('dispatch', { leadOfficeId: 7 }, 'dispatched'), ev('sign', { late: false }, 'handling'));
    for (const action of Object.keys(EVENT_NAMES)) {
      for (const toStatus of ['handling', 'dispatched', 'replied', 'reviewed', 'accepted', null]) {
        const e = ev(action, { leadOfficeId: 99, toOfficeId: 99, late: true, dueState: 'overdue', approve: true, contact: 'reached', resolved: true, satisfaction: 'unsatisfied' }, toStatus);
        if (!affectsFigures(e)) expect(foldFigures(start, e)).toEqual(start);
      }
    }
  });
});

describe('rollup deltas', () => {
  it('moves a case\'s counts from its old office to the new one and drops rows that cancel out', () => {
    const before = run(ev('dispatch', { leadOfficeId: 7 }, 'dispatched'));
    const after = foldFigures(before, ev('transfer', { toOfficeId: 8 }, 'dispatched'));
    const d = figureDeltas([{ before, after }]);
    for (const facet of ['place', 'channel']) {
      expect(d.month.filter((m) => m.facet === facet).map((m) => [m.officeId, m.counts.received, m.counts.dispatched, m.counts.transferred])).toEqual([[7, -1, -1, 0], [8, 1, 1, 1]]);
    }
    expect(d.day.map((x) => [x.officeId, x.received])).toEqual([[7, -1], [8, 1]]);
    expect(figureDeltas([{ before, after: before }])).toEqual({ month: [], day: [] });
  });

  it('adds up to exactly the counts of the final states, whatever the path (property)', () => {
    const actions = fc.constantFrom(
      ev('dispatch', { leadOfficeId: 7 }, 'dispatched'), ev('transfer', { toOfficeId: 8 }, 'dispatched'), ev('sign', { late: true }, 'handling'),
      ev('sign', { late: false }, 'handling'), ev('close', {}, 'closed', '2026-11-20T02:00:00.000Z'), ev('reopen', {}, 'handling'), ev('return', {}, 'accepted'),
      ev('return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' }), ev('evaluate', { satisfaction: 'unsatisfied' }), ev('comment', {}),
    );
    fc.assert(fc.property(fc.array(actions, { maxLength: 12 }), (events) => {
      const states = [initialFigures(CASE)];
      for (const e of events) states.push(foldFigures(states.at(-1)!, e));
      const changes = states.map((after, i) => ({ before: i === 0 ? null : states[i - 1], after }));
      for (const facet of ['place', 'channel']) {
        const sum = zeroCounts();
        for (const m of figureDeltas(changes).month.filter((x) => x.facet === facet)) for (const f of FIGURES) sum[f] += m.counts[f];
        expect(sum).toEqual(counts(states.at(-1)!.flags));
      }
    }));
  });
});

const C = (o: Partial<FigureCounts>): FigureCounts => ({ ...zeroCounts(), ...o });

describe('rates and score', () => {
  it('computes every rate from its definition and leaves one with no denominator empty', () => {
    const r = rates(C({ received: 12, merged: 2, dispatched: 8, signedOnTime: 6, completed: 8, completedOnTime: 6, visited: 8, resolved: 7, satisfied: 5, basicallySatisfied: 2, unsatisfied: 1, returned: 1, reopened: 2 }), 0.5);
    expect(r).toEqual({ responseRate: 0.75, completionRate: 0.8, onTimeRate: 0.75, visitRate: 1, resolutionRate: 0.875, satisfactionRate: 6 / 8, returnRate: 0.125, reopenRate: 0.25 });
    expect(rates(zeroCounts(), 1).responseRate).toBeNull();
  });

  it('weights the rates, scaling the others up when one cannot be judged, and scores less-is-better rates as 1 − rate', () => {
    const r = { responseRate: 0.9, completionRate: null, onTimeRate: null, visitRate: null, resolutionRate: 0.8, satisfactionRate: null, returnRate: 0.1, reopenRate: null };
    expect(score(r, { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 })).toBe(Math.round(((30 * 0.9 + 35 * 0.8) / 65) * 10000) / 100);
    expect(score(r, { returnRate: 10 })).toBe(90);
    expect(score(r, { satisfactionRate: 35 })).toBeNull();
  });
});

describe('ranking within peer groups', () => {
  const settings: EvaluationSettings = { weights: { satisfactionRate: 1 }, basicallySatisfiedWeight: 1, minimumCases: 3, listSize: 2, version: 1 };
  const office = (officeId: number, satisfied: number, unsatisfied: number, received = 10, peerGroup: 'county' | 'department' = 'county') =>
    ({ officeId, name: `o${officeId}`, peerGroup, counts: C({ received, satisfied, unsatisfied }) });

  it('ranks by score, shares a rank on equal scores, and leaves offices below the minimum unranked and off the lists', () => {
    const out = rankOffices([office(1, 5, 5), office(2, 9, 1), office(3, 9, 1, 20), office(4, 1, 9), office(5, 10, 0, 2), office(6, 0, 0, 5, 'department')], settings);
    const county = out.filter((o) => o.peerGroup === 'county');
    expect(county.map((o) => [o.officeId, o.rank, o.list])).toEqual([[3, 1, 'red'], [2, 1, 'red'], [1, 3, 'black'], [4, 4, 'black'], [5, null, null]]);
    expect(county.at(-1)!.unrankedReason).toBe('too_few_cases');
    // A department with cases but no rating: ranked apart, with no score to rank by.
    expect(out.find((o) => o.officeId === 6)).toMatchObject({ score: null, rank: null, unrankedReason: 'nothing_to_score' });
  });

  it('never puts an office on both lists: each takes at most half the ranked group', () => {
    const out = rankOffices([office(1, 9, 1), office(2, 5, 5), office(3, 1, 9)], settings);
    expect(out.map((o) => o.list)).toEqual(['red', null, 'black']);
  });
});

describe('periods', () => {
  it('walks months across a year end and finds the ISO week\'s Monday', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(nextMonthStart('2025-12')).toBe('2026-01-01');
    expect(weekStart('2026-11-01')).toBe('2026-10-26');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });
});
