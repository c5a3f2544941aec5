/** The applications API: the scoped list, one application, its events and notice, intake, every action (`POST /applications/:id/<action>`), the figures, and the public certificate check. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams } from '../../platform/http/schemas.js';
import { publicDoor } from '../../platform/http/rate-limit.js';
import { sendTable } from '../../platform/export/send.js';
import { registerActionRoutes } from '../../platform/lifecycle/index.js';
import { APPLICATION_STATUSES, REVIEW_GRADES } from './contract.js';
import { IntakeBody } from './commands/intake.js';
import { takeIn } from './doors.js';
import { applicationEvents, applicationView, getApplication, listApplications, missingNotice, visibleApplications, windowAgents } from './queries.js';
import { approvalFigures, approvalFiguresFile, DRILLABLE_FIGURES, FIGURE_DIMENSIONS } from './figure-queries.js';
import { checkCertificate, reviewByCertificate } from './certificates.js';
import { qrSvg } from '../../signing/index.js';
import { notFound } from '../../platform/errors.js';
import { APPLICATION_TYPE } from './type.js';
import { loadApplication } from './store.js';
import { GrantBody, grantAuthorisation, listAuthorisations, revokeAuthorisation } from './commands/authorisations.js';

const TAGS = ['applications'];
const literals = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const Status = literals(Object.keys(APPLICATION_STATUSES) as (keyof typeof APPLICATION_STATUSES)[]);
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
// A compact JWS is a few hundred characters; anything much longer is no code of ours (the check says so).
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 2400, description: 'The signed code the certificate\'s QR carries' }) }, { additionalProperties: false });

export const applicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const publicUrl = app.config.publicUrl;

  app.get('/applications', {
    schema: {
      tags: TAGS, summary: 'Applications you may see: your window\'s, your department\'s or those sent to it, a leader\'s subtree, an enterprise\'s own, an agent\'s authorised ones; the figures\' drill-down',
      querystring: Type.Object({
        status: Type.Optional(Status), dueState: Type.Optional(literals(['on_time', 'due_soon', 'overdue'] as const)), serviceItemId: Type.Optional(Id),
        greenChannel: Type.Optional(Type.Boolean({ description: 'Only those in the green channel (true) or not (false)' })),
        monthFrom: Type.Optional(Month), monthTo: Type.Optional(Month), officeId: Type.Optional({ ...Id, description: 'Implemented by this office or one under it' }),
        regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Implemented by a department of this region or one under it' })),
        figure: Type.Optional({ ...literals(DRILLABLE_FIGURES), description: 'Only the applications this figure counted' }),
        branchStatus: Type.Optional(literals(['pending', 'reviewing', 'waiting'] as const, 'Only those with an open branch in this status sent to a department in your subtree')),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listApplications(db, request.actor!, request.query));

  app.post('/applications', {
    schema: { tags: TAGS, summary: 'Take in an application (一窗受理 by a window agent, or online by an enterprise for itself); it keeps the item version', body: IntakeBody },
  }, async (request, reply) => {
    const created = await takeIn(db, request.actor!, request.body);
    return reply.code(201).send(await applicationView(db, request.actor!, created, publicUrl));
  });

  app.get('/window-agents', {
    schema: { tags: TAGS, summary: 'Active window agents in your office subtree: whom an application may be handed over to (window agent, leader); for an enterprise every window\'s, to authorise one (帮办代办)' },
  }, async (request) => ({ items: await windowAgents(db, request.actor!) }));

  app.get('/applications/:id', {
    schema: { tags: TAGS, summary: 'One application: materials, what is missing, stages and branches, the clock, its certificate and review, and the actions open to you', params: IdParams },
  }, async (request) => getApplication(db, request.actor!, request.params.id, publicUrl));

  app.get('/applications/:id/events', {
    schema: { tags: TAGS, summary: 'The application\'s events, hash-chained', params: IdParams },
  }, async (request) => applicationEvents(db, request.actor!, request.params.id));

  app.get('/applications/:id/notice', {
    schema: { tags: TAGS, summary: 'The one-time notice (一次告知书): every missing material at once, for printing', params: IdParams },
  }, async (request) => missingNotice(db, request.actor!, request.params.id));

  app.get('/applications/:id/certificate.svg', {
    schema: { tags: TAGS, summary: 'The certificate\'s QR code as SVG, for printing on it: it carries the link to the public check', params: IdParams },
  }, async (request, reply) => {
    const { certificate } = await getApplication(db, request.actor!, request.params.id, publicUrl);
    if (!certificate) throw notFound({ zh: '证照', en: 'certificate' }, request.params.id);
    return reply.header('content-type', 'image/svg+xml').header('cache-control', 'no-store').send(await qrSvg(certificate.verifyUrl));
  });

  app.get('/approvals/figures', {
    schema: {
      tags: TAGS, summary: 'Approvals figures per item, department, region or month (by month of receipt) over the applications you may see; xlsx with format=xlsx',
      querystring: Type.Object({ from: Month, to: Month, by: literals(FIGURE_DIMENSIONS), format: Type.Optional(literals(['json', 'xlsx'] as const)) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { format, ...q } = request.query;
    const figures = await approvalFigures(db, request.actor!, visibleApplications(request.actor!), q);
    return sendTable(reply, format, figures, () => approvalFiguresFile(figures), [`审批统计-${q.by}-${q.from}-${q.to}`, `approvals-${q.by}-${q.from}-${q.to}`]);
  });

  app.get('/public/certificates/:code', {
    config: publicDoor(app.config, 'public-reads'),
    schema: { tags: ['public'], security: [], summary: 'Check a certificate\'s code (证照核验): valid with what it says, revoked with when and why, or refused (forged, expired, malformed…)', params: Code },
  }, async (request) => checkCertificate(db, request.params.code, publicUrl, request.headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'zh'));

  app.post('/public/certificates/:code/review', {
    config: publicDoor(app.config, 'public-writes'),
    schema: {
      tags: ['public'], security: [], summary: 'Review the application through its certificate\'s link (好差评): whoever holds a valid code may, once per application',
      params: Code, body: Type.Object({ grade: literals(REVIEW_GRADES), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    await reviewByCertificate(db, request.params.code, request.body);
    return checkCertificate(db, request.params.code, publicUrl);
  });

  // Read again after the action: its stages and branches are rows of their own, changed beside the application's row.
  registerActionRoutes(app, APPLICATION_TYPE, { base: '/applications', tags: TAGS, respond: async (actor, row) => applicationView(db, actor, (await loadApplication(db, row.id))!, publicUrl) });
};

/** Help-and-agency authorisations (帮办代办): recorded by the enterprise or a leader over the agent, revoked by either (or the agent). */
export const agencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const tags = ['applications'];
  app.get('/agency-authorisations', {
    schema: { tags, summary: 'Agency authorisations you may see: an enterprise its own, an agent those it holds, a leader those of agents in its subtree' },
  }, async (request) => ({ items: await listAuthorisations(db, request.actor!) }));
  app.post('/agency-authorisations', {
    schema: { tags, summary: 'Record an authorisation for a window agent to act for an enterprise (one item or all, until a date, with the signed document\'s reference)', body: GrantBody },
  }, async (request, reply) => reply.code(201).send(await grantAuthorisation(db, request.actor!, request.body)));
  app.post('/agency-authorisations/:id/revoke', {
    schema: { tags, summary: 'Revoke an authorisation: the agent may no longer act for the enterprise', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }) },
  }, async (request) => revokeAuthorisation(db, request.actor!, request.params.id, request.body.reason));
};
