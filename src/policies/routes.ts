import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, IsoDate, Version } from '../platform/http/schemas.js';
import { sendTable } from '../platform/export/send.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { FACT_SOURCES, FACT_TYPES, FIGURE_GROUPINGS, MATCH_STATUSES, POLICY_STATUSES } from './contract.js';
import { ContentInput, literals } from './commands/content.js';
import { createPolicy, POLICY_TYPE } from './commands/policyActions.js';
import { MATCH_TYPE } from './commands/matchActions.js';
import { listFacts, recordFact, removeFact } from './commands/facts.js';
import { enterprisePolicies, getMatch, getPolicy, listMatches, listPolicies, policyFigures } from './queries.js';
import { figuresFile } from './export.js';

const TAGS = ['policies'];
const Page = { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) };
// The registry's own key: a code or an id, as /api/enterprises/:key spells it.
const KeyParams = Type.Object({ key: Type.String({ pattern: '^([0-9]{1,10}|[0-9A-Za-z]{18})$', description: 'The enterprise\'s unified social credit code, or its id' }) }, { additionalProperties: false });
const FactParams = Type.Object({ ...KeyParams.properties, name: Type.String({ minLength: 1, maxLength: 40, description: 'The fact\'s name, e.g. 高新技术企业' }) }, { additionalProperties: false });

export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/policies', {
    schema: {
      tags: TAGS, summary: 'The policy library (staff): published and retired policies, drafts for their editors; searched by title, document number or issuing body',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(literals(POLICY_STATUSES)), ...Page }, { additionalProperties: false }),
    },
  }, async (request) => listPolicies(db, request.actor!, request.query));

  app.get('/policies/figures', {
    schema: {
      tags: TAGS, summary: 'Pushed, read, applied, granted, declined and the amount granted, by policy, region or industry, over the pushes you may see (json or xlsx)',
      querystring: Type.Object({ by: Type.Optional(literals(FIGURE_GROUPINGS)), format: Type.Optional(literals(['json', 'xlsx'] as const)) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const figures = await policyFigures(db, request.actor!, request.query.by ?? 'policy');
    return sendTable(reply, request.query.format, figures, () => figuresFile(figures), [`惠企政策统计-${figures.by}`, `policy-figures-${figures.by}`]);
  });

  app.get('/policies/:id', { schema: { tags: TAGS, summary: 'One policy with its clauses, conditions and the actions open to you', params: IdParams } },
    async (request) => getPolicy(db, request.actor!, request.params.id));

  app.post('/policies', {
    schema: { tags: TAGS, summary: 'Draft a policy for an issuing office in your scope (administrators and leaders); every problem of its content is named', body: ContentInput },
  }, async (request, reply) => {
    const row = await createPolicy(db, request.actor!, request.body);
    return reply.status(201).send(await getPolicy(db, request.actor!, row.id));
  });

  // publish and retire as POST /policies/:id/<action>; a change as PATCH /policies/:id.
  registerActionRoutes(app, POLICY_TYPE, { base: '/policies', tags: TAGS, at: { update: { method: 'PATCH', path: '' } }, respond: (actor, row) => getPolicy(db, actor, row.id) });

  app.get('/policies/:id/matches', {
    schema: {
      tags: TAGS, summary: 'The enterprises a policy was pushed to, with the reasons and how far each got (staff: all for its editors, else those of enterprises you read)',
      params: IdParams, querystring: Type.Object({ status: Type.Optional(literals(MATCH_STATUSES)), ...Page }, { additionalProperties: false }),
    },
  }, async (request) => listMatches(db, request.actor!, request.params.id, request.query));

  app.get('/policy-matches/:id', { schema: { tags: TAGS, summary: 'One push with its evaluation and the actions open to you', params: IdParams } },
    async (request) => getMatch(db, request.actor!, request.params.id));

  // read and apply (the enterprise), grant and decline (the policy's editors) as POST /policy-matches/:id/<action>.
  registerActionRoutes(app, MATCH_TYPE, { base: '/policy-matches', tags: TAGS, respond: (actor, row) => getMatch(db, actor, row.id) });

  app.get('/enterprises/:key/policies', {
    schema: {
      tags: TAGS, summary: 'Every published policy evaluated for the enterprise today: eligible, unknown (with what is missing) and not eligible, each condition with its reason (the enterprise itself, or staff who read it)',
      params: KeyParams,
    },
  }, async (request) => enterprisePolicies(db, request.actor!, request.params.key));

  app.get('/enterprises/:key/facts', { schema: { tags: TAGS, summary: 'The facts recorded about an enterprise beyond its registry fields (whoever reads the enterprise), and the sources the viewer may record', params: KeyParams } },
    async (request) => listFacts(db, request.actor!, request.params.key));

  app.put('/enterprises/:key/facts/:name', {
    schema: {
      tags: TAGS, summary: 'Record or replace a fact (administrators of its region: source registry or admin; the enterprise itself: declared); replacing needs the version you read',
      params: FactParams,
      body: Type.Object({
        type: literals(FACT_TYPES), value: Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 200 })]), source: literals(FACT_SOURCES), asOf: IsoDate,
        version: Type.Optional(Version),
      }, { additionalProperties: false }),
    },
  }, async (request) => recordFact(db, request.actor!, request.params.key, request.params.name, request.body));

  app.delete('/enterprises/:key/facts/:name', {
    schema: {
      tags: TAGS, summary: 'Remove a fact, quoting its version',
      params: FactParams, querystring: Type.Object({ source: literals(FACT_SOURCES), version: Version }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    await removeFact(db, request.actor!, request.params.key, request.params.name, request.query.source, request.query.version);
    return reply.status(204).send();
  });
};
