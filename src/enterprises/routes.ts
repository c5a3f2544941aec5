import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IsoDate, RegionCode, Version } from '../platform/http/schemas.js';
import { badRequest } from '../platform/errors.js';
import type { FastifyReply } from 'fastify';
import { sendTable } from '../platform/export/send.js';
import { CREDIT_STANDINGS, ENTERPRISE_KINDS, ENTERPRISE_SIZES } from './contract.js';
import { allEnterprises, listEnterprises, type EnterpriseFilter } from './queries.js';
import { enterprisePage } from './page.js';
import { createEnterprise } from './commands/createEnterprise.js';
import { updateEnterprise, updateEnterpriseContacts } from './commands/updateEnterprise.js';
import { importEnterprises } from './commands/importEnterprises.js';
import { exportColumns } from './columns.js';
import { beijingToday, MAX_CONTACTS } from './rules.js';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const KeyParams = Type.Object({
  key: Type.String({ pattern: '^([0-9]{1,10}|[0-9A-Za-z]{18})$', description: 'The enterprise\'s unified social credit code, or its id' }),
}, { additionalProperties: false });

const Contact = Type.Object({
  name: Type.String({ maxLength: 50 }), role: Type.String({ maxLength: 50 }), phone: Type.String({ maxLength: 30 }),
}, { additionalProperties: false });
const Contacts = Type.Array(Contact, { maxItems: MAX_CONTACTS });

const FIELDS = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: literals(ENTERPRISE_KINDS),
  legalRepresentative: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  regionCode: RegionCode,
  industryDivision: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{2}$', description: 'GB/T 4754-2017 division (大类), two digits' }))),
  size: Type.Optional(Nullable(literals(ENTERPRISE_SIZES))),
  establishedOn: Type.Optional(Nullable(IsoDate)),
  registeredCapital: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12, description: '万元 (10,000 yuan)' }))),
  keyEnterprise: Type.Optional(Type.Boolean()),
  credit: Type.Optional(literals(CREDIT_STANDINGS)),
  contacts: Type.Optional(Contacts),
};

export const EnterpriseBody = Type.Object({
  uscc: Type.String({ minLength: 1, maxLength: 18, description: 'Unified social credit code (GB 32100)' }),
  usccOverrideReason: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'Accepts a code failing its check character, saying why (administrators)' }))),
  ...FIELDS,
}, { additionalProperties: false });

export const EnterprisePatchBody = Type.Object({
  version: Version,
  name: Type.Optional(FIELDS.name), kind: Type.Optional(FIELDS.kind), legalRepresentative: FIELDS.legalRepresentative, address: FIELDS.address,
  regionCode: Type.Optional(FIELDS.regionCode), industryDivision: FIELDS.industryDivision, size: FIELDS.size, establishedOn: FIELDS.establishedOn,
  registeredCapital: FIELDS.registeredCapital, keyEnterprise: FIELDS.keyEnterprise, credit: FIELDS.credit, contacts: FIELDS.contacts,
}, { additionalProperties: false });

const FILTER = {
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, or the start of the code' })),
  regionCode: Type.Optional(RegionCode),
  industry: Type.Optional(Type.String({ pattern: '^([A-T]|[0-9]{2})$', description: 'GB/T 4754-2017 section letter or two-digit division' })),
  size: Type.Optional(literals(ENTERPRISE_SIZES)),
  kind: Type.Optional(literals(ENTERPRISE_KINDS)),
  keyEnterprise: Type.Optional(Type.Boolean()),
  credit: Type.Optional(literals(CREDIT_STANDINGS)),
};
const ListQuery = Type.Object({
  ...FILTER,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
const ExportQuery = Type.Object(FILTER, { additionalProperties: false });

const IMPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream'];
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const TITLE = '企业库';

export const enterpriseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const sections = () => app.modules.flatMap((m) => m.enterpriseSections ?? []);

  app.get('/enterprises', {
    schema: { tags: ['enterprises'], summary: 'Enterprises you may read (staff: your office\'s region and below; an enterprise user: its own), searched, filtered and paged', querystring: ListQuery },
  }, async (request) => listEnterprises(db, request.actor!, request.query as EnterpriseFilter));

  const exportRows = (request: { actor: Parameters<typeof allEnterprises>[1] | null; query: unknown }) =>
    allEnterprises(db, request.actor!, request.query as EnterpriseFilter);

  // The registry as a file, through the platform's table sender: a workbook whose title counts the rows, or CSV.
  const sendRegistry = (format: 'xlsx' | 'csv') => async (request: Parameters<typeof exportRows>[0], reply: FastifyReply) => {
    const rows = await exportRows(request);
    const today = beijingToday();
    return sendTable(reply, format, null, () => ({ title: `${TITLE}（截至 ${today}，共 ${rows.length} 家）`, sheet: TITLE, columns: exportColumns(), rows }),
      [`${TITLE}-${today}`, `enterprises-${today}`]);
  };

  app.get('/enterprises.xlsx', {
    schema: { tags: ['enterprises'], summary: 'The registry as an Excel workbook (same filters as the list); it imports back as it is', querystring: ExportQuery },
  }, sendRegistry('xlsx'));

  app.get('/enterprises.csv', {
    schema: { tags: ['enterprises'], summary: 'The registry as CSV, UTF-8 with a byte-order mark (same filters as the list)', querystring: ExportQuery },
  }, sendRegistry('csv'));

  app.get('/enterprises/:key', {
    schema: { tags: ['enterprises'], summary: 'An enterprise\'s page: its record, its accounts and everything you may see that the government does with it (its cases, …)', params: KeyParams },
  }, async (request) => enterprisePage(db, request.actor!, request.params.key, sections()));

  app.post('/enterprises', {
    schema: { tags: ['enterprises'], summary: 'Add an enterprise (an administrator of its region, or the system administrator)', body: EnterpriseBody },
  }, async (request, reply) => reply.status(201).send(await createEnterprise(db, request.actor!, request.body)));

  app.patch('/enterprises/:key', {
    schema: { tags: ['enterprises'], summary: 'Change an enterprise\'s record (administrators of its region); needs the version you read. The code never changes', params: KeyParams, body: EnterprisePatchBody },
  }, async (request) => updateEnterprise(db, request.actor!, request.params.key, request.body));

  app.put('/enterprises/:key/contacts', {
    schema: {
      tags: ['enterprises'], summary: 'Replace the contact list (administrators of its region, and the enterprise\'s own users); needs the version you read',
      params: KeyParams, body: Type.Object({ version: Version, contacts: Contacts }, { additionalProperties: false }),
    },
  }, async (request) => updateEnterpriseContacts(db, request.actor!, request.params.key, request.body));

  // The file travels as itself, not wrapped in JSON.
  app.addContentTypeParser(IMPORT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post('/enterprises/import', {
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      tags: ['enterprises'],
      summary: 'Import an xlsx or CSV file (the export\'s columns; send the bytes with their Content-Type): all rows or none, with a report of every bad cell (400 import_rejected, details.problems: row, field, messages)',
      querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    },
  }, async (request) => {
    if (!Buffer.isBuffer(request.body)) throw badRequest('import_body', '请以文件本身（xlsx 或 CSV）作为请求体', 'Send the file itself (xlsx or CSV) as the body');
    return importEnterprises(db, request.actor!, { fileName: request.query.fileName, data: request.body });
  });
};
