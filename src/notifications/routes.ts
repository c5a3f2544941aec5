import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../platform/http/schemas.js';
import { prefersEnglish } from '../platform/http/errors.js';
import { listInbox, listOutbox } from './queries.js';
import { OUTBOX_STATUSES } from './contract.js';
import { markRead } from './commands/markRead.js';
import { markAllRead } from './commands/markAllRead.js';
import { retryNotification } from './commands/retryNotification.js';

const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
const PageSize = Type.Integer({ minimum: 1, maximum: 100, default: 20 });
const Status = Type.Union(OUTBOX_STATUSES.map((s) => Type.Literal(s)));

/** Every logged-in person's in-app inbox, and the delivery queue for the system administrator. */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/notifications', {
    schema: {
      tags: ['notifications'], summary: 'Your in-app notifications, newest first, with the unread count',
      querystring: Type.Object({ unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })), page: Page, pageSize: PageSize }, { additionalProperties: false }),
    },
  }, async (request) => listInbox(db, request.actor!, request.query, prefersEnglish(request)));

  app.post('/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Mark all your notifications read' },
  }, async (request) => markAllRead(db, request.actor!));

  app.post('/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of your notifications read (someone else\'s answers 404)', params: IdParams },
  }, async (request) => markRead(db, request.actor!, request.params.id, prefersEnglish(request)));

  app.get('/notifications/outbox', {
    schema: {
      tags: ['notifications'], summary: 'The delivery queue, newest first, e.g. ?status=failed for delivery problems (system administrator)',
      querystring: Type.Object({ status: Type.Optional(Status), page: Page, pageSize: PageSize }, { additionalProperties: false }),
    },
  }, async (request) => listOutbox(db, request.actor!, request.query));

  app.post('/notifications/outbox/:id/retry', {
    schema: { tags: ['notifications'], summary: 'Queue a failed notification again with fresh attempts (system administrator)', params: IdParams },
  }, async (request) => retryNotification(db, request.actor!, request.params.id));
};
