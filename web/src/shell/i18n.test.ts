import { describe, expect, it } from 'vitest';
import { interpolate, mergeMessages } from './i18n';
import { buildUrl } from './api';
import { safeNext } from './auth';

describe('i18n', () => {
  it('fills {placeholders} and leaves unknown ones alone', () => {
    expect(interpolate('欢迎，{name}', { name: '张三' })).toBe('欢迎，张三');
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });

  it('merges module dictionaries per language', () => {
    const m = mergeMessages([
      { 'zh-CN': { a: '甲' }, en: { a: 'A' } },
      { 'zh-CN': { b: '乙' }, en: { b: 'B' } },
    ]);
    expect(m['zh-CN']).toEqual({ a: '甲', b: '乙' });
    expect(m.en).toEqual({ a: 'A', b: 'B' });
  });
});

describe('api urls', () => {
  it('drops empty query values and encodes the rest', () => {
    expect(buildUrl('/api/users', { officeId: 3, q: '' })).toBe('/api/users?officeId=3');
    expect(buildUrl('/api/regions', { q: '驻马店' })).toBe('/api/regions?q=%E9%A9%BB%E9%A9%AC%E5%BA%97');
    expect(buildUrl('/api/regions', { parentCode: undefined })).toBe('/api/regions');
  });
});

describe('return path after login', () => {
  it('accepts in-app paths only', () => {
    expect(safeNext('/admin/users?x=1')).toBe('/admin/users?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
