import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, RegionCode, Version } from '../platform/http/schemas.js';
import { createOffice } from './commands/createOffice.js';
import { updateOffice } from './commands/updateOffice.js';
import { getOffice, listOffices } from './queries.js';
import { OFFICE_KINDS } from './contract.js';

const Kind = Type.Union(OFFICE_KINDS.map((k) => Type.Literal(k)));
const Name = Type.String({ minLength: 1, maxLength: 100 });
const ParentId = Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]);

// Exported for the contract's drift check (contract.test.ts).
export const OfficeBody = Type.Object({ name: Name, kind: Kind, regionCode: RegionCode, parentId: ParentId }, { additionalProperties: false });
export const OfficePatchBody = Type.Object({
  version: Version, name: Type.Optional(Name), kind: Type.Optional(Kind), regionCode: Type.Optional(RegionCode), parentId: Type.Optional(ParentId),
}, { additionalProperties: false });

export const officeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/offices', { schema: { tags: ['offices'], summary: 'Offices in your scope (your office and its subtree), in tree order' } },
    async (request) => ({ items: await listOffices(db, request.actor!) }));

  app.get('/offices/:id', { schema: { tags: ['offices'], summary: 'One office', params: IdParams } },
    async (request) => getOffice(db, request.actor!, request.params.id));

  app.post('/offices', {
    schema: {
      tags: ['offices'], summary: 'Create an office under a parent in your scope (admin)',
      body: OfficeBody,
    },
  }, async (request, reply) => reply.status(201).send(await createOffice(db, request.actor!, request.body)));

  app.patch('/offices/:id', {
    schema: {
      tags: ['offices'], summary: 'Rename, re-kind, re-region or move an office (admin); needs the version you read',
      params: IdParams,
      body: OfficePatchBody,
    },
  }, async (request) => updateOffice(db, request.actor!, request.params.id, request.body));
};
