import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound } from '../platform/errors.js';
import { RegionCode } from '../platform/http/schemas.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { createRegion } from './commands/createRegion.js';
import { listRegions, REGION, regionWithAncestors, searchRegions } from './queries.js';

// Exported for the contract's drift check (contract.test.ts).
export const NewRegionBody = Type.Object({ code: RegionCode, name: Type.String({ minLength: 1, maxLength: 60 }), parentCode: Type.Union([RegionCode, Type.Null()]) }, { additionalProperties: false });

export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const publicRead = publicDoor(app.config, 'public-reads');

  app.get('/regions', {
    config: publicRead,
    schema: {
      tags: ['regions'], summary: 'Children of a region (provinces when no parent), or a search by name or code',
      querystring: Type.Object({ parentCode: Type.Optional(RegionCode), q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { parentCode, q } = request.query;
    return { items: q !== undefined ? await searchRegions(db, q) : await listRegions(db, parentCode ?? null) };
  });

  app.get('/regions/:code', {
    config: publicRead,
    schema: { tags: ['regions'], summary: 'One region with its ancestors', params: Type.Object({ code: RegionCode }) },
  }, async (request) => {
    const region = await regionWithAncestors(db, request.params.code);
    if (!region) throw notFound(REGION, request.params.code);
    return region;
  });

  app.post('/regions', {
    schema: {
      tags: ['regions'], summary: 'Add a region not in the national list (admin)',
      body: NewRegionBody,
    },
  }, async (request, reply) => reply.status(201).send(await createRegion(db, request.actor!, request.body)));
};
