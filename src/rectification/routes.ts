/**
 * The rectification ledger's API: a case's rectification plan and progress (the plan's actions
 * run on the lifecycle kernel: type.ts), the ledger and its exports.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { badRequest } from '../platform/errors.js';
import { IdParams, IsoDate } from '../platform/http/schemas.js';
import { isValidIsoDate } from '../calendar/rules.js';
import { findOffice } from '../offices/queries.js';
import { LEDGER_FILTER_STATUSES, LEDGER_STATUS_NAMES, type LedgerStatusFilter } from './contract.js';
import { PlanBody } from './commands/plan.js';
import { ProgressBody } from './commands/addProgress.js';
import { addProgressTo, setPlan } from './type.js';
import { getRectification, ledgerForExport, listLedger, type LedgerFilter } from './queries.js';
import { attachment, LEDGER_TITLE, ledgerCsv, ledgerWorkbook } from './export.js';

const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });

const LEDGER_STATUS_VALUES: readonly LedgerStatusFilter[] = LEDGER_FILTER_STATUSES;

export const LedgerQuery = Type.Object({
  officeId: Type.Optional(OfficeId),
  status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', maxLength: 100, description: `comma-separated: ${LEDGER_STATUS_VALUES.join(', ')}` })),
  from: Type.Optional(Type.String({ ...IsoDate, description: 'taken in on or after (YYYY-MM-DD)' })),
  to: Type.Optional(Type.String({ ...IsoDate, description: 'taken in on or before (YYYY-MM-DD)' })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

/** Checks what the schema cannot: real dates, known statuses, from ≤ to. */
function ledgerFilter(query: Static<typeof LedgerQuery>): LedgerFilter {
  const { status, ...rest } = query;
  for (const key of ['from', 'to'] as const) {
    if (rest[key] !== undefined && !isValidIsoDate(rest[key])) throw badRequest('invalid_date', `${key} 不是有效日期：${rest[key]}`, `${key} is not a valid date: ${rest[key]}`);
  }
  if (rest.from && rest.to && rest.from > rest.to) throw badRequest('invalid_range', '开始日期晚于结束日期', 'from is after to');
  const statuses = status?.split(',');
  const unknown = statuses?.filter((s) => !(LEDGER_STATUS_VALUES as readonly string[]).includes(s));
  if (unknown?.length) {
    throw badRequest('invalid_status', `未知整改状态：${unknown.join('、')}（可选：${LEDGER_STATUS_VALUES.join('、')}）`, `Unknown plan status: ${unknown.join(', ')} (one of ${LEDGER_STATUS_VALUES.join(', ')})`);
  }
  return { ...rest, status: statuses as LedgerStatusFilter[] | undefined };
}

const EXPORT_QUERY = Type.Omit(LedgerQuery, ['page', 'pageSize'], { additionalProperties: false });

export const rectificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/cases/:id/rectification', {
    schema: { tags: ['ledger'], summary: 'A case\'s rectification plan (整改方案) and its weekly progress (每周进展)', params: IdParams },
  }, async (request) => getRectification(db, request.actor!, request.params.id));

  app.put('/cases/:id/rectification', {
    schema: {
      tags: ['ledger'], params: IdParams, body: PlanBody,
      summary: 'Draw up (no version) or change (with the plan\'s version) the rectification plan: measures, responsible person, deadline, status; a handler of the lead office',
    },
  }, async (request, reply) => {
    const { created } = await setPlan(db, request.actor!, 'case', request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(await getRectification(db, request.actor!, request.params.id));
  });

  app.post('/cases/:id/rectification/progress', {
    schema: {
      tags: ['ledger'], params: IdParams, body: ProgressBody,
      summary: 'Add a weekly progress note (lead office handler) or a supervision note (supervisor), until the case is closed',
    },
  }, async (request, reply) => {
    await addProgressTo(db, request.actor!, 'case', request.params.id, request.body);
    return reply.status(201).send(await getRectification(db, request.actor!, request.params.id));
  });

  app.get('/ledger', {
    schema: {
      tags: ['ledger'], querystring: LedgerQuery,
      summary: 'The enterprise problem ledger (企业问题台账): enterprise cases in your scope with plan, responsible person, deadline, latest progress, days overdue',
    },
  }, async (request) => listLedger(db, request.actor!, ledgerFilter(request.query)));

  const subtitle = async (f: LedgerFilter) => {
    const parts: string[] = [];
    if (f.officeId) parts.push(`主办单位：${(await findOffice(db, f.officeId))?.name ?? f.officeId}`);
    if (f.status?.length) parts.push(`整改状态：${f.status.map((s) => LEDGER_STATUS_NAMES[s].zh).join('、')}`);
    if (f.from || f.to) parts.push(`受理日期：${f.from ?? ''}至${f.to ?? ''}`);
    if (f.q?.trim()) parts.push(`关键词：${f.q.trim()}`);
    return parts.join('；') || undefined;
  };

  app.get('/ledger.xlsx', {
    schema: { tags: ['ledger'], querystring: EXPORT_QUERY, summary: 'The ledger as an Excel workbook (same filters); a protected requester\'s identity is never exported' },
  }, async (request, reply) => {
    const filter = ledgerFilter(request.query);
    const { items, today } = await ledgerForExport(db, request.actor!, filter);
    const body = await ledgerWorkbook(items, today, { subtitle: await subtitle(filter) });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`${LEDGER_TITLE}-${today}`, `enterprise-ledger-${today}`, 'xlsx'))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/ledger.csv', {
    schema: { tags: ['ledger'], querystring: EXPORT_QUERY, summary: 'The ledger as CSV, UTF-8 with a byte-order mark (same filters)' },
  }, async (request, reply) => {
    const { items, today } = await ledgerForExport(db, request.actor!, ledgerFilter(request.query));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment(`${LEDGER_TITLE}-${today}`, `enterprise-ledger-${today}`, 'csv'))
      .header('cache-control', 'no-store')
      .send(ledgerCsv(items));
  });
};
