import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import './types.js';
import type { Config } from '../config.js';
import { queryRows, sql, type Database } from '../db/engine.js';
import { AppError } from '../errors.js';
import { registerErrorHandling, sendError } from './errors.js';
import { validatorCompiler } from './validation.js';
import { rateLimitOptions, rateWindowExpiry } from './rate-limit.js';
import { IDEMPOTENCY_HEADER, idempotencyKeyExpiry, idempotencyPlugin, takesIdempotencyKey } from './idempotency.js';
import type { ModuleManifest } from '../manifest.js';
import { startBackgroundJobs } from '../jobs.js';
import { routeReplicaReads } from './replica-reads.js';

export interface ServerOptions {
  database: Database;
  config: Config;
  logger?: boolean;
  /** What the server runs: the application's module manifests (src/app.ts). */
  modules: readonly ModuleManifest[];
}

/** One process serves the API under /api, the OpenAPI document at /docs and the built web app. */
export async function buildServer({ database, config, logger = true, modules }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-lookup-secret"]'],
      // A public appeal's lookup secret may travel in the query string; it never reaches the log.
      serializers: { req: (req) => ({ method: req.method, url: String(req.url).replace(/([?&]secret=)[^&]*/gi, '$1[redacted]'), remoteAddress: req.ip }) },
    } : false,
    bodyLimit: config.bodyLimitBytes,
    // A signed code (a certificate's, a visit's) travels in the path: a compact JWS of a few hundred characters.
    routerOptions: { maxParamLength: 4096 },
    trustProxy: config.trustProxy,
    // Every limit here keeps a client from holding the server: a stalled or endless request ends.
    requestTimeout: 30_000,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('database', database);
  app.decorate('config', config);
  // Routes that gather what every module contributes (the enterprise page's sections) read it here.
  app.decorate('modules', modules);
  registerErrorHandling(app);
  // JSON bodies as usual, except that NUL characters are refused: PostgreSQL text cannot hold them.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (/\\u0000/i.test(text)) {
      done(new AppError(400, 'nul_character', '请求中含有不允许的空字符（\\u0000）', 'The request contains a NUL character (\\u0000), which is not allowed'), undefined);
      return;
    }
    try {
      done(null, text === '' ? undefined : JSON.parse(text));
    } catch {
      done(new AppError(400, 'malformed_json', '请求体不是合法的 JSON', 'The request body is not valid JSON'), undefined);
    }
  });

  // helmet's security headers never change here, but @fastify/helmet rebuilds its middleware on
  // every request (~50 µs, a tenth of an intake): they are worked out once and set as it would.
  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(cookie);
  routeReplicaReads(app, database);
  await app.register(rateLimit, rateLimitOptions(database.db));
  await app.register(swagger, {
    openapi: {
      info: { title: 'Qinqing (亲清) API', version: '0.1.0', description: 'Appeals, evaluation, approvals, enterprise services and inspections for a city or county government. Log in with POST /api/auth/login; the session cookie authenticates every other call.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qq_session' } } },
      security: [{ session: [] }],
    },
    // Every POST and PATCH takes an Idempotency-Key (idempotency.ts): documented here once.
    transform: ({ schema, url, route }) => {
      if (!takesIdempotencyKey(route.method, route.config as { idempotency?: boolean } | undefined)) return { schema, url };
      const headers = (schema?.headers ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> };
      return {
        url,
        schema: { ...schema, headers: { ...headers, type: 'object', properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: IDEMPOTENCY_KEY_DOC } } },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  for (const m of modules) if (m.hooks) await app.register(m.hooks);
  // After the modules' hooks: a key belongs to the session's person (authentication's onRequest).
  await app.register(idempotencyPlugin);

  await app.register(async (api) => {
    api.get('/health', { config: { public: true }, schema: { tags: ['platform'], summary: 'Liveness and the database in use' } }, async () => {
      await queryRows(database.db, sql`select 1`);
      return { status: 'ok', database: database.kind };
    });
    for (const plugin of modules.flatMap((m) => m.routes ?? [])) await api.register(plugin);
  }, { prefix: '/api' });
  for (const plugin of modules.flatMap((m) => m.rootRoutes ?? [])) await app.register(plugin);

  const webDist = resolve(config.webDist);
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      // Files are looked up per request, so a rebuilt web app is served without a restart.
      wildcard: true,
      index: false,
      // The build's .br and .gz beside each file (web/precompress.ts), as Accept-Encoding allows.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', webCacheControl(relative(webDist, path))),
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }

  app.setNotFoundHandler((request, reply) => {
    // A script or style missing from assets/ is an old build's: an error, not the page.
    const notAPage = /^\/(api|open311|docs|assets)(\/|$)/.test(request.url);
    if (!notAPage && hasWeb && request.method === 'GET') {
      // The web app routes in the browser: every page path gets index.html.
      return reply.sendFile('index.html');
    }
    return sendError(request, reply, new AppError(404, 'route_not_found',
      `没有这个接口：${request.method} ${request.url.split('?')[0]}`, `No such route: ${request.method} ${request.url.split('?')[0]}`));
  });
  if (config.sweepIntervalSeconds > 0) {
    const stop = startBackgroundJobs(database, [idempotencyKeyExpiry, rateWindowExpiry, ...modules.flatMap((m) => m.jobs ?? [])], config.sweepIntervalSeconds * 1000,
      (err, job) => app.log.error({ err, job }, 'background job failed'));
    app.addHook('onClose', async () => stop());
  }
  return app;
}

/**
 * How long a browser keeps a file of the web app: the build names every file under assets/ by a
 * hash of its content, so it never changes and is kept a year; anything else (index.html, which
 * names the current assets) is asked again each time, cheaply, by its ETag.
 */
function webCacheControl(pathInDist: string): string {
  return pathInDist.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const IDEMPOTENCY_KEY_DOC = {
  type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$',
  description: 'Optional. A retry with the same key and request answers the first response again (Idempotent-Replayed: true); the same key with another request 422, while the first is in flight 409. Keys belong to the logged-in person, or to the client address without a session, and are kept 24 hours.',
};

/** The headers @fastify/helmet adds with these options: those of a response with it that one without it lacks. */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const probe = async (withHelmet: boolean) => {
    const app = Fastify();
    if (withHelmet) await app.register(helmet, options);
    app.get('/', async () => 'ok');
    const res = await app.inject({ method: 'GET', url: '/' });
    await app.close();
    return res.headers;
  };
  const plain = await probe(false);
  return Object.entries(await probe(true)).filter(([name]) => !(name in plain)).map(([name, value]) => [name, String(value)]);
}

