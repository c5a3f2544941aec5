import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../platform/http/schemas.js';
import { badRequest } from '../platform/errors.js';
import { acceptFileBodies, MAX_ATTACHMENT_BYTES, uploadedFile } from '../platform/uploads.js';
import { contentDisposition } from '../platform/export/table.js';
import { sendTable, sendWorkbook } from '../platform/export/send.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { findOffice } from '../offices/queries.js';
import { ITEM_STATUS_CODES, ITEM_TYPE_CODES } from './contract.js';
import { ContentInput } from './commands/content.js';
import { createServiceItem, SERVICE_ITEM_TYPE } from './commands/serviceItemActions.js';
import { addItemFile } from './commands/addItemFile.js';
import { importCatalogue } from './commands/importCatalogue.js';
import {
  catalogueReport, currentVersions, getServiceGuide, getServiceItem, getVersion, listPublicItems, listServiceItems, listVersions, readGuideFile, readItemFile,
  type StoredFile,
} from './queries.js';
import { catalogueJson, catalogueWorkbook, parseCatalogueJson, parseCatalogueWorkbook } from './transfer.js';
import { reportFile } from './export.js';
import { contentOf } from './store.js';

const TAGS = ['approvals'];
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const ListQuery = {
  q: Type.Optional(Type.String({ maxLength: 100 })), officeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The department, with those below it' })),
  typeCode: Type.Optional(literals(ITEM_TYPE_CODES)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
const Code = Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z]{19,60}$', description: 'Implementation code (实施编码)' }) }, { additionalProperties: false });
const IMPORT_LIMIT = 10 * 1024 * 1024;

const sendFile = (reply: import('fastify').FastifyReply, file: StoredFile) => reply
  .header('content-type', file.contentType)
  .header('content-disposition', contentDisposition(file.fileName, `file${/\.[a-z0-9]{1,5}$/i.exec(file.fileName)?.[0] ?? ''}`))
  .send(file.data);

export const approvalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const publicRead = publicDoor(app.config, 'public-reads');
  const view = (actor: Parameters<typeof getServiceItem>[1], id: number) => getServiceItem(db, actor, id);

  app.get('/service-items', {
    schema: {
      tags: TAGS, summary: 'The catalogue (staff): published and retired items, drafts for their editors; searched by name or code, filtered by department, status, type',
      querystring: Type.Object({ ...ListQuery, status: Type.Optional(literals(ITEM_STATUS_CODES)) }, { additionalProperties: false }),
    },
  }, async (request) => listServiceItems(db, request.actor!, request.query));

  app.get('/service-items/report', {
    schema: {
      tags: TAGS, summary: 'Catalogue report over published items per department or region: items, average statutory and committed limits, steps, materials and their reductions (time −50 %, steps −20 %, materials −30 %)',
      querystring: Type.Object({ by: Type.Optional(literals(['office', 'region'] as const)), format: Type.Optional(literals(['json', 'xlsx'] as const)) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const report = await catalogueReport(db, request.actor!, request.query.by ?? 'office');
    return sendTable(reply, request.query.format, report, () => reportFile(report), [`政务服务事项目录统计-${report.by}`, `service-item-report-${report.by}`]);
  });

  app.get('/service-items/export', {
    schema: {
      tags: TAGS, summary: 'The current version of every item you may see, as the exchange workbook (sheets 事项, 办理环节, 申请材料) or JSON',
      querystring: Type.Object({ format: Type.Optional(literals(['json', 'xlsx'] as const)), officeId: ListQuery.officeId, status: Type.Optional(literals(ITEM_STATUS_CODES)) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const versions = await currentVersions(db, request.actor!, request.query);
    const contents = versions.map(contentOf);
    if (request.query.format === 'json') return catalogueJson(contents);
    const offices = new Map<number, string>();
    for (const id of new Set(contents.map((c) => c.officeId))) offices.set(id, (await findOffice(db, id))?.name ?? '');
    return sendWorkbook(reply, await catalogueWorkbook(contents.map((c) => ({ ...c, officeName: offices.get(c.officeId) }))), ['政务服务事项目录', 'service-items']);
  });

  app.post('/service-items/import', {
    bodyLimit: IMPORT_LIMIT,
    schema: {
      tags: TAGS, summary: 'Import items all or nothing (administrators in scope): each row creates a draft or changes the item with its implementation code; 400 names every bad row and field',
      body: Type.Object({
        format: literals(['json', 'xlsx'] as const),
        content: Type.Unknown({ description: 'json: the array of items; xlsx: the workbook, base64-encoded' }),
        publish: Type.Optional(Type.Boolean({ description: 'Publish every imported item' })),
      }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { format, content, publish } = request.body;
    if (format === 'xlsx' && (typeof content !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(content))) {
      throw badRequest('import_content', 'xlsx 内容须为 base64 编码的工作簿', 'The xlsx content must be the workbook, base64-encoded');
    }
    const parsed = format === 'json' ? parseCatalogueJson(content) : await parseCatalogueWorkbook(Buffer.from(content as string, 'base64'));
    return importCatalogue(db, request.actor!, parsed, { publish });
  });

  app.get('/service-items/:id', { schema: { tags: TAGS, summary: 'One item with its current version and the actions open to you', params: IdParams } },
    async (request) => view(request.actor!, request.params.id));

  app.get('/service-items/:id/versions', { schema: { tags: TAGS, summary: 'Every version of an item, newest first', params: IdParams } },
    async (request) => ({ items: await listVersions(db, request.actor!, request.params.id) }));

  app.get('/service-items/:id/versions/:revision', {
    schema: { tags: TAGS, summary: 'One version of an item as it was written', params: Type.Object({ id: IdParams.properties.id, revision: Type.Integer({ minimum: 1, maximum: 100000 }) }, { additionalProperties: false }) },
  }, async (request) => getVersion(db, request.actor!, request.params.id, request.params.revision));

  app.post('/service-items', {
    schema: { tags: TAGS, summary: 'Create a draft item for a department in your scope (administrators); the lint refuses impossible content naming the field', body: ContentInput },
  }, async (request, reply) => {
    const row = await createServiceItem(db, request.actor!, request.body);
    return reply.status(201).send(await view(request.actor!, row.id));
  });

  // publish and retire as POST /service-items/:id/<action>; a change as PATCH /service-items/:id.
  registerActionRoutes(app, SERVICE_ITEM_TYPE, {
    base: '/service-items', tags: TAGS, at: { update: { method: 'PATCH', path: '' } },
    respond: (actor, row) => view(actor, row.id),
  });

  // Blank forms and samples travel as the raw file with its own content type.
  acceptFileBodies(app);

  app.post('/service-items/:id/files', {
    bodyLimit: MAX_ATTACHMENT_BYTES,
    schema: {
      tags: TAGS, summary: 'Upload a blank form or sample (PDF, Word, Excel, JPG, PNG; at most 10 MB) for the item\'s materials to name by id',
      params: IdParams, querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    return reply.status(201).send(await addItemFile(db, request.actor!, request.params.id, { fileName: request.query.fileName, ...uploadedFile(request) }));
  });

  app.get('/service-items/:id/files/:fileId', {
    schema: { tags: TAGS, summary: 'Download a file of an item', params: Type.Object({ id: IdParams.properties.id, fileId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false }) },
  }, async (request, reply) => sendFile(reply, await readItemFile(db, request.actor!, request.params.id, request.params.fileId)));

  app.get('/public/service-items', {
    config: publicRead,
    schema: { tags: TAGS, summary: 'Published service items, searched by name or code (no log-in)', security: [], querystring: Type.Object(ListQuery, { additionalProperties: false }) },
  }, async (request) => listPublicItems(request.replicaDb, request.query));

  app.get('/public/service-items/:code', {
    config: publicRead,
    schema: { tags: TAGS, summary: 'The service guide (办事指南) of a published item: conditions, materials with blank forms and samples, limits, fees, where to apply (no log-in)', security: [], params: Code },
  }, async (request) => getServiceGuide(request.replicaDb, request.params.code));

  app.get('/public/service-items/:code/files/:fileId', {
    config: publicRead,
    schema: { tags: TAGS, summary: 'A blank form or sample the guide offers (no log-in)', security: [], params: Type.Object({ ...Code.properties, fileId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false }) },
  }, async (request, reply) => sendFile(reply, await readGuideFile(db, request.params.code, request.params.fileId)));
};
