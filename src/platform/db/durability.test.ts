/**
 * A commit on the embedded engine is on disk before it is answered: PostgreSQL inside PGlite runs
 * with fsync on and its syncs reach the host's files (engine.ts SyncingNodeFS). Counted at the
 * host's fsync, which the engine calls through the `fs` module object this test watches.
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, sql, type Database } from './engine.js';

describe('the embedded engine on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinqing-durability-'));
  const realSync = fs.fsyncSync;
  let syncs = 0;
  let database: Database;

  beforeAll(async () => {
    fs.fsyncSync = (fd) => {
      syncs += 1;
      realSync(fd);
    };
    database = await openDatabase({ dataDir: dir });
    await database.db.execute(sql`create table appeals (id serial primary key, title text not null)`);
  });
  afterAll(async () => {
    await database.close();
    fs.fsyncSync = realSync;
    rmSync(dir, { recursive: true, force: true });
  });

  const counting = async (fn: () => Promise<unknown>) => {
    const before = syncs;
    await fn();
    return syncs - before;
  };

  it('runs PostgreSQL with fsync on, syncing the WAL with fsync()', async () => {
    const settings = await queryRows<{ name: string; setting: string }>(database.db, sql`select name, setting from pg_settings where name in ('fsync', 'wal_sync_method', 'synchronous_commit') order by name`);
    expect(settings).toEqual([{ name: 'fsync', setting: 'on' }, { name: 'synchronous_commit', setting: 'on' }, { name: 'wal_sync_method', setting: 'fsync' }]);
  });

  it('syncs every commit to disk before it returns, once per transaction, and never for a read', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect(await counting(() => database.db.execute(sql`insert into appeals (title) values (${`诉求 ${i}`})`)), `commit ${i}`).toBeGreaterThanOrEqual(1);
    }
    const batch = await counting(() => database.db.transaction(async (tx) => {
      for (let i = 0; i < 50; i += 1) await tx.execute(sql`insert into appeals (title) values ('同一批')`);
    }));
    expect(batch).toBeGreaterThanOrEqual(1);
    expect(batch).toBeLessThanOrEqual(2);
    expect(await counting(() => queryRows(database.db, sql`select count(*)::int as n from appeals`))).toBe(0);
  });

  it('keeps the server\'s queries out of a session\'s own transaction (a live backup, a migration)', async () => {
    let inside!: () => void;
    const begun = new Promise<void>((r) => (inside = r));
    const session = database.session(async (s) => {
      await s.exec('begin');
      await s.exec(`insert into appeals (title) values ('会话内，回滚')`);
      inside();
      await new Promise((r) => setTimeout(r, 200));
      await s.exec('rollback');
    });
    await begun;
    await database.db.execute(sql`insert into appeals (title) values ('会话外，提交')`);
    await session;
    const titles = (await queryRows<{ title: string }>(database.db, sql`select title from appeals where title like '会话%'`)).map((r) => r.title);
    expect(titles).toEqual(['会话外，提交']);
  });

  it('leaves an in-memory database alone (nothing to sync)', async () => {
    const memory = await openDatabase({});
    try {
      expect(await counting(() => memory.db.execute(sql`create table t (id int)`))).toBe(0);
      expect((await queryRows<{ setting: string }>(memory.db, sql`select setting from pg_settings where name = 'fsync'`))[0].setting).toBe('off');
    } finally {
      await memory.close();
    }
  });
});
