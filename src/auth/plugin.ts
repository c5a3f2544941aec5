import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError, unauthorized } from '../platform/errors.js';
import { actorForToken, SESSION_COOKIE, type SessionActor } from './sessions.js';

/**
 * Resolves the session cookie to `request.actor` on every request and refuses, with 401, any
 * route not marked `config: { public: true }` when nobody is logged in; and with 403
 * `password_change_required`, every API route but those marked `beforePasswordChange` while the
 * person must still change a password an administrator set. Permissions beyond that are the
 * commands' and queries' business.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await actorForToken(app.database.db, token);
    if (!request.actor && !request.routeOptions.config?.public && request.routeOptions.url?.startsWith('/api/')) {
      throw unauthorized();
    }
    if ((request.actor as SessionActor | null)?.mustChangePassword && request.routeOptions.url?.startsWith('/api/') && !request.routeOptions.config?.beforePasswordChange) {
      throw new AppError(403, 'password_change_required', '请先修改密码：管理员设置的密码须由本人更换后才能继续使用', 'Change your password first: a password an administrator set must be replaced by you before you go on');
    }
  });
}, { name: 'qinqing-auth', dependencies: ['@fastify/cookie'] });
