import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, daysOverdue, isoWeekOf, isoWeeksInYear, ledgerStatus, mondayOf, parseWeek, progressKind, statusAfterProgress, visibleProgressKinds,
} from './rules.js';
import { mayAddProgress, mayEditPlan } from './lifecycle.js';
import { ledgerCsv, sheetName, statusText } from './export.js';
import type { LedgerItem } from './contract.js';

const dates = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2098, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('ISO weeks', () => {
  it('names the ISO week of known dates, across year ends', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
  });

  it('reads a week as an ISO week or any date in it, as its Monday', () => {
    expect(parseWeek('2026-W48')).toEqual({ monday: '2026-11-23' });
    expect(parseWeek('2026-11-29')).toEqual({ monday: '2026-11-23' });
    expect(parseWeek('2025-W01')).toEqual({ monday: '2024-12-30' });
    expect(parseWeek('2025-W53')).toEqual({ error: 'week_number' });
    expect(parseWeek('2026-W00')).toEqual({ error: 'week_number' });
    expect(parseWeek('2026-02-30')).toEqual({ error: 'format' });
    expect(parseWeek('next week')).toEqual({ error: 'format' });
  });

  it('gives every date a Monday no more than six days before it, whose ISO week reads back to the same Monday', () => {
    fc.assert(fc.property(dates, (d) => {
      const monday = mondayOf(d);
      expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(monday <= d && addDays(monday, 6) >= d).toBe(true);
      expect(parseWeek(isoWeekOf(d))).toEqual({ monday });
    }));
  });
});

describe('plan status and days overdue', () => {
  it('derives overdue from the deadline for an open plan; the deadline day itself is on time', () => {
    expect(ledgerStatus({ status: 'planned', deadline: '2026-11-23', completedOn: null }, '2026-11-23')).toBe('planned');
    expect(ledgerStatus({ status: 'in_progress', deadline: '2026-11-20', completedOn: null }, '2026-11-23')).toBe('overdue');
    expect(daysOverdue({ status: 'in_progress', deadline: '2026-11-20', completedOn: null }, '2026-11-23')).toBe(3);
    expect(ledgerStatus({ status: 'done', deadline: '2026-11-20', completedOn: '2026-11-22' }, '2026-12-01')).toBe('done');
    expect(daysOverdue({ status: 'done', deadline: '2026-11-20', completedOn: '2026-11-22' }, '2026-12-01')).toBe(2);
    expect(daysOverdue({ status: 'done', deadline: '2026-11-20', completedOn: '2026-11-19' }, '2026-12-01')).toBe(0);
  });

  it('never counts negative days, and counts overdue days exactly when the status is overdue (open plans)', () => {
    fc.assert(fc.property(dates, dates, fc.constantFrom('planned' as const, 'in_progress' as const), (deadline, today, status) => {
      const plan = { status, deadline, completedOn: null };
      const days = daysOverdue(plan, today);
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days > 0).toBe(ledgerStatus(plan, today) === 'overdue');
    }));
  });

  it('starts a planned plan with its first progress report and leaves others alone', () => {
    expect(statusAfterProgress('planned')).toBe('in_progress');
    expect(statusAfterProgress('in_progress')).toBe('in_progress');
    expect(statusAfterProgress('done')).toBe('done');
  });
});

describe('who may do what', () => {
  it('lets only a handler of the lead office change the plan', () => {
    expect(mayEditPlan(['handler'], ['lead'])).toBe(true);
    expect(mayEditPlan(['handler'], ['assisting'])).toBe(false);
    expect(mayEditPlan(['supervisor'], ['intake', 'lead'])).toBe(false);
    expect(mayEditPlan(['dispatcher', 'leader'], ['intake'])).toBe(false);
    expect(mayEditPlan(['enterprise'], ['requester'])).toBe(false);
  });

  it('lets lead handlers report progress and supervisors (intake or lead) add supervision notes', () => {
    expect(mayAddProgress(['handler'], ['lead'])).toBe(true);
    expect(progressKind(['handler'], ['lead'])).toBe('progress');
    expect(mayAddProgress(['supervisor'], ['intake'])).toBe(true);
    expect(progressKind(['supervisor'], ['intake'])).toBe('supervision');
    expect(mayAddProgress(['supervisor'], ['assisting'])).toBe(false);
    expect(mayAddProgress(['leader', 'agent', 'dispatcher'], ['intake'])).toBe(false);
    expect(mayAddProgress(['enterprise'], ['requester'])).toBe(false);
  });

  it('shows an enterprise the progress reports but not the supervision notes', () => {
    expect(visibleProgressKinds(['requester'], ['enterprise'])).toEqual(['progress']);
    expect(visibleProgressKinds(['intake'], ['dispatcher'])).toEqual(['progress', 'supervision']);
  });
});

describe('export formatting', () => {
  const item = (over: Partial<LedgerItem>): LedgerItem => ({
    caseId: 1, code: '2026112300001', type: 'help', caseStatus: 'handling', acceptedAt: '2026-11-23T01:00:00.000Z', title: '=HYPERLINK("x")',
    enterprise: { name: '某, "公司"', uscc: '91411702MA9GQ7K3X9' }, leadOfficeId: 2, leadOfficeName: '市场监督管理局',
    plan: null, ledgerStatus: 'none', daysOverdue: 0, latestProgress: null, ...over,
  });

  it('writes a CSV Excel opens as UTF-8, quoting commas and quotes and defusing formulas', () => {
    const csv = ledgerCsv([item({})]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF序号,诉求编号,企业名称,统一社会信用代码,问题描述,主办单位,整改措施,责任人,整改时限,整改状态,最新进展,进展日期,办理状态');
    const row = csv.split('\r\n')[1];
    expect(row).toContain('"某, ""公司"""');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('未制定');
    expect(row.endsWith('办理中')).toBe(true);
  });

  it('names the overdue days in the status, and keeps sheet names within Excel\'s limits', () => {
    expect(statusText(item({ ledgerStatus: 'overdue', daysOverdue: 3 }))).toBe('已逾期（3天）');
    expect(statusText(item({ ledgerStatus: 'done', daysOverdue: 2 }))).toBe('已完成（逾期2天）');
    expect(statusText(item({ ledgerStatus: 'in_progress' }))).toBe('整改中');
    expect(sheetName('2026-11-23')).toBe('企业问题整改台账2026-11-23');
    expect(sheetName('2026-11-23').length).toBeLessThanOrEqual(31);
  });
});
