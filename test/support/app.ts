import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/platform/db/engine.js';
import { loadConfig } from '../../src/platform/config.js';
import { buildServer } from '../../src/app.js';
import { operatorActor } from '../../src/platform/actor.js';
import { loadDemoOrganisation, DEMO_PASSWORD, type DemoOrganisation } from '../../src/demo/organisation.js';
import { preparedDatabase, type Engine } from './engines.js';
import { loadDemoCatalogue } from '../../src/demo/appeals.js';
import { loadDemoKnowledge } from '../../src/knowledge/index.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  demo: DemoOrganisation;
  /** Demo case categories by code (e.g. 'market.food'). */
  categories: Record<string, number>;
  /** Demo knowledge-base articles by key. */
  knowledge: Record<string, number>;
  /** Logs in (from `client`, an IP address; 127.0.0.1 unless given) and returns the session cookie header value. */
  login(username: string, password?: string, client?: string): Promise<string>;
  /** A JSON request, optionally as a logged-in user (cookie from `login`) and from a client address (request.ip). */
  request(method: string, url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string>; client?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real server (no listening socket) on a prepared database with the demo organisation. */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await preparedDatabase(engine);
  const demo = await loadDemoOrganisation(database.db, operatorActor());
  const categories = await loadDemoCatalogue(database.db, operatorActor(), demo);
  const knowledge = await loadDemoKnowledge(database.db, operatorActor(), demo.offices);
  const config = { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', ...env }), webDist: 'web/dist-none' };
  const app = await buildServer({ database, config, logger: false });
  await app.ready();
  const request: TestApp['request'] = (method, url, opts = {}) =>
    app.inject({
      method: method as never, url, remoteAddress: opts.client,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      payload: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
  return {
    app, database, demo, categories, knowledge, request,
    async login(username, password = DEMO_PASSWORD, client) {
      const res = await request('POST', '/api/auth/login', { body: { username, password }, client });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'qq_session')!;
      return `qq_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
