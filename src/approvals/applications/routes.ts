/** The applications API: the scoped list, one application, its events and notice, intake, and every action (`POST /applications/:id/<action>`). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../../platform/http/schemas.js';
import { registerActionRoutes } from '../../platform/lifecycle/index.js';
import { APPLICATION_STATUSES } from './contract.js';
import { IntakeBody } from './commands/intake.js';
import { takeIn } from './doors.js';
import { applicationEvents, applicationView, getApplication, listApplications, missingNotice, windowAgents } from './queries.js';
import { APPLICATION_TYPE } from './type.js';
import { loadApplication } from './store.js';

const TAGS = ['applications'];
const Status = Type.Union((Object.keys(APPLICATION_STATUSES) as (keyof typeof APPLICATION_STATUSES)[]).map((s) => Type.Literal(s)));

export const applicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/applications', {
    schema: {
      tags: TAGS, summary: 'Applications you may see: your window\'s, your department\'s or those sent to it, a leader\'s subtree, an enterprise\'s own',
      querystring: Type.Object({
        status: Type.Optional(Status), dueState: Type.Optional(Type.Union([Type.Literal('on_time'), Type.Literal('due_soon'), Type.Literal('overdue')])), serviceItemId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        branchStatus: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('reviewing'), Type.Literal('waiting')], { description: 'Only those with an open branch in this status sent to a department in your subtree' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listApplications(db, request.actor!, request.query));

  app.post('/applications', {
    schema: { tags: TAGS, summary: 'Take in an application (一窗受理 by a window agent, or online by an enterprise for itself); it keeps the item version', body: IntakeBody },
  }, async (request, reply) => {
    const created = await takeIn(db, request.actor!, request.body);
    return reply.code(201).send(await applicationView(db, request.actor!, created));
  });

  app.get('/window-agents', {
    schema: { tags: TAGS, summary: 'Active window agents in your office subtree: whom an application may be handed over to (window agent, leader)' },
  }, async (request) => ({ items: await windowAgents(db, request.actor!) }));

  app.get('/applications/:id', {
    schema: { tags: TAGS, summary: 'One application: materials, what is missing, stages and branches, the clock, and the actions open to you', params: IdParams },
  }, async (request) => getApplication(db, request.actor!, request.params.id));

  app.get('/applications/:id/events', {
    schema: { tags: TAGS, summary: 'The application\'s events, hash-chained', params: IdParams },
  }, async (request) => applicationEvents(db, request.actor!, request.params.id));

  app.get('/applications/:id/notice', {
    schema: { tags: TAGS, summary: 'The one-time notice (一次告知书): every missing material at once, for printing', params: IdParams },
  }, async (request) => missingNotice(db, request.actor!, request.params.id));

  // Read again after the action: its stages and branches are rows of their own, changed beside the application's row.
  registerActionRoutes(app, APPLICATION_TYPE, { base: '/applications', tags: TAGS, respond: async (actor, row) => applicationView(db, actor, (await loadApplication(db, row.id))!) });
};
