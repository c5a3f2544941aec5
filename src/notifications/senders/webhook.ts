import { createHmac } from 'node:crypto';
import type { NotificationSender, OutboxMessage } from '../sender.js';
import type { WebhookPayload } from '../contract.js';
import { caseIdOf } from '../rules.js';

export interface WebhookOptions {
  /** Where to POST each notice as JSON (http or https). */
  url: string;
  /** How long to wait for the answer, body included, before counting the attempt as failed. */
  timeoutMs?: number;
  /**
   * Shared secret: when set, each request carries `X-Qinqing-Timestamp` and
   * `X-Qinqing-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so the receiver can
   * tell the notice came from this platform and is not a replay.
   */
  secret?: string | null;
  /** For tests: another fetch. */
  fetch?: typeof fetch;
  /** The channel's name (default `webhook`). */
  channel?: string;
  /** Only notices addressed to a phone number, for an SMS gateway (others are done without a request). */
  phoneOnly?: boolean;
}

const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

/** Checks a webhook URL: absolute http(s), no credentials in it (they would end up in logs). */
export function webhookUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be http or https';
  if (u.username || u.password) return 'must not carry a user name or password (use NOTIFY_WEBHOOK_SECRET)';
  return null;
}

/** The JSON body a webhook receives. */
export function webhookPayload(message: OutboxMessage): WebhookPayload {
  return {
    id: message.id,
    kind: message.kind,
    recipient: message.recipient,
    titleZh: message.titleZh,
    titleEn: message.titleEn,
    bodyZh: message.bodyZh,
    bodyEn: message.bodyEn,
    link: message.link,
    subject: message.subject,
    caseId: caseIdOf(message.subject),
    createdAt: message.createdAt,
    attempt: message.attempt,
  };
}

/**
 * The webhook channel: POSTs every notice as JSON to one URL (a county's message hub or SMS
 * gateway adapter). Any 2xx answer is success; anything else, a timeout or a network error throws,
 * and the dispatcher tries again later. `X-Qinqing-Notification-Id` lets the receiver drop a
 * repeat.
 */
export function webhookSender(options: WebhookOptions): NotificationSender {
  const problem = webhookUrlProblem(options.url);
  if (problem) throw new Error(`webhook URL ${JSON.stringify(options.url)}: ${problem}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  return {
    channel: options.channel ?? 'webhook',
    async send(message: OutboxMessage): Promise<void> {
      if (options.phoneOnly && !message.recipient.phone) return;
      const body = JSON.stringify(webhookPayload(message));
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'qinqing-notifications/1',
        'x-qinqing-notification-id': String(message.id),
        'x-qinqing-attempt': String(message.attempt),
      };
      if (options.secret) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        headers['x-qinqing-timestamp'] = timestamp;
        headers['x-qinqing-signature'] = `sha256=${createHmac('sha256', options.secret).update(`${timestamp}.${body}`).digest('hex')}`;
      }
      const signal = AbortSignal.timeout(timeoutMs);
      let status: number;
      let text = '';
      try {
        const res = await doFetch(options.url, { method: 'POST', headers, body, signal, redirect: 'manual' });
        status = res.status;
        text = await res.text().catch(() => '');
      } catch (err) {
        if (signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
        const e = err as Error & { cause?: { code?: string; message?: string } };
        throw new Error(`${e.cause?.code ?? e.cause?.message ?? e.message}`);
      }
      if (status < 200 || status >= 300) {
        throw new Error(`HTTP ${status}${text ? ` ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`);
      }
    },
  };
}
