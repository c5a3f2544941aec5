/**
 * Whether an enterprise qualifies for a policy, as of a date (pure: no I/O). Every condition
 * reads one fact and answers met, not met or unknown with its reason; a fact that is missing, or
 * known only from a later day, is unknown and never counts as met. The policy is eligible when
 * it is in force and every condition is met, not eligible when it is out of force or any
 * condition is not met, and unknown otherwise.
 */
import { regionWithin } from '../regions/rules.js';
import { INDUSTRY_DIVISIONS, industrySectionOf } from '../enterprises/index.js';
import type { EnterpriseView } from '../enterprises/index.js';
import type { Bilingual, Condition, ConditionOutcome, Credit, Evaluation, Fact, FactSource, PolicyContent, Size } from './contract.js';
import { beijingToday } from '../platform/dates.js';

const SIZE_NAMES: Record<Size, Bilingual> = { large: { zh: '大型', en: 'large' }, medium: { zh: '中型', en: 'medium' }, small: { zh: '小型', en: 'small' }, micro: { zh: '微型', en: 'micro' } };
const CREDIT_NAMES: Record<Credit, Bilingual> = { good: { zh: '守信', en: 'good' }, normal: { zh: '一般', en: 'normal' }, bad: { zh: '失信', en: 'bad' } };

/** The registry's own fields as facts (source `registry`, known from the record's last change); a blank field is no fact. */
export function registryFacts(e: Pick<EnterpriseView, 'regionCode' | 'industryDivision' | 'size' | 'establishedOn' | 'keyEnterprise' | 'credit' | 'registeredCapital' | 'updatedAt'>): Fact[] {
  const asOf = beijingDate(new Date(e.updatedAt));
  const fact = (name: string, type: Fact['type'], value: Fact['value'] | null): Fact[] => (value === null ? [] : [{ name, type, value, source: 'registry', asOf }]);
  return [
    ...fact('region', 'text', e.regionCode), ...fact('industry', 'text', e.industryDivision), ...fact('size', 'text', e.size),
    ...fact('established_on', 'text', e.establishedOn), ...fact('key_enterprise', 'boolean', e.keyEnterprise), ...fact('credit', 'text', e.credit),
    ...fact('registered_capital', 'number', e.registeredCapital),
  ];
}

export const beijingDate = (at: Date) => beijingToday(at);

/** The fact a condition reads. */
export function factOf(c: Condition): string {
  switch (c.kind) {
    case 'industry': return 'industry';
    case 'age': return 'established_on';
    case 'fact': return c.fact;
    default: return c.kind;
  }
}

/** Full years from `from` to `to` (YYYY-MM-DD): a birthday on 29 February falls on 1 March in other years. */
export function fullYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

const list = (items: readonly string[], sep: string) => items.join(sep);
const industryName = (code: string) => (code.length === 1 ? `${code} 门类` : `${code} ${INDUSTRY_DIVISIONS[code] ?? ''}`.trim());
const bounds = (min: number | undefined, max: number | undefined, unit: Bilingual): Bilingual => ({
  zh: [min !== undefined ? `不低于 ${min}${unit.zh}` : '', max !== undefined ? `不高于 ${max}${unit.zh}` : ''].filter(Boolean).join('且'),
  en: [min !== undefined ? `at least ${min}${unit.en}` : '', max !== undefined ? `at most ${max}${unit.en}` : ''].filter(Boolean).join(' and '),
});

/** What the condition asks, in words (the condition editor and every reason show it). */
export function describeCondition(c: Condition): Bilingual {
  switch (c.kind) {
    case 'region': return { zh: `注册地在 ${c.regionCode} 区划内`, en: `registered within region ${c.regionCode}` };
    case 'industry': return { zh: `所属行业为 ${list(c.codes.map(industryName), '、')}`, en: `in industry ${list(c.codes, ', ')} (GB/T 4754)` };
    case 'size': return { zh: `企业规模为${list(c.sizes.map((s) => SIZE_NAMES[s].zh), '、')}`, en: `of size ${list(c.sizes.map((s) => SIZE_NAMES[s].en), ', ')}` };
    case 'age': {
      const zh = [c.minYears !== undefined ? `成立满 ${c.minYears} 年` : '', c.underYears !== undefined ? `成立不满 ${c.underYears} 年` : ''].filter(Boolean).join('且');
      const en = [c.minYears !== undefined ? `established at least ${c.minYears} years` : '', c.underYears !== undefined ? `established under ${c.underYears} years` : ''].filter(Boolean).join(' and ');
      return { zh, en };
    }
    case 'key_enterprise': return c.value ? { zh: '为重点企业', en: 'a key enterprise' } : { zh: '非重点企业', en: 'not a key enterprise' };
    case 'credit': return { zh: `信用状况为${list(c.standings.map((s) => CREDIT_NAMES[s].zh), '、')}`, en: `with credit standing ${list(c.standings.map((s) => CREDIT_NAMES[s].en), ', ')}` };
    case 'registered_capital': {
      const b = bounds(c.min, c.max, { zh: ' 万元', en: ' 10k yuan' });
      return { zh: `注册资本${b.zh}`, en: `registered capital ${b.en}` };
    }
    case 'fact': {
      const t = c.test;
      if (t.type === 'boolean') return { zh: `「${c.fact}」为${t.equals ? '是' : '否'}`, en: `"${c.fact}" is ${t.equals ? 'yes' : 'no'}` };
      if (t.type === 'text') return { zh: `「${c.fact}」为 ${list(t.oneOf, '、')} 之一`, en: `"${c.fact}" is one of ${list(t.oneOf, ', ')}` };
      const b = bounds(t.min, t.max, { zh: '', en: '' });
      return { zh: `「${c.fact}」${b.zh}`, en: `"${c.fact}" ${b.en}` };
    }
  }
}

/** Whether the fact's value meets the condition on the date; null when the value is not of the kind the condition reads (a fact recorded with another type). */
function meets(c: Condition, value: Fact['value'], asOf: string): { met: boolean; shown: Bilingual } | null {
  const text = typeof value === 'string' ? value : null;
  switch (c.kind) {
    case 'region': return text === null ? null : { met: regionWithin(text, c.regionCode), shown: { zh: `注册地区划 ${text}`, en: `region ${text}` } };
    case 'industry': {
      if (text === null) return null;
      const section = industrySectionOf(text)?.code;
      return { met: c.codes.includes(text) || (section !== undefined && c.codes.includes(section)), shown: { zh: `行业 ${section ?? ''}${industryName(text)}`, en: `industry ${section ?? ''}${text}` } };
    }
    case 'size': return text === null || !(text in SIZE_NAMES) ? null : { met: c.sizes.includes(text as Size), shown: { zh: `规模${SIZE_NAMES[text as Size].zh}`, en: `size ${SIZE_NAMES[text as Size].en}` } };
    case 'age': {
      if (text === null || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
      const years = fullYears(text, asOf);
      const met = (c.minYears === undefined || years >= c.minYears) && (c.underYears === undefined || years < c.underYears);
      return { met, shown: { zh: `${text} 成立，至 ${asOf} 满 ${Math.max(0, years)} 年`, en: `established ${text}, ${Math.max(0, years)} full years by ${asOf}` } };
    }
    case 'key_enterprise': return typeof value !== 'boolean' ? null : { met: value === c.value, shown: value ? { zh: '重点企业', en: 'a key enterprise' } : { zh: '非重点企业', en: 'not a key enterprise' } };
    case 'credit': return text === null || !(text in CREDIT_NAMES) ? null : { met: c.standings.includes(text as Credit), shown: { zh: `信用${CREDIT_NAMES[text as Credit].zh}`, en: `credit ${CREDIT_NAMES[text as Credit].en}` } };
    case 'registered_capital': return typeof value !== 'number' ? null : { met: within(value, c.min, c.max), shown: { zh: `注册资本 ${value} 万元`, en: `registered capital ${value} × 10k yuan` } };
    case 'fact': {
      const t = c.test;
      const shown = { zh: `「${c.fact}」为 ${fmt(value, 'zh')}`, en: `"${c.fact}" is ${fmt(value, 'en')}` };
      if (t.type === 'number') return typeof value !== 'number' ? null : { met: within(value, t.min, t.max), shown };
      if (t.type === 'boolean') return typeof value !== 'boolean' ? null : { met: value === t.equals, shown };
      return text === null ? null : { met: t.oneOf.includes(text), shown };
    }
  }
}

const within = (v: number, min?: number, max?: number) => (min === undefined || v >= min) && (max === undefined || v <= max);
const fmt = (v: Fact['value'], lang: 'zh' | 'en') => (typeof v === 'boolean' ? (lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no') : String(v));

/**
 * The fact of that name known on the date: of several, the latest known by then, the more
 * authoritative source first on the same day. A fact known only from a later day is not known yet.
 */
function knownFact(facts: readonly Fact[], name: string, asOf: string): Fact | null {
  const rank: Record<FactSource, number> = { registry: 0, admin: 1, declared: 2 };
  let best: Fact | null = null;
  for (const f of facts) {
    if (f.name !== name || f.asOf > asOf) continue;
    if (!best || f.asOf > best.asOf || (f.asOf === best.asOf && rank[f.source] < rank[best.source])) best = f;
  }
  return best;
}

function judge(c: Condition, facts: readonly Fact[], asOf: string): ConditionOutcome {
  const fact = factOf(c);
  const asked = describeCondition(c);
  const base = { clause: c.clause, kind: c.kind, fact };
  const known = knownFact(facts, fact, asOf);
  if (!known) {
    return { ...base, outcome: 'unknown', source: null, reason: { zh: `第${c.clause}条要求${asked.zh}；缺少「${fact}」信息`, en: `Clause ${c.clause} asks ${asked.en}; "${fact}" is not known` } };
  }
  const m = meets(c, known.value, asOf);
  if (!m) {
    return { ...base, outcome: 'unknown', source: null, reason: { zh: `第${c.clause}条要求${asked.zh}；「${fact}」的记录类型不符，无法判断`, en: `Clause ${c.clause} asks ${asked.en}; "${fact}" is recorded as another type and cannot be judged` } };
  }
  return {
    ...base, outcome: m.met ? 'met' : 'not_met', source: known.source,
    reason: m.met
      ? { zh: `符合第${c.clause}条（${asked.zh}）：${m.shown.zh}`, en: `Meets clause ${c.clause} (${asked.en}): ${m.shown.en}` }
      : { zh: `不符合第${c.clause}条（${asked.zh}）：${m.shown.zh}`, en: `Does not meet clause ${c.clause} (${asked.en}): ${m.shown.en}` },
  };
}

/** Evaluates the policy for an enterprise's facts as of a date (YYYY-MM-DD). */
export function evaluatePolicy(policy: Pick<PolicyContent, 'conditions' | 'validFrom' | 'validTo'>, facts: readonly Fact[], asOf: string): Evaluation {
  const conditions = policy.conditions.map((c) => judge(c, facts, asOf));
  const inForce = policy.validFrom <= asOf && (policy.validTo === null || asOf <= policy.validTo);
  const missing = [...new Set(conditions.filter((c) => c.outcome === 'unknown').map((c) => c.fact))];
  const result = !inForce || conditions.some((c) => c.outcome === 'not_met') ? 'not_eligible' : missing.length ? 'unknown' : 'eligible';
  return { result, inForce, conditions, missing, authoritative: result === 'eligible' && conditions.every((c) => c.source === 'registry') };
}
