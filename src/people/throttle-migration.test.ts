// Migration 2026120301 moves the account-wide failure count and lock from users into
// login_throttle. A database in service may hold an account locked right now: it stays locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, emptyDatabase } from '../../test/support/engines.js';
import { migrate } from '../platform/db/migrate.js';
import { queryRows, sql, type Database } from '../platform/db/engine.js';
import { lockOf } from './throttle.js';

const THROTTLE = '2026120301';

describe.each(ENGINES)('log-in throttle migration on %s', (engine) => {
  let database: Database;
  const inForce = new Date(Date.now() + 10 * 60_000);
  beforeAll(async () => {
    database = await emptyDatabase(engine);
    await migrate(database, undefined, { before: THROTTLE });
    // Rows as the code before wrote them: one account locked now, one with failures, one whose lock is over, one clean.
    await queryRows(database.db, sql`insert into users (username, name, password_hash, roles, failed_logins, locked_until) values
      ('Locked.Now', '锁定', 'x', '{agent}', 0, ${inForce.toISOString()}::timestamptz),
      ('tried', '试过', 'x', '{agent}', 3, null),
      ('was.locked', '曾锁', 'x', '{agent}', 0, now() - interval '1 hour'),
      ('clean', '无', 'x', '{agent}', 0, null)`);
    expect((await migrate(database))[0]).toBe('people/2026120301_login_throttle.sql');
  });
  afterAll(() => database.close());

  it('keeps a lock in force and the counts, for every client, and leaves the users table without them', async () => {
    const rows = await queryRows<{ username: string; client: string; failures: number }>(database.db, sql`select username, client, failures from login_throttle order by username`);
    expect(rows).toEqual([{ username: 'locked.now', client: '*', failures: 0 }, { username: 'tried', client: '*', failures: 3 }]);
    expect(await lockOf(database.db, 'locked.now', '10.6.0.1')).toEqual(inForce);
    expect(await lockOf(database.db, 'tried', '10.6.0.1')).toBeNull();
    const columns = await queryRows<{ column_name: string }>(database.db, sql`select column_name from information_schema.columns where table_name = 'users' and column_name in ('failed_logins', 'locked_until')`);
    expect(columns).toEqual([]);
  });
});
