/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) on every POST and PATCH: a client
 * that retries a create or an action with the same key and the same request gets the first
 * answer again instead of a second case or a second event.
 *
 * - A key belongs to its caller: the logged-in person (`user:<id>`) or, without a session, the
 *   client address (`client:<ip>`), so two callers never see each other's answers.
 * - The key is reserved before the handler runs and completed with the answer once it is sent
 *   (status, body, Content-Type/Location); the handlers' commands commit on their own (intake
 *   is group-committed with other requests), so the answer cannot join their transaction.
 * - An answer of 500 or more releases the key: as a rule its transaction rolled back, and a retry
 *   runs again. Every answer below 500 is kept, a 4xx too: the same request is refused the same way.
 * - The same key with another method, path or body answers 422; while the first is in flight, 409.
 * - Crash windows: a process that dies while holding a key leaves it in flight; after
 *   IN_FLIGHT_LIMIT_MINUTES the same request takes it over and runs again. If the process died
 *   between the handler's commit and the completion (a few milliseconds), that retry writes a
 *   second time; one that died before the commit wrote nothing.
 * - Keys expire after KEY_LIFETIME_HOURS (idempotencyKeyExpiry clears them).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { queryRows, sql, type Db } from '../db/engine.js';
import { AppError, badRequest } from '../errors.js';
import { canonicalJson } from '../lifecycle/hash.js';
import type { BackgroundJob } from '../manifest.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEY_LIFETIME_HOURS = 24;
export const IN_FLIGHT_LIMIT_MINUTES = 2;
const METHODS = ['POST', 'PATCH'];
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
/** The headers of the first answer a replay repeats (never Set-Cookie). */
const KEPT_HEADERS = ['content-type', 'location', 'content-disposition'];

export interface IdempotencyHold {
  scope: string;
  keyHash: string;
  reservation: string;
  secret: Buffer;
}

interface StoredAnswer {
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

/** Whether a request may carry an Idempotency-Key (the OpenAPI documents the header on these). */
export function takesIdempotencyKey(method: string | readonly string[], config: { idempotency?: boolean } | undefined): boolean {
  return [method].flat().some((m) => METHODS.includes(m)) && config?.idempotency !== false;
}

export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  const { db } = app.database;
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.is404 || !takesIdempotencyKey(request.method, request.routeOptions.config)) return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = [header].flat().join(', ');
    if (!KEY_PATTERN.test(key)) {
      throw badRequest('invalid_idempotency_key', 'Idempotency-Key 须为 1 至 255 个可打印 ASCII 字符（建议使用 UUID）',
        'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is best)');
    }
    const scope = request.actor?.userId != null ? `user:${request.actor.userId}` : `client:${request.ip}`;
    const hold: IdempotencyHold = {
      scope, keyHash: createHash('sha256').update(key).digest('hex'), reservation: randomUUID(),
      secret: Buffer.from(hkdfSync('sha256', key, scope, 'qinqing idempotent answer', 32)),
    };
    const first = await reserve(db, hold, request.method, request.url, requestHash(request));
    if (first === 'reserved') {
      request.idempotency = hold;
      return;
    }
    const answer = JSON.parse(unseal(hold.secret, first.response).toString('utf8')) as StoredAnswer;
    reply.status(first.status).headers(answer.headers).header('idempotent-replayed', 'true');
    return reply.send(Buffer.from(answer.body, 'base64'));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const hold = request.idempotency;
    if (!hold) return payload;
    request.idempotency = null;
    const kept = typeof payload === 'string' || Buffer.isBuffer(payload) || payload == null;
    try {
      if (reply.statusCode >= 500 || !kept) {
        await queryRows(db, sql`delete from http_idempotency_keys where scope = ${hold.scope} and key_hash = ${hold.keyHash} and reservation = ${hold.reservation}`);
      } else {
        const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => {
          const value = reply.getHeader(name);
          return value === undefined ? [] : [[name, String(value)]];
        }));
        const answer: StoredAnswer = { headers, body: Buffer.from(payload ?? '').toString('base64') };
        await queryRows(db, sql`update http_idempotency_keys set status = ${reply.statusCode}, response = ${seal(hold.secret, Buffer.from(JSON.stringify(answer)))}, completed_at = now()
          where scope = ${hold.scope} and key_hash = ${hold.keyHash} and reservation = ${hold.reservation}`);
      }
    } catch (err) {
      // The answer goes out all the same: the write it reports has been committed.
      request.log.error({ err }, 'idempotency key not completed');
    }
    return payload;
  });
}, { name: 'qinqing-idempotency' });

/** What a retry must match: method, path with query, and the body (its bytes, or its JSON with sorted keys). */
function requestHash(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  if (Buffer.isBuffer(request.body)) hash.update(`${request.headers['content-type'] ?? ''}\n`).update(request.body);
  else hash.update(canonicalJson(request.body ?? null));
  return hash.digest('hex');
}

/**
 * Reserves the key for this request, or answers what holds it: the completed first answer.
 * An expired key, or one abandoned in flight by the same request, is taken over.
 */
async function reserve(db: Db, hold: IdempotencyHold, method: string, path: string, hash: string): Promise<'reserved' | { status: number; response: string }> {
  // A second try covers a key released (a 5xx) between the two statements.
  for (let attempt = 0; attempt < 2; attempt++) {
    const taken = await queryRows(db, sql`
      insert into http_idempotency_keys (scope, key_hash, method, path, request_hash, reservation)
      values (${hold.scope}, ${hold.keyHash}, ${method}, ${path}, ${hash}, ${hold.reservation})
      on conflict (scope, key_hash) do update set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
        reservation = excluded.reservation, status = null, response = null, created_at = now(), completed_at = null
      where http_idempotency_keys.created_at < now() - make_interval(hours => ${KEY_LIFETIME_HOURS})
        or (http_idempotency_keys.status is null and http_idempotency_keys.request_hash = excluded.request_hash
            and http_idempotency_keys.created_at < now() - make_interval(mins => ${IN_FLIGHT_LIMIT_MINUTES}))
      returning 1`);
    if (taken.length) return 'reserved';
    const [held] = await queryRows<{ request_hash: string; status: number | null; response: string | null }>(db, sql`
      select request_hash, status, response from http_idempotency_keys where scope = ${hold.scope} and key_hash = ${hold.keyHash}`);
    if (!held) continue;
    if (held.request_hash !== hash) {
      throw new AppError(422, 'idempotency_key_reused', '此 Idempotency-Key 已用于另一个请求（方法、路径或内容不同），请为新请求换一个键',
        'This Idempotency-Key was used for another request (a different method, path or body); use a new key for a new request');
    }
    if (held.status !== null && held.response !== null) return { status: held.status, response: held.response };
    break;
  }
  throw new AppError(409, 'idempotency_key_in_flight', '使用此 Idempotency-Key 的请求仍在处理中，请稍后重试',
    'A request with this Idempotency-Key is still being processed; retry shortly');
}

/** AES-256-GCM under the key derived from the client's Idempotency-Key: iv, tag, ciphertext, base64. */
function seal(secret: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const text = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64');
}

function unseal(secret: Buffer, sealed: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/** Forgets keys older than KEY_LIFETIME_HOURS. */
export const idempotencyKeyExpiry: BackgroundJob = {
  name: 'idempotency-key-expiry',
  run: ({ db }) => queryRows(db, sql`delete from http_idempotency_keys where created_at < now() - make_interval(hours => ${KEY_LIFETIME_HOURS})`),
};
