import { envBool as bool, envInt as int } from '../platform/config.js';
import { webhookUrlProblem } from './senders/webhook.js';

/**
 * The notifications module's settings from the environment (mirrored in the README's
 * configuration table). Bad values stop the start-up with a message naming the variable.
 */
export interface NotificationConfig {
  /** Run the delivery loop in this process (every process may: they share the work). */
  dispatch: boolean;
  pollIntervalMs: number;
  batchSize: number;
  /** Attempts before a notice is given up as failed. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  webhookUrl: string | null;
  webhookTimeoutMs: number;
  webhookSecret: string | null;
  /** The SMS gateway's webhook: notices addressed to a phone number (a requester's lookup secret). */
  smsWebhookUrl: string | null;
}

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const webhookUrl = env.NOTIFY_WEBHOOK_URL?.trim() || null;
  if (webhookUrl) {
    const problem = webhookUrlProblem(webhookUrl);
    if (problem) throw new Error(`NOTIFY_WEBHOOK_URL ${problem}, got "${webhookUrl}"`);
  }
  const smsWebhookUrl = env.NOTIFY_SMS_WEBHOOK_URL?.trim() || null;
  if (smsWebhookUrl) {
    const problem = webhookUrlProblem(smsWebhookUrl);
    if (problem) throw new Error(`NOTIFY_SMS_WEBHOOK_URL ${problem}, got "${smsWebhookUrl}"`);
  }
  const backoffBaseMs = int('NOTIFY_BACKOFF_BASE_MS', env.NOTIFY_BACKOFF_BASE_MS, 30_000, 0, 86_400_000);
  return {
    dispatch: bool('NOTIFY_DISPATCH', env.NOTIFY_DISPATCH, true),
    pollIntervalMs: int('NOTIFY_POLL_MS', env.NOTIFY_POLL_MS, 2_000, 10, 3_600_000),
    batchSize: int('NOTIFY_BATCH_SIZE', env.NOTIFY_BATCH_SIZE, 100, 1, 10_000),
    maxAttempts: int('NOTIFY_MAX_ATTEMPTS', env.NOTIFY_MAX_ATTEMPTS, 8, 1, 1_000),
    backoffBaseMs,
    backoffMaxMs: int('NOTIFY_BACKOFF_MAX_MS', env.NOTIFY_BACKOFF_MAX_MS, Math.max(backoffBaseMs, 3_600_000), backoffBaseMs, 7 * 86_400_000),
    webhookUrl,
    webhookTimeoutMs: int('NOTIFY_WEBHOOK_TIMEOUT_MS', env.NOTIFY_WEBHOOK_TIMEOUT_MS, 5_000, 100, 600_000),
    webhookSecret: env.NOTIFY_WEBHOOK_SECRET || null,
    smsWebhookUrl,
  };
}
