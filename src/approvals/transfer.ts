/**
 * The catalogue's exchange files: an xlsx workbook (sheets 事项, 办理环节, 申请材料, one row per item,
 * step and material, keyed by the implementation code) and JSON (an array of items as the API
 * writes them). Reading either gives the items' content input and, for each problem, where it
 * sits (sheet, row, column), so an import names every bad row at once. Files (blank forms and
 * samples) stay with the installation: they are not in the exchange, and an import keeps those
 * of same-named materials.
 */
import ExcelJS from 'exceljs';
import { Value } from '@sinclair/typebox/value';
import {
  ITEM_TYPES, LEVELS, MATERIAL_FORMS, SERVICE_OBJECTS, type ServiceItemContent,
} from './contract.js';
import { ContentInput } from './commands/content.js';
import type { LintProblem } from './rules.js';
import type { RowProblem } from './contract.js';

export type { RowProblem } from './contract.js';

export interface ParsedCatalogue {
  items: ContentInput[];
  /** Where a lint problem of item `index` sits. */
  locate(index: number, field: string): { sheet?: string; row: number; field: string };
  problems: RowProblem[];
}

type Column<T> = { header: string; field: string; width: number; value(item: T): string | number | null; read?(text: string): unknown };

const names = <K extends string>(table: Record<K, { zh: string }>) => new Map(Object.entries(table).map(([k, v]) => [(v as { zh: string }).zh, k as K]));
const TYPE_BY_NAME = names(ITEM_TYPES);
const LEVEL_BY_NAME = names(LEVELS);
const OBJECT_BY_NAME = names(SERVICE_OBJECTS);
const FORM_BY_NAME = names(MATERIAL_FORMS);
const yes = (b: boolean) => (b ? '是' : '否');
const bool = (t: string) => (t === '是' || t.toLowerCase() === 'true' ? true : t === '否' || t === '' || t.toLowerCase() === 'false' ? false : t);
const num = (t: string) => (t === '' ? undefined : Number.isNaN(Number(t)) ? t : Number(t));
const nullableNum = (t: string) => (t === '' ? null : num(t));
const code = (byName: Map<string, string>) => (t: string) => byName.get(t) ?? t.split(/\s/)[0];

const ITEM_SHEET = '事项';
const STEP_SHEET = '办理环节';
const MATERIAL_SHEET = '申请材料';

const ITEM_COLUMNS: Column<ServiceItemContent & { officeName?: string }>[] = [
  { header: '实施编码', field: 'implementationCode', width: 34, value: (i) => i.implementationCode },
  { header: '基本编码', field: 'basicCode', width: 16, value: (i) => i.basicCode },
  { header: '事项名称', field: 'name', width: 30, value: (i) => i.name },
  { header: '事项类型', field: 'typeCode', width: 16, value: (i) => `${i.typeCode} ${ITEM_TYPES[i.typeCode].zh}`, read: code(TYPE_BY_NAME) },
  { header: '设定依据', field: 'legalBasis', width: 40, value: (i) => i.legalBasis },
  { header: '行使层级', field: 'level', width: 10, value: (i) => LEVELS[i.level].zh, read: code(LEVEL_BY_NAME) },
  { header: '实施部门编号', field: 'officeId', width: 12, value: (i) => i.officeId, read: num },
  { header: '实施部门', field: '', width: 24, value: (i) => i.officeName ?? '' },
  { header: '服务对象', field: 'serviceObjects', width: 14, value: (i) => i.serviceObjects.map((o) => SERVICE_OBJECTS[o].zh).join('、'), read: (t) => t.split(/[、,，]/).map((s) => s.trim()).filter(Boolean).map((s) => OBJECT_BY_NAME.get(s) ?? s) },
  { header: '法定时限（工作日）', field: 'statutoryLimit', width: 12, value: (i) => i.statutoryLimit, read: num },
  { header: '法定时限说明', field: 'statutoryNote', width: 30, value: (i) => i.statutoryNote },
  { header: '承诺时限（工作日）', field: 'committedLimit', width: 12, value: (i) => i.committedLimit, read: num },
  { header: '承诺时限说明', field: 'committedNote', width: 30, value: (i) => i.committedNote },
  { header: '受理条件', field: 'conditions', width: 40, value: (i) => i.conditions },
  { header: '收费', field: 'fees', width: 20, value: (i) => i.fees },
  { header: '到现场次数', field: 'visits', width: 10, value: (i) => i.visits, read: num },
  { header: '网办深度', field: 'onlineDepth', width: 10, value: (i) => i.onlineDepth },
  { header: '结果名称', field: 'resultName', width: 24, value: (i) => i.resultName },
  { header: '办理地点', field: 'place', width: 30, value: (i) => i.place },
  { header: '改革前环节数', field: 'stepsBefore', width: 12, value: (i) => i.stepsBefore, read: nullableNum },
  { header: '改革前材料数', field: 'materialsBefore', width: 12, value: (i) => i.materialsBefore, read: nullableNum },
];

type StepRow = { implementationCode: string; n: number; name: string; note: string };
const STEP_COLUMNS: Column<StepRow>[] = [
  { header: '实施编码', field: 'implementationCode', width: 34, value: (s) => s.implementationCode },
  { header: '序号', field: '', width: 6, value: (s) => s.n },
  { header: '环节名称', field: 'name', width: 24, value: (s) => s.name },
  { header: '说明', field: 'note', width: 40, value: (s) => s.note },
];

type MaterialRow = ServiceItemContent['materials'][number] & { implementationCode: string; n: number };
const MATERIAL_COLUMNS: Column<MaterialRow>[] = [
  { header: '实施编码', field: 'implementationCode', width: 34, value: (m) => m.implementationCode },
  { header: '序号', field: '', width: 6, value: (m) => m.n },
  { header: '材料名称', field: 'name', width: 36, value: (m) => m.name },
  { header: '必要', field: 'required', width: 6, value: (m) => yes(m.required), read: bool },
  { header: '容缺', field: 'deficiency', width: 6, value: (m) => yes(m.deficiency), read: bool },
  { header: '形式', field: 'form', width: 10, value: (m) => MATERIAL_FORMS[m.form].zh, read: code(FORM_BY_NAME) },
  { header: '来源', field: 'source', width: 16, value: (m) => m.source },
  { header: '备注', field: 'note', width: 30, value: (m) => m.note },
];

function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? null));
}

/** The workbook of these items' versions (with their departments' names, for people reading it). */
export async function catalogueWorkbook(items: readonly (ServiceItemContent & { officeName?: string })[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qinqing 亲清';
  addSheet(wb, ITEM_SHEET, ITEM_COLUMNS, [...items]);
  addSheet(wb, STEP_SHEET, STEP_COLUMNS, items.flatMap((i) => i.steps.map((s, n) => ({ implementationCode: i.implementationCode, n: n + 1, ...s }))));
  addSheet(wb, MATERIAL_SHEET, MATERIAL_COLUMNS, items.flatMap((i) => i.materials.map((m, n) => ({ ...m, implementationCode: i.implementationCode, n: n + 1 }))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The JSON exchange: the items as the API writes them, without the installation's file ids. */
export function catalogueJson(items: readonly ServiceItemContent[]): ContentInput[] {
  return items.map((i) => ({ ...i, materials: i.materials.map(({ blankFormFileId: _b, sampleFileId: _s, ...m }) => m) }));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

/** The rows of a sheet as header → text, with their row numbers; a missing sheet or column is a problem. */
function readSheet(wb: ExcelJS.Workbook, name: string, columns: Column<unknown>[], problems: RowProblem[]): { row: number; cells: Map<string, string> }[] {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    problems.push({ sheet: name, row: 0, field: '', code: 'sheet_missing', zh: `缺少工作表「${name}」`, en: `The sheet "${name}" is missing` });
    return [];
  }
  const headers = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => headers.set(col, cellText(cell.value)));
  const missing = columns.filter((c) => c.field && ![...headers.values()].includes(c.header));
  for (const c of missing) problems.push({ sheet: name, row: 1, field: c.header, code: 'column_missing', zh: `工作表「${name}」缺少列「${c.header}」`, en: `The sheet "${name}" has no column "${c.header}"` });
  const rows: { row: number; cells: Map<string, string> }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = new Map<string, string>();
    r.eachCell({ includeEmpty: false }, (cell, col) => { if (headers.has(col)) cells.set(headers.get(col)!, cellText(cell.value)); });
    if ([...cells.values()].some((t) => t !== '')) rows.push({ row: n, cells });
  });
  return rows;
}

const fieldsOf = <T>(columns: Column<T>[], cells: Map<string, string>) =>
  Object.fromEntries(columns.filter((c) => c.field).map((c) => {
    const t = cells.get(c.header) ?? '';
    return [c.field, c.read ? c.read(t) : t];
  }).filter(([, v]) => v !== undefined));

/** What the schema refuses in one item, as problems naming the field (`materials/2/name` → `materials[2].name`). */
function schemaProblems(value: unknown): LintProblem[] {
  return [...Value.Errors(ContentInput, value)].slice(0, 20).map((e) => {
    const field = e.path.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') || '(item)';
    return { field, code: 'invalid_field', zh: `字段 ${field} 无效：${e.message}`, en: `The field ${field} is invalid: ${e.message}` };
  });
}

/** Reads the workbook: every item with its steps and materials, or the problems of each bad row. */
export async function parseCatalogueWorkbook(data: Buffer): Promise<ParsedCatalogue> {
  const wb = new ExcelJS.Workbook();
  const problems: RowProblem[] = [];
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { items: [], locate: () => ({ row: 0, field: '' }), problems: [{ row: 0, field: '', code: 'not_xlsx', zh: '文件不是有效的 xlsx 工作簿', en: 'The file is not a valid xlsx workbook' }] };
  }
  const itemRows = readSheet(wb, ITEM_SHEET, ITEM_COLUMNS as Column<unknown>[], problems);
  const stepRows = readSheet(wb, STEP_SHEET, STEP_COLUMNS as Column<unknown>[], problems);
  const materialRows = readSheet(wb, MATERIAL_SHEET, MATERIAL_COLUMNS as Column<unknown>[], problems);
  const items: ContentInput[] = [];
  const where: { row: number; steps: number[]; materials: number[] }[] = [];
  const byCode = new Map<string, number>();
  for (const r of itemRows) {
    const fields = fieldsOf(ITEM_COLUMNS, r.cells) as Record<string, unknown>;
    byCode.set(String(fields.implementationCode).toUpperCase(), items.length);
    items.push({ ...fields, steps: [], materials: [] } as unknown as ContentInput);
    where.push({ row: r.row, steps: [], materials: [] });
  }
  const attach = (sheet: string, rows: typeof stepRows, columns: Column<unknown>[], key: 'steps' | 'materials') => {
    for (const r of rows) {
      const codeText = (r.cells.get('实施编码') ?? '').toUpperCase();
      const index = byCode.get(codeText);
      if (index === undefined) {
        problems.push({ sheet, row: r.row, field: '实施编码', code: 'unknown_item', zh: `实施编码「${codeText}」不在工作表「${ITEM_SHEET}」中`, en: `The implementation code "${codeText}" is not in the sheet "${ITEM_SHEET}"` });
        continue;
      }
      const { implementationCode: _c, ...fields } = fieldsOf(columns, r.cells) as Record<string, unknown>;
      (items[index][key] as unknown[]).push(fields);
      where[index][key].push(r.row);
    }
  };
  attach(STEP_SHEET, stepRows, STEP_COLUMNS as Column<unknown>[], 'steps');
  attach(MATERIAL_SHEET, materialRows, MATERIAL_COLUMNS as Column<unknown>[], 'materials');
  const headerOf = (columns: Column<unknown>[], field: string) => columns.find((c) => c.field === field)?.header ?? field;
  const locate = (index: number, field: string) => {
    const nested = /^(steps|materials)\[(\d+)\](?:\.(\w+))?/.exec(field);
    if (nested) {
      const [, key, n, sub] = nested;
      const columns = (key === 'steps' ? STEP_COLUMNS : MATERIAL_COLUMNS) as Column<unknown>[];
      return { sheet: key === 'steps' ? STEP_SHEET : MATERIAL_SHEET, row: where[index][key as 'steps' | 'materials'][Number(n)], field: headerOf(columns, sub ?? '') };
    }
    return { sheet: ITEM_SHEET, row: where[index].row, field: headerOf(ITEM_COLUMNS as Column<unknown>[], field.replace(/\[\d+\]$/, '')) };
  };
  items.forEach((item, index) => {
    for (const p of schemaProblems(item)) problems.push({ ...locate(index, p.field), code: p.code, zh: p.zh, en: p.en });
  });
  return { items, locate, problems };
}

/** Reads the JSON exchange: an array of items; a bad item is named by its row (index + 1) and field. */
export function parseCatalogueJson(value: unknown): ParsedCatalogue {
  const locate = (index: number, field: string) => ({ row: index + 1, field });
  if (!Array.isArray(value)) {
    return { items: [], locate, problems: [{ row: 0, field: '', code: 'not_array', zh: 'JSON 须为事项的数组', en: 'The JSON must be an array of items' }] };
  }
  const problems = value.flatMap((item, index) => schemaProblems(item).map((p) => ({ ...locate(index, p.field), code: p.code, zh: p.zh, en: p.en })));
  return { items: value as ContentInput[], locate, problems };
}
