/**
 * Proactive governance's API: hotspots (list, one with its trend, its cases; dismiss and turn
 * into a task on the kernel), proactive tasks (list, set, one, their actions on the kernel, the
 * effect table with its workbook) and repeat callers for the intake centre.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../platform/errors.js';
import { IdParams, IsoDate } from '../platform/http/schemas.js';
import { createItem, GENESIS_HASH, registerActionRoutes } from '../platform/lifecycle/index.js';
import { attachment, tableWorkbook } from '../platform/export/table.js';
import { isValidIsoDate } from '../calendar/rules.js';
import { OFFICE } from '../offices/queries.js';
import { HOTSPOT_STATUSES, TASK_STATUSES, TUNABLES, TUNABLE_SETTINGS } from './contract.js';
import { requireRole } from '../auth/permissions.js';
import { loadProactiveConfig } from './config.js';
import { proactiveSettings } from './settings.js';
import { maySetProactiveSettings, setProactiveSettings } from './commands/setSettings.js';
import type { TaskRow } from './lifecycle.js';
import { HOTSPOT_TYPE, TASK_TYPE } from './type.js';
import { SetTaskInput } from './commands/setTask.js';
import {
  effectTable, hotspotCases, hotspotTrend, hotspotView, listHotspots, listTasks, readHotspot, readTask, repeatCallerViews, taskView,
} from './queries.js';
import { effectColumns } from './export.js';

const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Page = { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) };

const HotspotQuery = Type.Object({
  from: Type.Optional(Type.String({ ...IsoDate, description: 'weeks reaching this day or later (YYYY-MM-DD)' })),
  to: Type.Optional(Type.String({ ...IsoDate, description: 'weeks starting on or before this day' })),
  scope: Type.Optional({ ...OfficeId, description: 'an office in your subtree: its hotspots and those of the offices below it' }),
  status: Type.Optional(Type.Union(HOTSPOT_STATUSES.map((s) => Type.Literal(s)))),
  ...Page,
}, { additionalProperties: false });

const TaskQuery = Type.Object({
  status: Type.Optional(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s)))),
  topicMonth: Type.Optional(Month),
  topics: Type.Optional(Type.Boolean({ description: 'monthly topics (每月一题) only' })),
  ...Page,
}, { additionalProperties: false });

const CreateTaskBody = Type.Object({
  ...SetTaskInput.properties,
  scopeOfficeId: Type.Optional({ ...OfficeId, description: 'the supervising office: yours unless an office below it' }),
}, { additionalProperties: false });

function dates(q: { from?: string; to?: string }) {
  for (const key of ['from', 'to'] as const) {
    if (q[key] !== undefined && !isValidIsoDate(q[key])) throw badRequest('invalid_date', `${key} 不是有效日期：${q[key]}`, `${key} is not a valid date: ${q[key]}`);
  }
  if (q.from && q.to && q.from > q.to) throw badRequest('invalid_range', '开始日期晚于结束日期', 'from is after to');
}

const SettingsBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  values: Type.Object(Object.fromEntries(TUNABLE_SETTINGS.map((k) => [k, Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: `over ${TUNABLES[k].env}; null: back to it` }))])), { additionalProperties: false }),
}, { additionalProperties: false });

const SETTINGS_READERS = ['admin', 'leader', 'supervisor'] as const;

export const proactiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const config = loadProactiveConfig();

  app.get('/proactive/settings', {
    schema: { tags: ['proactive'], summary: 'The hotspot detection settings in force, the environment\'s defaults and which are overridden (administrators, leaders, supervisors)' },
  }, async (request) => {
    requireRole(request.actor!, SETTINGS_READERS, { zh: '查看热点检测设置', en: 'see the hotspot detection settings' });
    return { ...(await proactiveSettings(db, config)), canChange: maySetProactiveSettings(request.actor!) };
  });
  app.put('/proactive/settings', {
    schema: { tags: ['proactive'], body: SettingsBody, summary: 'Override detection settings (a number) or go back to the default (null): the system administrator, or an administrator or leader of the top office; audited' },
  }, async (request) => ({ ...(await setProactiveSettings(db, request.actor!, config, request.body)), canChange: true }));

  app.get('/hotspots', {
    schema: { tags: ['proactive'], querystring: HotspotQuery, summary: 'Hotspots (热点) of your offices, or of `scope`, in weeks between from and to: supervisors and leaders' },
  }, async (request) => {
    dates(request.query);
    return listHotspots(db, request.actor!, request.query);
  });

  app.get('/hotspots/:id', {
    schema: { tags: ['proactive'], params: IdParams, summary: 'One hotspot with why it was flagged, its actions and its trend (weekly, with the same week a year earlier)' },
  }, async (request) => {
    const row = await readHotspot(db, request.actor!, request.params.id);
    return { ...(await hotspotView(db, request.actor!, row)), trend: await hotspotTrend(db, row) };
  });

  app.get('/hotspots/:id/cases', {
    schema: {
      tags: ['proactive'], params: IdParams, summary: 'The drill-down: the hotspot\'s cases you may see, in its week (or `week`, a Monday), or a cluster\'s',
      querystring: Type.Object({ week: Type.Optional(Type.String({ ...IsoDate, description: 'the Monday of another week of the series' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const { week, limit } = request.query;
    if (week !== undefined && (!isValidIsoDate(week) || new Date(`${week}T00:00:00Z`).getUTCDay() !== 1)) throw badRequest('invalid_week', `week 须是某周的星期一：${week}`, `week must be a Monday: ${week}`);
    const row = await readHotspot(db, request.actor!, request.params.id);
    return hotspotCases(db, request.actor!, row, week, limit ?? 200);
  });

  registerActionRoutes(app, HOTSPOT_TYPE, {
    base: '/hotspots', tags: ['proactive'],
    respond: async (actor, row) => hotspotView(db, actor, row),
  });

  app.get('/proactive-tasks', {
    schema: { tags: ['proactive'], querystring: TaskQuery, summary: 'Proactive tasks (主动治理任务) your offices supervise, own or assist; `topics` for the monthly topics (每月一题)' },
  }, async (request) => {
    const { topics, ...rest } = request.query;
    return listTasks(db, request.actor!, { ...rest, topicsOnly: topics });
  });

  app.post('/proactive-tasks', {
    schema: { tags: ['proactive'], body: CreateTaskBody, summary: 'Set a proactive task without a hotspot: a supervisor or leader of the supervising office' },
  }, async (request, reply) => {
    const actor = request.actor!;
    const { scopeOfficeId, ...input } = request.body;
    const scope = scopeOfficeId ?? actor.officeId ?? 0;
    const row = await createItem(db, TASK_TYPE, actor, {
      under: { label: OFFICE, id: scope }, input,
      draft: async () => (scope ? draftTask(scope) : null),
    });
    return reply.status(201).send(await taskView(db, actor, row));
  });

  app.get('/proactive-tasks/effect', {
    schema: {
      tags: ['proactive'], summary: 'The effect of finished tasks on their hotspots\' series (before, after, and the same weeks a year earlier), as JSON or an Excel workbook',
      querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const rows = await effectTable(db, request.actor!);
    if (request.query.format !== 'xlsx') return { items: rows };
    const today = new Date().toISOString().slice(0, 10);
    const body = await tableWorkbook({ title: `主动治理成效（截至 ${today}，共 ${rows.length} 项）`, sheet: '主动治理成效', columns: effectColumns, rows });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`主动治理成效-${today}`, `proactive-effect-${today}`, 'xlsx'))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/proactive-tasks/:id', {
    schema: { tags: ['proactive'], params: IdParams, summary: 'One proactive task: offices, deadline and due state, linked cases and hotspot, progress and supervision notes, result and effect' },
  }, async (request) => taskView(db, request.actor!, await readTask(db, request.actor!, request.params.id)));

  registerActionRoutes(app, TASK_TYPE, {
    base: '/proactive-tasks', tags: ['proactive'],
    respond: async (actor, row) => taskView(db, actor, row),
  });

  app.get('/repeat-callers', {
    schema: {
      tags: ['proactive'], summary: 'Repeat callers: one phone about one category at least minCount times in the last days (the intake centre\'s agents, dispatchers, supervisors, leaders); protected requesters never appear',
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })), minCount: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })) }, { additionalProperties: false }),
    },
  }, async (request) => ({ items: await repeatCallerViews(db, request.actor!, request.query.days ?? 30, request.query.minCount ?? 3) }));
};

/** A task as it would start under an office, before setting it fills it in: what the create rule is checked against. */
function draftTask(scopeOfficeId: number): TaskRow {
  return {
    id: 0, scopeOfficeId, ownerOfficeId: scopeOfficeId, assistingOfficeIds: [], hotspotId: null, title: '', description: '', caseIds: [], limitDays: 1,
    dueAt: new Date(0), dueState: 'on_time', wasOverdue: false, topicMonth: null, result: null, finishedAt: null, status: 'assigned', createdBy: null,
    createdAt: new Date(0), version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, updatedAt: new Date(0),
  };
}

