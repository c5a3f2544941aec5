/**
 * Tables as files people open in Excel: an `.xlsx` workbook (exceljs) and a CSV, both with Chinese
 * headers. One column list serves both, so the two exports of a table never disagree.
 */
import ExcelJS from 'exceljs';

export interface TableColumn<T> {
  header: string;
  /** Column width in Excel character units. */
  width: number;
  /** Long text wraps in the workbook. */
  wrap?: boolean;
  /** An ISO date (YYYY-MM-DD) written as a real date. */
  date?: boolean;
  /** A fraction written as a percentage (CSV: e.g. 92.31%). */
  percent?: boolean;
  value(item: T, index: number): string | number | null;
}

export interface TableFile<T> {
  /** The title row above the header, e.g. 「企业问题整改台账（截至 2026-11-23，共 12 条）」. */
  title: string;
  /** The worksheet's name (cut to what Excel allows). */
  sheet: string;
  columns: TableColumn<T>[];
  rows: T[];
  /** Styles a row's cells after they are written (e.g. red text for an overdue item). */
  styleRow?(row: ExcelJS.Row, item: T, columnIndex: (header: string) => number): void;
}

/** A sheet name Excel accepts (at most 31 characters, none of : \ / ? * [ ]). */
export const sheetNameOf = (name: string) => name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const dateCell = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

/**
 * The workbook: a title row, the header row (both frozen, repeated on every printed page), one
 * row per item, real dates and percentages, wrapped long text, A4 landscape fitted to the page width.
 */
export async function tableWorkbook<T>(t: TableFile<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qinqing 亲清';
  wb.created = new Date();
  wb.title = t.title;
  const ws = wb.addWorksheet(sheetNameOf(t.sheet), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, activeCell: 'A3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = t.columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = t.title;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, t.columns.length);

  const header = ws.getRow(2);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  header.height = 22;
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: t.columns.length } };

  const columnIndex = (h: string) => t.columns.findIndex((c) => c.header === h) + 1;
  t.rows.forEach((item, n) => {
    const row = ws.getRow(n + 3);
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = c.value(item, n);
      if (c.date && typeof v === 'string' && v) {
        cell.value = dateCell(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else {
        cell.value = v === '' ? null : v;
        if (c.percent) cell.numFmt = '0.00%';
      }
      cell.alignment = { vertical: 'top', wrapText: !!c.wrap, ...(typeof v === 'number' || c.date ? { horizontal: 'center' as const } : {}) };
      cell.border = BORDER;
    });
    t.styleRow?.(row, item, columnIndex);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A spreadsheet cell starting with = + - @ (or a tab/CR) would run as a formula when Excel opens the CSV. */
function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvValue = <T>(c: TableColumn<T>, v: string | number | null) =>
  v === null ? '' : c.percent && typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : v;

/** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; CRLF line ends. */
export function tableCsv<T>(columns: TableColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  rows.forEach((item, n) => lines.push(columns.map((c) => csvField(csvValue(c, c.value(item, n)))).join(',')));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An RFC 5987 ext-value: UTF-8 percent-encoded, leaving only its attr-chars (encodeURIComponent leaves ' ( ) * too). */
const extValue = (text: string) => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition naming a download in any language (RFC 6266/5987), with a plain-ASCII fallback for old clients. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${extValue(fileName)}`;
}

/** Content-Disposition of an export named in Chinese, with its ASCII name. */
export function attachment(stem: string, asciiStem: string, ext: string): string {
  return contentDisposition(`${stem}.${ext}`, `${asciiStem}.${ext}`);
}
