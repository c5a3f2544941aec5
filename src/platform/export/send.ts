/** Answers with a table as JSON, or as the CSV or Excel file of it: one route serves the page and the download. */
import type { FastifyReply } from 'fastify';
import { attachment, tableCsv, tableWorkbook, type TableFile } from './table.js';

export type TableFormat = 'json' | 'csv' | 'xlsx';

/** Sends a table as JSON, or as a CSV or Excel file named in Chinese with an ASCII fallback. */
export async function sendTable<T>(reply: FastifyReply, format: TableFormat | undefined, json: unknown, file: () => TableFile<T>, names: [stem: string, ascii: string]) {
  if (!format || format === 'json') return json;
  const f = file();
  if (format === 'csv') {
    return reply.header('content-disposition', attachment(names[0], names[1], 'csv')).header('cache-control', 'no-store')
      .header('content-type', 'text/csv; charset=utf-8').send(tableCsv(f.columns, f.rows));
  }
  return sendWorkbook(reply, await tableWorkbook(f), names);
}

/** Sends a workbook built elsewhere (several sheets, say) as the Excel download sendTable sends. */
export function sendWorkbook(reply: FastifyReply, workbook: Buffer, names: [stem: string, ascii: string]) {
  return reply.header('content-disposition', attachment(names[0], names[1], 'xlsx')).header('cache-control', 'no-store')
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(workbook);
}
