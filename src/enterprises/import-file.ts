/**
 * Reads an uploaded registry file (xlsx, or CSV in UTF-8 with or without a byte-order mark) into
 * its header and rows of cell text, numbered as the spreadsheet numbers them. The header is the
 * first of the first ten rows that names the code column, so an export (title row, then header)
 * imports as it is.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest } from '../platform/errors.js';
import { columnFor } from './columns.js';

export type RegistryFileFormat = 'xlsx' | 'csv';

export interface RegistryTable {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

/** The first bytes of an xlsx file are a zip archive's (PK\x03\x04); anything else is read as CSV text. */
export function detectRegistryFormat(fileName: string, data: Buffer): RegistryFileFormat {
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (/\.xlsx?$/i.test(fileName)) throw badRequest('unreadable_file', '文件不是有效的 xlsx 工作簿', 'The file is not a valid xlsx workbook');
  return 'csv';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What a cell shows, as text: dates as YYYY-MM-DD (Excel keeps them as UTC midnight), formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readRegistryFile(fileName: string, data: Buffer): Promise<RegistryTable> {
  const format = detectRegistryFormat(fileName, data);
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      ws = wb.worksheets[0];
    } else {
      const textData = data.toString('utf8').replace(/^\uFEFF/, '');
      // Every cell stays text: a code of 18 digits must not become a rounded number.
      ws = await wb.csv.read(Readable.from([textData]), { map: (v: unknown) => v, parserOptions: { delimiter: textData.includes('\t') && !textData.includes(',') ? '\t' : ',' } } as never);
    }
  } catch {
    throw badRequest('unreadable_file', `无法读取文件（${format === 'xlsx' ? 'xlsx 工作簿' : 'CSV'}）`, `The file cannot be read (${format === 'xlsx' ? 'xlsx workbook' : 'CSV'})`);
  }
  if (!ws) throw badRequest('empty_file', '文件中没有工作表', 'The file has no worksheet');
  const all: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellText(cell.value);
    });
    all.push({ row: n, cells: Array.from(cells, (c) => c ?? '') });
  });
  const headerAt = all.slice(0, 10).findIndex((r) => r.cells.some((c) => columnFor(c)?.field === 'uscc'));
  if (headerAt < 0) {
    throw badRequest('no_header', '找不到表头：第一行（或标题下一行）应有「统一社会信用代码」等列名', 'No header found: the first row (or the one under a title) must name the columns, 统一社会信用代码 (uscc) among them');
  }
  return {
    header: all[headerAt].cells,
    rows: all.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}
