import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import {
  defaultPeriod, defaultRankingMonth, drillPath, expandableKeys, figureTree, groupLists, parseDrill, percent, rowDrill, weightSum,
  type FigureRow, type PublishedListSummary,
} from './api';

const row = (key: string, parentKey: string | null): FigureRow => ({ key, name: key, parentKey, counts: {} as FigureRow['counts'], rates: {} as FigureRow['rates'] });

describe('evaluation helpers', () => {
  it('shows rates as percentages with two decimals, a dash without a denominator', () => {
    expect(percent(0.98765)).toBe('98.77%');
    expect(percent(1)).toBe('100.00%');
    expect(percent(0)).toBe('0.00%');
    expect(percent(null)).toBe('—');
  });

  it('nests rows under their parent when it is in the answer, keeps order, never leaves empty children', () => {
    const tree = figureTree([row('1', null), row('2', '1'), row('3', '2'), row('4', '99'), row('5', '1')]);
    expect(tree.map((r) => r.key)).toEqual(['1', '4']);
    expect(tree[0].children!.map((r) => r.key)).toEqual(['2', '5']);
    expect(tree[0].children![0].children!.map((r) => r.key)).toEqual(['3']);
    expect(tree[1].children).toBeUndefined();
    expect(expandableKeys(tree)).toEqual(['1', '2']);
  });

  it('does not lose rows to a cycle in parentKey', () => {
    const tree = figureTree([row('a', 'b'), row('b', 'a')]);
    const all: string[] = [];
    const walk = (l: typeof tree) => l.forEach((r) => { all.push(r.key); walk(r.children ?? []); });
    walk(tree);
    expect(all.sort()).toEqual(['a', 'b']);
  });

  it('round-trips a drill-down filter through the address and drops malformed parts', () => {
    const path = drillPath({ figure: 'overdue', monthFrom: '2026-01', monthTo: '2026-03', responsibleOfficeId: 7, regionCode: '411702' });
    expect(path).toBe('/evaluation/cases?figure=overdue&monthFrom=2026-01&monthTo=2026-03&responsibleOfficeId=7&regionCode=411702');
    expect(parseDrill(new URLSearchParams(path.split('?')[1]))).toEqual({ figure: 'overdue', monthFrom: '2026-01', monthTo: '2026-03', responsibleOfficeId: 7, regionCode: '411702' });
    expect(parseDrill(new URLSearchParams('figure=nope&monthFrom=2026-13&categoryId=-1&channel=<x>&dueState=overdue&leadOfficeId=3'))).toEqual({ dueState: 'overdue', leadOfficeId: 3 });
  });

  it('narrows a row to its office, region, category, channel, type or month', () => {
    expect(rowDrill('office', '12')).toEqual({ responsibleOfficeId: 12 });
    expect(rowDrill('region', '411702')).toEqual({ regionCode: '411702' });
    expect(rowDrill('category', '3')).toEqual({ categoryId: 3 });
    expect(rowDrill('category', 'none')).toBeNull();
    expect(rowDrill('channel', 'hotline')).toEqual({ channel: 'hotline' });
    expect(rowDrill('type', 'complaint')).toEqual({ type: 'complaint' });
    expect(rowDrill('month', '2026-02')).toEqual({ monthFrom: '2026-02', monthTo: '2026-02' });
  });

  it('defaults to the last twelve months and ranks the last complete month', () => {
    expect(defaultPeriod(dayjs('2026-03-15'))).toEqual({ from: '2025-04', to: '2026-03' });
    expect(defaultRankingMonth(dayjs('2026-01-10'))).toBe('2025-12');
  });

  it('sums weights without floating-point noise', () => {
    expect(weightSum({ completionRate: 0.1, onTimeRate: 0.2, satisfactionRate: null })).toBe(0.3);
  });

  it('groups published lists by scope and month, newest month and version first', () => {
    const s = (id: number, month: string, version: number, scope = 1): PublishedListSummary => ({
      id, month, version, scopeOfficeId: scope, scopeOfficeName: `s${scope}`, reason: version > 1 ? 'fix' : null, publishedAt: '', publishedBy: 'x',
    });
    const g = groupLists([s(1, '2026-01', 1), s(2, '2026-02', 1), s(3, '2026-01', 2), s(4, '2026-02', 1, 2)]);
    expect(g.map((x) => x.key)).toEqual(['1:2026-02', '2:2026-02', '1:2026-01']);
    expect(g[2].versions.map((v) => v.id)).toEqual([3, 1]);
  });
});
