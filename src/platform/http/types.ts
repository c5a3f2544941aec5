import type { Actor } from '../actor.js';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/engine.js';
import type { IdempotencyHold } from './idempotency.js';
import type { ModuleManifest } from '../manifest.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** The modules the server runs. */
    modules: readonly ModuleManifest[];
  }
  interface FastifyRequest {
    /** The logged-in person, or null on a public route without a session. */
    actor: Actor | null;
    /** The Idempotency-Key this request holds until its answer is kept (idempotency.ts). */
    idempotency: IdempotencyHold | null;
    /** For reads that may lag the writes a moment: the standby's unless this client just wrote (replica-reads.ts). */
    replicaDb: Db;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
    /** Reachable by someone who must change their password first (log-out, who am I, the change itself). */
    beforePasswordChange?: boolean;
    /** false: a POST or PATCH whose answer must never be kept or replayed (a log-in's new session). */
    idempotency?: boolean;
  }
}

export {};
