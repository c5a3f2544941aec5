import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, emptyDatabase, newServerDatabase, preparedDatabase } from '../../../test/support/engines.js';
import { listMigrations, migrate } from './migrate.js';
import { openDatabase, queryRows, sql, type Database } from './engine.js';
import { ensureNationalRegions } from '../../regions/reference-data.js';
import { prepareNewInstallation } from '../../cli/setup.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { operatorActor } from '../actor.js';
import { createOffice } from '../../offices/commands/createOffice.js';
import { updateOffice } from '../../offices/commands/updateOffice.js';
import { verifyAuditTrail } from '../../audit/verify.js';

const count = async (database: Database, table: string) =>
  (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0].n;

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('applies every migration once; a second start applies none and loads no second demo', async () => {
    const database = await emptyDatabase(engine);
    try {
      const first = await migrate(database);
      expect(first).toEqual(listMigrations().map((m) => m.id));
      expect(await migrate(database)).toEqual([]);
      await ensureNationalRegions(database.db);
      expect(await ensureNationalRegions(database.db)).toBe(0);
      await prepareNewInstallation(database, true, () => {});
      const offices = await count(database, 'offices');
      await prepareNewInstallation(database, true, () => {});
      expect(await count(database, 'offices')).toBe(offices);
      expect(await count(database, 'schema_migrations')).toBe(first.length);
    } finally {
      await database.close();
    }
  });
});

describe('migrations on a shared server', () => {
  it('two processes starting at once apply each migration exactly once', async () => {
    // Two pools on one database, as two server processes would have.
    const url = await newServerDatabase();
    const a = await openDatabase({ databaseUrl: url });
    const b = await openDatabase({ databaseUrl: url });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb].sort()).toEqual(listMigrations().map((m) => m.id).sort());
      expect(await count(a, 'schema_migrations')).toBe(listMigrations().length);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinqing-backup-'));

  async function populated(engine: (typeof ENGINES)[number]) {
    const database = await preparedDatabase(engine);
    await prepareNewInstallation(database, true, () => {});
    // A moved office: its parent now has a higher id than itself, which restore must order right.
    const actor = operatorActor();
    const late = await createOffice(database.db, actor, { name: '后建单位', kind: 'department', regionCode: '411700', parentId: 1 });
    await updateOffice(database.db, actor, 3, { version: 1, parentId: late.id });
    return database;
  }

  for (const [from, to] of [['pglite', 'pglite'], ['postgres', 'postgres'], ['pglite', 'postgres'], ['postgres', 'pglite']] as const) {
    it(`restores a ${from} backup into ${to} with every row, the identity counters and an intact audit chain`, async () => {
      const source = await populated(from);
      const target = await preparedDatabase(to);
      const file = join(dir, `${from}-${to}.jsonl.gz`);
      try {
        const written = await backupDatabase(source, file);
        // Password hashes and reporters' identities: the owner's only.
        expect(statSync(file).mode & 0o777).toBe(0o600);
        await createOffice(target.db, operatorActor(), { name: '将被覆盖', kind: 'hotline_centre', regionCode: '410100', parentId: null });
        const restored = await restoreDatabase(target, file);
        expect(restored.rows).toBe(written.rows);
        for (const table of ['offices', 'users', 'regions', 'audit_events', 'calendar_settings']) {
          expect(await count(target, table), table).toBe(await count(source, table));
        }
        expect(await verifyAuditTrail(target.db)).toMatchObject({ ok: true });
        // New rows continue after the restored ids, and are audited onto the restored chain.
        const next = await createOffice(target.db, operatorActor(), { name: '恢复后新建', kind: 'department', regionCode: '411700', parentId: 1 });
        expect(next.id).toBeGreaterThan(await count(source, 'offices'));
        expect(await verifyAuditTrail(target.db)).toMatchObject({ ok: true });
      } finally {
        await source.close();
        await target.close();
      }
    });
  }

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const target = await preparedDatabase('pglite');
    const file = join(dir, 'not-a-backup.gz');
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, gzipSync('{"hello":"world"}\n'));
    try {
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not a Qinqing backup/);
      expect(await count(target, 'regions')).toBeGreaterThan(3000);
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
