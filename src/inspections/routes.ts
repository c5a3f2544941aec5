/**
 * The random inspections API: the departments' item lists, inspector rosters and plans; tasks and
 * their actions on the lifecycle kernel (commit, draw, publish; recuse and record-result on a
 * target's visit); the inspector's and the enterprise's visits; figures; and the public results
 * and draw documents, without log-in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Version } from '../platform/http/schemas.js';
import { publicDoor } from '../platform/http/rate-limit.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { sendTable } from '../platform/export/send.js';
import { TASK_STATUSES } from './contract.js';
import { createItem, ItemInput, ItemPatch, updateItem } from './commands/saveItem.js';
import { createInspector, InspectorInput, InspectorPatch, updateInspector } from './commands/saveInspector.js';
import { createPlan, PlanInput } from './commands/createPlan.js';
import { TaskInput } from './commands/createTask.js';
import { RecuseInput } from './commands/recuse.js';
import { ResultInput } from './commands/recordResult.js';
import { PreviewInput, previewRoster } from './roster-preview.js';
import { actOnVisit, createTaskUnder, TASK_TYPE } from './type.js';
import { getPlan, getTask, getVisit, inspectionFigures, inspectorAccounts, listInspectors, listItems, listPlans, listTasks, myVisits, publicDraw, publicResults } from './queries.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Uscc = Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码 of the target' });
const ListQuery = Type.Object({ officeId: Type.Optional(Id), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const tags = ['inspections'];

const FIGURE_COLUMNS = [
  ['部门', 'officeName', 28], ['抽查任务', 'tasks', 10], ['抽取对象', 'targetsDrawn', 10], ['已检查', 'inspected', 10], ['发现问题', 'problemsFound', 10],
  ['已整改', 'rectified', 10], ['已公示', 'published', 10], ['按时公示', 'publishedOnTime', 10], ['联合检查减少入企', 'visitsSavedByJoining', 16],
] as const;

export const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;

  app.get('/inspection-items', { schema: { tags, summary: 'Inspection item lists (检查事项清单) of the departments in your scope', querystring: ListQuery } },
    async (request) => listItems(db, request.actor!, request.query));
  app.post('/inspection-items', { schema: { tags, summary: 'Add an item to a department\'s list (its administrator, handler or leader)', body: ItemInput } },
    async (request, reply) => reply.status(201).send({ id: await createItem(db, request.actor!, request.body) }));
  app.patch('/inspection-items/:id', { schema: { tags, summary: 'Change or retire an item (with its version)', params: IdParams, body: ItemPatch } },
    async (request) => {
      await updateItem(db, request.actor!, request.params.id, request.body);
      return (await listItems(db, request.actor!, {})).find((i) => i.id === request.params.id);
    });

  app.get('/inspectors', { schema: { tags, summary: 'Inspector rosters (执法检查人员名录) of the departments in your scope', querystring: ListQuery } },
    async (request) => listInspectors(db, request.actor!, request.query));
  app.post('/inspectors', { schema: { tags, summary: 'Add an inspector: certificate number, qualifications, log-in, declared conflicts', body: InspectorInput } },
    async (request, reply) => reply.status(201).send({ id: await createInspector(db, request.actor!, request.body) }));
  app.patch('/inspectors/:id', { schema: { tags, summary: 'Change an inspector (with the version): details, declared conflicts, active', params: IdParams, body: InspectorPatch } },
    async (request) => {
      await updateInspector(db, request.actor!, request.params.id, request.body);
      return (await listInspectors(db, request.actor!, {})).find((i) => i.id === request.params.id);
    });

  app.get('/inspectors/accounts', {
    schema: { tags, summary: 'The log-ins with the inspector role in a department, to link a roster entry to (its list editors)', querystring: Type.Object({ officeId: Id }, { additionalProperties: false }) },
  }, async (request) => inspectorAccounts(db, request.actor!, request.query.officeId));

  app.get('/inspection-plans', {
    schema: { tags, summary: 'Yearly plans in batches', querystring: Type.Object({ officeId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }) },
  }, async (request) => listPlans(db, request.actor!, request.query));
  app.post('/inspection-plans', { schema: { tags, summary: 'Draw up a department\'s yearly plan in batches', body: PlanInput } },
    async (request, reply) => reply.status(201).send(await getPlan(db, request.actor!, await createPlan(db, request.actor!, request.body))));
  app.get('/inspection-plans/:id', { schema: { tags, summary: 'One plan', params: IdParams } }, async (request) => getPlan(db, request.actor!, request.params.id));

  app.get('/inspection-tasks', {
    schema: {
      tags, summary: 'Tasks of the departments in your scope (leading or joining)',
      querystring: Type.Object({
        planId: Type.Optional(Id), status: Type.Optional(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s)))),
        leadOfficeId: Type.Optional({ ...Id, description: 'Led by this department' }), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Whose period ends in this year (as the figures count)' })),
      }, { additionalProperties: false }),
    },
  }, async (request) => listTasks(db, request.actor!, request.query));
  app.post('/inspection-tasks', {
    schema: { tags, summary: 'Draw up a task under a plan (a handler or leader of the plan\'s department)', body: Type.Object({ planId: Id, ...TaskInput.properties }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const { planId, ...input } = request.body;
    const task = await createTaskUnder(db, request.actor!, planId, input);
    return reply.status(201).send(await getTask(db, request.actor!, task.id));
  });
  app.post('/inspection-tasks/roster-preview', {
    schema: { tags, summary: 'The target roster a task\'s filters give now: candidates and exact quota per credit class, inspectors per department, what would stop the commit, candidates by name', body: PreviewInput },
  }, async (request) => previewRoster(db, request.actor!, request.body));
  app.get('/inspection-tasks/:id', { schema: { tags, summary: 'A task with its commitment, draw and visits, and the actions open to you', params: IdParams } },
    async (request) => getTask(db, request.actor!, request.params.id));
  registerActionRoutes(app, TASK_TYPE, { base: '/inspection-tasks', tags, respond: (actor, row) => getTask(db, actor, row.id) });

  app.post('/inspection-tasks/:id/recuse', {
    schema: {
      tags, params: IdParams, body: Type.Object({ uscc: Uscc, version: Version, ...RecuseInput.properties }, { additionalProperties: false }),
      summary: '申请回避 — recuse an inspector from a target\'s team (the enterprise, or its department); version is the visit\'s',
    },
  }, async (request) => {
    const { uscc, version, ...input } = request.body;
    return getVisit(db, request.actor!, (await actOnVisit(db, request.actor!, request.params.id, uscc, 'recuse', version, input)).id);
  });
  app.post('/inspection-tasks/:id/record-result', {
    schema: {
      tags, params: IdParams, body: Type.Object({ uscc: Uscc, version: Version, ...ResultInput.properties }, { additionalProperties: false }),
      summary: '录入结果 — record a target\'s result (an inspector on its team); a problem found opens a rectification plan; version is the visit\'s',
    },
  }, async (request) => {
    const { uscc, version, ...input } = request.body;
    return getVisit(db, request.actor!, (await actOnVisit(db, request.actor!, request.params.id, uscc, 'record-result', version, input)).id);
  });

  app.get('/inspection-visits/mine', { schema: { tags, summary: 'An inspector\'s visits on their teams, or an enterprise\'s inspections of itself' } },
    async (request) => myVisits(db, request.actor!));

  app.get('/inspection-figures', {
    schema: {
      tags, summary: 'Figures per lead department: tasks, targets drawn, inspected, problems found, rectified, published on time, visits saved by joining',
      querystring: Type.Object({
        year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), officeId: Type.Optional(Id),
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { format, ...filter } = request.query;
    const figures = await inspectionFigures(db, request.actor!, filter);
    const title = `双随机抽查统计${filter.year ? `（${filter.year}年）` : ''}`;
    return sendTable(reply, format, figures, () => ({
      title, sheet: title, rows: figures,
      columns: FIGURE_COLUMNS.map(([header, key, width]) => ({ header, width, value: (f: (typeof figures)[number]) => f[key] })),
    }), [title, `inspection-figures${filter.year ? `-${filter.year}` : ''}`]);
  });

  // The public side: published results and every committed draw, no log-in.
  const reads = publicDoor(app.config, 'public-reads');
  const doc = { tags: ['public'], security: [] };
  app.get('/public/inspections', {
    config: reads,
    schema: { ...doc, summary: 'Published results of random inspections, per task; uscc keeps one enterprise\'s', querystring: Type.Object({ uscc: Type.Optional(Uscc), q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }) },
  }, async (request) => publicResults(request.replicaDb, request.query));
  app.get('/public/inspections/:taskId/draw', {
    config: reads,
    schema: { ...doc, summary: 'Everything needed to re-run a draw (node bin/verify-draw.mjs URL): rosters, commitment, seed sources, result, recusals', params: Type.Object({ taskId: Id }, { additionalProperties: false }) },
  }, async (request) => publicDraw(request.replicaDb, request.params.taskId));
};
