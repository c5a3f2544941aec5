/**
 * What a well-formed policy is (pure): the checks of its content that need nothing but the
 * content — dates that exist and follow each other, clauses numbered once, every condition citing
 * an existing clause and asking something that can be met — each problem naming its field.
 */
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '../enterprises/index.js';
import type { Condition, PolicyContent } from './contract.js';

export interface ContentProblem {
  field: string;
  zh: string;
  en: string;
}

export const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const SECTIONS = new Set(INDUSTRY_SECTIONS.map((s) => s.code));

function conditionProblems(c: Condition, field: string, clauses: Set<string>): ContentProblem[] {
  const p: ContentProblem[] = [];
  const bad = (f: string, zh: string, en: string) => p.push({ field: `${field}.${f}`, zh, en });
  if (!clauses.has(c.clause)) bad('clause', `引用的条款「${c.clause}」不在政策条款中`, `cites clause "${c.clause}", which the policy does not have`);
  const range = (min: number | undefined, max: number | undefined, f: string) => {
    if (min !== undefined && max !== undefined && min > max) bad(f, '下限不能高于上限', 'the lower bound is above the upper one');
  };
  switch (c.kind) {
    case 'industry':
      for (const code of c.codes) if (!SECTIONS.has(code) && !(code in INDUSTRY_DIVISIONS)) bad('codes', `「${code}」不是 GB/T 4754 的门类或大类`, `"${code}" is no GB/T 4754 section or division`);
      break;
    case 'age':
      if (c.minYears === undefined && c.underYears === undefined) bad('minYears', '至少给出一个年限', 'give at least one bound');
      if (c.minYears !== undefined && c.underYears !== undefined && c.minYears >= c.underYears) bad('underYears', '年限区间为空', 'the range of years is empty');
      break;
    case 'registered_capital':
      if (c.min === undefined && c.max === undefined) bad('min', '至少给出一个界限', 'give at least one bound');
      range(c.min, c.max, 'max');
      break;
    case 'fact':
      if (c.test.type === 'number') {
        if (c.test.min === undefined && c.test.max === undefined) bad('test.min', '至少给出一个界限', 'give at least one bound');
        range(c.test.min, c.test.max, 'test.max');
      }
      break;
    default:
      break;
  }
  return p;
}

/** Every problem of the content; empty when it may be written. */
export function contentProblems(c: PolicyContent): ContentProblem[] {
  const p: ContentProblem[] = [];
  for (const [f, v] of [['title', c.title], ['issuingBody', c.issuingBody], ['documentNumber', c.documentNumber]] as const) {
    if (!v.trim()) p.push({ field: f, zh: '不能为空', en: 'must not be empty' });
  }
  if (!isDate(c.validFrom)) p.push({ field: 'validFrom', zh: '不是有效日期', en: 'is not a date' });
  if (c.validTo !== null && !isDate(c.validTo)) p.push({ field: 'validTo', zh: '不是有效日期', en: 'is not a date' });
  else if (c.validTo !== null && c.validTo < c.validFrom) p.push({ field: 'validTo', zh: '早于生效日期', en: 'is before validFrom' });
  if (!c.clauses.length) p.push({ field: 'clauses', zh: '至少需要一条条款', en: 'needs at least one clause' });
  const numbers = new Set<string>();
  c.clauses.forEach((cl, i) => {
    if (!cl.number.trim() || !cl.text.trim()) p.push({ field: `clauses[${i}]`, zh: '条款编号和内容不能为空', en: 'a clause needs its number and text' });
    if (numbers.has(cl.number)) p.push({ field: `clauses[${i}].number`, zh: `条款编号「${cl.number}」重复`, en: `clause number "${cl.number}" repeats` });
    numbers.add(cl.number);
  });
  if (c.benefit.amount !== null && !(c.benefit.amount >= 0)) p.push({ field: 'benefit.amount', zh: '不能为负数', en: 'cannot be negative' });
  if (!c.benefit.description.trim()) p.push({ field: 'benefit.description', zh: '不能为空', en: 'must not be empty' });
  c.conditions.forEach((cond, i) => p.push(...conditionProblems(cond, `conditions[${i}]`, numbers)));
  return p;
}

/** Which content fields differ, for a change's event; none means the change changes nothing. */
export function changedFields(before: PolicyContent, after: PolicyContent): (keyof PolicyContent)[] {
  return (Object.keys(after) as (keyof PolicyContent)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
