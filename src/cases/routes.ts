import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { badRequest } from '../platform/errors.js';
import { isValidIsoDate } from '../calendar/rules.js';
import { IdParams, IsoDate, RegionCode, Version } from '../platform/http/schemas.js';
import { CASE_STATUSES } from './lifecycle.js';
import { CASE_TYPES, POLICY_PRESETS, PRIORITIES } from './deadlines.js';
import { casePolicy } from './settings.js';
import { setCasePolicy } from './commands/setPolicy.js';
import { CHANNELS } from './record.js';
import { ATTACHMENT_PARTS, CASE_SORTS, DUE_STATES, REQUESTER_KINDS, type CaseSort } from './contract.js';
import { FIGURES, type Figure } from '../evaluation/index.js';
import { prepareCase } from './commands/createCase.js';
import { intakeBatcher } from './intake-batcher.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { CASE_TYPE } from './commands/runAction.js';
import { actionResult, getCase, getCaseTimeline, listCases, type CaseFilter } from './queries.js';
import { CASES_TITLE, casesWorkbook, MAX_EXPORT_ROWS } from './export.js';
import { bulkDispatch, MAX_BULK_DISPATCH, type BulkDispatchItem } from './bulk-dispatch.js';
import { CASE_COMMANDS } from './commands/actions.js';
import { listCategories, listDispatchRules, suggestOwners } from './catalogue.js';
import { createCategory, deleteDispatchRule, setDispatchRule, updateCategory } from './commands/catalogue.js';
import { findLikelyDuplicates } from './duplicates.js';
import { callerHistory } from './caller-history.js';
import { suggestCategories } from './category-suggest.js';
import { searchCategories } from './category-search.js';
import { addAttachment, listAttachments, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.js';
import { acceptFileBodies, uploadedFile } from '../platform/uploads.js';
import { suggestArticles } from '../knowledge/index.js';
import { requireRole } from '../auth/permissions.js';
import { attachment, contentDisposition } from '../platform/export/table.js';

const literals = (values: readonly string[], options?: { description: string }) => Type.Union(values.map((v) => Type.Literal(v)), options);

export const IntakeBody = Type.Object({
  channel: literals(CHANNELS),
  type: literals(CASE_TYPES),
  priority: Type.Optional(literals(PRIORITIES)),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({ minLength: 1, maxLength: 10000 }),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  location: Type.Optional(Type.Union([Type.Object({
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude, WGS 84' }), long: Type.Number({ minimum: -180, maximum: 180, description: 'longitude, WGS 84' }),
  }, { additionalProperties: false, description: 'Where the matter is as coordinates (a phone\'s position)' }), Type.Null()])),
  regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])),
  categoryId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
  requester: Type.Object({
    kind: literals(REQUESTER_KINDS),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    uscc: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
  }, { additionalProperties: false }),
  confidential: Type.Optional(Type.Boolean()),
  sendSecretBySms: Type.Optional(Type.Boolean({ description: 'Also text the lookup secret to the requester\'s phone (needs a phone and a named requester)' })),
}, { additionalProperties: false });

/** Drill-down from the evaluation: the month the case was received in. */
const MonthParam = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Keywords = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 30, description: 'Words callers use for the category that its name does not hold' });
const CsvList = Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', maxLength: 200 });

/** The case list's filters and order, shared by the list and its export. */
const ListQuery = {
  status: Type.Optional(CsvList), type: Type.Optional(literals(CASE_TYPES)), channel: Type.Optional(literals(CHANNELS)),
  priority: Type.Optional(literals(PRIORITIES)), dueState: Type.Optional(literals(DUE_STATES)),
  overdueOnly: Type.Optional(Type.Boolean()), extensionPending: Type.Optional(Type.Boolean({ description: 'only cases whose extension request waits for a decision' })), awaitingVisit: Type.Optional(Type.Boolean({ description: 'The return-visit queue: reviewed, not yet visited, oldest review first' })), leadOfficeId: Type.Optional(Type.Integer({ minimum: 1 })), intakeOfficeId: Type.Optional(Type.Integer({ minimum: 1 })),
  categoryId: Type.Optional(Type.Integer({ minimum: 1 })), q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })),
  figure: Type.Optional(literals(FIGURES)), monthFrom: Type.Optional(MonthParam), monthTo: Type.Optional(MonthParam),
  responsibleOfficeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), regionCode: Type.Optional(RegionCode),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })), requesterUscc: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$' })),
  receivedFrom: Type.Optional(IsoDate), receivedTo: Type.Optional(IsoDate), completedFrom: Type.Optional(IsoDate), completedTo: Type.Optional(IsoDate),
  sort: Type.Optional(literals(CASE_SORTS as readonly string[])),
};
type ListQueryValue = Static<ReturnType<typeof Type.Object<typeof ListQuery>>>;

/** The list's query as listCases takes it: statuses split and known, dates real. */
function listFilter(query: ListQueryValue): CaseFilter {
  const { status, sort, ...rest } = query;
  const statuses = status?.split(',');
  const unknown = statuses?.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
  if (unknown?.length) {
    throw badRequest('invalid_status', `未知状态：${unknown.join('、')}`, `Unknown status: ${unknown.join(', ')}`);
  }
  for (const key of ['receivedFrom', 'receivedTo', 'completedFrom', 'completedTo'] as const) {
    if (rest[key] !== undefined && !isValidIsoDate(rest[key])) throw badRequest('invalid_date', `${key} 不是有效日期：${rest[key]}`, `${key} is not a valid date: ${rest[key]}`);
  }
  // The schema holds these to their literals; its static type widens them to string.
  return { ...rest, status: statuses, sort: sort as CaseSort | undefined, figure: rest.figure as Figure | undefined };
}

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.post('/cases', { schema: { tags: ['cases'], summary: 'Take in an appeal (受理) from any channel', body: IntakeBody } },
    async (request, reply) => reply.status(201).send(await intakeBatcher(app.database).submit(await prepareCase(db, request.actor!, request.body))));

  app.get('/cases', {
    schema: {
      tags: ['cases'], summary: 'Cases you may see: filters, search (words in Chinese, code, requester name, phone or its last four digits), sort, paging',
      querystring: Type.Object({ ...ListQuery, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listCases(db, request.actor!, { ...listFilter(query), page, pageSize });
  });

  app.get('/cases.xlsx', {
    schema: {
      tags: ['cases'],
      summary: `The case list as an Excel workbook: the selected cases (ids) or all the filters find, in your scope, in the list's order (at most ${MAX_EXPORT_ROWS}); a protected requester's identity is never exported`,
      querystring: Type.Object({ ...ListQuery, ids: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}(,[0-9]{1,10}){0,999}$', description: 'comma-separated case ids, at most 1000' })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { ids, ...query } = request.query;
    const idList = ids?.split(',').map(Number);
    if (idList?.some((n) => n < 1 || n > 2147483647)) throw badRequest('invalid_ids', 'ids 须为诉求编号（正整数）', 'ids must be case ids (positive integers)');
    const { body, today } = await casesWorkbook(db, request.actor!, { ...listFilter(query), ids: idList });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`${CASES_TITLE}-${today}`, `cases-${today}`, 'xlsx'))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.post('/cases/bulk-dispatch', {
    schema: {
      tags: ['cases'],
      summary: `Dispatch several accepted cases (dispatcher), each with the version you read, one at a time through the dispatch action (at most ${MAX_BULK_DISPATCH}); answers each case's outcome: dispatched, or its refusal (409 stale, 4xx)`,
      body: Type.Object({
        items: Type.Array(Type.Object({ id: IdParams.properties.id, version: Version, ...CASE_COMMANDS.dispatch.input.properties }, { additionalProperties: false }),
          { minItems: 1, maxItems: MAX_BULK_DISPATCH }),
      }, { additionalProperties: false }),
    },
  }, async (request) => {
    const ids = request.body.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) throw badRequest('duplicate_case', '同一诉求不能在一次批量派单中出现两次', 'A case can appear only once in a bulk dispatch');
    return { items: await bulkDispatch(db, request.actor!, request.body.items as BulkDispatchItem[]) };
  });

  app.get('/cases/:id', { schema: { tags: ['cases'], summary: 'One case with its deadline and the actions open to you', params: IdParams } },
    async (request) => getCase(db, request.actor!, request.params.id));

  app.get('/cases/:id/events', {
    schema: { tags: ['cases'], summary: 'The case\'s timeline: every change, hash-chained, for staff (audience "staff"); the public door\'s steps for its requester (audience "requester")', params: IdParams },
  }, async (request) => getCaseTimeline(db, request.actor!, request.params.id));

  app.get('/cases/intake-hints', {
    schema: {
      tags: ['cases'], summary: 'While taking in an appeal: the caller\'s earlier cases (by phone, at once), suggested categories, knowledge-base answers, and likely duplicates (same requester or address, similar text, last 30 days)',
      querystring: Type.Object({
        title: Type.Optional(Type.String({ maxLength: 200 })), content: Type.Optional(Type.String({ maxLength: 10000 })), phone: Type.Optional(Type.String({ maxLength: 30 })),
        address: Type.Optional(Type.String({ maxLength: 300 })), uscc: Type.Optional(Type.String({ maxLength: 18 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => {
    requireRole(request.actor!, ['agent', 'dispatcher'], { zh: '查看受理提示', en: 'see intake hints' });
    const q = request.query;
    const text = `${q.title ?? ''} ${q.content ?? ''}`;
    const [callerCases, duplicates, articles, categories] = await Promise.all([
      q.phone ? callerHistory(db, request.actor!, q.phone) : [],
      findLikelyDuplicates(db, request.actor!, { ...q, title: q.title ?? '', content: q.content ?? '' }),
      suggestArticles(db, text, 5),
      suggestCategories(db, text),
    ]);
    return { callerCases, duplicates, articles, categories };
  });

  acceptFileBodies(app);

  app.post('/cases/:id/attachments', {
    bodyLimit: MAX_ATTACHMENT_BYTES,
    schema: {
      tags: ['cases'], summary: `Attach a file (JPG, PNG, PDF, Word, Excel; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB): send the bytes with their Content-Type`,
      params: IdParams,
      querystring: Type.Object({
        version: Version, fileName: Type.String({ minLength: 1, maxLength: 200 }),
        part: Type.Optional(literals(ATTACHMENT_PARTS, { description: 'appeal: material of the appeal, which the requester sees (the intake office; a requester\'s files always are); reply: with the reply, seen once the reply is (the lead office); internal (default): the offices\' working files' })),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { version, fileName, part } = request.query;
    const info = await addAttachment(db, request.actor!, request.params.id, { version, fileName, part, ...uploadedFile(request) });
    return reply.status(201).send(info);
  });

  app.get('/cases/:id/attachments', { schema: { tags: ['cases'], summary: 'The case\'s attachments', params: IdParams } },
    async (request) => ({ items: await listAttachments(db, request.actor!, request.params.id) }));

  app.get('/cases/:id/attachments/:attachmentId', {
    schema: { tags: ['cases'], summary: 'Download an attachment', params: Type.Object({ id: Type.Integer({ minimum: 1 }), attachmentId: Type.Integer({ minimum: 1 }) }) },
  }, async (request, reply) => {
    const file = await readAttachment(db, request.actor!, request.params.id, request.params.attachmentId);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.fileName, `attachment${/\.[a-z0-9]{1,5}$/i.exec(file.fileName)?.[0] ?? ''}`))
      .send(file.data);
  });

  app.get('/cases/:id/dispatch-suggestions', {
    schema: { tags: ['cases'], summary: 'Offices the dispatch catalogue names for this case\'s category and region', params: IdParams },
  }, async (request) => {
    const c = await getCase(db, request.actor!, request.params.id);
    return { items: await suggestOwners(db, c.categoryId, c.regionCode) };
  });

  const LimitSchema = Type.Object({ amount: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }), unit: literals(['working_days', 'working_hours']) }, { additionalProperties: false });
  const PolicySchema = Type.Object({
    sign: Type.Object({ normal: LimitSchema, urgent: LimitSchema }, { additionalProperties: false }),
    reply: Type.Object(Object.fromEntries(CASE_TYPES.map((t) => [t, LimitSchema])), { additionalProperties: false }),
    urgentReply: LimitSchema,
    maxExtensions: Type.Integer({ minimum: 0, maximum: 5 }),
    maxExtensionDays: Type.Integer({ minimum: 1, maximum: 60 }),
    dueSoon: Type.Object({ fraction: Type.Number({ minimum: 0, maximum: 0.99 }), minMinutes: Type.Integer({ minimum: 0, maximum: 10000 }) }, { additionalProperties: false }),
  }, { additionalProperties: false });

  app.get('/case-policy', { schema: { tags: ['cases'], summary: 'The deadline policy in force and the documented presets' } },
    async () => ({ ...(await casePolicy(db)), presets: POLICY_PRESETS }));

  app.put('/case-policy', {
    schema: { tags: ['cases'], summary: 'Change the deadline policy (system administrator); needs the version you read', body: Type.Object({ version: Version, policy: PolicySchema }, { additionalProperties: false }) },
  }, async (request) => setCasePolicy(db, request.actor!, request.body as never));

  app.get('/case-categories', {
    schema: {
      tags: ['cases'], summary: 'The category tree (诉求分类), in tree order; with q, the active categories whose name, keywords or ancestors\' names hold it',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const list = await listCategories(db);
    return { items: request.query.q === undefined ? list : searchCategories(list, request.query.q) };
  });

  app.post('/case-categories', {
    schema: {
      tags: ['cases'], summary: 'Add a category (admin)',
      body: Type.Object({ code: Type.String({ pattern: '^[a-z0-9_.-]{1,40}$' }), name: Type.String({ minLength: 1, maxLength: 60 }), parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]), keywords: Type.Optional(Keywords) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await createCategory(db, request.actor!, request.body)));

  app.patch('/case-categories/:id', {
    schema: {
      tags: ['cases'], summary: 'Rename a category, set its keywords, or retire it (admin)', params: IdParams,
      body: Type.Object({ version: Version, name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), keywords: Type.Optional(Keywords), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
  }, async (request) => updateCategory(db, request.actor!, request.params.id, request.body));

  app.get('/dispatch-catalogue', {
    schema: { tags: ['cases'], summary: 'The dispatch catalogue (派单目录)', querystring: Type.Object({ categoryId: Type.Optional(Type.Integer({ minimum: 1 })), regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }) },
  }, async (request) => {
    requireRole(request.actor!, ['admin', 'dispatcher', 'supervisor'], { zh: '查看派单目录', en: 'see the dispatch catalogue' });
    return { items: await listDispatchRules(db, request.query) };
  });

  app.put('/dispatch-catalogue', {
    schema: {
      tags: ['cases'], summary: 'Set which office owns a category in a region (admin)',
      body: Type.Object({ categoryId: Type.Integer({ minimum: 1 }), regionCode: RegionCode, officeId: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])) }, { additionalProperties: false }),
    },
  }, async (request) => setDispatchRule(db, request.actor!, request.body));

  app.delete('/dispatch-catalogue/:id', { schema: { tags: ['cases'], summary: 'Remove a catalogue entry (admin)', params: IdParams } },
    async (request, reply) => {
      await deleteDispatchRule(db, request.actor!, request.params.id);
      return reply.status(204).send();
    });

  // After a return, a transfer down or an escalation the case may leave the actor's sight: say so rather than 404.
  registerActionRoutes(app, CASE_TYPE, {
    base: '/cases', tags: ['cases'],
    respond: (actor, row) => actionResult(db, actor, row),
  });
};
