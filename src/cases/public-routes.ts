/**
 * The public door to the appeals loop (群众), as routes: raise an appeal without an account,
 * follow it with the case code and the lookup secret, add information, and evaluate the answer.
 * The intake is commands/createPublicAppeal.ts, the lookup public-progress.ts and what the
 * public sees public-view.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../platform/errors.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { createPublicAppeal, PublicAppealBody } from './commands/createPublicAppeal.js';
import { PUBLIC_ACTOR } from './lifecycle.js';
import { runCaseAction } from './commands/runAction.js';
import { comment, evaluate } from './commands/actions.js';
import { findCaseBySecret, publicProgress } from './public-progress.js';
import { addPublicAttachment } from './attachments.js';
import { acceptFileBodies, MAX_ATTACHMENT_BYTES, uploadedFile } from '../platform/uploads.js';

const Code = Type.String({ minLength: 1, maxLength: 40, description: 'The case code (诉求编号)' });
const Secret = Type.String({ minLength: 1, maxLength: 100, description: 'The lookup secret (查询密码) shown once at intake' });
const CodeParams = Type.Object({ code: Code }, { additionalProperties: false });
/** The secret may come in this header instead of the query string, which proxies and access logs keep. */
const SECRET_HEADER = 'x-lookup-secret';

export const publicAppealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const writes = publicDoor(app.config, 'public-writes');
  const reads = publicDoor(app.config, 'public-reads');
  const doc = { tags: ['public'], security: [] };

  app.post('/public/appeals', {
    config: writes,
    schema: { ...doc, summary: 'A citizen raises an appeal on the web form without an account; answers the code and the lookup secret (shown once)', body: PublicAppealBody },
  }, async (request, reply) => reply.status(201).send(await createPublicAppeal(app.database, request.body)));

  app.get('/public/appeals/:code', {
    config: reads,
    schema: {
      ...doc, summary: `Progress of an appeal for the holder of its lookup secret (?secret=, or the ${SECRET_HEADER} header); a wrong secret is the same 404 as an unknown code`,
      params: CodeParams, querystring: Type.Object({ secret: Type.Optional(Secret) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const header = request.headers[SECRET_HEADER];
    const secret = request.query.secret ?? (typeof header === 'string' ? header : undefined);
    if (!secret) throw badRequest('secret_required', '请提供查询密码', 'Give the lookup secret');
    return publicProgress(db, await findCaseBySecret(db, request.params.code, secret));
  });

  app.post('/public/appeals/:code/evaluate', {
    config: writes,
    schema: {
      ...doc, summary: 'The requester evaluates the answer to their appeal (once the case is answered or closed)', params: CodeParams,
      body: Type.Object({ secret: Secret, ...evaluate.input.properties }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { secret, ...input } = request.body;
    const row = await findCaseBySecret(db, request.params.code, secret);
    const updated = await runCaseAction(db, PUBLIC_ACTOR, { caseId: row.id, action: 'evaluate', version: row.version, asRequester: true, input });
    return publicProgress(db, updated);
  });

  acceptFileBodies(app);

  app.post('/public/appeals/:code/attachments', {
    config: writes,
    bodyLimit: MAX_ATTACHMENT_BYTES,
    schema: {
      ...doc, summary: `The requester adds a photo or document to their appeal (JPG, PNG, PDF, Word, Excel; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB): the bytes with their Content-Type, the lookup secret in the ${SECRET_HEADER} header`,
      params: CodeParams, querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const header = request.headers[SECRET_HEADER];
    if (typeof header !== 'string' || !header) throw badRequest('secret_required', '请提供查询密码', 'Give the lookup secret');
    const row = await findCaseBySecret(db, request.params.code, header);
    return reply.status(201).send(await addPublicAttachment(db, row, { fileName: request.query.fileName, ...uploadedFile(request) }));
  });

  app.post('/public/appeals/:code/comment', {
    config: writes,
    schema: {
      ...doc, summary: 'The requester adds information to their appeal', params: CodeParams,
      body: Type.Object({ secret: Secret, ...comment.input.properties }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { secret, ...input } = request.body;
    const row = await findCaseBySecret(db, request.params.code, secret);
    const updated = await runCaseAction(db, PUBLIC_ACTOR, { caseId: row.id, action: 'comment', version: row.version, asRequester: true, input });
    return publicProgress(db, updated);
  });
};

