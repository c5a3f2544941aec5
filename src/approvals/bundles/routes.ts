/** The bundles API: the catalogue of 一件事 (and its public guide), bundle applications with their parts, every bundle action. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../../platform/http/schemas.js';
import { publicDoor } from '../../platform/http/rate-limit.js';
import { registerActionRoutes } from '../../platform/lifecycle/index.js';
import { bundleView, defineBundle, listBundles, NewBundleBody, publishedBundle, RevisedBundleBody, reviseBundle } from './catalogue.js';
import { BundleIntakeBody } from './commands/intake.js';
import { takeInBundle } from './doors.js';
import { bundleApplicationEvents, bundleApplicationView, getBundleApplication, listBundleApplications } from './queries.js';
import { loadBundleApplication } from './store.js';
import { BUNDLE_APPLICATION_TYPE } from './type.js';

const TAGS = ['bundles'];

export const bundleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const publicRead = publicDoor(app.config, 'public-reads');

  app.get('/bundles', {
    schema: { tags: TAGS, summary: 'The bundles (高效办成一件事): each with its items, the merged checklist, and its critical path against its items one after the other' },
  }, async () => ({ items: await listBundles(db, false) }));

  app.get('/bundles/:id', { schema: { tags: TAGS, summary: 'One bundle at its current revision', params: IdParams } }, async (request) => bundleView(db, request.params.id));

  app.post('/bundles', {
    schema: { tags: TAGS, summary: 'Define a bundle: its items and which materials it shares or another part supplies (system administrator)', body: NewBundleBody },
  }, async (request, reply) => reply.code(201).send(await defineBundle(db, request.actor!, request.body)));

  app.put('/bundles/:id', {
    schema: { tags: TAGS, summary: 'Revise a bundle: a new revision in force at once, earlier applications keep theirs; 409 on a stale version (system administrator)', params: IdParams, body: RevisedBundleBody },
  }, async (request) => reviseBundle(db, request.actor!, request.params.id, request.body));

  app.get('/public/bundles', {
    config: publicRead, schema: { tags: TAGS, security: [], summary: 'The public guide to the bundles (no log-in)' },
  }, async () => ({ items: await listBundles(db, true) }));

  app.get('/public/bundles/:id', {
    config: publicRead, schema: { tags: TAGS, security: [], summary: 'One bundle\'s guide: its items, limits, legal basis and the merged checklist (no log-in)', params: IdParams },
  }, async (request) => publishedBundle(db, request.params.id));

  app.get('/bundle-applications', {
    schema: {
      tags: TAGS, summary: 'Bundle applications you may see: your window\'s, those with a part your department decides, an enterprise\'s own',
      querystring: Type.Object({
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listBundleApplications(db, request.actor!, request.query));

  app.post('/bundle-applications', {
    schema: { tags: TAGS, summary: 'Take in a bundle application (window agent, or an enterprise for itself): one application with a part per item', body: BundleIntakeBody },
  }, async (request, reply) => reply.code(201).send(await bundleApplicationView(db, request.actor!, await takeInBundle(db, request.actor!, request.body))));

  app.get('/bundle-applications/:id', {
    schema: { tags: TAGS, summary: 'One bundle application: one status, what is missing, each part\'s progress and clock, the critical path, the actions open to you', params: IdParams },
  }, async (request) => getBundleApplication(db, request.actor!, request.params.id));

  app.get('/bundle-applications/:id/events', {
    schema: { tags: TAGS, summary: 'The bundle application\'s own events, hash-chained (each part\'s are its application\'s)', params: IdParams },
  }, async (request) => bundleApplicationEvents(db, request.actor!, request.params.id));

  // Read again after the action: its parts changed beside the bundle's row.
  registerActionRoutes(app, BUNDLE_APPLICATION_TYPE, {
    base: '/bundle-applications', tags: TAGS, respond: async (actor, row) => bundleApplicationView(db, actor, (await loadBundleApplication(db, row.id))!),
  });
};
