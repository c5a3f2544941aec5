import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { unauthorized } from '../platform/errors.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { findOffice } from '../offices/queries.js';
import { changePassword } from '../people/commands/changePassword.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { hashToken, SESSION_COOKIE, type SessionActor } from './sessions.js';
import { findUser } from '../people/queries.js';
import type { Me } from '../people/contract.js';

const Credentials = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

const PasswordChange = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const lockout = { maxFailures: app.config.loginMaxFailures, globalMaxFailures: app.config.loginGlobalMaxFailures, lockMinutes: app.config.loginLockMinutes };

  async function me(userId: number): Promise<Me> {
    const user = (await findUser(db, userId))!;
    const office = user.officeId === null ? null : await findOffice(db, user.officeId);
    return {
      id: user.id, username: user.username, name: user.name, roles: user.roles, officeId: user.officeId,
      office: office && { id: office.id, name: office.name, kind: office.kind, regionCode: office.regionCode },
      mustChangePassword: user.mustChangePassword, demo: user.demo, enterpriseUscc: user.enterpriseUscc,
    };
  }

  app.post('/auth/login', {
    // A log-in's answer carries a new session: never kept, never replayed.
    config: { ...publicDoor(app.config, 'log-in'), idempotency: false },
    schema: { tags: ['auth'], summary: 'Log in with username and password; sets the session cookie', body: Credentials },
  }, async (request, reply): Promise<{ user: Me }> => {
    const session = await login(db, { ...request.body, client: request.ip }, { ...lockout, sessionHours: app.config.sessionHours });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure, expires: session.expiresAt,
    });
    return { user: await me(session.userId) };
  });

  app.post('/auth/logout', { config: { public: true, beforePasswordChange: true }, schema: { tags: ['auth'], summary: 'End the session' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.actor) await logout(db, request.actor, hashToken(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', { config: { beforePasswordChange: true }, schema: { tags: ['auth'], summary: 'The logged-in person, their roles and office' } }, async (request) => {
    const actor = request.actor as SessionActor | null;
    if (!actor) throw unauthorized();
    return me(actor.userId);
  });

  // The web app's probe on every first load: whether anyone is signed in is no error, so a visitor
  // of the public pages gets 200 with null instead of a 401 in the browser's console.
  app.get('/session', { config: { public: true, beforePasswordChange: true }, schema: { tags: ['auth'], summary: 'The logged-in person as GET /api/me answers, or null when nobody is signed in (200 either way)' } }, async (request) => {
    const actor = request.actor as SessionActor | null;
    return { me: actor ? await me(actor.userId) : null };
  });

  app.post('/me/password', { config: { beforePasswordChange: true }, schema: { tags: ['auth'], summary: 'Change your own password', body: PasswordChange } }, async (request, reply) => {
    await changePassword(db, request.actor!, { ...request.body, client: request.ip, keepSessionHash: hashToken(request.cookies[SESSION_COOKIE]!) }, {
      lockout, passwordRules: { minLength: app.config.passwordMinLength },
    });
    return reply.status(204).send();
  });
};
