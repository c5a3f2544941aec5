import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluatePolicy, fullYears, registryFacts } from './eligibility.js';
import type { Condition, Fact, FactSource, PolicyContent } from './contract.js';

const AS_OF = '2026-12-03';
const policy = (conditions: Condition[], validity: Partial<Pick<PolicyContent, 'validFrom' | 'validTo'>> = {}) => ({ conditions, validFrom: '2026-01-01', validTo: '2027-12-31', ...validity });
const registry = (over: Record<string, unknown> = {}) => registryFacts({
  regionCode: '411702', industryDivision: '13', size: 'small', establishedOn: '2020-05-01', keyEnterprise: false, credit: 'good', registeredCapital: 500,
  updatedAt: '2026-11-01T02:00:00.000Z', ...over,
} as Parameters<typeof registryFacts>[0]);
const fact = (name: string, type: Fact['type'], value: Fact['value'], source: FactSource = 'admin', asOf = '2026-06-30'): Fact => ({ name, type, value, source, asOf });

// Realistic county policies, as a 县 government issues them.
const RENT: Condition[] = [
  { kind: 'region', regionCode: '411700', clause: '二' },
  { kind: 'size', sizes: ['small', 'micro'], clause: '二' },
  { kind: 'credit', standings: ['good', 'normal'], clause: '三' },
  { kind: 'fact', fact: '租赁厂房面积', test: { type: 'number', min: 200 }, clause: '四' },
];
const HIGH_TECH_RD: Condition[] = [
  { kind: 'fact', fact: '高新技术企业', test: { type: 'boolean', equals: true }, clause: '2' },
  { kind: 'fact', fact: '研发费用占比', test: { type: 'number', min: 3 }, clause: '3' },
  { kind: 'industry', codes: ['C', 'I', 'M'], clause: '2' },
];
const SPECIALISED: Condition[] = [
  { kind: 'industry', codes: ['C'], clause: '第三条' },
  { kind: 'size', sizes: ['medium', 'small', 'micro'], clause: '第三条' },
  { kind: 'age', minYears: 3, clause: '第三条' },
  { kind: 'fact', fact: '专精特新认定等级', test: { type: 'text', oneOf: ['省级', '国家级'] }, clause: '第四条' },
  { kind: 'credit', standings: ['good'], clause: '第五条' },
];
const START_UP: Condition[] = [
  { kind: 'age', underYears: 3, clause: '1' },
  { kind: 'registered_capital', max: 100, clause: '1' },
  { kind: 'key_enterprise', value: false, clause: '2' },
];

describe('the policy evaluator', () => {
  it('decides realistic policies: 小微企业 rent subsidy, 高新技术 R&D, 专精特新 award, start-up aid', () => {
    const rentFacts = [...registry(), fact('租赁厂房面积', 'number', 350)];
    expect(evaluatePolicy(policy(RENT), rentFacts, AS_OF)).toMatchObject({ result: 'eligible', missing: [], authoritative: false });
    expect(evaluatePolicy(policy(RENT), registry(), AS_OF)).toMatchObject({ result: 'unknown', missing: ['租赁厂房面积'] });
    expect(evaluatePolicy(policy(RENT), [...registry({ size: 'large' })], AS_OF)).toMatchObject({ result: 'not_eligible' });
    expect(evaluatePolicy(policy(RENT), [...registry({ regionCode: '410122' }), fact('租赁厂房面积', 'number', 350)], AS_OF).result).toBe('not_eligible');

    const rd = evaluatePolicy(policy(HIGH_TECH_RD), [...registry({ industryDivision: '39' }), fact('高新技术企业', 'boolean', true, 'registry'), fact('研发费用占比', 'number', 2.5, 'declared')], AS_OF);
    expect(rd.result).toBe('not_eligible');
    expect(rd.conditions.map((c) => c.outcome)).toEqual(['met', 'not_met', 'met']);
    expect(rd.conditions[1].reason.zh).toContain('不符合第3条');

    const award = evaluatePolicy(policy(SPECIALISED), [...registry({ size: 'medium' }), fact('专精特新认定等级', 'text', '省级', 'registry')], AS_OF);
    expect(award).toMatchObject({ result: 'eligible', authoritative: true });
    expect(award.conditions[2].reason.zh).toContain('满 6 年');
    expect(evaluatePolicy(policy(SPECIALISED), [...registry({ credit: 'normal' }), fact('专精特新认定等级', 'text', '国家级', 'registry')], AS_OF).result).toBe('not_eligible');

    expect(evaluatePolicy(policy(START_UP), registry({ establishedOn: '2024-12-04', registeredCapital: 50 }), AS_OF).result).toBe('eligible');
    expect(evaluatePolicy(policy(START_UP), registry({ establishedOn: '2023-12-03', registeredCapital: 50 }), AS_OF).result).toBe('not_eligible');
    expect(evaluatePolicy(policy(START_UP), registry({ establishedOn: null, registeredCapital: 50 }), AS_OF)).toMatchObject({ result: 'unknown', missing: ['established_on'] });
  });

  it('is not eligible outside the policy\'s validity, whatever the facts', () => {
    expect(evaluatePolicy(policy(START_UP, { validTo: '2026-06-30' }), registry({ establishedOn: '2025-01-01', registeredCapital: 50 }), AS_OF)).toMatchObject({ result: 'not_eligible', inForce: false });
    expect(evaluatePolicy(policy([], { validFrom: '2027-01-01' }), registry(), AS_OF).result).toBe('not_eligible');
    expect(evaluatePolicy(policy([]), [], AS_OF)).toMatchObject({ result: 'eligible', authoritative: true });
  });

  it('does not know a fact recorded only from a later day, nor one of another type', () => {
    const later = evaluatePolicy(policy(RENT), [...registry(), fact('租赁厂房面积', 'number', 350, 'admin', '2026-12-04')], AS_OF);
    expect(later).toMatchObject({ result: 'unknown', missing: ['租赁厂房面积'] });
    const wrongType = evaluatePolicy(policy(RENT), [...registry(), fact('租赁厂房面积', 'text', '很大')], AS_OF);
    expect(wrongType).toMatchObject({ result: 'unknown', missing: ['租赁厂房面积'] });
    expect(wrongType.conditions[3].reason.en).toContain('another type');
  });

  it('grants 免申即享 only on the registry\'s authoritative facts: a declared fact that meets the condition is eligible but not authoritative', () => {
    const declared = evaluatePolicy(policy(HIGH_TECH_RD), [...registry(), fact('高新技术企业', 'boolean', true, 'registry'), fact('研发费用占比', 'number', 4, 'declared')], AS_OF);
    expect(declared).toMatchObject({ result: 'eligible', authoritative: false });
    const certified = evaluatePolicy(policy(HIGH_TECH_RD), [...registry(), fact('高新技术企业', 'boolean', true, 'registry'), fact('研发费用占比', 'number', 4, 'registry')], AS_OF);
    expect(certified).toMatchObject({ result: 'eligible', authoritative: true });
  });

  it('counts full years, a 29 February birthday falling due on 1 March', () => {
    expect(fullYears('2020-02-29', '2023-02-28')).toBe(2);
    expect(fullYears('2020-02-29', '2023-03-01')).toBe(3);
    expect(fullYears('2020-12-03', '2026-12-03')).toBe(6);
    expect(fullYears('2020-12-04', '2026-12-03')).toBe(5);
  });

  // Generated conditions and facts over a small vocabulary, so facts meet, miss and fail conditions alike.
  const NAMES = ['面积', '高新', '等级'] as const;
  const anyCondition: fc.Arbitrary<Condition> = fc.oneof(
    fc.constantFrom('411700', '411702', '410100', '410122').map((regionCode) => ({ kind: 'region' as const, regionCode, clause: '1' })),
    fc.subarray(['C', '13', '39', 'I', '70'], { minLength: 1 }).map((codes) => ({ kind: 'industry' as const, codes, clause: '2' })),
    fc.subarray(['large', 'medium', 'small', 'micro'] as const, { minLength: 1 }).map((sizes) => ({ kind: 'size' as const, sizes, clause: '3' })),
    fc.record({ minYears: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), underYears: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) })
      .map((b) => ({ kind: 'age' as const, ...b, clause: '4' })),
    fc.boolean().map((value) => ({ kind: 'key_enterprise' as const, value, clause: '5' })),
    fc.subarray(['good', 'normal', 'bad'] as const, { minLength: 1 }).map((standings) => ({ kind: 'credit' as const, standings, clause: '6' })),
    fc.record({ min: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }), max: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }) })
      .map((b) => ({ kind: 'registered_capital' as const, ...b, clause: '7' })),
    fc.record({ min: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }) }).map((t) => ({ kind: 'fact' as const, fact: '面积', test: { type: 'number' as const, ...t }, clause: '8' })),
    fc.boolean().map((equals) => ({ kind: 'fact' as const, fact: '高新', test: { type: 'boolean' as const, equals }, clause: '9' })),
    fc.subarray(['省级', '国家级'], { minLength: 1 }).map((oneOf) => ({ kind: 'fact' as const, fact: '等级', test: { type: 'text' as const, oneOf }, clause: '10' })),
  );
  const anySource = fc.constantFrom<FactSource>('registry', 'admin', 'declared');
  const anyDay = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2018, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const anyFact: fc.Arbitrary<Fact> = fc.oneof(
    fc.record({ name: fc.constant('region'), type: fc.constant('text' as const), value: fc.constantFrom('411702', '411721', '410122'), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('industry'), type: fc.constant('text' as const), value: fc.constantFrom('13', '39', '65', '70'), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('size'), type: fc.constant('text' as const), value: fc.constantFrom('large', 'medium', 'small', 'micro'), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('established_on'), type: fc.constant('text' as const), value: anyDay, source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('key_enterprise'), type: fc.constant('boolean' as const), value: fc.boolean(), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('credit'), type: fc.constant('text' as const), value: fc.constantFrom('good', 'normal', 'bad'), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('registered_capital'), type: fc.constant('number' as const), value: fc.integer({ min: 0, max: 6000 }), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('面积'), type: fc.constant('number' as const), value: fc.integer({ min: 0, max: 600 }), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('高新'), type: fc.constant('boolean' as const), value: fc.boolean(), source: anySource, asOf: anyDay }),
    fc.record({ name: fc.constant('等级'), type: fc.constantFrom('text' as const, 'number' as const), value: fc.constantFrom('省级', '国家级', '市级'), source: anySource, asOf: anyDay }),
  );
  const anyPolicy = fc.record({ conditions: fc.array(anyCondition, { maxLength: 6 }), validFrom: anyDay, validTo: fc.option(anyDay, { nil: null }) });
  const anyFacts = fc.array(anyFact, { maxLength: 12 });
  const mentioned = [...NAMES, 'region', 'industry', 'size', 'established_on', 'key_enterprise', 'credit', 'registered_capital'];

  it('never answers eligible while a condition is unknown, and lists every unknown condition\'s fact as missing (property)', () => {
    fc.assert(fc.property(anyPolicy, anyFacts, anyDay, (p, facts, asOf) => {
      const e = evaluatePolicy(p, facts, asOf);
      const unknown = e.conditions.filter((c) => c.outcome === 'unknown');
      if (unknown.length) expect(e.result).not.toBe('eligible');
      expect(new Set(e.missing)).toEqual(new Set(unknown.map((c) => c.fact)));
      if (e.result === 'eligible') expect(e.conditions.every((c) => c.outcome === 'met')).toBe(true);
      if (e.authoritative) expect(e.conditions.every((c) => c.source === 'registry')).toBe(true);
    }), { numRuns: 2000 });
  });

  it('a missing fact never counts as met: taking facts away never turns a verdict into eligible (property)', () => {
    fc.assert(fc.property(anyPolicy, anyFacts, anyDay, fc.constantFrom(...mentioned), (p, facts, asOf, name) => {
      const fewer = evaluatePolicy(p, facts.filter((f) => f.name !== name), asOf);
      const all = evaluatePolicy(p, facts, asOf);
      if (fewer.result === 'eligible') expect(all.result).toBe('eligible');
      for (const c of fewer.conditions) if (c.fact === name) expect(c.outcome).toBe('unknown');
    }), { numRuns: 2000 });
  });

  it('adding a fact that meets a condition never turns eligible into not eligible, nor unknown into not eligible (property)', () => {
    fc.assert(fc.property(anyPolicy, anyFacts, anyFact, anyDay, (p, facts, added, asOf) => {
      // A fact of a name not known yet on the day: an addition, not a correction of what is known.
      if (facts.some((f) => f.name === added.name && f.asOf <= asOf)) return;
      const before = evaluatePolicy(p, facts, asOf);
      const after = evaluatePolicy(p, [...facts, added], asOf);
      const meetsOne = after.conditions.some((c, i) => c.fact === added.name && c.outcome === 'met' && before.conditions[i].outcome === 'unknown');
      const failsNone = after.conditions.every((c, i) => c.fact !== added.name || c.outcome !== 'not_met' || before.conditions[i].outcome === 'not_met');
      if (before.result === 'eligible') expect(after.result).toBe('eligible');
      if (meetsOne && failsNone) expect(after.result).not.toBe(before.result === 'not_eligible' ? 'eligible' : 'not_eligible');
    }), { numRuns: 2000 });
  });
});
