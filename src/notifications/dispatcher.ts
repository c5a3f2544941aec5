import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, queryRows, type Database, type Db } from '../platform/db/engine.js';
import { backoffMs, clip, CHANNEL_NAME, DEFAULT_BACKOFF, recipientProblem, SECRET_REMOVED, storedSubject, type BackoffPolicy } from './rules.js';
import type { Recipient } from './contract.js';
import type { NotificationSender, OutboxMessage } from './sender.js';
import { inAppSender } from './senders/inApp.js';
import { webhookSender } from './senders/webhook.js';
import { loadNotificationConfig, type NotificationConfig } from './config.js';

/** The subset of a pino logger the dispatcher writes to. */
export interface DispatcherLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const silent: DispatcherLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface DispatcherOptions {
  /** The channels every notice goes out on; at least one. */
  senders: NotificationSender[];
  /** Wait between passes when the last one found less than a full batch (ms). */
  pollIntervalMs?: number;
  /** Notices claimed per pass. */
  batchSize?: number;
  /** Attempts before a notice is marked failed for an administrator to look at. */
  maxAttempts?: number;
  backoff?: Partial<BackoffPolicy>;
  /**
   * The longest a channel may take over one notice before the attempt counts as failed, so that a
   * channel that hangs cannot stall delivery for everyone (default 30 s).
   */
  sendTimeoutMs?: number;
  /**
   * How long a claimed batch stays with this dispatcher: a dispatcher that dies mid-pass leaves
   * its notices to the others after this. Must exceed the longest pass; by default twice the send
   * timeout × batch / concurrency, at least 5 minutes.
   */
  leaseMs?: number;
  /** Notices delivered at the same time within a pass. */
  concurrency?: number;
  log?: DispatcherLog;
}

/** What one delivery pass did. */
export interface PassResult {
  /** Notices this pass claimed. */
  claimed: number;
  delivered: number;
  /** Failed this time, to be tried again after the backoff. */
  retrying: number;
  /** Given up: out of attempts, or undeliverable as queued. */
  failed: number;
  /** Outcome not recorded because another dispatcher took the notice over after the lease ran out. */
  lost: number;
}

interface ClaimedRow {
  id: number;
  kind: string;
  recipient_user_id: number | null;
  recipient_office_id: number | null;
  recipient_role: string | null;
  recipient_phone: string | null;
  recipient_uscc: string | null;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  subject_type: string | null;
  subject_id: number | null;
  dedupe_key: string | null;
  attempts: number;
  delivered_channels: string[];
  created_at: string;
}

/**
 * Delivers the outbox. Each pass claims up to `batchSize` due notices with
 * `for update skip locked` (so dispatchers in several processes never take the same notice),
 * moving their due time to the end of a lease; sends each on every channel not yet done; then
 * records delivered, or failed-for-now with an exponential backoff, or failed for good after
 * `maxAttempts`. Nothing a channel does ever reaches whoever queued the notice.
 *
 * `start()` runs passes on a timer; tests call `runOnce()` and await it.
 */
export class NotificationDispatcher {
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
  readonly concurrency: number;
  readonly sendTimeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly senders: NotificationSender[];
  private readonly log: DispatcherLog;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly db: Db, options: DispatcherOptions) {
    if (!options.senders.length) throw new Error('NotificationDispatcher needs at least one sender');
    const channels = new Set<string>();
    for (const s of options.senders) {
      if (!CHANNEL_NAME.test(s.channel)) throw new Error(`notification channel name ${JSON.stringify(s.channel)} must match ${CHANNEL_NAME}`);
      if (channels.has(s.channel)) throw new Error(`notification channel ${s.channel} is given twice`);
      channels.add(s.channel);
    }
    const positive = (name: string, v: number | undefined, fallback: number) => {
      const n = v ?? fallback;
      if (!Number.isInteger(n) || n < 1) throw new Error(`NotificationDispatcher: ${name} must be a positive integer, got ${v}`);
      return n;
    };
    this.senders = [...options.senders];
    this.pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs, 2_000);
    this.batchSize = positive('batchSize', options.batchSize, 100);
    this.maxAttempts = positive('maxAttempts', options.maxAttempts, 8);
    this.concurrency = positive('concurrency', options.concurrency, 8);
    this.sendTimeoutMs = positive('sendTimeoutMs', options.sendTimeoutMs, 30_000);
    this.leaseMs = positive('leaseMs', options.leaseMs, Math.max(300_000, 2 * this.sendTimeoutMs * Math.ceil(this.batchSize / this.concurrency)));
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.log = options.log ?? silent;
  }

  get channels(): string[] {
    return this.senders.map((s) => s.channel);
  }

  /** Runs passes on a timer until `stop()`: at once again after a full batch, else after `pollIntervalMs`. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    this.schedule(0);
    return this;
  }

  /** Stops the timer and waits for a pass under way to finish (idempotent). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail;
  }

  /** One delivery pass over the notices due now; passes of one dispatcher never overlap. Database errors reject. */
  runOnce(): Promise<PassResult> {
    const run = this.tail.then(() => this.pass());
    this.tail = run.catch(() => undefined);
    return run;
  }

  private schedule(ms: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick() {
    this.timer = null;
    let again = false;
    try {
      const result = await this.runOnce();
      again = result.claimed >= this.batchSize;
    } catch (err) {
      this.log.error({ err }, 'notification delivery pass failed; trying again later');
    }
    this.schedule(again ? 0 : this.pollIntervalMs);
  }

  private async pass(): Promise<PassResult> {
    const token = randomUUID();
    const rows = await queryRows<ClaimedRow>(this.db, sql`
      with due as (
        select id from notification_outbox
        where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at, id
        limit ${this.batchSize}
        for update skip locked
      )
      update notification_outbox o
      set attempts = o.attempts + 1, claim_token = ${token}, last_attempt_at = now(),
        next_attempt_at = now() + ${this.leaseMs}::float8 * interval '1 millisecond'
      from due where o.id = due.id
      returning o.id, o.kind, o.recipient_user_id, o.recipient_office_id, o.recipient_role, o.recipient_phone, o.recipient_uscc,
        o.title_zh, o.title_en, o.body_zh, o.body_en, o.link, o.subject_type, o.subject_id, o.dedupe_key, o.attempts, o.delivered_channels,
        to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`);
    rows.sort((a, b) => a.id - b.id);
    const result: PassResult = { claimed: rows.length, delivered: 0, retrying: 0, failed: 0, lost: 0 };
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome = await this.deliver(row, token);
        result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, worker));
    return result;
  }

  private async deliver(row: ClaimedRow, token: string): Promise<'delivered' | 'retrying' | 'failed' | 'lost'> {
    const stored = { userId: row.recipient_user_id, officeId: row.recipient_office_id, role: row.recipient_role, phone: row.recipient_phone, enterpriseUscc: row.recipient_uscc };
    const problem = recipientProblem(stored);
    const done = new Set(row.delivered_channels ?? []);
    const errors: string[] = [];
    if (problem) {
      errors.push(problem);
    } else {
      const recipient: Recipient = {};
      if (stored.userId !== null) recipient.userId = stored.userId;
      if (stored.officeId !== null) recipient.officeId = stored.officeId;
      if (stored.role !== null) recipient.role = stored.role as Recipient['role'];
      if (stored.phone !== null) recipient.phone = stored.phone;
      if (stored.enterpriseUscc !== null) recipient.enterpriseUscc = stored.enterpriseUscc;
      const message: OutboxMessage = {
        id: row.id, kind: row.kind, recipient, titleZh: row.title_zh, titleEn: row.title_en, bodyZh: row.body_zh, bodyEn: row.body_en,
        link: row.link, subject: storedSubject(row.subject_type, row.subject_id), dedupeKey: row.dedupe_key, attempt: row.attempts, createdAt: row.created_at,
      };
      const todo = this.senders.filter((s) => !done.has(s.channel));
      const settled = await Promise.allSettled(todo.map((s) => withTimeout(Promise.resolve().then(() => s.send(message)), this.sendTimeoutMs)));
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') done.add(todo[i].channel);
        else errors.push(`${todo[i].channel}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
      });
    }
    const outcome = errors.length === 0 ? 'delivered' : problem || row.attempts >= this.maxAttempts ? 'failed' : 'retrying';
    const status = outcome === 'retrying' ? 'pending' : outcome;
    const error = errors.length ? clip(`attempt ${row.attempts}: ${errors.join('; ')}`) : null;
    const delayMs = outcome === 'retrying' ? backoffMs(row.attempts, this.backoff) : 0;
    try {
      const marked = await queryRows<{ id: number }>(this.db, sql`
        update notification_outbox
        set status = ${status}, delivered_channels = ${sql.param([...done])}::text[], claim_token = null,
          last_error = coalesce(${error}::text, last_error),
          body_zh = case when carries_secret and ${status}::text <> 'pending' then ${SECRET_REMOVED.zh} else body_zh end,
          body_en = case when carries_secret and ${status}::text <> 'pending' then ${SECRET_REMOVED.en} else body_en end,
          delivered_at = case when ${status}::text = 'delivered' then now() else null end,
          next_attempt_at = case when ${status}::text = 'pending' then now() + ${delayMs}::float8 * interval '1 millisecond' else now() end
        where id = ${row.id} and claim_token = ${token}
        returning id`);
      if (marked.length === 0) {
        this.log.warn({ notificationId: row.id }, 'notification lease ran out before its outcome was recorded; another dispatcher has it');
        return 'lost';
      }
    } catch (err) {
      // The lease runs out and the notice is tried again; a channel that took it already sees the same id.
      this.log.error({ err, notificationId: row.id }, 'could not record a notification outcome');
      return 'lost';
    }
    if (outcome === 'failed') this.log.warn({ notificationId: row.id, kind: row.kind, attempts: row.attempts, error }, 'notification given up as failed');
    else if (outcome === 'retrying') this.log.debug({ notificationId: row.id, attempts: row.attempts, delayMs, error }, 'notification delivery failed; will retry');
    return outcome;
  }
}

/** Rejects when `promise` has not settled within `ms` (the work itself cannot be cancelled; a late success is ignored). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface StartOptions extends Partial<NotificationConfig> {
  /** Channels instead of the configured ones (in-app, plus the webhook when a URL is set). */
  senders?: NotificationSender[];
  concurrency?: number;
  sendTimeoutMs?: number;
  leaseMs?: number;
  log?: DispatcherLog;
}

/**
 * Builds the dispatcher from configuration (`loadNotificationConfig()` overridden by `options`)
 * and starts it unless `NOTIFY_DISPATCH=false`. Give it the server (its database and logger are
 * used) or a database. Stop it with `await dispatcher.stop()` before closing the database.
 */
export function startNotificationDispatcher(target: FastifyInstance | Database, options: StartOptions = {}): NotificationDispatcher {
  const isDatabase = (t: FastifyInstance | Database): t is Database => 'db' in t && 'kind' in t && 'session' in t;
  const database = isDatabase(target) ? target : target.database;
  const log: DispatcherLog | undefined = options.log ?? (isDatabase(target) ? undefined : (target.log.child({ module: 'notifications' }) as unknown as DispatcherLog));
  const config: NotificationConfig = { ...loadNotificationConfig(), ...definedOnly(options) };
  const senders = options.senders ?? [
    inAppSender(database.db),
    ...(config.webhookUrl ? [webhookSender({ url: config.webhookUrl, timeoutMs: config.webhookTimeoutMs, secret: config.webhookSecret })] : []),
    ...(config.smsWebhookUrl ? [webhookSender({ url: config.smsWebhookUrl, timeoutMs: config.webhookTimeoutMs, secret: config.webhookSecret, channel: 'sms', phoneOnly: true })] : []),
  ];
  const dispatcher = new NotificationDispatcher(database.db, {
    senders, log,
    concurrency: options.concurrency,
    pollIntervalMs: config.pollIntervalMs,
    batchSize: config.batchSize,
    maxAttempts: config.maxAttempts,
    backoff: { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs },
    // The webhook gives up by itself first; this only catches a channel that hangs.
    sendTimeoutMs: options.sendTimeoutMs ?? Math.max(30_000, config.webhookTimeoutMs + 5_000),
    leaseMs: options.leaseMs,
  });
  if (config.dispatch) dispatcher.start();
  return dispatcher;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
