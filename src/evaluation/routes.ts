/** The evaluation API (考评与公开): figures, trend, dashboard, ranking, settings, published lists — and their public side. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound } from '../platform/errors.js';
import { IdParams, Version } from '../platform/http/schemas.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { sendTable } from '../platform/export/send.js';
import { DIMENSIONS, RATES } from './contract.js';
import { dashboard, figureTable, ranking, trend } from './queries.js';
import { evaluationSettings } from './settings.js';
import { setEvaluationSettings } from './commands/setSettings.js';
import { publishList } from './commands/publishList.js';
import { getPublishedList, listPublishedLists } from './lists.js';
import { figureTableFile, rankingFile } from './export.js';
import { readableSections, sectionTable, sectionTableFile } from './sections.js';
import { FIGURE_GROUP_BYS } from '../platform/contract.js';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Scope = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The office whose subtree to cover; your own office when absent' });
const Format = Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { description: 'json (default), csv (UTF-8 with BOM) or xlsx' });
const PeriodQuery = { from: Month, to: Month, scope: Type.Optional(Scope) };
const FORBIDS = 'Readers: leader, supervisor, dispatcher (their office subtree) and the system administrator.';

const RATE_WEIGHTS = Type.Object(Object.fromEntries(RATES.map((r) => [r, Type.Optional(Type.Number({ minimum: 0, maximum: 100 }))])), { additionalProperties: false });

export const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const tags = ['evaluation'];

  app.get('/evaluation/figures', {
    schema: {
      tags, summary: `Figures of the cases received in a period of months, by office (each with its subtree), region, category, channel, type or month. ${FORBIDS}`,
      querystring: Type.Object({ ...PeriodQuery, by: Type.Union(DIMENSIONS.map((d) => Type.Literal(d))), format: Type.Optional(Format) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { format, ...q } = request.query;
    const table = await figureTable(request.replicaDb, request.actor!, q);
    return sendTable(reply, format, table, () => figureTableFile(table), [`诉求办理统计-${q.by}-${q.from}-${q.to}`, `figures-${q.by}-${q.from}-${q.to}`]);
  });

  app.get('/evaluation/trend', {
    schema: { tags, summary: 'Cases received and completed per ISO week', querystring: Type.Object(PeriodQuery, { additionalProperties: false }) },
  }, async (request) => trend(request.replicaDb, request.actor!, request.query));

  app.get('/evaluation/dashboard', {
    schema: { tags, summary: 'The leader dashboard in one answer: totals, weekly trend, offices, regions, top categories, channels, overdue now', querystring: Type.Object(PeriodQuery, { additionalProperties: false }) },
  }, async (request) => dashboard(request.replicaDb, request.actor!, request.query));

  // The other modules' figures (manifest `figureSections`), computed from their tables when read.
  const sections = () => app.modules.flatMap((m) => m.figureSections ?? []);

  app.get('/evaluation/sections', {
    schema: { tags, summary: 'The other modules\' figure sections you may read (approvals, visits, inspections…): their figures, group-bys and lists; staff of an office only' },
  }, async (request) => ({ items: readableSections(request.actor!, sections()) }));

  app.get('/evaluation/sections/:code', {
    schema: {
      tags, summary: 'One figure section over months from..to, grouped, each cell with its drill-down to the module\'s list; xlsx with format=xlsx',
      params: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }) }),
      querystring: Type.Object({
        ...PeriodQuery, groupBy: Type.Optional(Type.Union(FIGURE_GROUP_BYS.map((g) => Type.Literal(g)), { description: 'The section\'s first group-by when absent' })),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { format, ...q } = request.query;
    const table = await sectionTable(db, app.config, request.actor!, sections(), request.params.code, q);
    return sendTable(reply, format, table, () => sectionTableFile(table), [`${table.section.title.zh}-${table.groupBy}-${q.from}-${q.to}`, `${table.section.code}-${table.groupBy}-${q.from}-${q.to}`]);
  });

  app.get('/evaluation/ranking', {
    schema: {
      tags, summary: 'The month\'s score and ranking of the scope\'s sub-offices within peer groups (live, not published), with the red/black list marks',
      querystring: Type.Object({ month: Month, scope: Type.Optional(Scope), format: Type.Optional(Format) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { format, ...q } = request.query;
    const r = await ranking(request.replicaDb, request.actor!, q);
    return sendTable(reply, format, r, () => rankingFile(r), [`考评排名-${r.month}`, `ranking-${r.month}`]);
  });

  app.get('/evaluation/settings', { schema: { tags, summary: 'Weights, how "basically satisfied" counts, minimum cases and list size' } },
    async () => evaluationSettings(db));

  app.put('/evaluation/settings', {
    schema: {
      tags, summary: 'Change the evaluation settings (admin, leader); needs the version you read',
      body: Type.Object({
        version: Version, weights: RATE_WEIGHTS, basicallySatisfiedWeight: Type.Number({ minimum: 0, maximum: 1 }),
        minimumCases: Type.Integer({ minimum: 1, maximum: 100000 }), listSize: Type.Integer({ minimum: 1, maximum: 50 }),
      }, { additionalProperties: false }),
    },
  }, async (request) => setEvaluationSettings(db, request.actor!, request.body));

  app.post('/evaluation/lists', {
    schema: {
      tags, summary: 'Publish a finished month\'s red/black list (leader, supervisor); again with a reason to correct it (a new version)',
      body: Type.Object({ month: Month, scope: Type.Optional(Scope), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await publishList(db, request.actor!, request.body)));

  app.get('/evaluation/lists', {
    schema: { tags, summary: 'Published lists, every version', querystring: Type.Object({ month: Type.Optional(Month), scope: Type.Optional(Scope) }, { additionalProperties: false }) },
  }, async (request) => listPublishedLists(request.replicaDb, request.query));

  const onePublished = async (id: number) => {
    const list = await getPublishedList(db, id);
    if (!list) throw notFound({ zh: '红黑榜', en: 'published list' }, id);
    return list;
  };

  app.get('/evaluation/lists/:id', {
    schema: { tags, summary: 'One published list as it was published', params: IdParams, querystring: Type.Object({ format: Type.Optional(Format) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const list = await onePublished(request.params.id);
    return sendTable(reply, request.query.format, list, () => rankingFile(list.ranking, { version: list.version }),
      [`红黑榜-${list.month}-第${list.version}版`, `list-${list.month}-v${list.version}`]);
  });

  // The public side: only what was published, no log-in.
  const reads = publicDoor(app.config, 'public-reads');
  const doc = { tags: ['public'], security: [] };
  app.get('/public/evaluation/lists', { config: reads, schema: { ...doc, summary: 'Published red/black lists, every version, newest first' } },
    async (request) => listPublishedLists(request.replicaDb));
  app.get('/public/evaluation/lists/:id', { config: reads, schema: { ...doc, summary: 'One published list with the month\'s statistics', params: IdParams } },
    async (request) => onePublished(request.params.id));
};
