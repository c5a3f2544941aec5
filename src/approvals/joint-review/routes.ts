/** The joint-review API (联审联批, 联合验收): schedule, read (the joint report), record a verdict, cancel. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../../platform/http/schemas.js';
import { registerActionRoutes } from '../../platform/lifecycle/index.js';
import { ScheduleBody } from './commands.js';
import { getJointReview, jointReviewEvents, jointReviewsOf, jointReviewView, scheduleJointReview } from './queries.js';
import { loadJointReview } from './store.js';
import { JOINT_REVIEW_TYPE } from './type.js';

const TAGS = ['joint reviews'];

export const jointReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  app.get('/joint-reviews', {
    schema: { tags: TAGS, summary: 'The joint reviews of an application you may see; without one, the latest your office organised or your department was invited to',
      querystring: Type.Object({ applicationId: Type.Optional(IdParams.properties.id) }, { additionalProperties: false }) },
  }, async (request) => ({ items: await jointReviewsOf(db, request.actor!, request.query.applicationId) }));
  app.post('/joint-reviews', {
    schema: { tags: TAGS, summary: 'Schedule one appointment (date, place) for several departments over an application (window agent or leader of its window or department)', body: ScheduleBody },
  }, async (request, reply) => reply.code(201).send(jointReviewView(request.actor!, await scheduleJointReview(db, request.actor!, request.body))));
  app.get('/joint-reviews/:id', {
    schema: { tags: TAGS, summary: 'One joint review: every department\'s verdict and, once all are in, the joint report\'s outcome', params: IdParams },
  }, async (request) => getJointReview(db, request.actor!, request.params.id));
  app.get('/joint-reviews/:id/events', { schema: { tags: TAGS, summary: 'The joint review\'s events, hash-chained', params: IdParams } },
    async (request) => jointReviewEvents(db, request.actor!, request.params.id));
  registerActionRoutes(app, JOINT_REVIEW_TYPE, { base: '/joint-reviews', tags: TAGS, respond: async (actor, row) => jointReviewView(actor, (await loadJointReview(db, row.id))!) });
};
