import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';
import { enqueueMany, enqueueNotification } from './enqueue.js';
import { NotificationDispatcher } from './dispatcher.js';
import { inAppSender } from './senders/inApp.js';
import type { NotificationSender } from './sender.js';
import type { NotificationInput } from './rules.js';

const notice = (recipient: NotificationInput['recipient'], n: number, over: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient, kind: 'case.dispatched', titleZh: `新工单 ${n}`, titleEn: `New case ${n}`, bodyZh: `工单 ${n} 已派至贵单位`, bodyEn: `Case ${n} was dispatched to your office`,
  caseId: n, link: `/cases/${n}`, ...over,
});

describe.each(ENGINES)('notifications API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let handler: string;
  let agent: string;
  let countyAdmin: string;
  const ids: Record<string, number> = {};
  let dispatcher: NotificationDispatcher;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await createUser(t.database.db, operatorActor(), { username: 'xiping-admin', password: 'County-admin-1', name: '西平管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    [admin, handler, agent, countyAdmin] = await Promise.all([t.login('admin'), t.login('handler'), t.login('agent'), t.login('xiping-admin', 'County-admin-1')]);
    for (const r of await queryRows<{ id: number; username: string }>(t.database.db, sql`select id, username from users`)) ids[r.username] = r.id;
    dispatcher = new NotificationDispatcher(t.database.db, { senders: [inAppSender(t.database.db)] });
    // Five for the handlers of the handler's office, oldest first; one for the agent.
    await enqueueMany(t.database.db, [1, 2, 3, 4, 5].map((n) => notice({ officeId: t.demo.offices['zmd-dept-0'], role: 'handler' }, n)));
    await enqueueNotification(t.database.db, notice({ userId: ids.agent }, 99, { kind: 'case.leader_instruction', titleZh: '领导批示', titleEn: 'Leader instruction' }));
    await dispatcher.runOnce();
  });
  afterAll(() => t.close());

  const inbox = async (cookie: string, query = '', headers?: Record<string, string>) => {
    const res = await t.request('GET', `/api/notifications${query}`, { cookie, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('shows a person their own notifications, newest first, paged, with the unread count', async () => {
    const page1 = await inbox(handler, '?pageSize=2');
    expect(page1).toMatchObject({ total: 5, unread: 5, page: 1, pageSize: 2 });
    expect(page1.items.map((i: { title: string }) => i.title)).toEqual(['新工单 5', '新工单 4']);
    expect(page1.items[0]).toMatchObject({ kind: 'case.dispatched', titleEn: 'New case 5', bodyZh: '工单 5 已派至贵单位', caseId: 5, link: '/cases/5', readAt: null });
    const page3 = await inbox(handler, '?pageSize=2&page=3');
    expect(page3.items.map((i: { caseId: number }) => i.caseId)).toEqual([1]);
    const english = await inbox(handler, '?pageSize=1', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.items[0]).toMatchObject({ title: 'New case 5', body: 'Case 5 was dispatched to your office' });
    const agentInbox = await inbox(agent);
    expect(agentInbox.items.map((i: { title: string }) => i.title)).toEqual(['领导批示']);
  });

  it('marks one notification read and filters to unread ones', async () => {
    const [newest] = (await inbox(handler, '?pageSize=1')).items;
    const res = await t.request('POST', `/api/notifications/${newest.id}/read`, { cookie: handler });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().readAt).not.toBeNull();
    // Reading again changes nothing.
    const again = await t.request('POST', `/api/notifications/${newest.id}/read`, { cookie: handler });
    expect(again.json().readAt).toBe(res.json().readAt);
    const unread = await inbox(handler, '?unread=true');
    expect(unread).toMatchObject({ total: 4, unread: 4 });
    expect(unread.items.map((i: { caseId: number }) => i.caseId)).toEqual([4, 3, 2, 1]);
  });

  it('never lets anyone see or mark another person\'s notification: it is not found', async () => {
    const [agentsOwn] = (await inbox(agent)).items;
    for (const cookie of [handler, admin]) {
      const res = await t.request('POST', `/api/notifications/${agentsOwn.id}/read`, { cookie });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await inbox(admin)).items).toEqual([]);
    expect((await inbox(agent)).items[0].readAt).toBeNull();
    expect((await t.request('POST', '/api/notifications/2147483647/read', { cookie: agent })).statusCode).toBe(404);
  });

  it('marks all of one\'s own notifications read, and only one\'s own', async () => {
    const res = await t.request('POST', '/api/notifications/read-all', { cookie: handler });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: 4, unread: 0 });
    expect(await inbox(handler, '?unread=true')).toMatchObject({ total: 0, unread: 0, items: [] });
    expect((await inbox(agent)).unread).toBe(1);
  });

  it('shows delivery problems to the system administrator and lets them queue a failed notice again', async () => {
    const failing: NotificationSender = { channel: 'sms', send: async () => { throw new Error('SMS gateway unreachable'); } };
    const id = (await enqueueNotification(t.database.db, notice({ userId: ids.supervisor, phone: '13912345678' }, 7, { kind: 'case.overdue' })))!;
    await new NotificationDispatcher(t.database.db, { senders: [inAppSender(t.database.db), failing], maxAttempts: 1 }).runOnce();

    const failed = await t.request('GET', '/api/notifications/outbox?status=failed', { cookie: admin });
    expect(failed.statusCode, failed.body).toBe(200);
    const entry = failed.json().items.find((i: { id: number }) => i.id === id);
    expect(entry).toMatchObject({
      status: 'failed', attempts: 1, kind: 'case.overdue', deliveredChannels: ['inApp'], lastError: 'attempt 1: sms: SMS gateway unreachable',
      recipient: { userId: ids.supervisor, phone: '139****5678' },
    });
    expect(entry).not.toHaveProperty('bodyZh');
    expect(failed.json().items.every((i: { status: string }) => i.status === 'failed')).toBe(true);

    const retried = await t.request('POST', `/api/notifications/outbox/${id}/retry`, { cookie: admin });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    const twice = await t.request('POST', `/api/notifications/outbox/${id}/retry`, { cookie: admin });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('notification_not_failed');
    expect((await t.request('POST', '/api/notifications/outbox/2147483647/retry', { cookie: admin })).statusCode).toBe(404);
    const audit = await queryRows<{ action: string; actor_name: string }>(t.database.db, sql`select action, actor_name from audit_events where entity_type = 'notification' and entity_id = ${String(id)}`);
    expect(audit).toEqual([{ action: 'notification.retry', actor_name: 'admin' }]);

    // Once the gateway is back, the retry sends only on the channel that failed.
    const sent: number[] = [];
    const back: NotificationSender = { channel: 'sms', send: async (m) => void sent.push(m.id) };
    await new NotificationDispatcher(t.database.db, { senders: [inAppSender(t.database.db), back] }).runOnce();
    expect(sent).toEqual([id]);
    const delivered = (await t.request('GET', '/api/notifications/outbox?status=delivered&pageSize=100', { cookie: admin })).json();
    expect(delivered.items.find((i: { id: number }) => i.id === id)).toMatchObject({ status: 'delivered', deliveredChannels: ['inApp', 'sms'] });
    const supervisor = await t.login('supervisor');
    expect((await inbox(supervisor)).total).toBe(1);
  });

  it('refuses the delivery queue to everyone but the system administrator', async () => {
    for (const [cookie, status] of [[handler, 403], [agent, 403], [countyAdmin, 403]] as const) {
      expect((await t.request('GET', '/api/notifications/outbox', { cookie })).statusCode).toBe(status);
      expect((await t.request('POST', '/api/notifications/outbox/1/retry', { cookie })).statusCode).toBe(status);
    }
    const res = await t.request('GET', '/api/notifications/outbox', { cookie: handler });
    expect(res.json().error.messageZh).toContain('管理员');
    expect((await t.request('GET', '/api/notifications/outbox', { cookie: countyAdmin })).json().error.messageEn).toContain('system administrator');
  });

  it('requires a log-in', async () => {
    for (const [method, url] of [['GET', '/api/notifications'], ['POST', '/api/notifications/1/read'], ['POST', '/api/notifications/read-all'], ['GET', '/api/notifications/outbox']]) {
      expect((await t.request(method, url)).statusCode).toBe(401);
    }
  });

  it('shows a notice about another item type with its subject and no caseId', async () => {
    const id = (await enqueueNotification(t.database.db, notice({ userId: ids.leader }, 0, {
      kind: 'test_item.assigned', titleZh: '测试事项已分派', titleEn: 'Test item assigned', caseId: undefined, subject: { type: 'test_item', id: 314 }, link: '/test-items/314',
    })))!;
    await dispatcher.runOnce();
    const [item] = (await inbox(await t.login('leader'))).items;
    expect(item).toMatchObject({ kind: 'test_item.assigned', title: '测试事项已分派', subject: { type: 'test_item', id: 314 }, caseId: null, link: '/test-items/314' });
    const queued = (await t.request('GET', '/api/notifications/outbox?pageSize=100', { cookie: admin })).json().items.find((i: { id: number }) => i.id === id);
    expect(queued).toMatchObject({ status: 'delivered', subject: { type: 'test_item', id: 314 }, caseId: null });
    // A case's notice carries both.
    expect((await inbox(handler, '?pageSize=1')).items[0]).toMatchObject({ subject: { type: 'case', id: 5 }, caseId: 5 });
  });

  it('answers bad query strings and path parameters with 400', async () => {
    for (const [method, url, cookie] of [
      ['GET', '/api/notifications?pageSize=0', handler],
      ['GET', '/api/notifications?pageSize=101', handler],
      ['GET', '/api/notifications?page=-1', handler],
      ['GET', '/api/notifications?page=abc', handler],
      ['GET', '/api/notifications?unread=maybe', handler],
      ['GET', '/api/notifications?userId=3', handler],
      ['POST', '/api/notifications/abc/read', handler],
      ['POST', '/api/notifications/0/read', handler],
      ['POST', '/api/notifications/99999999999/read', handler],
      ['GET', '/api/notifications/outbox?status=lost', admin],
      ['POST', '/api/notifications/outbox/1.5/retry', admin],
    ] as const) {
      const res = await t.request(method, url, { cookie });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect(res.json().error.messageZh.length).toBeGreaterThan(0);
      expect(res.json().error.messageEn.length).toBeGreaterThan(0);
    }
  });
});
