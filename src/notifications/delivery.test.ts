import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, newServerDatabase } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { openDatabase, queryRows, sql, type Database, type Db } from '../platform/db/engine.js';
import { migrate } from '../platform/db/migrate.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';
import { updateUser } from '../people/commands/updateUser.js';
import { enqueueMany, enqueueNotification } from './enqueue.js';
import { NotificationDispatcher, startNotificationDispatcher } from './dispatcher.js';
import { inAppSender } from './senders/inApp.js';
import type { NotificationSender, OutboxMessage } from './sender.js';
import type { NotificationInput } from './rules.js';

const notice = (recipient: NotificationInput['recipient'], over: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient, kind: 'case.dispatched', titleZh: '您有新的工单', titleEn: 'A case was dispatched to you', bodyZh: '工单 2026-000123 已派至贵单位', bodyEn: 'Case 2026-000123 was dispatched to your office', ...over,
});

async function outboxRow(db: Db, id: number) {
  const [row] = await queryRows<{ status: string; attempts: number; last_error: string | null; delivered_channels: string[]; wait_ms: number }>(db, sql`
    select status, attempts, last_error, delivered_channels, (extract(epoch from next_attempt_at - now()) * 1000)::float8 as wait_ms
    from notification_outbox where id = ${id}`);
  return row;
}

/** Lets the backoff of every pending notice run out, as if time had passed. */
const timePasses = (db: Db) => queryRows(db, sql`update notification_outbox set next_attempt_at = now() - interval '1 second' where status = 'pending'`);

const inboxOf = async (db: Db, userId: number) =>
  queryRows<{ outbox_id: number; title_zh: string; case_id: number | null; read_at: string | null }>(db, sql`
    select outbox_id, title_zh, case when subject_type = 'case' then subject_id end as case_id, read_at from notification_inbox where user_id = ${userId} order by id`);

/** A sender that records what it got and fails on demand. */
function recordingSender(channel: string, failWhen: (m: OutboxMessage) => boolean = () => false): NotificationSender & { got: OutboxMessage[] } {
  const got: OutboxMessage[] = [];
  return {
    channel, got,
    async send(m) {
      got.push(m);
      if (failWhen(m)) throw new Error(`${channel} gateway refused message ${m.id}`);
    },
  };
}

describe.each(ENGINES)('notification outbox and delivery on %s', (engine) => {
  let t: TestApp;
  let db: Db;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    db = t.database.db;
    const dept = t.demo.offices['zmd-dept-0'];
    const admin = operatorActor();
    await createUser(db, admin, { username: 'handler2', password: 'Handler-pass-2', name: '钱承办', officeId: dept, roles: ['handler'] });
    await createUser(db, admin, { username: 'dept-supervisor', password: 'Supervisor-pass-2', name: '孙督办', officeId: dept, roles: ['supervisor'] });
    const retired = await createUser(db, admin, { username: 'retired-handler', password: 'Handler-pass-3', name: '周承办', officeId: dept, roles: ['handler'] });
    await updateUser(db, admin, retired.id, { version: retired.version, active: false });
    await createUser(db, admin, { username: 'other-handler', password: 'Handler-pass-4', name: '吴承办', officeId: t.demo.offices['zmd-dept-1'], roles: ['handler'] });
    for (const r of await queryRows<{ id: number; username: string }>(db, sql`select id, username from users`)) ids[r.username] = r.id;
  });
  afterAll(() => t.close());

  const inApp = () => inAppSender(db);

  it('queues nothing when the transaction that raised the notice rolls back, and queues it when it commits', async () => {
    const rollback = new Error('the case command failed');
    await expect(db.transaction(async (tx) => {
      await enqueueNotification(tx, notice({ userId: ids.handler }, { dedupeKey: 'rollback-test' }));
      await enqueueMany(tx, [notice({ userId: ids.agent }, { dedupeKey: 'rollback-test-2' }), notice({ userId: ids.agent })]);
      throw rollback;
    })).rejects.toBe(rollback);
    expect(await queryRows(db, sql`select id from notification_outbox where dedupe_key like 'rollback-test%'`)).toEqual([]);

    const id = await db.transaction(async (tx) => enqueueNotification(tx, notice({ userId: ids.handler }, { dedupeKey: 'commit-test' })));
    expect(id).toBeGreaterThan(0);
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('delivers to in-app inboxes, resolving office + role to the active people of that office holding the role', async () => {
    const dept = t.demo.offices['zmd-dept-0'];
    const handlersOnly = await enqueueNotification(db, notice({ officeId: dept, role: 'handler' }, { caseId: 123, link: '/cases/123' }));
    const wholeOffice = await enqueueNotification(db, notice({ officeId: dept }, { kind: 'case.supervision', titleZh: '督办通知' }));
    // The same person named directly and through the office gets it once.
    const both = await enqueueNotification(db, notice({ userId: ids.handler, officeId: dept, role: 'handler' }, { kind: 'case.instruction', titleZh: '领导批示' }));
    const enterprise = await enqueueNotification(db, notice({ enterpriseUscc: '91411702ma9gq7k3x9' }, { kind: 'case.reply_ready', titleZh: '您的诉求已答复' }));
    const phoneOnly = await enqueueNotification(db, notice({ phone: '13800138000' }, { kind: 'case.return_visit' }));
    const dispatcher = new NotificationDispatcher(db, { senders: [inApp()] });
    const result = await dispatcher.runOnce();
    expect(result).toMatchObject({ failed: 0, retrying: 0, lost: 0 });
    expect(result.delivered).toBeGreaterThanOrEqual(5);

    const recipients = async (outboxId: number) =>
      (await queryRows<{ username: string }>(db, sql`select u.username from notification_inbox i join users u on u.id = i.user_id where i.outbox_id = ${outboxId} order by u.username`)).map((r) => r.username);
    expect(await recipients(handlersOnly!)).toEqual(['handler', 'handler2']);
    expect(await recipients(wholeOffice!)).toEqual(['dept-supervisor', 'handler', 'handler2']);
    expect(await recipients(both!)).toEqual(['handler', 'handler2']);
    expect(await recipients(enterprise!)).toEqual(['enterprise']);
    expect(await recipients(phoneOnly!)).toEqual([]);
    expect(await inboxOf(db, ids['retired-handler'])).toEqual([]);
    expect(await inboxOf(db, ids['other-handler'])).toEqual([]);
    expect((await inboxOf(db, ids.handler)).find((r) => r.outbox_id === handlersOnly)).toMatchObject({ title_zh: '您有新的工单', case_id: 123, read_at: null });
    for (const id of [handlersOnly!, wholeOffice!, both!, enterprise!, phoneOnly!]) {
      expect(await outboxRow(db, id)).toMatchObject({ status: 'delivered', attempts: 1, delivered_channels: ['inApp'] });
    }
    // Nothing is due any more.
    expect((await dispatcher.runOnce()).claimed).toBe(0);
  });

  it('retries a failing channel with exponential backoff, then marks it failed, while other notices and channels go through once', async () => {
    const flaky = await enqueueNotification(db, notice({ userId: ids.leader }, { kind: 'case.overdue', titleZh: '工单已超期', dedupeKey: 'flaky' }));
    const fine = await enqueueNotification(db, notice({ userId: ids.supervisor }, { kind: 'case.due_soon', titleZh: '工单即将到期' }));
    const sms = recordingSender('sms', (m) => m.id === flaky);
    const dispatcher = new NotificationDispatcher(db, { senders: [inApp(), sms], maxAttempts: 3, backoff: { baseMs: 60_000, maxMs: 3_600_000, jitter: 0 } });

    const first = await dispatcher.runOnce();
    expect(first).toMatchObject({ claimed: 2, delivered: 1, retrying: 1, failed: 0 });
    expect(await outboxRow(db, fine!)).toMatchObject({ status: 'delivered', delivered_channels: ['inApp', 'sms'] });
    let row = await outboxRow(db, flaky!);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, delivered_channels: ['inApp'] });
    expect(row.last_error).toContain(`sms: sms gateway refused message ${flaky}`);
    expect(row.wait_ms).toBeGreaterThan(55_000);
    expect(row.wait_ms).toBeLessThanOrEqual(60_000);

    // Before the backoff runs out nothing is tried again.
    expect((await dispatcher.runOnce()).claimed).toBe(0);

    await timePasses(db);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    row = await outboxRow(db, flaky!);
    expect(row.attempts).toBe(2);
    expect(row.wait_ms).toBeGreaterThan(115_000); // doubled
    expect(row.wait_ms).toBeLessThanOrEqual(120_000);

    await timePasses(db);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    row = await outboxRow(db, flaky!);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, delivered_channels: ['inApp'] });
    expect(row.last_error).toMatch(/^attempt 3: sms: /);

    // The in-app channel took it once, on the first attempt, and was not asked again.
    expect((await inboxOf(db, ids.leader)).filter((r) => r.outbox_id === flaky)).toHaveLength(1);
    expect(sms.got.filter((m) => m.id === flaky).map((m) => m.attempt)).toEqual([1, 2, 3]);
    expect(sms.got.filter((m) => m.id === fine)).toHaveLength(1);
    await timePasses(db);
    expect((await dispatcher.runOnce()).claimed).toBe(0);
  });

  it('keeps the text of a notice that carries a secret only until it is delivered or given up', async () => {
    const secret = 'K7QW2-M9XZP';
    const texted = (phone: string) => notice({ phone }, { kind: 'case.lookup_secret', bodyZh: `查询密码 ${secret}`, bodyEn: `lookup secret ${secret}`, carriesSecret: true });
    const bodies = async (id: number) => (await queryRows<{ status: string; body_zh: string; body_en: string }>(db, sql`select status, body_zh, body_en from notification_outbox where id = ${id}`))[0];
    const delivered = await enqueueNotification(db, texted('13700000001'));
    const refused = await enqueueNotification(db, texted('13700000002'));
    const plain = await enqueueNotification(db, notice({ phone: '13700000003' }, { bodyZh: `查询密码 ${secret}` }));
    expect((await bodies(delivered!)).body_zh).toContain(secret);
    const sms = recordingSender('sms', (m) => m.id === refused);
    const dispatcher = new NotificationDispatcher(db, { senders: [sms], maxAttempts: 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 3, delivered: 2, failed: 1 });
    // The gateway got the secret; the outbox no longer holds it, delivered or failed, while a notice without the flag keeps its text.
    expect(sms.got.find((m) => m.id === delivered)!.bodyZh).toContain(secret);
    for (const id of [delivered!, refused!]) {
      const row = await bodies(id);
      expect(row.body_zh + row.body_en, row.status).not.toContain(secret);
      expect(row.body_zh).toContain('已删除');
    }
    expect((await bodies(plain!)).body_zh).toContain(secret);
    // A notice that cannot be delivered at all is queued as failed without ever storing the secret.
    const undeliverable = await enqueueNotification(db, { ...texted('13700000004'), recipient: {} });
    expect(await bodies(undeliverable!)).toMatchObject({ status: 'failed', body_zh: expect.not.stringContaining(secret) });
  });

  it('queues a notice only once per dedupe key, across transactions and within one batch', async () => {
    const first = await enqueueNotification(db, notice({ userId: ids.handler }, { dedupeKey: 'case:77:due_soon' }));
    const again = await db.transaction((tx) => enqueueNotification(tx, notice({ userId: ids.handler }, { dedupeKey: 'case:77:due_soon' })));
    expect(first).toBeGreaterThan(0);
    expect(again).toBeNull();
    const queued = await enqueueMany(db, [
      notice({ userId: ids.handler }, { dedupeKey: 'case:77:due_soon' }),
      notice({ userId: ids.handler }, { dedupeKey: 'case:78:due_soon' }),
      notice({ userId: ids.handler }, { dedupeKey: 'case:78:due_soon' }),
      notice({ userId: ids.handler }),
      notice({ userId: ids.handler }),
    ]);
    expect(queued).toBe(3);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notification_outbox where dedupe_key in ('case:77:due_soon', 'case:78:due_soon')`);
    expect(n).toBe(2);
    await new NotificationDispatcher(db, { senders: [inApp()] }).runOnce();
    expect((await inboxOf(db, ids.handler)).filter((r) => r.outbox_id === first)).toHaveLength(1);
  });

  it('queues thousands of notices with one statement', async () => {
    const list = Array.from({ length: 3000 }, (_, i) => notice({ officeId: t.demo.offices['zmd-dept-3'], role: 'handler' }, { caseId: 100_000 + i, dedupeKey: `bulk:${i}` }));
    const execute = vi.spyOn(db, 'execute');
    try {
      expect(await enqueueMany(db, list)).toBe(3000);
      expect(execute).toHaveBeenCalledTimes(1);
    } finally {
      execute.mockRestore();
    }
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notification_outbox where dedupe_key like 'bulk:%'`);
    expect(n).toBe(3000);
    await queryRows(db, sql`update notification_outbox set status = 'delivered' where dedupe_key like 'bulk:%'`);
  });

  it('never fails the caller over a bad notice: it is queued as failed with the reason, text is cleaned', async () => {
    const id = await db.transaction(async (tx) => {
      const bad = await enqueueNotification(tx, notice({ role: 'supervisor' }, { titleZh: '含\u0000空字符', dedupeKey: 'bad-one' }));
      await enqueueNotification(tx, notice({ userId: 1.5 as never }, { dedupeKey: 'bad-two' }));
      await enqueueNotification(tx, notice({ userId: ids.handler }, { bodyZh: 'x\u0000y', dedupeKey: 'nul-body', caseId: -3 }));
      return bad;
    });
    const [bad] = await queryRows<{ status: string; last_error: string; title_zh: string }>(db, sql`select status, last_error, title_zh from notification_outbox where id = ${id}`);
    expect(bad).toMatchObject({ status: 'failed', title_zh: '含空字符' });
    expect(bad.last_error).toContain('needs recipient.officeId');
    const rows = await queryRows<{ dedupe_key: string; status: string; body_zh: string }>(db, sql`select dedupe_key, status, body_zh from notification_outbox where dedupe_key in ('bad-two', 'nul-body') order by dedupe_key`);
    expect(rows).toEqual([{ dedupe_key: 'bad-two', status: 'failed', body_zh: '工单 2026-000123 已派至贵单位' }, { dedupe_key: 'nul-body', status: 'failed', body_zh: 'xy' }]);
  });

  it('keeps a dispatcher whose lease ran out from recording an outcome over the one that took the notice over', async () => {
    const id = await enqueueNotification(db, notice({ userId: ids.dispatcher }, { kind: 'case.returned' }));
    let release!: () => void;
    let started!: () => void;
    const sending = new Promise<void>((r) => (started = r));
    const slow: NotificationSender = {
      channel: 'slow',
      send: (m) => (m.id === id ? (started(), new Promise<void>((r) => (release = r))) : Promise.resolve()),
    };
    const stuck = new NotificationDispatcher(db, { senders: [slow], leaseMs: 1 });
    const stuckPass = stuck.runOnce();
    await sending;
    await new Promise((r) => setTimeout(r, 20));
    const other = recordingSender('slow');
    expect(await new NotificationDispatcher(db, { senders: [other] }).runOnce()).toMatchObject({ delivered: 1 });
    expect(other.got.map((m) => [m.id, m.attempt])).toEqual([[id, 2]]);
    release();
    expect(await stuckPass).toMatchObject({ claimed: 1, lost: 1, delivered: 0 });
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('counts a channel that hangs as a failed attempt after the send timeout, and goes on with the rest', async () => {
    const hung = await enqueueNotification(db, notice({ userId: ids.leader }, { kind: 'case.escalated', dedupeKey: 'hung' }));
    const next = await enqueueNotification(db, notice({ userId: ids.leader }, { kind: 'case.escalated', dedupeKey: 'after-hung' }));
    const hanging: NotificationSender = { channel: 'sms', send: (m) => (m.id === hung ? new Promise<void>(() => {}) : Promise.resolve()) };
    const started = Date.now();
    const result = await new NotificationDispatcher(db, { senders: [inApp(), hanging], sendTimeoutMs: 100, concurrency: 1 }).runOnce();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ claimed: 2, delivered: 1, retrying: 1 });
    expect(await outboxRow(db, hung!)).toMatchObject({ status: 'pending', last_error: 'attempt 1: sms: no answer within 100 ms', delivered_channels: ['inApp'] });
    expect(await outboxRow(db, next!)).toMatchObject({ status: 'delivered' });
    await queryRows(db, sql`update notification_outbox set status = 'delivered' where id = ${hung}`);
  });

  it('takes the database and logger from the server when started with it', async () => {
    const dispatcher = startNotificationDispatcher(t.app, { dispatch: false, webhookUrl: null });
    expect(dispatcher.channels).toEqual(['inApp']);
    const id = await enqueueNotification(db, notice({ userId: ids.agent }, { kind: 'case.signed' }));
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'delivered' });
    await dispatcher.stop();
  });

  it('runs on its own timer once started and stops cleanly', async () => {
    const id = await enqueueNotification(db, notice({ userId: ids.agent }, { kind: 'case.leader_instruction', titleZh: '领导交办' }));
    const dispatcher = startNotificationDispatcher(t.database, { pollIntervalMs: 20, webhookUrl: null });
    try {
      for (let i = 0; i < 200 && (await outboxRow(db, id!)).status !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await dispatcher.stop();
    }
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'delivered' });
    expect((await inboxOf(db, ids.agent)).map((r) => r.title_zh)).toContain('领导交办');
    expect(dispatcher.channels).toEqual(['inApp']);
    await dispatcher.stop();
  });
});

describe('two dispatchers on one PostgreSQL server', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    const url = await newServerDatabase();
    a = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await migrate(a);
    b = await openDatabase({ databaseUrl: url, poolSize: 4 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('deliver each notice exactly once, sharing the work through skip locked', async () => {
    const [user] = await queryRows<{ id: number }>(a.db, sql`insert into users (username, name, password_hash, roles) values ('solo', '独', 'x', '{admin}') returning id`);
    const total = 300;
    await enqueueMany(a.db, Array.from({ length: total }, (_, i) => notice({ userId: user.id }, { caseId: i + 1 })));
    const seen: { by: string; id: number }[] = [];
    const slowSender = (by: string): NotificationSender => ({
      channel: 'count',
      async send(m) {
        seen.push({ by, id: m.id });
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    const one = new NotificationDispatcher(a.db, { senders: [inAppSender(a.db), slowSender('one')], batchSize: 10, concurrency: 2 });
    const two = new NotificationDispatcher(b.db, { senders: [inAppSender(b.db), slowSender('two')], batchSize: 10, concurrency: 2 });
    const drain = async (d: NotificationDispatcher) => {
      while ((await d.runOnce()).claimed > 0);
    };
    await Promise.all([drain(one), drain(two)]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => s.id)).size).toBe(total);
    expect(seen.filter((s) => s.by === 'one').length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.by === 'two').length).toBeGreaterThan(0);
    const [counts] = await queryRows<{ delivered: number; attempts: number; inbox: number }>(a.db, sql`
      select count(*) filter (where status = 'delivered')::int as delivered, sum(attempts)::int as attempts,
        (select count(*)::int from notification_inbox) as inbox from notification_outbox`);
    expect(counts).toEqual({ delivered: total, attempts: total, inbox: total });
  });
});
