import { describe, expect, it } from 'vitest';
import {
  byUrgency, caseFilterOf, caseListPath, categoryPath, categoryTree, intakeChannels, lastEventOf, ledgerExportUrl, needsReopenDecision,
  officeDayMinutes, splitWorkingMinutes, type Category, type CaseEvent,
} from './api';

const category = (id: number, parentId: number | null, name: string, active = true): Category => ({
  id, parentId, code: `c${id}`, name, path: parentId ? `/${parentId}/${id}/` : `/${id}/`, keywords: [], active, version: 1,
});

describe('working time', () => {
  it('counts an office day from the office hours (09:00–12:00 and 13:30–17:30 make 420 minutes)', () => {
    expect(officeDayMinutes([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }])).toBe(420);
    expect(officeDayMinutes(undefined)).toBe(420);
    expect(officeDayMinutes([{ start: '08:30', end: '12:00' }])).toBe(210);
  });

  it('splits office minutes into working days, hours and minutes, overdue (negative) alike', () => {
    expect(splitWorkingMinutes(420)).toEqual({ days: 1, hours: 0, minutes: 0 });
    expect(splitWorkingMinutes(2100 + 75)).toEqual({ days: 5, hours: 1, minutes: 15 });
    expect(splitWorkingMinutes(-130)).toEqual({ days: 0, hours: 2, minutes: 10 });
  });

  it('puts the most urgent first: overdue, then least time left, then no clock', () => {
    const c = (id: number, minutesLeft: number | null) => ({
      id, deadline: minutesLeft === null ? null : { step: 'reply' as const, dueAt: '', state: 'on_time' as const, minutesLeft, paused: false },
    });
    expect([c(1, null), c(2, 300), c(3, -20), c(4, 30)].sort(byUrgency).map((x) => x.id)).toEqual([3, 4, 2, 1]);
  });
});

describe('case actions shown as buttons', () => {
  it('sends an unsatisfied visit on a reviewed or closed case to the supervisor', () => {
    const visit = { contact: 'reached', resolved: false, satisfaction: 'unsatisfied', at: '' };
    expect(needsReopenDecision({ status: 'reviewed', visit })).toBe(true);
    expect(needsReopenDecision({ status: 'closed', visit })).toBe(true);
    expect(needsReopenDecision({ status: 'reviewed', visit: { ...visit, satisfaction: 'satisfied' } })).toBe(false);
    expect(needsReopenDecision({ status: 'handling', visit })).toBe(false);
  });
});

describe('intake channels', () => {
  it('offers each role the channels it takes in', () => {
    expect(intakeChannels(['agent'])).toEqual(['hotline', 'web', 'mailbox', 'wechat_group', 'onsite_visit']);
    expect(intakeChannels(['supervisor', 'leader'])).toEqual(['onsite_visit', 'supervisor_report', 'leader_hotline']);
    expect(intakeChannels(['admin'])).toEqual([]);
  });
});

describe('categories', () => {
  const list = [category(1, null, '城乡建设'), category(2, 1, '物业管理'), category(3, 1, '施工噪音', false), category(4, null, '教育')];
  it('nests the categories for the tree picker, leaving retired ones out', () => {
    const tree = categoryTree(list);
    expect(tree.map((n) => n.title)).toEqual(['城乡建设', '教育']);
    expect(tree[0].children.map((n) => n.value)).toEqual([2]);
  });
  it('names a category by its path', () => {
    expect(categoryPath(list, 2)).toBe('城乡建设 / 物业管理');
    expect(categoryPath(list, 99)).toBeNull();
    expect(categoryPath(list, null)).toBeNull();
  });
});

describe('timeline and exports', () => {
  it('finds the last event of a kind (the reason of the last return)', () => {
    const e = (seq: number, action: string, data: Record<string, unknown> = {}) => ({ seq, action, data }) as unknown as CaseEvent;
    const events = [e(1, 'create'), e(2, 'return', { reason: '第一次' }), e(3, 'dispatch'), e(4, 'return', { reason: '第二次' })];
    expect(lastEventOf(events, 'return')?.data.reason).toBe('第二次');
    expect(lastEventOf(events, 'close')).toBeUndefined();
  });

  it('links the ledger exports with the same filters and no paging', () => {
    expect(ledgerExportUrl('xlsx', { status: ['overdue', 'none'], q: ' 用电 ', page: 3, pageSize: 20 })).toBe('/api/ledger.xlsx?status=overdue%2Cnone&q=%E7%94%A8%E7%94%B5');
    expect(ledgerExportUrl('csv', {})).toBe('/api/ledger.csv');
  });
});

describe('the case list in the address', () => {
  it('reads back the filter a worklist link writes, paging aside', () => {
    for (const f of [{ status: ['accepted' as const] }, { dueState: 'overdue' as const }, { extensionPending: true }, { status: ['dispatched' as const, 'handling' as const], q: '噪音' }]) {
      const path = caseListPath({ ...f, page: 3, pageSize: 1 });
      expect(path.startsWith('/cases?')).toBe(true);
      const back = caseFilterOf(new URLSearchParams(path.slice('/cases'.length)));
      expect(back).toMatchObject({ status: [], ...f, page: 1 });
    }
    expect(caseListPath({ extensionPending: false })).toBe('/cases');
  });
});
