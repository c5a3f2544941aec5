/**
 * Which database a request's lagging reads go to (DATABASE_READ_URL). A request reads from the
 * standby through `request.replicaDb`, unless its client wrote a moment ago: every successful
 * write answers with a short-lived cookie, and while it lasts that client's reads go to the
 * primary, so a writer sees their own write at once on whichever process serves them next.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/engine.js';

export const WROTE_COOKIE = 'qq_wrote';
/** Far longer than a standby on the same network lags (milliseconds), short enough to spread the reads again soon. */
export const WROTE_SECONDS = 10;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function routeReplicaReads(app: FastifyInstance, database: Database): void {
  app.decorateRequest('replicaDb', null as never);
  const hasStandby = database.replicaDb !== database.db;
  app.addHook('onRequest', (request, _reply, done) => {
    request.replicaDb = hasStandby && !request.cookies[WROTE_COOKIE] ? database.replicaDb : database.db;
    done();
  });
  if (!hasStandby) return;
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!READS.has(request.method) && reply.statusCode < 400) {
      reply.setCookie(WROTE_COOKIE, '1', { path: '/', maxAge: WROTE_SECONDS, httpOnly: true, sameSite: 'lax' });
    }
    done(null, payload);
  });
}
