/**
 * A backup restores every table exactly: SQL NULL and JSON null stay apart (the audit trail's
 * `before` of a creation is JSON null), and bytea, timestamps, numeric, floats, intervals,
 * arrays and text with odd characters come back as they were — across engines too. A file of
 * the first format still restores.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { preparedDatabase } from '../../../test/support/engines.js';
import { prepareNewInstallation } from '../../cli/setup.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import type { Database } from './engine.js';

const dir = mkdtempSync(join(tmpdir(), 'qinqing-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values that a lossy encoding would change, each in its own column type. */
const EDGE_TABLE = `create table backup_edge (
  id integer generated always as identity primary key, j jsonb, js json, b bytea, tz timestamptz, ts timestamp, d date,
  n numeric, f float8, r real, iv interval, texts text[], ints integer[], words text, u uuid, flag boolean)`;
const EDGE_ROWS = `insert into backup_edge (j, js, b, tz, ts, d, n, f, r, iv, texts, ints, words, u, flag) values
  ('null', '{"a": 1,  "a": 2}', '\\x00ff0a5c27', '2026-12-03 01:02:03.456789+08', '2026-12-03 01:02:03.000001', '2026-02-28',
    12345678901234567890.123456789000, 0.1, 3.4028235e38, '1 year 2 mons 3 days 04:05:06.789', '{"a,b","NULL",NULL,"\\"q\\"","{x}"}', '{1,NULL,-3}',
    E'行一\\n\\t"引号" \\\\ 反斜杠 \\r\\n 😀 \\u2028 end', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', false),
  (null, 'null', '\\x', 'infinity', '-infinity', 'infinity', 'NaN', '-0', 'NaN', '-1 days +00:00:00.000001', '{}', '{}', '', null, null),
  ('{"a": null, "b": [null, 1.50, "x"]}', null, null, '1900-01-01 00:00:00+00', null, '0001-01-01 BC', -0.000000000000000000001, 'Infinity', '-Infinity', null,
    '{""}', null, 'null', null, true),
  ('"null"', '"null"', '\\x6e756c6c', null, null, null, null, 1e308, 1.17549435e-38, '0', null, null, null, null, null)`;

/** Each table's row count and the MD5 of its rows' text, sorted bytewise, read under the same settings on either engine. */
async function contents(database: Database): Promise<Record<string, string>> {
  return database.session(async (s) => {
    await s.exec(`begin; set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'; set local extra_float_digits = 3; set local bytea_output = 'hex'`);
    try {
      const tables = await s.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations' order by c.relname`);
      const out: Record<string, string> = {};
      for (const { name } of tables) {
        const [r] = await s.query<{ n: number; md5: string }>(`select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate "C"), '')) as md5 from "${name}" t`);
        out[name] = `${r.n} ${r.md5}`;
      }
      return out;
    } finally {
      await s.exec('commit');
    }
  });
}

describe('backup and restore, exactly', () => {
  for (const [from, to] of [['pglite', 'postgres'], ['postgres', 'pglite']] as const) {
    it(`restores a ${from} database with demo data and history into ${to} with every table's content unchanged`, { timeout: 180_000 }, async () => {
      const source = await preparedDatabase(from);
      const target = await preparedDatabase(to);
      try {
        await prepareNewInstallation(source, true, () => {}, { cases: 20, months: 1, seed: 7 });
        await source.session((s) => s.exec(`${EDGE_TABLE}; ${EDGE_ROWS}`));
        await target.session((s) => s.exec(EDGE_TABLE));
        const file = join(dir, `${from}-${to}.jsonl.gz`);
        await backupDatabase(source, file);
        expect(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0])).toMatchObject({ format: 'qinqing-backup/2' });
        await restoreDatabase(target, file);
        const before = await contents(source);
        // JSON nulls in the audit trail: the case SQL NULL must not swallow.
        const [{ n }] = await source.session((s) => s.query<{ n: number }>(`select count(*)::int as n from audit_events where before = 'null'::jsonb`));
        expect(n).toBeGreaterThan(0);
        expect(await contents(target)).toEqual(before);
        expect(before.backup_edge).toMatch(/^4 /);
      } finally {
        await source.close();
        await target.close();
      }
    });
  }

  it('restores a file of the first format (row_to_json objects), as it always did', async () => {
    const target = await preparedDatabase('pglite');
    try {
      const migrations = (await target.session((s) => s.query<{ id: string }>('select id from schema_migrations order by version, id'))).map((r) => r.id);
      const file = join(dir, 'format-1.jsonl.gz');
      writeFileSync(file, gzipSync([
        { format: 'qinqing-backup/1', createdAt: '2026-11-30T00:00:00.000Z', migrations, tables: ['regions'] },
        { table: 'regions' },
        { code: '411700', name: '驻马店市', level: 'city', parent_code: '410000', source: 'gb2260', created_at: '2026-11-30T08:00:00+08:00' },
        { code: '410000', name: '河南省', level: 'province', parent_code: null, source: 'gb2260', created_at: '2026-11-30T08:00:00+08:00' },
      ].map((l) => JSON.stringify(l)).join('\n') + '\n'));
      expect(await restoreDatabase(target, file)).toMatchObject({ rows: 2 });
      const regions = await target.session((s) => s.query<{ code: string; name: string; parent_code: string | null }>('select code, name, parent_code from regions order by code'));
      expect(regions).toEqual([{ code: '410000', name: '河南省', parent_code: null }, { code: '411700', name: '驻马店市', parent_code: '410000' }]);
    } finally {
      await target.close();
    }
  });
});
