/**
 * The registry's field rules, pure: what a create, a change and an import row must hold. Each
 * problem names its field and says what is wrong in Chinese and English, so a form marks the
 * field and an import report names the cell.
 */
import { isRegionCode } from '../regions/rules.js';
import { industrySectionOf, INDUSTRY_DIVISIONS } from './industries.js';
import { normaliseUscc, usccProblem } from './uscc.js';
import {
  CREDIT_STANDINGS, ENTERPRISE_KINDS, ENTERPRISE_SIZES,
  type CreditStanding, type EnterpriseContact, type EnterpriseKind, type EnterpriseSize,
} from './contract.js';

export interface FieldProblem {
  field: string;
  messageZh: string;
  messageEn: string;
}

export const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  usccOverrideReason: { zh: '校验码例外说明', en: 'check-character override reason' },
  name: { zh: '企业名称', en: 'name' },
  kind: { zh: '企业类型', en: 'kind' },
  legalRepresentative: { zh: '法定代表人', en: 'legal representative' },
  address: { zh: '住所', en: 'address' },
  regionCode: { zh: '行政区划代码', en: 'region code' },
  industryDivision: { zh: '行业（国民经济行业分类大类）', en: 'industry (GB/T 4754 division)' },
  size: { zh: '企业规模', en: 'size' },
  establishedOn: { zh: '成立日期', en: 'date established' },
  registeredCapital: { zh: '注册资本（万元）', en: 'registered capital (10,000 yuan)' },
  keyEnterprise: { zh: '重点企业', en: 'key enterprise' },
  credit: { zh: '信用状况', en: 'credit standing' },
  contacts: { zh: '联系人', en: 'contacts' },
};

const problem = (field: string, zh: string, en: string): FieldProblem => ({
  field, messageZh: `${FIELD_NAMES[field]?.zh ?? field}：${zh}`, messageEn: `${FIELD_NAMES[field]?.en ?? field}: ${en}`,
});

/** The record's fields once read (trimmed, upper-cased code); what the commands store. */
export interface EnterpriseFields {
  uscc: string;
  usccOverrideReason: string | null;
  name: string;
  kind: EnterpriseKind;
  legalRepresentative: string | null;
  address: string | null;
  regionCode: string;
  industryDivision: string | null;
  size: EnterpriseSize | null;
  establishedOn: string | null;
  registeredCapital: number | null;
  keyEnterprise: boolean;
  credit: CreditStanding;
  contacts: EnterpriseContact[];
}

export const MAX_CONTACTS = 20;
export const MAX_CAPITAL = 1e12;
const PHONE = /^\+?[0-9][0-9\- ]{4,28}[0-9]$/;

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/** Trims what people type; blank optional text becomes null. */
export function normaliseFields(f: EnterpriseFields): EnterpriseFields {
  return {
    ...f,
    uscc: normaliseUscc(f.uscc),
    usccOverrideReason: blankToNull(f.usccOverrideReason),
    name: f.name.trim().replace(/\s+/g, ' '),
    legalRepresentative: blankToNull(f.legalRepresentative),
    address: blankToNull(f.address),
    industryDivision: blankToNull(f.industryDivision),
    contacts: f.contacts.map((c) => ({ name: c.name.trim(), role: c.role.trim(), phone: c.phone.trim() })),
  };
}

/**
 * What is wrong with a record (empty when nothing). A code failing only its check character is
 * accepted when a reason is given (real registered codes exist that fail it, RULES.md); a code of
 * the wrong length or alphabet never is. `today` (YYYY-MM-DD, Beijing) bounds the founding date.
 */
export function fieldProblems(f: EnterpriseFields, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const codeProblem = usccProblem(f.uscc);
  if (codeProblem === 'length') out.push(problem('uscc', `应为 18 位，实为 ${f.uscc.length} 位`, `must be 18 characters, not ${f.uscc.length}`));
  else if (codeProblem === 'alphabet') out.push(problem('uscc', '只能由数字和大写字母组成（不含 I、O、S、V、Z）', 'may hold only digits and capital letters other than I, O, S, V, Z'));
  else if (codeProblem === 'check_digit' && !f.usccOverrideReason) {
    out.push(problem('uscc', '校验码不正确（GB 32100）；确属登记机关核发的代码，请填写例外说明', 'the check character is wrong (GB 32100); if the registration authority issued it, give the reason for accepting it'));
  }
  if (f.usccOverrideReason && f.usccOverrideReason.length > 500) out.push(problem('usccOverrideReason', '不能超过 500 字', 'must be at most 500 characters'));
  if (!f.name) out.push(problem('name', '不能为空', 'must not be empty'));
  else if (f.name.length > 200) out.push(problem('name', '不能超过 200 字', 'must be at most 200 characters'));
  if (!(ENTERPRISE_KINDS as readonly string[]).includes(f.kind)) out.push(problem('kind', `不是登记类型之一：${f.kind}`, `is not a registration category: ${f.kind}`));
  if (f.legalRepresentative && f.legalRepresentative.length > 100) out.push(problem('legalRepresentative', '不能超过 100 字', 'must be at most 100 characters'));
  if (f.address && f.address.length > 300) out.push(problem('address', '不能超过 300 字', 'must be at most 300 characters'));
  if (!isRegionCode(f.regionCode)) out.push(problem('regionCode', `应为 6 位 GB/T 2260 代码：${f.regionCode}`, `must be a 6-digit GB/T 2260 code: ${f.regionCode}`));
  if (f.industryDivision !== null && !(f.industryDivision in INDUSTRY_DIVISIONS && industrySectionOf(f.industryDivision))) {
    out.push(problem('industryDivision', `GB/T 4754-2017 没有大类 ${f.industryDivision}`, `GB/T 4754-2017 has no division ${f.industryDivision}`));
  }
  if (f.size !== null && !(ENTERPRISE_SIZES as readonly string[]).includes(f.size)) out.push(problem('size', `应为大型、中型、小型或微型：${f.size}`, `must be large, medium, small or micro: ${f.size}`));
  if (f.establishedOn !== null) {
    if (!isIsoDate(f.establishedOn)) out.push(problem('establishedOn', `不是有效日期（YYYY-MM-DD）：${f.establishedOn}`, `is not a valid date (YYYY-MM-DD): ${f.establishedOn}`));
    else if (f.establishedOn > today) out.push(problem('establishedOn', `不能晚于今天（${today}）`, `cannot be after today (${today})`));
    else if (f.establishedOn < '1900-01-01') out.push(problem('establishedOn', '不能早于 1900 年', 'cannot be before 1900'));
  }
  if (f.registeredCapital !== null && !(Number.isFinite(f.registeredCapital) && f.registeredCapital >= 0 && f.registeredCapital <= MAX_CAPITAL)) {
    out.push(problem('registeredCapital', `应为 0 到 ${MAX_CAPITAL} 之间的数（万元）`, `must be a number from 0 to ${MAX_CAPITAL} (10,000 yuan)`));
  }
  if (!(CREDIT_STANDINGS as readonly string[]).includes(f.credit)) out.push(problem('credit', `应为守信、一般或失信：${f.credit}`, `must be good, normal or bad: ${f.credit}`));
  out.push(...contactProblems(f.contacts));
  return out;
}

export function contactProblems(contacts: readonly EnterpriseContact[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (contacts.length > MAX_CONTACTS) out.push(problem('contacts', `最多 ${MAX_CONTACTS} 人`, `at most ${MAX_CONTACTS}`));
  contacts.forEach((c, i) => {
    const n = i + 1;
    if (!c.name) out.push(problem('contacts', `第 ${n} 位联系人缺少姓名`, `contact ${n} has no name`));
    else if (c.name.length > 50 || c.role.length > 50) out.push(problem('contacts', `第 ${n} 位联系人的姓名或职务过长（最多 50 字）`, `contact ${n}'s name or role is too long (at most 50 characters)`));
    if (!PHONE.test(c.phone)) out.push(problem('contacts', `第 ${n} 位联系人的电话无效：${c.phone || '（空）'}`, `contact ${n}'s phone number is not valid: ${c.phone || '(empty)'}`));
  });
  return out;
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today in Beijing: the registry's dates and articles' validity are Beijing days. */
export { beijingToday } from '../platform/dates.js';

/** The fields that differ between two records, for an audit's before/after and "unchanged" on re-import. */
export function changedFields(before: EnterpriseFields, after: EnterpriseFields): (keyof EnterpriseFields)[] {
  return (Object.keys(after) as (keyof EnterpriseFields)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
