import { describe, expect, it } from 'vitest';
import { codeFitsParent } from './api';

describe('region code under its parent (GB/T 2260)', () => {
  it('a city repeats the province prefix, a county the city prefix', () => {
    expect(codeFitsParent('411700', { code: '410000', level: 'province' })).toBe(true);
    expect(codeFitsParent('421700', { code: '410000', level: 'province' })).toBe(false);
    expect(codeFitsParent('411702', { code: '411700', level: 'city' })).toBe(true);
    expect(codeFitsParent('411802', { code: '411700', level: 'city' })).toBe(false);
  });

  it('a province has no parent, and a child never reuses the parent code', () => {
    expect(codeFitsParent('410000', null)).toBe(true);
    expect(codeFitsParent('411700', { code: '411700', level: 'city' })).toBe(false);
  });
});
