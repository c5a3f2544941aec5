import { describe, expect, it } from 'vitest';
import { buildOfficeTree, officePatch, subtreeIds, type Office } from './api';

const office = (id: number, parentId: number | null, name = `o${id}`): Office => ({
  id,
  name,
  kind: 'department',
  regionCode: '411702',
  regionName: '驿城区',
  parentId,
  path: `/${id}/`,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('office tree', () => {
  it('nests offices under their parent and keeps input order', () => {
    const tree = buildOfficeTree([office(1, null), office(2, 1), office(3, 1), office(4, 2)]);
    expect(tree.map((n) => n.office.id)).toEqual([1]);
    expect(tree[0].children.map((n) => n.office.id)).toEqual([2, 3]);
    expect(tree[0].children[0].children.map((n) => n.office.id)).toEqual([4]);
  });

  it('makes an office whose parent is outside the visible subtree a root', () => {
    const tree = buildOfficeTree([office(5, 99), office(6, 5)]);
    expect(tree.map((n) => n.office.id)).toEqual([5]);
    expect(tree[0].children.map((n) => n.office.id)).toEqual([6]);
  });

  it('finds an office and all its descendants (parents it may not move under)', () => {
    const list = [office(1, null), office(2, 1), office(3, 2), office(4, null)];
    expect([...subtreeIds(list, 1)].sort()).toEqual([1, 2, 3]);
    expect([...subtreeIds(list, 4)]).toEqual([4]);
  });
});

describe('office patch', () => {
  it('sends only changed fields with the version it started from', () => {
    const saved = office(2, 1, '市场监管局');
    expect(officePatch(saved, { name: ' 市场监管局 ', kind: 'department', regionCode: '411702', parentId: 1 })).toEqual({ version: 1 });
    expect(officePatch(saved, { name: '新名', kind: 'undertaking_unit', regionCode: '411702', parentId: null })).toEqual({
      version: 1,
      name: '新名',
      kind: 'undertaking_unit',
      parentId: null,
    });
  });
});
