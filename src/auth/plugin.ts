import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../platform/errors.js';
import { actorForToken, SESSION_COOKIE } from './sessions.js';

/**
 * Resolves the session cookie to `request.actor` on every request and refuses, with 401, any
 * route not marked `config: { public: true }` when nobody is logged in. Permissions beyond
 * "logged in" are the commands' and queries' business.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await actorForToken(app.database.db, token);
    if (!request.actor && !request.routeOptions.config?.public && request.routeOptions.url?.startsWith('/api/')) {
      throw unauthorized();
    }
  });
}, { name: 'qinqing-auth', dependencies: ['@fastify/cookie'] });
