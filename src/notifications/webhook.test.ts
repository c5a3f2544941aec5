import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { ENGINES, preparedDatabase } from '../../test/support/engines.js';
import { queryRows, sql, type Database } from '../platform/db/engine.js';
import { enqueueNotification } from './enqueue.js';
import { NotificationDispatcher, startNotificationDispatcher } from './dispatcher.js';
import { webhookSender } from './senders/webhook.js';
import { loadNotificationConfig } from './config.js';
import type { NotificationInput } from './rules.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 whose answer each test sets. */
function receiver() {
  const received: Received[] = [];
  let answer: (res: ServerResponse, n: number) => void = (res) => res.writeHead(204).end();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      answer(res, received.length);
    });
  });
  return {
    received, server,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/qinqing`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const notice = (over: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient: { phone: '13800138000' }, kind: 'case.return_visit', titleZh: '回访提醒', titleEn: 'Return visit',
  bodyZh: '您反映的问题已办结，请对办理结果进行评价', bodyEn: 'Your case is closed; please rate how it was handled', caseId: 42, link: '/cases/42', ...over,
});

describe.each(ENGINES)('webhook channel on %s', (engine) => {
  let database: Database;
  let hook: ReturnType<typeof receiver>;
  let url: string;
  beforeAll(async () => {
    database = await preparedDatabase(engine);
    hook = receiver();
    url = await hook.listen();
  });
  afterAll(async () => {
    await hook.close();
    await database.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
    hook.answerWith((res) => res.writeHead(204).end());
  });

  const status = async (id: number) =>
    (await queryRows<{ status: string; attempts: number; last_error: string | null }>(database.db, sql`select status, attempts, last_error from notification_outbox where id = ${id}`))[0];

  it('posts each notice as JSON, with its id for de-duplication and a signature the receiver can check', async () => {
    const id = (await enqueueNotification(database.db, notice()))!;
    const dispatcher = new NotificationDispatcher(database.db, { senders: [webhookSender({ url, secret: 'county-shared-secret' })] });
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(hook.received).toHaveLength(1);
    const [{ headers, body }] = hook.received;
    expect(JSON.parse(body)).toMatchObject({
      id, kind: 'case.return_visit', recipient: { phone: '13800138000' }, titleZh: '回访提醒', caseId: 42, link: '/cases/42', attempt: 1,
      bodyEn: 'Your case is closed; please rate how it was handled',
    });
    expect(new Date(JSON.parse(body).createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['x-qinqing-notification-id']).toBe(String(id));
    const expected = createHmac('sha256', 'county-shared-secret').update(`${headers['x-qinqing-timestamp']}.${body}`).digest('hex');
    expect(headers['x-qinqing-signature']).toBe(`sha256=${expected}`);
    expect(await status(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('posts the subject of a notice about another item type, with caseId null', async () => {
    const id = (await enqueueNotification(database.db, notice({ kind: 'test_item.due', caseId: undefined, subject: { type: 'test_item', id: 9 }, link: '/test-items/9' })))!;
    expect(await new NotificationDispatcher(database.db, { senders: [webhookSender({ url })] }).runOnce()).toMatchObject({ delivered: 1 });
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([expect.objectContaining({ id, kind: 'test_item.due', subject: { type: 'test_item', id: 9 }, caseId: null })]);
    hook.received.length = 0;
    // A case's notice carries both.
    await enqueueNotification(database.db, notice());
    await new NotificationDispatcher(database.db, { senders: [webhookSender({ url })] }).runOnce();
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ subject: { type: 'case', id: 42 }, caseId: 42 });
  });

  it('counts a non-2xx answer as a failed attempt, naming the status, and delivers on a later attempt', async () => {
    const id = (await enqueueNotification(database.db, notice()))!;
    hook.answerWith((res, n) => (n === 1 ? res.writeHead(503, { 'content-type': 'text/plain' }).end('gateway busy') : res.writeHead(200).end('ok')));
    const dispatcher = new NotificationDispatcher(database.db, { senders: [webhookSender({ url })], backoff: { baseMs: 0 } });
    expect(await dispatcher.runOnce()).toMatchObject({ retrying: 1 });
    expect((await status(id)).last_error).toBe('attempt 1: webhook: HTTP 503 gateway busy');
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(await status(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(hook.received.map((r) => r.headers['x-qinqing-attempt'])).toEqual(['1', '2']);
  });

  it('gives up on a receiver that does not answer within the timeout, without holding the pass', async () => {
    const id = (await enqueueNotification(database.db, notice()))!;
    hook.answerWith(() => {}); // never answers
    const dispatcher = new NotificationDispatcher(database.db, { senders: [webhookSender({ url, timeoutMs: 200 })], maxAttempts: 1 });
    const started = Date.now();
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await status(id)).toMatchObject({ status: 'failed', last_error: 'attempt 1: webhook: no answer within 200 ms' });
  });

  it('reports a refused connection as a failed attempt', async () => {
    const closed = receiver();
    const deadUrl = await closed.listen();
    await closed.close();
    const id = (await enqueueNotification(database.db, notice()))!;
    const dispatcher = new NotificationDispatcher(database.db, { senders: [webhookSender({ url: deadUrl })] });
    expect(await dispatcher.runOnce()).toMatchObject({ retrying: 1 });
    expect((await status(id)).last_error).toBe('attempt 1: webhook: ECONNREFUSED');
  });

  it('adds the webhook channel next to the in-app one when NOTIFY_WEBHOOK_URL is set', async () => {
    const dispatcher = startNotificationDispatcher(database, { ...loadNotificationConfig({ NOTIFY_WEBHOOK_URL: url, NOTIFY_DISPATCH: 'false' }) });
    expect(dispatcher.channels).toEqual(['inApp', 'webhook']);
    const id = (await enqueueNotification(database.db, notice()))!;
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(hook.received.map((r) => JSON.parse(r.body).id)).toEqual([id]);
    await dispatcher.stop();
  });

  it('adds an SMS channel when NOTIFY_SMS_WEBHOOK_URL is set, which posts only the notices addressed to a phone number', async () => {
    const dispatcher = startNotificationDispatcher(database, { ...loadNotificationConfig({ NOTIFY_SMS_WEBHOOK_URL: url, NOTIFY_WEBHOOK_SECRET: 'county-shared-secret', NOTIFY_DISPATCH: 'false' }) });
    expect(dispatcher.channels).toEqual(['inApp', 'sms']);
    const toPhone = (await enqueueNotification(database.db, notice()))!;
    await enqueueNotification(database.db, notice({ recipient: { officeId: 1, role: 'agent' } }));
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 2 });
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([expect.objectContaining({ id: toPhone, recipient: { phone: '13800138000' } })]);
    expect(hook.received[0].headers['x-qinqing-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await dispatcher.stop();
  });
});

describe('notification configuration', () => {
  it('has working defaults and no webhook unless NOTIFY_WEBHOOK_URL is set', () => {
    expect(loadNotificationConfig({})).toEqual({
      dispatch: true, pollIntervalMs: 2000, batchSize: 100, maxAttempts: 8, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000,
      webhookUrl: null, webhookTimeoutMs: 5000, webhookSecret: null, smsWebhookUrl: null,
    });
  });

  it('refuses a webhook URL that is not http(s) or carries credentials, and out-of-range numbers, naming the variable', () => {
    expect(() => loadNotificationConfig({ NOTIFY_WEBHOOK_URL: 'ftp://example.org/x' })).toThrow(/NOTIFY_WEBHOOK_URL must be http or https/);
    expect(() => loadNotificationConfig({ NOTIFY_WEBHOOK_URL: 'http://user:pw@127.0.0.1/x' })).toThrow(/NOTIFY_WEBHOOK_URL must not carry/);
    expect(() => loadNotificationConfig({ NOTIFY_WEBHOOK_URL: 'not a url' })).toThrow(/NOTIFY_WEBHOOK_URL not a URL/);
    expect(() => loadNotificationConfig({ NOTIFY_SMS_WEBHOOK_URL: 'sms://10086' })).toThrow(/NOTIFY_SMS_WEBHOOK_URL must be http or https/);
    expect(() => loadNotificationConfig({ NOTIFY_BATCH_SIZE: '0' })).toThrow(/NOTIFY_BATCH_SIZE/);
    expect(() => loadNotificationConfig({ NOTIFY_MAX_ATTEMPTS: 'many' })).toThrow(/NOTIFY_MAX_ATTEMPTS/);
    expect(() => loadNotificationConfig({ NOTIFY_DISPATCH: 'perhaps' })).toThrow(/NOTIFY_DISPATCH/);
  });
});
