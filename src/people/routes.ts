import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../platform/actor.js';
import { IdParams, Version } from '../platform/http/schemas.js';
import { requireRole } from '../auth/permissions.js';
import { createUser } from './commands/createUser.js';
import { updateUser } from './commands/updateUser.js';
import { getUser, listUsers } from './queries.js';

const Roles = Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: ROLES.length, uniqueItems: true });
const OfficeId = Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const READ = { zh: '查看用户', en: 'see users' };
const Uscc = Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()]));

// Exported for the contract's drift check (contract.test.ts).
export const NewUserBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 32 }), password: Password, name: Name, officeId: OfficeId, roles: Roles, enterpriseUscc: Uscc,
}, { additionalProperties: false });
export const UserPatchBody = Type.Object({
  version: Version, name: Type.Optional(Name), officeId: Type.Optional(OfficeId), roles: Type.Optional(Roles),
  active: Type.Optional(Type.Boolean()), password: Type.Optional(Password), unlock: Type.Optional(Type.Literal(true)), enterpriseUscc: Uscc,
}, { additionalProperties: false });

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const passwordRules = { minLength: app.config.passwordMinLength };

  app.get('/users', {
    schema: {
      tags: ['people'], summary: 'People in your scope (admin)',
      querystring: Type.Object({ officeId: Type.Optional(Type.Integer({ minimum: 1 })), q: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    requireRole(request.actor!, ['admin'], READ);
    return { items: await listUsers(db, request.actor!, request.query) };
  });

  app.get('/users/:id', { schema: { tags: ['people'], summary: 'One person (admin)', params: IdParams } }, async (request) => {
    requireRole(request.actor!, ['admin'], READ);
    return getUser(db, request.actor!, request.params.id);
  });

  app.post('/users', {
    schema: {
      tags: ['people'], summary: 'Create a person with roles in an office of your scope (admin)',
      body: NewUserBody,
    },
  }, async (request, reply) => reply.status(201).send(await createUser(db, request.actor!, request.body, passwordRules)));

  app.patch('/users/:id', {
    schema: {
      tags: ['people'], summary: 'Change a person: name, office, roles, active, password reset, unlock (admin); needs the version you read',
      params: IdParams,
      body: UserPatchBody,
    },
  }, async (request) => updateUser(db, request.actor!, request.params.id, request.body, passwordRules));
};
