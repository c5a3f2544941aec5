import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { publicDoor } from '../platform/http/rate-limit.js';
import { requireSystemAdministrator } from '../auth/permissions.js';
import { listSigningKeys, publicKeySet, rotateSigningKey, withdrawSigningKey } from './keys.js';

const Kid = Type.Object({ kid: Type.String({ pattern: '^[0-9]{8}-[0-9a-f]{8}$', description: 'A signing key\'s id' }) }, { additionalProperties: false });

export const signingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const manage = { zh: '管理签名密钥', en: 'manage the signing keys' };

  app.get('/public/signing-keys', {
    config: publicDoor(app.config, 'public-reads'),
    schema: { tags: ['public'], security: [], summary: 'The public keys whose codes still verify (a JSON Web Key Set), to check a visit code or certificate yourself' },
  }, async () => publicKeySet(db));

  app.get('/signing-keys', { schema: { tags: ['signing'], summary: 'Every signing key: which signs now, which were rotated out or withdrawn (system administrator)' } }, async (request) => {
    requireSystemAdministrator(request.actor!, manage);
    return { items: await listSigningKeys(db) };
  });

  app.post('/signing-keys/rotate', {
    schema: { tags: ['signing'], summary: 'A new key signs from now on; codes the old one signed still verify (system administrator)', body: Type.Optional(Type.Object({}, { additionalProperties: false })) },
  }, async (request, reply) => {
    requireSystemAdministrator(request.actor!, manage);
    return reply.code(201).send(await rotateSigningKey(db, request.actor!));
  });

  app.post('/signing-keys/:kid/withdraw', {
    schema: {
      tags: ['signing'], summary: 'Withdraw a compromised key: every code it signed is refused from now on (system administrator)',
      params: Kid, body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) }, { additionalProperties: false }),
    },
  }, async (request) => {
    requireSystemAdministrator(request.actor!, manage);
    return withdrawSigningKey(db, request.actor!, request.params.kid, request.body.reason);
  });
};
