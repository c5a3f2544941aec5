import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, preparedDatabase } from '../../test/support/engines.js';
import { queryRows, sql, type Database, type Db } from '../platform/db/engine.js';
import { operatorActor, type Actor } from '../platform/actor.js';
import { loadDemoOrganisation } from '../demo/organisation.js';
import { prepareCase, type IntakeInput, type PreparedCase } from './commands/createCase.js';
import { IntakeBatcher } from './intake-batcher.js';
import { verifyCaseChains } from './verify.js';

const appeal = (title: string): IntakeInput => ({
  channel: 'hotline', type: 'complaint', title, content: '驿城区某小区旁工地每晚十点后仍在施工，噪音很大，影响休息。',
  address: '驻马店市驿城区人民街道', regionCode: '411702', requester: { kind: 'person', name: '陈先生', phone: '13812345678' },
});

describe.each(ENGINES)('group commit of intake on %s', (engine) => {
  let database: Database;
  let agent: Actor;
  beforeAll(async () => {
    database = await preparedDatabase(engine);
    await loadDemoOrganisation(database.db, operatorActor());
    const [u] = await queryRows<{ id: number; office_id: number; path: string }>(database.db,
      sql`select u.id, u.office_id, o.path from users u join offices o on o.id = u.office_id where u.username = 'agent'`);
    agent = { userId: u.id, name: 'agent', roles: ['agent'], officeId: u.office_id, officePath: u.path, enterpriseUscc: null };
  });
  afterAll(() => database.close());

  const prepare = (title: string) => prepareCase(database.db, agent, appeal(title));
  const titlesOf = async (prefix: string) =>
    (await queryRows<{ title: string }>(database.db, sql`select title from cases where title like ${`${prefix}%`} order by title`)).map((r) => r.title);

  it('writes appeals arriving together in few statements, each with its own id, code and first event', async () => {
    const batcher = new IntakeBatcher(database.db, { maxInFlight: 2, maxBatch: 50 });
    const prepared = await Promise.all(Array.from({ length: 120 }, (_, i) => prepare(`并发受理 ${String(i).padStart(3, '0')}`)));
    let statements = 0;
    const counting = new Proxy(database.db, {
      get: (target, key) => (key === 'execute' ? (...args: unknown[]) => (statements++, Reflect.apply(target.execute, target, args)) : Reflect.get(target, key)),
    }) as Db;
    const counted = new IntakeBatcher(counting, { maxInFlight: 2, maxBatch: 50 });
    const created = await Promise.all(prepared.map((p, i) => (i % 2 ? batcher : counted).submit(p)));
    expect(new Set(created.map((c) => c.id)).size).toBe(120);
    expect(new Set(created.map((c) => c.code)).size).toBe(120);
    // 60 appeals through `counted`, at most 50 a batch: two inserts and their id queries, not 60.
    expect(statements).toBeLessThanOrEqual(4);
    expect(await titlesOf('并发受理 ')).toHaveLength(120);
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases c join case_events e on e.case_id = c.id and e.seq = 1 where c.title like '并发受理 %'`);
    expect(n).toBe(120);
    expect((await verifyCaseChains(database.db)).ok).toBe(true);
  });

  it('fails only the appeal the database refuses; the others of its batch are written', async () => {
    const batcher = new IntakeBatcher(database.db, { maxInFlight: 1, maxBatch: 200 });
    const prepared = await Promise.all(Array.from({ length: 10 }, (_, i) => prepare(`一个坏诉求 ${i}`)));
    // An office that does not exist: a foreign-key violation only the database notices.
    const bad: PreparedCase = { ...prepared[4], row: { ...prepared[4].row, intakeOfficeId: 987654 } };
    const results = await Promise.allSettled(prepared.map((p, i) => batcher.submit(i === 4 ? bad : p)));
    expect(results.map((r) => r.status)).toEqual(prepared.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    expect(await titlesOf('一个坏诉求 ')).toEqual(prepared.filter((_, i) => i !== 4).map((p) => p.row.title));
  });

  it('does not retry a batch whose connection failed: it may have committed, and a retry could write it twice', async () => {
    let inserts = 0;
    const failing = new Proxy(database.db, {
      get: (target, key) => key !== 'execute' ? Reflect.get(target, key) : async (query: unknown) => {
        const result: unknown = await Reflect.apply(target.execute, target, [query]);
        if (++inserts > 1) throw new Error('Connection terminated unexpectedly'); // the id query passes, the insert "fails" after running
        return result;
      },
    }) as Db;
    const batcher = new IntakeBatcher(failing, { maxInFlight: 1, maxBatch: 200 });
    const prepared = await Promise.all(Array.from({ length: 5 }, (_, i) => prepare(`连接中断 ${i}`)));
    const results = await Promise.allSettled(prepared.map((p) => batcher.submit(p)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(inserts).toBe(2);
    // The insert did commit: each appeal once, none twice.
    expect(await titlesOf('连接中断 ')).toEqual(prepared.map((p) => p.row.title));
  });
});
