/**
 * The visit code's public doors (rate-limited, no log-in needed): check a code, and scan it on
 * arrival — from the public page by whoever holds it, or from the enterprise portal by the
 * enterprise visited, logged in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../platform/errors.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { runAction } from '../platform/lifecycle/index.js';
import { checkVisitCode, codeCheckView, publicVisit, refusalMessage } from './codes.js';
import type { VisitScanned } from './contract.js';
import { CODE_HOLDER, visitType } from './type.js';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 7000, description: 'The visit code (a signed JWS) as its link or QR carries it' }) }, { additionalProperties: false });

export const publicVisitCodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const VISIT = visitType(app.config.visits);

  app.get('/public/visit-codes/:code', {
    config: publicDoor(app.config, 'public-reads'),
    schema: { tags: ['public'], security: [], summary: 'Check a visit code (入企码): valid with the visit, or why not — not ours, forged, expired, key withdrawn, revoked, already scanned', params: CodeParams },
  }, async (request) => codeCheckView(db, await checkVisitCode(db, request.params.code)));

  app.post('/public/visit-codes/:code/scan', {
    config: publicDoor(app.config, 'public-writes'),
    schema: { tags: ['public'], security: [], summary: 'Scan the code on arrival: the visit happened (the public page, or the enterprise visited, logged in)', params: CodeParams },
  }, async (request) => {
    const outcome = await checkVisitCode(db, request.params.code);
    if (!outcome.ok) {
      const m = refusalMessage(outcome.refusal);
      throw new AppError(['malformed', 'forged'].includes(outcome.refusal) ? 400 : 409, `code_${outcome.refusal}`, m.zh, m.en);
    }
    const actor = request.actor;
    const asEnterprise = actor?.roles.includes('enterprise') && actor.enterpriseUscc === outcome.visit.uscc;
    const row = await runAction(db, VISIT, asEnterprise ? actor! : CODE_HOLDER, { id: outcome.visit.id, action: 'scan', input: {}, proven: asEnterprise ? undefined : 'code' });
    const scanned: VisitScanned = { scanned: true, visit: await publicVisit(db, row) };
    return scanned;
  });
};
