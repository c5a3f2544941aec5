/**
 * The registry as a spreadsheet: one list of columns serves the export and the import, so a file
 * exported, corrected and imported again round-trips. Each column writes a record's field as
 * people read it (Chinese names, 是/否, `C13 农副食品加工业`) and reads back what people type
 * there. Pure.
 */
import type { TableColumn } from '../platform/export/table.js';
import { INDUSTRY_DIVISIONS, industrySectionOf, parseIndustryDivision } from './industries.js';
import type { FieldProblem } from './rules.js';
import { FIELD_NAMES } from './rules.js';
import {
  CREDIT_NAMES, CREDIT_STANDINGS, ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES,
  type EnterpriseContact, type EnterpriseInput, type EnterpriseView,
} from './contract.js';

/** What a cell reads into, or why it cannot. */
type Parsed<T> = { value: T } | { problem: { zh: string; en: string } };

interface Column<K extends keyof EnterpriseInput> {
  field: K;
  header: string;
  /** Other headers people use for it (the API's field name, a shorter Chinese one). */
  aliases: string[];
  width: number;
  date?: boolean;
  wrap?: boolean;
  write(e: EnterpriseView): string | number | null;
  /** A blank cell is null (the field cleared); `read` sees only non-blank text. */
  read(text: string): Parsed<NonNullable<EnterpriseInput[K]>>;
}

const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = (zh: string, en: string): Parsed<never> => ({ problem: { zh, en } });
const text = (max: number) => (t: string): Parsed<string> => (t.length > max ? bad(`不能超过 ${max} 字`, `must be at most ${max} characters`) : ok(t));

function byName<T extends string>(codes: readonly T[], names: Record<T, { zh: string; en: string }>, what: { zh: string; en: string }) {
  return (t: string): Parsed<T> => {
    const lower = t.toLowerCase();
    const found = codes.find((c) => c === lower || names[c].zh === t || names[c].en.toLowerCase() === lower);
    return found ? ok(found) : bad(`「${t}」不是${what.zh}之一（${codes.map((c) => names[c].zh).join('、')}）`, `"${t}" is not one of the ${what.en} (${codes.join(', ')})`);
  };
}

const YES = ['是', 'y', 'yes', 'true', '1', '重点'];
const NO = ['否', 'n', 'no', 'false', '0'];

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日. */
function readDate(t: string): Parsed<string> {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
  const day = new Date(`${iso}T00:00:00Z`);
  const real = m && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso);
  return real ? ok(iso) : bad(`不是日期（YYYY-MM-DD）：${t}`, `is not a date (YYYY-MM-DD): ${t}`);
}

/** One contact per line or `;`: 姓名/职务/电话. */
export function readContacts(t: string): Parsed<EnterpriseContact[]> {
  const contacts: EnterpriseContact[] = [];
  for (const part of t.split(/[;；\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const bits = part.split(/[/／]/).map((b) => b.trim());
    if (bits.length !== 3) return bad(`「${part}」应写成 姓名/职务/电话`, `"${part}" should read name/role/phone`);
    contacts.push({ name: bits[0], role: bits[1], phone: bits[2] });
  }
  return ok(contacts);
}

export const writeContacts = (contacts: readonly EnterpriseContact[]) => contacts.map((c) => `${c.name}/${c.role}/${c.phone}`).join('; ');

export const industryLabel = (division: string | null) =>
  division ? `${industrySectionOf(division)?.code ?? ''}${division} ${INDUSTRY_DIVISIONS[division] ?? ''}`.trim() : null;

const col = <K extends keyof EnterpriseInput>(c: Column<K>) => c;

export const REGISTRY_COLUMNS = [
  col({ field: 'uscc', header: '统一社会信用代码', aliases: ['uscc', '信用代码'], width: 22, write: (e) => e.uscc, read: (t) => ok(t.toUpperCase()) }),
  col({ field: 'name', header: '企业名称', aliases: ['name', '名称'], width: 32, wrap: true, write: (e) => e.name, read: text(200) }),
  col({ field: 'kind', header: '企业类型', aliases: ['kind', '类型'], width: 16, write: (e) => ENTERPRISE_KIND_NAMES[e.kind].zh, read: byName(ENTERPRISE_KINDS, ENTERPRISE_KIND_NAMES, { zh: '登记类型', en: 'registration categories' }) }),
  col({ field: 'legalRepresentative', header: '法定代表人', aliases: ['legalrepresentative', '负责人'], width: 12, write: (e) => e.legalRepresentative, read: text(100) }),
  col({ field: 'address', header: '住所', aliases: ['address', '地址'], width: 36, wrap: true, write: (e) => e.address, read: text(300) }),
  col({
    field: 'regionCode', header: '行政区划代码', aliases: ['regioncode', '区划代码'], width: 14, write: (e) => e.regionCode,
    read: (t) => (/^[0-9]{6}$/.test(t) ? ok(t) : bad(`应为 6 位数字：${t}`, `must be 6 digits: ${t}`)),
  }),
  col({
    field: 'industryDivision', header: '行业', aliases: ['industry', 'industrydivision', '行业代码', '所属行业'], width: 30, wrap: true, write: (e) => industryLabel(e.industryDivision),
    read: (t) => {
      const d = parseIndustryDivision(t);
      return d ? ok(d) : bad(`GB/T 4754-2017 没有这个大类：${t}`, `GB/T 4754-2017 has no such division: ${t}`);
    },
  }),
  col({ field: 'size', header: '企业规模', aliases: ['size', '规模'], width: 10, write: (e) => (e.size ? ENTERPRISE_SIZE_NAMES[e.size].zh : null), read: byName(ENTERPRISE_SIZES, ENTERPRISE_SIZE_NAMES, { zh: '企业规模', en: 'sizes' }) }),
  col({ field: 'establishedOn', header: '成立日期', aliases: ['establishedon', '成立时间'], width: 12, date: true, write: (e) => e.establishedOn, read: readDate }),
  col({
    field: 'registeredCapital', header: '注册资本（万元）', aliases: ['registeredcapital', '注册资本', '注册资本(万元)'], width: 14, write: (e) => e.registeredCapital,
    read: (t) => {
      const n = Number(t.replace(/[,，]|万元$|万$/g, '').trim());
      return Number.isFinite(n) ? ok(n) : bad(`不是数字：${t}`, `is not a number: ${t}`);
    },
  }),
  col({
    field: 'keyEnterprise', header: '重点企业', aliases: ['keyenterprise', '是否重点企业'], width: 10, write: (e) => (e.keyEnterprise ? '是' : '否'),
    read: (t) => (YES.includes(t.toLowerCase()) ? ok(true) : NO.includes(t.toLowerCase()) ? ok(false) : bad(`应为「是」或「否」：${t}`, `must be 是 (yes) or 否 (no): ${t}`)),
  }),
  col({ field: 'credit', header: '信用状况', aliases: ['credit', '信用'], width: 10, write: (e) => CREDIT_NAMES[e.credit].zh, read: byName(CREDIT_STANDINGS, CREDIT_NAMES, { zh: '信用状况', en: 'credit standings' }) }),
  col({ field: 'contacts', header: '联系人（姓名/职务/电话）', aliases: ['contacts', '联系人'], width: 36, wrap: true, write: (e) => writeContacts(e.contacts), read: readContacts }),
  col({ field: 'usccOverrideReason', header: '校验码例外说明', aliases: ['usccoverridereason'], width: 20, wrap: true, write: (e) => e.usccOverrideReason, read: text(500) }),
] as const;

type AnyColumn = (typeof REGISTRY_COLUMNS)[number];

/** The export's columns: the registry's, plus the region's name to read by (ignored on import). */
export function exportColumns(): TableColumn<EnterpriseView>[] {
  const columns: TableColumn<EnterpriseView>[] = REGISTRY_COLUMNS.map((c: AnyColumn) => ({
    header: c.header, width: c.width, wrap: 'wrap' in c ? c.wrap : undefined, date: 'date' in c ? c.date : undefined, value: (e: EnterpriseView) => c.write(e),
  }));
  columns.splice(6, 0, { header: '所在区划', width: 14, value: (e) => e.regionName });
  return columns;
}

const HEADER_KEY = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '').replace(/[（(]/g, '(').replace(/[）)]/g, ')');

/** The column a header names, or null for one the import does not read. */
export function columnFor(header: string): AnyColumn | null {
  const key = HEADER_KEY(header);
  return REGISTRY_COLUMNS.find((c: AnyColumn) => HEADER_KEY(c.header) === key || c.aliases.some((a) => HEADER_KEY(a) === key)) ?? null;
}

/** A row's cells read into the fields it gives (a blank cell: null), with the problems of the cells that could not be read. */
export function readRow(header: readonly (AnyColumn | null)[], cells: readonly string[], row: number): { given: Partial<EnterpriseInput>; problems: (FieldProblem & { row: number })[] } {
  const given: Record<string, unknown> = {};
  const problems: (FieldProblem & { row: number })[] = [];
  header.forEach((c, i) => {
    if (!c) return;
    const t = (cells[i] ?? '').trim();
    if (t === '') {
      given[c.field] = c.field === 'contacts' ? [] : c.field === 'keyEnterprise' ? false : c.field === 'credit' ? 'normal' : null;
      return;
    }
    const parsed = (c.read as (t: string) => Parsed<unknown>)(t);
    if ('value' in parsed) given[c.field] = parsed.value;
    else {
      const name = FIELD_NAMES[c.field];
      problems.push({ row, field: c.field, messageZh: `${name.zh}：${parsed.problem.zh}`, messageEn: `${name.en}: ${parsed.problem.en}` });
    }
  });
  return { given: given as Partial<EnterpriseInput>, problems };
}
