/**
 * A work-item type defined here and nowhere else — a field task (现场任务) an office owns, created
 * by a supervisor, with four actions and one relation — gets from the kernel, without writing
 * any of it: its routes and their OpenAPI, the 404/403/409 answers (for creating it too),
 * hash-chained append-only events from its creation on, unversioned notes, input that changes
 * nothing writing nothing, `audit verify` coverage and its subscribers, in the action's transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { ENGINES, preparedDatabase } from '../support/engines.js';
import { buildServer, installModules, MODULES } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { operatorActor, type Actor } from '../../src/platform/actor.js';
import { sql, queryRows, type Database, type Db } from '../../src/platform/db/engine.js';
import type { ModuleManifest } from '../../src/platform/manifest.js';
import {
  actionsFor, createItem, defineCommand, eventHash, GENESIS_HASH, itemTable, listEvents, registerActionRoutes,
  type ItemRow, type ItemType, type Lifecycle, type Subscriber,
} from '../../src/platform/lifecycle/index.js';
import { officePaths } from '../../src/offices/subtree.js';
import { inSubtree } from '../../src/offices/rules.js';
import { verifyWorkItems } from '../../src/audit/verify.js';
import { DEMO_PASSWORD, loadDemoOrganisation, type DemoOrganisation } from '../../src/demo/organisation.js';

type Status = 'open' | 'accepted' | 'done' | 'cancelled';
type Relation = 'owner';
type Action = 'accept' | 'finish' | 'cancel' | 'note';

interface TaskRow extends ItemRow<Status> {
  officeId: number;
  onHold: boolean;
  result: string | null;
  updatedAt: Date;
}

const LIFECYCLE: Lifecycle<TaskRow, Status, Relation, Action> = {
  type: 'field_task',
  label: { zh: '现场任务', en: 'field task' },
  statuses: { open: { zh: '待接收', en: 'open' }, accepted: { zh: '已接收', en: 'accepted' }, done: { zh: '已完成', en: 'done' }, cancelled: { zh: '已取消', en: 'cancelled' } },
  readers: [{ role: 'handler', relation: 'owner' }, { role: 'supervisor', relation: 'owner' }],
  scope: { zh: '（限任务所属单位及其上级）', en: 'in the office that owns the task or above it' },
  actions: {
    accept: { label: { zh: '接收', en: 'accept' }, from: ['open'], to: 'accepted', permits: [{ role: 'handler', relation: 'owner' }] },
    finish: {
      label: { zh: '完成', en: 'finish' }, from: ['accepted'], to: 'done', permits: [{ role: 'handler', relation: 'owner' }],
      blockedBy: (row) => (row.onHold ? { code: 'on_hold', zh: '任务已挂起，不能完成', en: 'The task is on hold and cannot be finished' } : null),
    },
    cancel: { label: { zh: '取消', en: 'cancel' }, from: ['open', 'accepted'], to: 'cancelled', permits: [{ role: 'supervisor', relation: 'owner' }] },
    note: { label: { zh: '批注', en: 'annotate' }, from: ['open', 'accepted'], permits: [{ role: 'supervisor', relation: 'owner' }], unversioned: true },
  },
  create: {
    label: { zh: '派发', en: 'issue' }, to: 'open', permits: [{ role: 'supervisor', relation: 'owner' }],
    blockedBy: (draft) => (draft.onHold ? { code: 'office_on_hold', zh: '该单位的任务已挂起', en: 'The office\'s tasks are on hold', details: { officeId: draft.officeId } } : null),
  },
};

const TASKS = itemTable<TaskRow>('field_tasks', 't', {
  id: ['id', 'int'], officeId: ['office_id', 'int'], status: ['status', 'text'], onHold: ['on_hold', 'bool'], result: ['result', 'text'],
  version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'], updatedAt: ['updated_at', 'ts'],
});

async function relationsOf(tx: Db, actor: Actor, row: TaskRow): Promise<Relation[]> {
  if (actor.officePath === null) return [];
  const path = (await officePaths(tx, [row.officeId])).get(row.officeId);
  return path && inSubtree(path, actor.officePath) ? ['owner'] : [];
}

const Note = Type.Object({ note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

const FIELD_TASK: ItemType<TaskRow, Status, Relation, Action> = {
  lifecycle: LIFECYCLE,
  store: { chain: { events: 'field_task_events', itemColumn: 'task_id', items: 'field_tasks' }, lock: TASKS.lock, relationsOf, update: TASKS.update, insert: TASKS.insert, state: TASKS.state },
  settings: async () => ({}),
  create: defineCommand<TaskRow, Relation, object, typeof Note>({ summary: 'Issue a task', input: Note, apply: (_ctx, input) => ({ event: { note: input.note ?? null } }) }),
  commands: {
    accept: defineCommand<TaskRow, Relation, object, typeof Note>({ summary: 'Accept the task', input: Note, apply: (_ctx, input) => ({ event: { note: input.note ?? null } }) }),
    finish: defineCommand<TaskRow, Relation, object, ReturnType<typeof resultInput>>({
      summary: 'Finish the task with its result', input: resultInput(), apply: (_ctx, input) => ({ changes: { result: input.result }, event: { result: input.result } }),
    }),
    cancel: defineCommand<TaskRow, Relation, object, typeof Note>({ summary: 'Cancel the task', input: Note, apply: (_ctx, input) => ({ event: { note: input.note ?? null } }) }),
    // A blank note is nothing to record.
    note: defineCommand<TaskRow, Relation, object, typeof Note>({ summary: 'Annotate the task', input: Note, apply: (_ctx, input) => (input.note?.trim() ? { event: { note: input.note } } : null) }),
  },
};

function resultInput() {
  return Type.Object({ result: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
}

/** The subscriber: keeps a tally per action, and refuses (rolling the action back) a result saying so. */
const TALLY: Subscriber<TaskRow> = {
  name: 'field task tally', type: 'field_task', actions: ['create', 'accept', 'finish'],
  async perform(tx, { event, before, after }) {
    if (after.result === 'refuse in subscriber') throw new Error('the subscriber refuses');
    await tx.execute(sql`insert into field_task_tally (task_id, seq, action, from_status, to_status) values (${after.id}, ${event.seq}, ${event.action}, ${before?.status ?? null}, ${after.status})`);
  },
};

const OFFICE = { zh: '单位', en: 'office' };

const routes: FastifyPluginAsync = async (app) => {
  // Issuing a task for an office: the draft is the task as it would start there (on hold when the office's tasks are).
  app.post<{ Params: { officeId: string }; Body: { note?: string; onHold?: boolean } }>('/offices/:officeId/field-tasks', async (request, reply) => {
    const officeId = Number(request.params.officeId);
    const { onHold = false, ...input } = request.body ?? {};
    const row = await createItem(app.database.db, FIELD_TASK, request.actor!, {
      under: { label: OFFICE, id: officeId }, input,
      draft: async (tx) => {
        const [office] = await queryRows<{ id: number }>(tx, sql`select id from offices where id = ${officeId} for update`);
        return office ? { id: 0, officeId, status: 'open', onHold, result: null, version: 0, eventCount: 0, lastEventHash: GENESIS_HASH, updatedAt: new Date(0) } : null;
      },
    });
    return reply.status(201).send(row);
  });
  registerActionRoutes(app, FIELD_TASK, {
    base: '/field-tasks', tags: ['field tasks'],
    async respond(actor, row) {
      const relations = await relationsOf(app.database.db, actor, row);
      return { ...row, ...actionsFor(LIFECYCLE, row, actor.roles, relations) };
    },
  });
};

const FIELD_TASKS_MODULE: ModuleManifest = { name: 'field-tasks', routes: [routes], itemTypes: [FIELD_TASK], subscribers: [TALLY] };
const modules = [...MODULES, FIELD_TASKS_MODULE];

/** The test's own tables, as a module's migration would make them. */
async function createTables(database: Database): Promise<void> {
  await database.session((s) => s.exec(`
    create table field_tasks (
      id bigserial primary key, office_id integer not null references offices (id), status text not null default 'open',
      on_hold boolean not null default false, result text, version integer not null default 1,
      event_count integer not null default 0, last_event_hash text not null default '${GENESIS_HASH}', updated_at timestamptz not null default now()
    );
    select create_item_events('field_task_events', 'task_id', 'field_tasks');
    create table field_task_tally (task_id bigint not null, seq integer not null, action text not null, from_status text, to_status text not null);
  `));
}

/** The message a refused statement fails with (the driver's own, under the query wrapper). */
function failure(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'accepted', (err) => String(err.cause?.message ?? err.message));
}

describe.each(ENGINES)('a work-item type defined in a test, on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let demo: DemoOrganisation;
  const as: Record<string, string> = {};

  const newTask = async (office: string, onHold = false): Promise<number> => {
    const [{ id }] = await queryRows<{ id: number }>(database.db, sql`insert into field_tasks (office_id, on_hold) values (${demo.offices[office]}, ${onHold}) returning id`);
    return Number(id);
  };
  const post = (who: string, id: number, action: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/field-tasks/${id}/${action}`, headers: { cookie: as[who], 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const taskOf = async (id: number) => (await TASKS.load(database.db, id))!;
  const tallyOf = (id: number) => queryRows<{ seq: number; action: string; from_status: string; to_status: string }>(database.db,
    sql`select seq, action, from_status, to_status from field_task_tally where task_id = ${id} order by seq`);

  beforeAll(async () => {
    installModules(modules);
    database = await preparedDatabase(engine);
    await createTables(database);
    demo = await loadDemoOrganisation(database.db, operatorActor());
    app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0' }), webDist: 'web/dist-none' }, logger: false, modules });
    await app.ready();
    for (const username of ['handler', 'supervisor', 'agent', 'enterprise']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      as[username] = `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    installModules(MODULES);
  });

  it('gets a route per action, documented in the OpenAPI with its input schema', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const action of ['accept', 'finish', 'cancel']) expect(openapi.paths).toHaveProperty([`/api/field-tasks/{id}/${action}`, 'post']);
    const finish = openapi.paths['/api/field-tasks/{id}/finish'].post;
    expect(finish.summary).toBe('完成 — Finish the task with its result');
    expect(finish.requestBody.content['application/json'].schema).toMatchObject({ required: expect.arrayContaining(['version', 'result']) });
  });

  it('runs the actions, chaining each event to the one before and telling the subscriber in the same transaction', async () => {
    const id = await newTask('zmd-dept-0');
    const accepted = await post('handler', id, 'accept', { version: 1, note: '今天下午到场' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2, eventCount: 1, actions: ['finish'], blockedActions: [] });
    const done = await post('handler', id, 'finish', { version: 2, result: '已整改到位' });
    expect(done.json()).toMatchObject({ status: 'done', version: 3, result: '已整改到位', actions: [] });

    const events = await listEvents(database.db, FIELD_TASK.store.chain, id);
    expect(events.map((e) => [e.seq, e.action, e.fromStatus, e.toStatus, e.actorName])).toEqual([[1, 'accept', 'open', 'accepted', 'handler'], [2, 'finish', 'accepted', 'done', 'handler']]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    for (const e of events) expect(eventHash(e.prevHash, e)).toBe(e.hash);
    expect(await taskOf(id)).toMatchObject({ eventCount: 2, lastEventHash: events[1].hash });
    expect(await tallyOf(id)).toEqual([{ seq: 1, action: 'accept', from_status: 'open', to_status: 'accepted' }, { seq: 2, action: 'finish', from_status: 'accepted', to_status: 'done' }]);
  });

  it('answers 404 to those the task is hidden from, and for a task that does not exist', async () => {
    const elsewhere = await newTask('zz-market');
    for (const who of ['handler', 'enterprise']) {
      const res = await post(who, elsewhere, 'accept', { version: 1 });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
      expect(res.json().error.message).toContain('现场任务');
    }
    expect((await post('handler', 999_999, 'accept', { version: 1 })).statusCode).toBe(404);
    expect(await taskOf(elsewhere)).toMatchObject({ status: 'open', version: 1, eventCount: 0 });
  });

  it('answers 403 naming the roles to a reader whose role may not take the action, and to a role that may not read', async () => {
    const id = await newTask('zmd-dept-0');
    const supervisorAccepts = await post('supervisor', id, 'accept', { version: 1 });
    expect(supervisorAccepts.statusCode).toBe(403);
    expect(supervisorAccepts.json().error).toMatchObject({ code: 'forbidden', messageZh: expect.stringContaining('需要 承办人'), messageEn: expect.stringContaining('needs the role handler') });
    const handlerCancels = await post('handler', id, 'cancel', { version: 1 });
    expect(handlerCancels.statusCode).toBe(403);
    expect(handlerCancels.json().error.messageEn).toContain('supervisor');
    // The agent sits in the owning office's parent, but agents are not readers of field tasks.
    expect((await post('agent', id, 'accept', { version: 1 })).statusCode).toBe(404);
    expect(await taskOf(id)).toMatchObject({ status: 'open', version: 1, eventCount: 0 });
  });

  it('answers 409 for a stale version, a status the action does not start from, and a state that blocks it', async () => {
    const id = await newTask('zmd-dept-0', true);
    expect((await post('handler', id, 'accept', { version: 1 })).statusCode).toBe(200);
    const stale = await post('handler', id, 'accept', { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    const again = await post('handler', id, 'accept', { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'wrong_status', details: { status: 'accepted', allowedFrom: ['open'] }, messageZh: expect.stringContaining('已接收') });
    const held = await post('handler', id, 'finish', { version: 2, result: '完成' });
    expect(held.statusCode).toBe(409);
    expect(held.json().error).toMatchObject({ code: 'on_hold', messageEn: 'The task is on hold and cannot be finished' });
    const view = await post('supervisor', id, 'cancel', { version: 2, note: '挂起过久' });
    expect(view.json()).toMatchObject({ status: 'cancelled', version: 3 });
    expect((await listEvents(database.db, FIELD_TASK.store.chain, id)).map((e) => e.action)).toEqual(['accept', 'cancel']);
  });

  it('names a blocked action with its reason in the view, and answers 400 to input outside the schema', async () => {
    const id = await newTask('zmd-dept-0', true);
    expect((await post('handler', id, 'accept', { version: 1 })).json()).toMatchObject({
      actions: [], blockedActions: [{ action: 'finish', code: 'on_hold', messageZh: '任务已挂起，不能完成', messageEn: 'The task is on hold and cannot be finished' }],
    });
    for (const body of [{ version: 2 }, { version: 2, result: '' }, { version: 2, result: 'x', extra: 1 }, { result: 'x' }]) {
      const res = await post('handler', id, 'finish', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ messageZh: expect.any(String), messageEn: expect.any(String) });
    }
  });

  it('rolls the action back with its event when a subscriber fails', async () => {
    const id = await newTask('zmd-dept-0');
    await post('handler', id, 'accept', { version: 1 });
    const res = await post('handler', id, 'finish', { version: 2, result: 'refuse in subscriber' });
    expect(res.statusCode).toBe(500);
    expect(await taskOf(id)).toMatchObject({ status: 'accepted', version: 2, eventCount: 1, result: null });
    expect((await listEvents(database.db, FIELD_TASK.store.chain, id)).length).toBe(1);
    expect((await tallyOf(id)).map((r) => r.action)).toEqual(['accept']);
  });

  it('creates a task through its create rule: 404 for an office out of sight, 403 naming the roles, 409 when the draft is blocked, then a chain from genesis', async () => {
    const issue = (who: string, office: string | number, body: Record<string, unknown> = {}) => app.inject({
      method: 'POST', url: `/api/offices/${typeof office === 'number' ? office : demo.offices[office]}/field-tasks`,
      headers: { cookie: as[who], 'content-type': 'application/json' }, payload: JSON.stringify(body),
    });
    for (const [who, office] of [['supervisor', 'zz-market'], ['supervisor', 999_999], ['enterprise', 'zmd-dept-0']] as const) {
      const res = await issue(who, office);
      expect(res.statusCode, `${who} ${office}: ${res.body}`).toBe(404);
      expect(res.json().error.messageZh).toContain('单位');
    }
    const byHandler = await issue('handler', 'zmd-dept-0');
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().error).toMatchObject({ messageZh: expect.stringContaining('您无权派发现场任务：需要 督办员'), messageEn: expect.stringContaining('You may not issue a field task') });
    const held = await issue('supervisor', 'zmd-dept-0', { onHold: true });
    expect(held.statusCode).toBe(409);
    expect(held.json().error).toMatchObject({ code: 'office_on_hold', details: { status: 'open', officeId: demo.offices['zmd-dept-0'] } });

    const created = await issue('supervisor', 'zmd-dept-0', { note: '今天派发' });
    expect(created.statusCode, created.body).toBe(201);
    const id = Number(created.json().id);
    expect(created.json()).toMatchObject({ status: 'open', version: 1, eventCount: 1 });
    const [event] = await listEvents(database.db, FIELD_TASK.store.chain, id);
    expect(event).toMatchObject({ seq: 1, action: 'create', fromStatus: null, toStatus: 'open', prevHash: GENESIS_HASH, actorName: 'supervisor', data: { note: '今天派发' } });
    expect(eventHash(event.prevHash, event)).toBe(event.hash);
    expect(await taskOf(id)).toMatchObject({ version: 1, eventCount: 1, lastEventHash: event.hash });
    expect(await tallyOf(id)).toEqual([{ seq: 1, action: 'create', from_status: null, to_status: 'open' }]);
    expect((await post('handler', id, 'accept', { version: 1 })).json()).toMatchObject({ status: 'accepted', version: 2, eventCount: 2 });
  });

  it('takes an unversioned action without a version and keeps the version; input that changes nothing writes nothing', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(openapi.paths['/api/field-tasks/{id}/note'].post.requestBody.content['application/json'].schema.required ?? []).not.toContain('version');
    const id = await newTask('zmd-dept-0');
    const noted = await post('supervisor', id, 'note', { note: '注意安全' });
    expect(noted.statusCode, noted.body).toBe(200);
    expect(noted.json()).toMatchObject({ status: 'open', version: 1, eventCount: 1 });
    expect((await post('handler', id, 'accept', { version: 1 })).statusCode).toBe(200);
    const blank = await post('supervisor', id, 'note', { note: '  ' });
    expect(blank.json()).toMatchObject({ status: 'accepted', version: 2, eventCount: 2 });
    expect((await listEvents(database.db, FIELD_TASK.store.chain, id)).map((e) => e.action)).toEqual(['note', 'accept']);
  });

  it('refuses to change or delete an event, and audit verify walks the type\'s chains and names what was altered or deleted', async () => {
    const id = await newTask('zmd-dept-0');
    await post('handler', id, 'accept', { version: 1, note: '原始记录' });
    await post('handler', id, 'finish', { version: 2, result: '完成' });
    expect(await failure(database.db.execute(sql`update field_task_events set data = '{}'::jsonb where task_id = ${id}`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from field_task_events where task_id = ${id}`))).toMatch(/append-only/);

    const intact = (await verifyWorkItems(database.db)).find((r) => r.label === 'field task')!;
    expect(intact).toMatchObject({ ok: true, problems: [] });
    expect(intact.events).toBeGreaterThanOrEqual(2);

    // Someone with the database owner's rights goes around the trigger.
    await database.db.execute(sql`alter table field_task_events disable trigger field_task_events_append_only`);
    await database.db.execute(sql`update field_task_events set data = '{"note":"改过的记录"}'::jsonb where task_id = ${id} and seq = 1`);
    await database.db.execute(sql`delete from field_task_events where task_id = ${id} and seq = 2`);
    await database.db.execute(sql`alter table field_task_events enable trigger field_task_events_append_only`);
    const broken = (await verifyWorkItems(database.db)).find((r) => r.label === 'field task')!;
    expect(broken.ok).toBe(false);
    const messages = broken.problems.filter((p) => p.itemId === id).map((p) => p.message);
    expect(messages.some((m) => m.includes(`field task ${id}`) && m.includes('event 1') && m.includes('altered'))).toBe(true);
    expect(messages.some((m) => m.includes('events deleted'))).toBe(true);
    // The other types' chains are walked too, and are untouched.
    expect((await verifyWorkItems(database.db)).find((r) => r.label === 'case')).toMatchObject({ ok: true });
  });

  it('records the task\'s state in each event, so audit verify names a task changed without one', async () => {
    const issued = await app.inject({ method: 'POST', url: `/api/offices/${demo.offices['zmd-dept-0']}/field-tasks`, headers: { cookie: as.supervisor, 'content-type': 'application/json' }, payload: '{}' });
    expect(issued.statusCode, issued.body).toBe(201);
    const id = Number(issued.json().id);
    const checked = async () => (await verifyWorkItems(database.db)).find((r) => r.label === 'field task')!.problems.filter((p) => p.itemId === id);
    expect(await checked()).toEqual([]);
    expect((await post('handler', id, 'accept', { version: 1 })).statusCode).toBe(200);
    expect((await post('supervisor', id, 'note', { note: '带上检测仪' })).statusCode).toBe(200);
    expect(await checked()).toEqual([]);
    await database.db.execute(sql`update field_tasks set result = '已完成' where id = ${id}`);
    expect((await checked()).map((p) => p.message)).toEqual([`field task ${id}: its current state differs from its last event (event 3, note): changed without an event`]);
  });
});
