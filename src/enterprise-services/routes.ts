/** The enterprise-services API: service visits (政务服务进企业), leader assignments (包联), the service day and the leaders' hotline duty. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, IsoDate, Version } from '../platform/http/schemas.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { sendTable } from '../platform/export/send.js';
import { SERVICE_VISIT_KINDS, SERVICE_VISIT_STATUSES } from './contract.js';
import { PlanBody } from './commands/visits.js';
import { planServiceVisit, SERVICE_VISIT_TYPE } from './type.js';
import { getServiceVisit, listServiceVisits, serviceVisitEvents, serviceVisitFigures, serviceVisitView } from './queries.js';
import { assignableLeaders, assignLeader, changeLeaderAssignment, listLeaderAssignments } from './assignments.js';
import { scheduleServiceDay } from './commands/scheduleServiceDay.js';
import { dutyMonth, scheduleDuty } from './duty.js';
import { figuresFile } from './export.js';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Uscc = Type.String({ pattern: '^[0-9A-Za-z]{18}$', description: 'Unified social credit code' });
const UserId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Note = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);

export const enterpriseServiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const tags = ['enterprise services'];

  app.get('/service-visits', {
    schema: {
      tags, summary: 'Service visits you may read (your office subtree\'s, the ones you lead, an enterprise its own), newest first, with problems raised and solved',
      querystring: Type.Object({
        status: Type.Optional(Type.Union(SERVICE_VISIT_STATUSES.map((s) => Type.Literal(s)))), kind: Type.Optional(Type.Union(SERVICE_VISIT_KINDS.map((k) => Type.Literal(k)))),
        uscc: Type.Optional(Uscc), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listServiceVisits(db, request.actor!, { ...request.query, uscc: request.query.uscc?.toUpperCase() }));

  app.post('/service-visits', { schema: { tags, summary: 'Plan a visit to an enterprise of the registry (201)', body: PlanBody } }, async (request, reply) => {
    const visit = await planServiceVisit(db, request.actor!, request.body);
    return reply.code(201).send(await serviceVisitView(db, request.actor!, visit));
  });

  app.get('/service-visits/figures', {
    schema: {
      tags, summary: 'A year\'s service visits by organising office: visits, held, problems raised (线索), solved, needs, suggestions',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2999 }), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const figures = await serviceVisitFigures(db, request.actor!, request.query.year);
    return sendTable(reply, request.query.format, figures, () => figuresFile(figures), [`走访服务统计-${figures.year}`, `service-visits-${figures.year}`]);
  });

  app.get('/service-visits/:id', { schema: { tags, summary: 'One visit: what the enterprise raised, each problem\'s case and its progress, the actions you may take', params: IdParams } },
    async (request) => getServiceVisit(db, request.actor!, request.params.id));
  app.get('/service-visits/:id/events', { schema: { tags, summary: 'The visit\'s timeline (its hash-chained events)', params: IdParams } },
    async (request) => ({ items: await serviceVisitEvents(db, request.actor!, request.params.id) }));

  registerActionRoutes(app, SERVICE_VISIT_TYPE, { base: '/service-visits', tags, respond: (actor, row) => serviceVisitView(db, actor, row) });

  app.get('/leader-assignments', {
    schema: {
      tags, summary: 'Leaders assigned to key enterprises (包联): of your office subtree\'s leaders, your own, or an enterprise its leader',
      querystring: Type.Object({ uscc: Type.Optional(Uscc), leaderUserId: Type.Optional(UserId), activeOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
    },
  }, async (request) => ({ items: await listLeaderAssignments(db, request.actor!, request.query) }));

  app.get('/leader-assignments/leaders', { schema: { tags, summary: 'The leaders you may assign: active leaders of your office subtree (admin, leader)' } },
    async (request) => ({ items: await assignableLeaders(db, request.actor!) }));

  app.post('/leader-assignments', {
    schema: {
      tags, summary: 'Assign a leader of your office subtree to a key enterprise (admin, leader; 201)',
      body: Type.Object({ leaderUserId: UserId, uscc: Uscc, startsOn: IsoDate, endsOn: Type.Optional(Type.Union([IsoDate, Type.Null()])), note: Type.Optional(Note) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.code(201).send(await assignLeader(db, request.actor!, request.body)));

  app.patch('/leader-assignments/:id', {
    schema: {
      tags, summary: 'End an assignment or change its note (quote the version)', params: IdParams,
      body: Type.Object({ version: Version, endsOn: Type.Optional(Type.Union([IsoDate, Type.Null()])), note: Type.Optional(Note) }, { additionalProperties: false }),
    },
  }, async (request) => changeLeaderAssignment(db, request.actor!, request.params.id, request.body));

  app.post('/service-days/schedule', {
    schema: {
      tags, summary: 'Plan the month\'s service-day visit of every leader to each enterprise assigned to them (once; again plans only what is missing)',
      body: Type.Object({ month: Month }, { additionalProperties: false }),
    },
  }, async (request) => scheduleServiceDay(db, request.actor!, request.body.month, app.config.serviceDayOfMonth));

  app.get('/leader-duty', {
    schema: {
      tags, summary: 'An office\'s leaders\' hotline duty for a month (领导坐班), with the calls each took on duty',
      querystring: Type.Object({ officeId: UserId, month: Month }, { additionalProperties: false }),
    },
  }, async (request) => dutyMonth(db, request.actor!, request.query.officeId, request.query.month));

  app.post('/leader-duty/schedule', {
    schema: {
      tags, summary: 'Draw up an office\'s hotline duty for a month: each leader half a day in the third week (replaces the month\'s roster)',
      body: Type.Object({ officeId: UserId, month: Month }, { additionalProperties: false }),
    },
  }, async (request) => scheduleDuty(db, request.actor!, request.body.officeId, request.body.month));
};
