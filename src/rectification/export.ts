/** The ledger as an Excel workbook and as CSV, with Chinese headers (pure, apart from building the file). */
import { tableCsv, tableWorkbook, sheetNameOf, type TableColumn } from '../platform/export/table.js';
import { STATUS_NAMES } from '../cases/contract.js';
import { LEDGER_STATUS_NAMES, type LedgerItem } from './contract.js';

export type LedgerColumn = TableColumn<LedgerItem>;

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

export const sheetName = (today: string) => sheetNameOf(`${LEDGER_TITLE}${today}`);

/** The ledger workbook: the overdue items' status in red. */
export async function ledgerWorkbook(items: LedgerItem[], today: string, opts: { subtitle?: string } = {}): Promise<Buffer> {
  return tableWorkbook({
    title: `${LEDGER_TITLE}（截至 ${today}，共 ${items.length} 条${opts.subtitle ? `；${opts.subtitle}` : ''}）`,
    sheet: sheetName(today), columns: LEDGER_COLUMNS, rows: items,
    styleRow(row, item, columnIndex) {
      if (item.ledgerStatus === 'overdue') row.getCell(columnIndex('整改状态')).font = { color: { argb: 'FFC00000' }, bold: true };
    },
  });
}

export const ledgerCsv = (items: LedgerItem[]): string => tableCsv(LEDGER_COLUMNS, items);

export { attachment } from '../platform/export/table.js';
