/** The ledger as an Excel workbook and as CSV, with Chinese headers (pure, apart from building the file). */
import ExcelJS from 'exceljs';
import { STATUS_NAMES } from '../lifecycle.js';
import { LEDGER_STATUS_NAMES } from './rules.js';
import type { LedgerItem } from './queries.js';

export interface LedgerColumn {
  header: string;
  /** Column width in Excel character units. */
  width: number;
  /** Long text wraps in the workbook. */
  wrap?: boolean;
  date?: boolean;
  value(item: LedgerItem, index: number): string | number;
}

/** 整改状态 with the days past the deadline, e.g. 「已逾期（3天）」 or 「已完成（逾期2天）」. */
export function statusText(item: LedgerItem): string {
  const name = LEDGER_STATUS_NAMES[item.ledgerStatus].zh;
  if (item.daysOverdue <= 0) return name;
  return item.ledgerStatus === 'done' ? `${name}（逾期${item.daysOverdue}天）` : `${name}（${item.daysOverdue}天）`;
}

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { header: '序号', width: 6, value: (_i, n) => n + 1 },
  { header: '诉求编号', width: 16, value: (i) => i.code },
  { header: '企业名称', width: 28, wrap: true, value: (i) => i.enterprise.name ?? '' },
  { header: '统一社会信用代码', width: 21, value: (i) => i.enterprise.uscc ?? '' },
  { header: '问题描述', width: 36, wrap: true, value: (i) => i.title },
  { header: '主办单位', width: 24, wrap: true, value: (i) => i.leadOfficeName ?? '' },
  { header: '整改措施', width: 40, wrap: true, value: (i) => i.plan?.measures ?? '' },
  { header: '责任人', width: 22, wrap: true, value: (i) => (i.plan ? `${i.plan.responsiblePerson}（${i.plan.responsibleOfficeName}）` : '') },
  { header: '整改时限', width: 12, date: true, value: (i) => i.plan?.deadline ?? '' },
  { header: '整改状态', width: 16, value: statusText },
  { header: '最新进展', width: 40, wrap: true, value: (i) => i.latestProgress?.note ?? '' },
  { header: '进展日期', width: 12, date: true, value: (i) => i.latestProgress?.date ?? '' },
  { header: '办理状态', width: 14, value: (i) => STATUS_NAMES[i.caseStatus].zh },
];

export const LEDGER_TITLE = '企业问题整改台账';

/** A sheet name Excel accepts (at most 31 characters, none of : \ / ? * [ ]). */
export const sheetName = (today: string) => `${LEDGER_TITLE}${today}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const dateCell = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

/**
 * The workbook: a title row naming the date of the export and the number of rows, the header row
 * (both frozen, repeated on every printed page), one row per case, real dates in the date columns,
 * wrapped long text, A4 landscape fitted to the page width.
 */
export async function ledgerWorkbook(items: LedgerItem[], today: string, opts: { subtitle?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qinqing 亲清';
  wb.created = new Date();
  wb.title = `${LEDGER_TITLE}（${today}）`;
  const ws = wb.addWorksheet(sheetName(today), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, activeCell: 'A3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = `${LEDGER_TITLE}（截至 ${today}，共 ${items.length} 条${opts.subtitle ? `；${opts.subtitle}` : ''}）`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);

  const header = ws.getRow(2);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  header.height = 22;
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };

  items.forEach((item, n) => {
    const row = ws.getRow(n + 3);
    LEDGER_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = c.value(item, n);
      if (c.date && typeof v === 'string' && v) {
        cell.value = dateCell(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else {
        cell.value = v === '' ? null : v;
      }
      cell.alignment = { vertical: 'top', wrapText: !!c.wrap, ...(typeof v === 'number' || c.date ? { horizontal: 'center' as const } : {}) };
      cell.border = BORDER;
    });
    if (item.ledgerStatus === 'overdue') row.getCell(LEDGER_COLUMNS.findIndex((c) => c.header === '整改状态') + 1).font = { color: { argb: 'FFC00000' }, bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A spreadsheet cell starting with = + - @ (or a tab/CR) would run as a formula when Excel opens the CSV. */
function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; CRLF line ends. */
export function ledgerCsv(items: LedgerItem[]): string {
  const lines = [LEDGER_COLUMNS.map((c) => csvField(c.header)).join(',')];
  items.forEach((item, n) => lines.push(LEDGER_COLUMNS.map((c) => csvField(c.value(item, n))).join(',')));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Content-Disposition naming the file in Chinese (RFC 6266/5987) with an ASCII fallback. */
export function attachment(stem: string, asciiStem: string, ext: string): string {
  return `attachment; filename="${asciiStem}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${stem}.${ext}`)}`;
}
