import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, RegionCode } from '../platform/http/schemas.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { requireRole } from '../auth/permissions.js';
import { createArticle } from './commands/createArticle.js';
import { ARTICLE_FIELDS, ARTICLE_TYPE } from './commands/articleActions.js';
import { recordArticleUse } from './commands/recordArticleUse.js';
import { articleFor, findArticle, getArticle, getPublicArticle, listArticles, searchPublicArticles, suggestArticles } from './queries.js';
import { ARTICLE_STATUSES, READ_ROLES } from './lifecycle.js';

const { Title, Question, Answer, Category, Keywords, OfficeId, ScopeRegion, OptionalDate } = ARTICLE_FIELDS;
const Status = Type.Union(ARTICLE_STATUSES.map((s) => Type.Literal(s)));
const Page = Type.Integer({ minimum: 1, maximum: 10000, default: 1 });
const READ = { zh: '查看知识库', en: 'read the knowledge base' };

export const knowledgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const publicRead = publicDoor(app.config, 'public-reads');

  app.get('/knowledge', {
    schema: {
      tags: ['knowledge'], summary: 'Knowledge articles you may read, searched (Chinese words) and paged: published ones for staff, drafts and archived ones for editors in scope',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })), status: Type.Optional(Status), officeId: Type.Optional(OfficeId),
        page: Type.Optional(Page), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listArticles(db, request.actor!, request.query));

  app.get('/knowledge/suggest', {
    schema: {
      tags: ['knowledge'], summary: 'Up to five published articles in force that answer a text (case intake, agents), for a place when regionCode is given',
      querystring: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }), regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }),
    },
  }, async (request) => {
    requireRole(request.actor!, READ_ROLES, READ);
    return { items: await suggestArticles(db, request.query.text, 5, { regionCode: request.query.regionCode }) };
  });

  app.get('/knowledge/:id', { schema: { tags: ['knowledge'], summary: 'One knowledge article', params: IdParams } },
    async (request) => getArticle(db, request.actor!, request.params.id));

  app.post('/knowledge', {
    schema: {
      tags: ['knowledge'], summary: 'Write a draft article for an office in your scope (admin, supervisor, handler)',
      body: Type.Object({
        title: Title, question: Question, answer: Answer, category: Category, officeId: OfficeId,
        keywords: Type.Optional(Keywords), regionCode: Type.Optional(ScopeRegion), validFrom: Type.Optional(OptionalDate), validUntil: Type.Optional(OptionalDate),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await createArticle(db, request.actor!, request.body)));

  // publish, archive, withdraw as POST /knowledge/:id/<action>; a change as PATCH /knowledge/:id.
  registerActionRoutes(app, ARTICLE_TYPE, {
    base: '/knowledge', tags: ['knowledge'], at: { update: { method: 'PATCH', path: '' } },
    respond: async (actor, row) => articleFor(actor, (await findArticle(db, row.id))!),
  });

  app.post('/knowledge/:id/use', {
    schema: {
      tags: ['knowledge'], summary: 'Count one use of an article in force to answer someone (the body may be left out)',
      params: IdParams,
      body: Type.Object({ caseId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
    },
    // A POST without a body counts as an empty object rather than failing validation.
    preValidation: async (request) => {
      if (request.body === undefined) request.body = {};
    },
  }, async (request) => recordArticleUse(db, request.actor!, request.params.id, request.body));

  app.get('/public/knowledge', {
    config: publicRead,
    schema: {
      tags: ['knowledge'], summary: 'Public search of the knowledge base: published articles in force, for a place when regionCode is given (no log-in)',
      security: [],
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })), regionCode: Type.Optional(RegionCode),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => searchPublicArticles(request.replicaDb, request.query));

  app.get('/public/knowledge/:id', {
    config: publicRead,
    schema: { tags: ['knowledge'], summary: 'One published article in force (no log-in)', security: [], params: IdParams },
  }, async (request) => getPublicArticle(request.replicaDb, request.params.id));
};
