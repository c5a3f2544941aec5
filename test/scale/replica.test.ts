/**
 * A primary and a hot standby started from the machine's PostgreSQL binaries (pg_basebackup -R,
 * primary_conninfo): the dashboards' figure tables and the public lists read from the standby, a
 * writer sees their own write at once, and with the standby down reads fall back to the primary
 * with a warning, never an error to the reader.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type PostgresServer } from '../harness/postgres-server.js';
import { openDatabase, type Database } from '../../src/platform/db/engine.js';
import { buildServer, prepareDatabase } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { operatorActor } from '../../src/platform/actor.js';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../../src/demo/organisation.js';
import { loadDemoCatalogue } from '../../src/demo/appeals.js';
import { WROTE_COOKIE } from '../../src/platform/http/replica-reads.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

describe('reads from a streaming replica (DATABASE_READ_URL)', () => {
  let primary: PostgresServer;
  let standby: PostgresServer;
  let database: Database;
  let app: FastifyInstance;
  const warnings: string[] = [];
  let primaryUrl = '';
  let standbyUrl = '';

  const request = async (method: string, url: string, cookie?: string, body?: unknown) => app.inject({
    method: method as never, url, headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  const login = async (username: string) => {
    const res = await request('POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    return `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
  };
  const onStandby = async (text: string) => {
    const c = new pg.Client({ connectionString: standbyUrl });
    await c.connect();
    try {
      return (await c.query(text)).rows;
    } finally {
      await c.end();
    }
  };
  const received = async (cookie: string) => {
    const res = await request('GET', `/api/evaluation/figures?from=${month}&to=${month}&by=office`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { total: { counts: { received: number } } }).total.counts.received;
  };
  const publicRequests = async (cookie?: string) => {
    const res = await request('GET', '/open311/v2/requests.json', cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { service_request_id: string }[]).map((r) => r.service_request_id);
  };

  beforeAll(async () => {
    primary = await startPostgresServer();
    primaryUrl = await primary.createDatabase('qinqing');
    const setup = await openDatabase({ databaseUrl: primaryUrl });
    await prepareDatabase(setup);
    const demo = await loadDemoOrganisation(setup.db, operatorActor());
    await loadDemoCatalogue(setup.db, operatorActor(), demo);
    await setup.close();
    standby = await startPostgresServer({ standbyOf: primary.url });
    standbyUrl = new URL('/qinqing', standby.url).toString();
    database = await openDatabase({ databaseUrl: primaryUrl, readUrl: standbyUrl, warn: (m) => warnings.push(m) });
    app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0' }), webDist: 'web/dist-none' }, logger: false });
    await app.ready();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await standby?.stop();
    await primary?.stop();
  });

  it('runs the standby as a hot standby of the primary', async () => {
    expect(await onStandby('select pg_is_in_recovery() as recovering')).toEqual([{ recovering: true }]);
  });

  it('serves figure tables and public lists from the standby, and a writer their own write from the primary at once', async () => {
    const leader = await login('leader');
    const agent = await login('agent');
    const before = await received(leader);
    // Replay stopped: the standby holds the database as it was, so what a reader sees tells where it was read.
    await onStandby('select pg_wal_replay_pause()');
    const res = await request('POST', '/api/cases', agent, {
      channel: 'hotline', type: 'complaint', title: '路口红绿灯不亮', content: '驿城区解放路与交通路路口的红绿灯不亮，车辆通行混乱。',
      regionCode: '411702', requester: { kind: 'person', name: '王先生', phone: '13812345678' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json() as { code: string };
    const wrote = res.cookies.find((c) => c.name === WROTE_COOKIE);
    expect(wrote?.maxAge).toBeGreaterThan(0);

    expect(await received(leader)).toBe(before);
    expect(await publicRequests()).not.toContain(code);
    const writer = `${agent}; ${WROTE_COOKIE}=${wrote!.value}`;
    expect(await publicRequests(writer)).toContain(code);

    await onStandby('select pg_wal_replay_resume()');
    for (const deadline = Date.now() + 10_000; (await received(leader)) !== before + 1;) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(50);
    }
    expect(await publicRequests()).toContain(code);
    expect(warnings).toEqual([]);
  });

  it('falls back to the primary when the standby is down: the reader gets the answer, the log a warning', async () => {
    const leader = await login('leader');
    const before = await received(leader);
    await standby.stop();
    expect(await received(leader)).toBe(before);
    expect(await publicRequests()).not.toHaveLength(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/DATABASE_READ_URL: the standby cannot be reached/);
  });
});
