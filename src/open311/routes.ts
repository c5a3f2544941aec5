/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, in JSON and
 * XML (`services.json`, `requests.xml`, …): the six appeal types as services, public web
 * appeals created by POST, and every non-confidential case as a public service request.
 * No log-in and no API key: reads and writes are rate-limited per client. Errors are Open311's
 * `[{code, description}]` (XML `<errors><error>…`), the description in Chinese and English.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { toAppError } from '../platform/http/errors.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { referenceData } from '../cases/reference.js';
import { workingCalendar } from '../calendar/store.js';
import { casePolicy } from '../cases/settings.js';
import { createPublicAppeal } from '../cases/commands/createPublicAppeal.js';
import {
  describeError, isServiceCode, open311Error, parseJurisdiction, parsePostRequest, parseRequestsQuery, serviceNoticeParts, services, toOpen311Request,
} from './mapping.js';
import { findPublicRequest, listPublicRequests } from './queries.js';
import { xmlDocument, xmlList, type XmlRecord } from './xml.js';

type Format = 'json' | 'xml';

const FORMATS = Type.Union([Type.Literal('json'), Type.Literal('xml')], { description: 'json or xml' });
const Id = Type.String({ minLength: 1, maxLength: 40 });
/** The parameters are documented here and read by mapping.ts, which gives Open311-shaped 400s. */
const Text = Type.Optional(Type.String());
const Jurisdiction = Type.Object({ jurisdiction_id: Text }, { additionalProperties: true });
const RequestsQuerystring = Type.Object({
  jurisdiction_id: Text, service_request_id: Text, service_code: Text, start_date: Text, end_date: Text, status: Text,
  page: Text, page_size: Type.Optional(Type.String({ description: `default 50, at most 100` })),
}, { additionalProperties: true });
const PostBody = Type.Object({
  service_code: Text, description: Text, lat: Type.Optional(Type.Union([Type.String(), Type.Number()])), long: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  address_string: Text, address_id: Text, jurisdiction_id: Text, first_name: Text, last_name: Text, phone: Text, email: Text, media_url: Text,
  api_key: Text, device_id: Text, account_id: Text,
}, { additionalProperties: true });

const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** Writes a list in the asked format: a JSON array, or `<root><item>…</item></root>`. */
function sendList(reply: FastifyReply, format: Format, root: string, item: string, items: readonly XmlRecord[], status = 200) {
  reply.status(status).type(CONTENT_TYPES[format]);
  return reply.send(format === 'xml' ? xmlDocument(root, xmlList(item, items)) : JSON.stringify(items));
}

function formatOf(request: FastifyRequest): Format {
  const param = (request.params as { format?: unknown } | undefined)?.format;
  if (param === 'xml' || param === 'json') return param;
  return /\.xml$/i.test(request.url.split('?')[0]) ? 'xml' : 'json';
}

/** The GeoReport changeset this endpoint implements (discovery). */
const CHANGESET = '2026-11-23T00:00:00+08:00';

/** The Open311 endpoints; mount with the prefix `/open311` at the server's root. */
export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const reads = publicDoor(app.config, 'public-reads');
  const writes = publicDoor(app.config, 'public-writes');
  const doc = { tags: ['open311'], security: [] };

  // Open311 clients post forms; JSON works too. NUL cannot be stored, as for JSON bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const params = new URLSearchParams(body as string);
    const form: Record<string, string> = {};
    for (const [k, v] of params) form[k] = v;
    if (Object.entries(form).some(([k, v]) => k.includes('\u0000') || v.includes('\u0000'))) {
      done(new AppError(400, 'nul_character', '请求中含有不允许的空字符（\\u0000）', 'The request contains a NUL character (\\u0000), which is not allowed'), undefined);
      return;
    }
    done(null, form);
  });

  // Public data for any web client: no cookies are read here, so any origin may read it.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'x-total-count');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    let e = toAppError(error as FastifyError);
    if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      e = new AppError(415, 'unsupported_media_type', '不支持的内容类型，请以 application/x-www-form-urlencoded 或 application/json 提交', 'Unsupported content type; send application/x-www-form-urlencoded or application/json');
    }
    if (e.status >= 500) request.log.error({ err: error }, 'open311 request failed');
    return sendList(reply, formatOf(request), 'errors', 'error', [{ code: e.status, description: describeError(e) }], e.status);
  });

  /** A jurisdiction must be a region that exists (the spec's 404 otherwise). */
  async function jurisdiction(query: Record<string, unknown>): Promise<string | null> {
    const code = parseJurisdiction(query);
    if (code && !(await referenceData(db)).regionExists(code)) {
      throw open311Error(404, 'unknown_jurisdiction', `没有这个行政区划：${code}`, `jurisdiction_id ${code} was not found`);
    }
    return code;
  }

  const notFoundRequest = (id: string) => open311Error(404, 'not_found', `服务请求 ${id} 不存在或不公开`, `Service request ${id} does not exist or is not public`);

  app.get('/v2/discovery.:format', {
    config: reads, schema: { ...doc, summary: 'Open311 service discovery', params: Type.Object({ format: FORMATS }) },
  }, async (request, reply) => {
    const endpoint = {
      specification: 'http://wiki.open311.org/GeoReport_v2', url: `${app.config.publicUrl}/open311/v2`, changeset: CHANGESET, type: 'production',
      formats: ['text/xml', 'application/json'],
    };
    const body = {
      changeset: CHANGESET,
      contact: '12345 政务服务便民热线 / 12345 government service hotline',
      key_service: '无需 API key，按客户端限流 / No API key is needed; requests are rate-limited per client',
    };
    reply.type(CONTENT_TYPES[request.params.format]);
    return request.params.format === 'xml'
      ? xmlDocument('discovery', { ...body, endpoints: xmlList('endpoint', [{ ...endpoint, formats: xmlList('format', endpoint.formats) }]) })
      : JSON.stringify({ ...body, endpoints: [endpoint] });
  });

  app.get('/v2/services.:format', {
    config: reads, schema: { ...doc, summary: 'The services: the six appeal types (咨询、求助、投诉、举报、建议、表扬)', params: Type.Object({ format: FORMATS }), querystring: Jurisdiction },
  }, async (request, reply) => {
    await jurisdiction(request.query);
    const [cal, { policy }] = await Promise.all([workingCalendar(db), casePolicy(db)]);
    return sendList(reply, request.params.format, 'services', 'service', services(cal, policy));
  });

  app.get('/v2/services/:service_code.:format', {
    config: reads, schema: { ...doc, summary: 'A service definition (no extra attributes: metadata is false for every service)', params: Type.Object({ service_code: Id, format: FORMATS }), querystring: Jurisdiction },
  }, async (request, reply) => {
    await jurisdiction(request.query);
    const code = request.params.service_code;
    if (!isServiceCode(code)) throw open311Error(404, 'unknown_service_code', `没有这个服务类型：${code}`, `No service with service_code ${code}`);
    const definition = { service_code: code, attributes: xmlList('attribute', []) };
    reply.type(CONTENT_TYPES[request.params.format]);
    return request.params.format === 'xml' ? xmlDocument('service_definition', definition) : JSON.stringify({ service_code: code, attributes: [] });
  });

  app.get('/v2/requests.:format', {
    config: reads,
    schema: {
      ...doc, summary: 'Public service requests (no requester data; reports and confidential cases left out), newest first; page and page_size (50, at most 100); the last 90 days by default',
      params: Type.Object({ format: FORMATS }), querystring: RequestsQuerystring,
    },
  }, async (request, reply) => {
    const query = parseRequestsQuery(request.query);
    const region = await jurisdiction(request.query);
    const [{ items, total }, cal, { policy }] = await Promise.all([listPublicRequests(request.replicaDb, query, region), workingCalendar(db), casePolicy(db)]);
    reply.header('x-total-count', String(total));
    return sendList(reply, request.params.format, 'service_requests', 'request', items.map((r) => toOpen311Request(r, cal, policy)));
  });

  app.get('/v2/requests/:service_request_id.:format', {
    config: reads, schema: { ...doc, summary: 'One public service request', params: Type.Object({ service_request_id: Id, format: FORMATS }), querystring: Jurisdiction },
  }, async (request, reply) => {
    await jurisdiction(request.query);
    const [found, cal, { policy }] = await Promise.all([findPublicRequest(db, request.params.service_request_id), workingCalendar(db), casePolicy(db)]);
    if (!found) throw notFoundRequest(request.params.service_request_id);
    return sendList(reply, request.params.format, 'service_requests', 'request', [toOpen311Request(found, cal, policy)]);
  });

  app.post('/v2/requests.:format', {
    config: writes,
    schema: {
      ...doc, summary: 'Raise a service request: a public web appeal. Answers the request id (also the token), and lookup_secret — shown once — to follow it at /api/public/appeals',
      params: Type.Object({ format: FORMATS }), body: Type.Optional(PostBody),
    },
  }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    await jurisdiction(body);
    const input = parsePostRequest(body);
    const receipt = await createPublicAppeal(app.database, input);
    const [cal, { policy }] = await Promise.all([workingCalendar(db), casePolicy(db)]);
    const notice = serviceNoticeParts(cal, policy, input.type as Parameters<typeof serviceNoticeParts>[2]);
    return sendList(reply, request.params.format, 'service_requests', 'request', [{
      service_request_id: receipt.code,
      token: receipt.code,
      service_notice: `${notice.zh}；请保存 lookup_secret（查询密码，只显示这一次），凭它查看进度和评价 / ${notice.en[0].toUpperCase()}${notice.en.slice(1)}; keep lookup_secret: it is shown only once and lets the requester follow and evaluate the request`,
      account_id: null,
      lookup_secret: receipt.secret,
      lookup_url: receipt.lookupUrl,
    }], 201);
  });

  app.get('/v2/tokens/:token.:format', {
    config: reads, schema: { ...doc, summary: 'The request id for a token (requests are created at once: the token is the id); a request kept off the public list is as unknown here as at requests/', params: Type.Object({ token: Id, format: FORMATS }), querystring: Jurisdiction },
  }, async (request, reply) => {
    await jurisdiction(request.query);
    const { token } = request.params;
    // Exactly what requests/ would show: a report or a confidential case must not be confirmed here.
    if (!(await findPublicRequest(db, token))) throw open311Error(404, 'unknown_token', `没有这个 token：${token}`, `Token ${token} was not found`);
    return sendList(reply, request.params.format, 'service_requests', 'request', [{ service_request_id: token, token }]);
  });

  // Anything else under /open311 answers in Open311's error shape, not the API's.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/*', config: { public: true }, schema: { hide: true },
    handler: async (request) => {
      throw open311Error(404, 'route_not_found', `没有这个 Open311 接口：${request.method} ${request.url.split('?')[0]}`, `No such Open311 resource: ${request.method} ${request.url.split('?')[0]}`);
    },
  });
};

/** Open311 lives at `/open311`, outside `/api`: its manifest mounts it at the root. */
export const open311Module: FastifyPluginAsync = async (app) => {
  await app.register(open311Routes, { prefix: '/open311' });
};
