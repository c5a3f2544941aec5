import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor, Role } from '../platform/actor.js';
import {
  beijingToday, checkValidity, isCalendarDate, isValidOn, normaliseCategory, normaliseKeywords, regionApplies, regionScopePrefix,
} from './rules.js';
import { canEdit, canPublish, canRead, canTransition } from './lifecycle.js';

const actor = (roles: Role[], officePath: string | null): Actor => ({ userId: 1, name: 'x', roles, officeId: officePath ? 1 : null, officePath });
const MARKET = '/1/3/';
const HR = '/1/5/';

describe('knowledge-base rules', () => {
  it('lets a handler edit drafts of their own office subtree only, and never publish', () => {
    const handler = actor(['handler'], MARKET);
    expect(canEdit(handler, MARKET, 'draft')).toBe(true);
    expect(canEdit(handler, `${MARKET}9/`, 'draft')).toBe(true);
    expect(canEdit(handler, HR, 'draft')).toBe(false);
    expect(canEdit(handler, MARKET, 'published')).toBe(false);
    expect(canPublish(handler, MARKET)).toBe(false);
    expect(canTransition(handler, MARKET, 'archive', 'draft')).toBe(true);
    expect(canTransition(handler, MARKET, 'archive', 'published')).toBe(false);
  });

  it('lets supervisors and administrators publish and edit in their scope, the system administrator everywhere', () => {
    const supervisor = actor(['supervisor'], '/1/');
    expect(canPublish(supervisor, MARKET)).toBe(true);
    expect(canEdit(supervisor, HR, 'published')).toBe(true);
    expect(canPublish(actor(['supervisor'], '/2/'), MARKET)).toBe(false);
    expect(canPublish(actor(['admin'], null), '/7/8/')).toBe(true);
    expect(canTransition(actor(['admin'], null), '/7/', 'withdraw', 'published')).toBe(true);
  });

  it('shows published articles to every staff role and drafts only to editors in scope', () => {
    for (const role of ['agent', 'dispatcher', 'leader', 'handler', 'supervisor', 'admin'] as const) {
      expect(canRead(actor([role], '/9/'), MARKET, 'published')).toBe(true);
    }
    expect(canRead(actor(['agent'], '/1/'), MARKET, 'draft')).toBe(false);
    expect(canRead(actor(['leader'], '/1/'), MARKET, 'archived')).toBe(false);
    expect(canRead(actor(['handler'], MARKET), MARKET, 'draft')).toBe(true);
    expect(canRead(actor(['handler'], HR), MARKET, 'draft')).toBe(false);
    expect(canRead(actor(['enterprise'], null), MARKET, 'published')).toBe(false);
  });

  it('applies an article to its region and everything under it; no region means everywhere', () => {
    expect(regionApplies(null, '411721')).toBe(true);
    expect(regionApplies('410000', '411721')).toBe(true);
    expect(regionApplies('411700', '411721')).toBe(true);
    expect(regionApplies('411700', '411700')).toBe(true);
    expect(regionApplies('411721', '411721')).toBe(true);
    expect(regionApplies('411721', '411700')).toBe(false);
    expect(regionApplies('411700', '410105')).toBe(false);
    expect(regionApplies('410000', '420100')).toBe(false);
    expect([null, '410000', '411700', '411721'].map(regionScopePrefix)).toEqual(['', '41', '4117', '411721']);
  });

  it('agrees with itself: applying equals starting with the scope prefix (generated codes)', () => {
    const code = fc.tuple(fc.integer({ min: 11, max: 65 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([p, c, d]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(code, code, (scope, place) => {
      expect(regionApplies(scope, place)).toBe(place.startsWith(regionScopePrefix(scope)));
    }));
  });

  it('judges validity by inclusive dates in Beijing time', () => {
    expect(isValidOn({ validFrom: null, validUntil: null }, '2026-01-01')).toBe(true);
    expect(isValidOn({ validFrom: '2026-01-01', validUntil: '2026-12-31' }, '2026-12-31')).toBe(true);
    expect(isValidOn({ validFrom: '2026-01-01', validUntil: '2026-12-31' }, '2027-01-01')).toBe(false);
    expect(isValidOn({ validFrom: '2026-07-01', validUntil: null }, '2026-06-30')).toBe(false);
    // 2026-03-01 17:00 UTC is already 2 March in Beijing.
    expect(beijingToday(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(beijingToday(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('refuses impossible dates and a period that ends before it starts', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(checkValidity('2026-02-30', null)?.code).toBe('invalid_date');
    expect(checkValidity('2026-05-01', '2026-04-30')?.code).toBe('invalid_validity');
    expect(checkValidity('2026-05-01', '2026-05-01')).toBeNull();
  });

  it('normalises a category path and refuses empty levels', () => {
    expect(normaliseCategory(' 社会保障 ／ 养老保险 ')).toBe('社会保障/养老保险');
    expect(normaliseCategory('社会保障//养老保险')).toMatchObject({ code: 'invalid_category' });
    expect(normaliseCategory('a/b/c/d/e/f')).toMatchObject({ code: 'invalid_category' });
  });

  it('trims keywords, drops blanks and duplicates that differ only in case or width', () => {
    expect(normaliseKeywords([' 社保卡 ', '', 'APP', 'app', 'ＡＰＰ', '补办'])).toEqual(['社保卡', 'APP', '补办']);
  });
});
