/**
 * The README's plan for Citus ("Sharding on Citus (on paper)") against the schema the
 * migrations build: every table is placed exactly once, and what it says of each distributed
 * table's columns is true today.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, sql, type Database } from '../../src/platform/db/engine.js';
import { migrate } from '../../src/platform/db/migrate.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const PLACEMENTS = ['reference', 'distributed, from `region_code` today', 'distributed, `shard_region` to add', 'coordinator'] as const;

/** The tables of each bullet between the citus markers, by the bullet's bold placement. */
function plan(): Map<string, string[]> {
  const block = /<!-- citus:begin -->([\s\S]*?)<!-- citus:end -->/.exec(README)?.[1];
  if (!block) throw new Error('README has no citus:begin … citus:end block');
  const placed = new Map<string, string[]>();
  for (const bullet of block.split(/\n- /).map((b) => b.trim()).filter(Boolean)) {
    const placement = /^\*\*(.+?)\*\*/.exec(bullet.replace(/^- /, ''))?.[1];
    if (!placement) throw new Error(`a bullet without a bold placement: ${bullet.slice(0, 60)}`);
    const names = [...bullet.slice(bullet.indexOf(':')).matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]);
    for (const name of names) placed.set(name, [...(placed.get(name) ?? []), placement]);
  }
  return placed;
}

describe('the Citus plan in the README', () => {
  let database: Database;
  let columns: Map<string, Set<string>>;
  beforeAll(async () => {
    database = await openDatabase({});
    await migrate(database);
    const rows = await queryRows<{ table: string; column: string }>(database.db, sql`
      select c.table_name as table, c.column_name as column from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`);
    columns = new Map();
    for (const r of rows) columns.set(r.table, (columns.get(r.table) ?? new Set()).add(r.column));
  });
  afterAll(() => database.close());

  it('places every table of the schema exactly once, and names no table the schema lacks', () => {
    const placed = plan();
    expect([...new Set([...placed.values()].flat())].sort()).toEqual([...PLACEMENTS].sort());
    expect([...placed.keys()].filter((t) => !columns.has(t)), 'named but not in the schema').toEqual([]);
    expect([...columns.keys()].filter((t) => !placed.has(t)), 'in the schema but not placed').toEqual([]);
    expect([...placed].filter(([, p]) => p.length > 1).map(([t]) => t), 'placed more than once').toEqual([]);
  });

  it('says true things of the distributed tables\' columns', () => {
    for (const [table, [placement]] of plan()) {
      if (placement === 'distributed, from `region_code` today') expect(columns.get(table)!.has('region_code'), table).toBe(true);
      if (placement === 'distributed, `shard_region` to add') expect(columns.get(table)!.has('shard_region'), table).toBe(false);
    }
  });
});
