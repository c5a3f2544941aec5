/**
 * Rate limits of the public doors, counted in the database so that every process on one
 * PostgreSQL server shares them (and the one process of the embedded database alike). A door
 * spends one of three budgets per client (address, or logged-in person) a minute, shared by every route on it: `public-writes`
 * (web form intake, Open311 POST, a requester's evaluation and comment), `public-reads` (ten
 * times as many) and `log-in`.
 */
import type { FastifyRequest } from 'fastify';
import { normalizeIP, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Config } from '../config.js';
import { queryRows, sql, type Db } from '../db/engine.js';
import { AppError } from '../errors.js';
import type { BackgroundJob } from '../manifest.js';

export type Budget = 'public-writes' | 'public-reads' | 'log-in';

const WINDOW_MS = 60_000;

/** Requests a minute a client may spend of a budget. */
export function budgetSize(config: Pick<Config, 'publicRateLimit'>, budget: Budget): number {
  return budget === 'public-reads' ? config.publicRateLimit * 10 : config.publicRateLimit;
}

/** The route config of a door reachable without log-in that spends `budget`. */
export function publicDoor(config: Pick<Config, 'publicRateLimit'>, budget: Budget) {
  return { public: true, rateLimit: { groupId: budget, max: budgetSize(config, budget), timeWindow: WINDOW_MS } };
}

interface StoreOptions {
  groupId?: string;
}
type Counted = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit: one upsert per request on (budget, client). A client's window
 * opens at its first request and runs on the database's clock, so that processes agree on it.
 */
export function databaseRateStore(db: Db) {
  return class DatabaseRateStore {
    private readonly bucket: string | undefined;

    constructor(options: StoreOptions) {
      this.bucket = options.groupId;
    }

    incr(key: string, done: Counted, timeWindow: number) {
      const bucket = this.bucket;
      if (!bucket) {
        done(new Error('a rate-limited route must name its budget (groupId)'));
        return;
      }
      // The plugin appends the group to the client's key; the bucket column holds it already.
      const client = key.endsWith(bucket) ? key.slice(0, -bucket.length) : key;
      queryRows<{ hits: number; ttl: number }>(db, sql`
        insert into http_rate_counts as c (bucket, client, window_start, window_end, hits)
        values (${bucket}, ${client}, clock_timestamp(), clock_timestamp() + ${timeWindow}::double precision * interval '1 millisecond', 1)
        on conflict (bucket, client) do update set
          hits = case when c.window_end <= clock_timestamp() then 1 else c.hits + 1 end,
          window_start = case when c.window_end <= clock_timestamp() then excluded.window_start else c.window_start end,
          window_end = case when c.window_end <= clock_timestamp() then excluded.window_end else c.window_end end
        returning hits, greatest(0, ceil(extract(epoch from window_end - clock_timestamp()) * 1000))::integer as ttl`)
        .then(([row]) => done(null, { current: row.hits, ttl: row.ttl }), (err: Error) => done(err));
    }

    child(routeOptions: StoreOptions) {
      if (!routeOptions.groupId) throw new Error('a rate-limited route must name its budget (config.rateLimit.groupId): see publicDoor()');
      return new DatabaseRateStore(routeOptions);
    }
  };
}

/** The options the server registers @fastify/rate-limit with: limits only where a route asks, counted in the database. */
export function rateLimitOptions(db: Db): RateLimitPluginOptions {
  return {
    global: false,
    // A client is its address (an IPv6 one by its /64); a logged-in person spends their own
    // budget, so that the staff of an office behind one address do not run each other out.
    keyGenerator: (request) => (request.actor?.userId != null ? `user:${request.actor.userId}` : normalizeIP(request.ip)),
    // The plugin's types say a child store gets the route's options; it gets the merged limit's (with groupId).
    store: databaseRateStore(db) as unknown as RateLimitPluginOptions['store'],
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(429, 'rate_limited', `请求过于频繁，请 ${seconds} 秒后再试`, `Too many requests; try again in ${seconds} s`, { retryAfterSeconds: seconds });
    },
  };
}

/** Forgets rate windows that have ended. */
export const rateWindowExpiry: BackgroundJob = {
  name: 'rate-window-expiry',
  run: ({ db }) => queryRows(db, sql`delete from http_rate_counts where window_end < now()`),
};
