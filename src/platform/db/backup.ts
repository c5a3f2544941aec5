import { createReadStream, createWriteStream, fchmodSync, openSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Database, ScriptSession } from './engine.js';
import { listMigrations } from './migrate.js';

/**
 * Logical backup that works the same on PGlite and a PostgreSQL server: a gzip'd file of JSON
 * lines — a header naming the migrations the data belongs to, then each table's rows read in
 * one snapshot. Restore replaces everything in a database at the same migration level in one
 * transaction, so it either fully succeeds or leaves the database as it was.
 *
 * Format 2 (written now): each table's line names its columns, and each row is a JSON array of
 * the columns' PostgreSQL text forms, `null` for SQL NULL — so a jsonb JSON `null` (the text
 * "null") and SQL NULL stay apart, and bytea, timestamps, numeric, arrays and any text come back
 * exactly through the type's own input. The text forms are read and parsed under fixed settings
 * (ISO dates, UTC, hex bytea, exact floats), the same on both engines. Format 1 (row_to_json
 * objects) is still restored as it always was: it cannot tell a JSON null from SQL NULL, so
 * such values come back as SQL NULL.
 */
const FORMAT = 'qinqing-backup/2';
const FORMAT_1 = 'qinqing-backup/1';
const BATCH = 2000;

/** Output and input of the text forms, the same whatever the server's or the session's defaults. */
const TEXT_SETTINGS = `set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'; set local timezone = 'UTC';
  set local bytea_output = 'hex'; set local extra_float_digits = 3`;

interface Column {
  name: string;
  /** The column's type as a cast names it (`timestamp with time zone`, `integer[]`). */
  type: string;
}

interface TableInfo {
  name: string;
  columns: Column[];
  identity: string[];
  selfRefs: { column: string; references: string }[];
}

async function tables(s: ScriptSession): Promise<TableInfo[]> {
  const rows = await s.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations' and not c.relispartition order by c.relname`);
  const deps = await s.query<{ child: string; parent: string; child_col: string; parent_col: string }>(`
    select cl.relname as child, pl.relname as parent, a.attname as child_col, pa.attname as parent_col
    from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class pl on pl.oid = k.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
    where k.contype = 'f' and n.nspname = 'public'`);
  const identity = await s.query<{ table_name: string; column_name: string }>(`select table_name, column_name from information_schema.columns
    where table_schema = 'public' and is_identity = 'YES'`);
  const columns = await s.query<{ table_name: string; name: string; type: string }>(`select c.relname as table_name, a.attname as name,
      format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by c.relname, a.attnum`);
  // Parents before children, so foreign keys hold row by row on restore.
  const names = rows.map((r) => r.name);
  const ordered: string[] = [];
  const visit = (t: string, stack: Set<string>) => {
    if (ordered.includes(t) || stack.has(t)) return;
    stack.add(t);
    for (const d of deps.filter((d) => d.child === t && d.parent !== t)) visit(d.parent, stack);
    ordered.push(t);
  };
  for (const t of names) visit(t, new Set());
  return ordered.map((name) => ({
    name,
    columns: columns.filter((c) => c.table_name === name).map(({ name, type }) => ({ name, type })),
    identity: identity.filter((i) => i.table_name === name).map((i) => i.column_name),
    selfRefs: deps.filter((d) => d.child === name && d.parent === name).map((d) => ({ column: d.child_col, references: d.parent_col })),
  }));
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function backupDatabase(database: Database, file: string, progress?: (table: string, rows: number) => void): Promise<{ tables: number; rows: number }> {
  const out = createGzip();
  // The file holds password hashes and reporters' identities: readable by its owner only, also when it replaces an older one.
  const fd = openSync(file, 'w', 0o600);
  fchmodSync(fd, 0o600);
  const sink = out.pipe(createWriteStream(file, { fd }));
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  let total = 0;
  const list = await database.session(async (s) => {
    await s.exec(`begin transaction isolation level repeatable read read only; ${TEXT_SETTINGS}`);
    try {
      const applied = (await s.query<{ id: string }>('select id from schema_migrations order by version, id')).map((r) => r.id);
      const list = await tables(s);
      await write(JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), migrations: applied, tables: list.map((t) => t.name) }));
      for (const t of list) {
        await write(JSON.stringify({ table: t.name, columns: t.columns.map((c) => c.name) }));
        const texts = t.columns.map((c) => `t.${quoteIdent(c.name)}::text`).join(', ');
        // An array constructor, not json_build_array: that takes at most 100 arguments.
        await s.exec(`declare backup_cursor no scroll cursor for select to_json(array[${texts}]::text[])::text as r from ${quoteIdent(t.name)} t`);
        let n = 0;
        for (;;) {
          const rows = await s.query<{ r: string }>(`fetch ${BATCH} from backup_cursor`);
          if (rows.length === 0) break;
          for (const row of rows) await write(row.r);
          n += rows.length;
          progress?.(t.name, n);
        }
        await s.exec('close backup_cursor');
        total += n;
      }
      return list;
    } finally {
      await s.exec('commit');
    }
  });
  out.end();
  await once(sink, 'finish');
  return { tables: list.length, rows: total };
}

export async function restoreDatabase(database: Database, file: string, progress?: (table: string, rows: number) => void): Promise<{ tables: number; rows: number }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : JSON.parse(first.value);
  if (!header || (header.format !== FORMAT && header.format !== FORMAT_1)) throw new Error(`${file} is not a Qinqing backup (${FORMAT} or ${FORMAT_1})`);
  const textForms = header.format === FORMAT;
  return database.session(async (s) => {
    const applied = (await s.query<{ id: string }>('select id from schema_migrations order by version, id')).map((r) => r.id);
    const known = new Set(listMigrations().map((m) => m.id));
    const unknown = (header.migrations as string[]).filter((m) => !known.has(m));
    if (unknown.length) throw new Error(`the backup comes from a newer Qinqing (migrations ${unknown.join(', ')}); upgrade first`);
    if (applied.join() !== (header.migrations as string[]).join()) {
      throw new Error(`the backup was taken at another schema version (${header.migrations.length} migrations, this database has ${applied.length}); restore into a database at the same version`);
    }
    const list = await tables(s);
    const byName = new Map(list.map((t) => [t.name, t]));
    await s.exec(`begin; ${TEXT_SETTINGS}`);
    try {
      await s.exec(`truncate ${list.map((t) => quoteIdent(t.name)).join(', ')}`);
      let total = 0;
      let current: TableInfo | null = null;
      // Format 2: the file's columns of the current table, each with this database's type.
      let columns: Column[] = [];
      let pending: Row[] = [];
      const flush = async () => {
        if (!current || pending.length === 0) return;
        const at = new Map(columns.map((c, i) => [c.name, i]));
        const rows = current.selfRefs.length ? parentsFirst(pending, current.selfRefs, textForms ? (row, c) => (row as unknown[])[at.get(c)!] : (row, c) => (row as Record<string, unknown>)[c]) : pending;
        const overriding = current.identity.length ? 'overriding system value' : '';
        for (let i = 0; i < rows.length; i += BATCH) {
          const batch = [JSON.stringify(rows.slice(i, i + BATCH))];
          if (textForms) {
            await s.query(`insert into ${quoteIdent(current.name)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) ${overriding}
              select ${columns.map((c, n) => `(r ->> ${n})::${c.type}`).join(', ')} from json_array_elements($1::json) as r`, batch);
          } else {
            await s.query(`insert into ${quoteIdent(current.name)} ${overriding}
              select * from json_populate_recordset(null::${quoteIdent(current.name)}, $1::json)`, batch);
          }
        }
        total += pending.length;
        progress?.(current.name, pending.length);
        pending = [];
      };
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const value = JSON.parse(next.value);
        if (!Array.isArray(value) && typeof value.table === 'string' && Object.keys(value).length === (textForms ? 2 : 1)) {
          await flush();
          current = byName.get(value.table) ?? null;
          if (!current) throw new Error(`the backup has a table ${value.table} this database does not`);
          if (textForms) {
            const types = new Map(current.columns.map((c) => [c.name, c.type]));
            const missing = (value.columns as string[]).filter((c) => !types.has(c));
            if (missing.length) throw new Error(`the backup's table ${value.table} has columns this database's does not: ${missing.join(', ')}`);
            columns = (value.columns as string[]).map((name) => ({ name, type: types.get(name)! }));
          }
          continue;
        }
        pending.push(value);
        // Tables without a self-reference stream in batches; self-referencing trees are sorted whole.
        if (current && !current.selfRefs.length && pending.length >= BATCH) await flush();
      }
      await flush();
      for (const t of list) {
        for (const col of t.identity) {
          await s.query(`select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quoteIdent(col)}) from ${quoteIdent(t.name)}), 0) + 1, false)`, [t.name, col]);
        }
      }
      await s.exec('commit');
      return { tables: list.length, rows: total };
    } catch (err) {
      await s.exec('rollback');
      throw err;
    }
  });
}

/** A row as the file holds it: the columns' text forms in order (format 2) or a row_to_json object (format 1). */
type Row = unknown[] | Record<string, unknown>;

/** Orders rows of a tree table so every row comes after the row it references; `get` reads a column of a row. */
function parentsFirst(rows: Row[], refs: { column: string; references: string }[], get: (row: Row, column: string) => unknown): Row[] {
  const placed = new Set<unknown>();
  const out: Row[] = [];
  let remaining = rows;
  while (remaining.length) {
    const next: Row[] = [];
    for (const row of remaining) {
      const ready = refs.every((r) => get(row, r.column) === null || get(row, r.column) === undefined || placed.has(`${r.references}:${get(row, r.column)}`));
      if (ready) {
        out.push(row);
        for (const r of refs) placed.add(`${r.references}:${get(row, r.references)}`);
      } else next.push(row);
    }
    if (next.length === remaining.length) throw new Error('the backup holds a reference cycle or a dangling reference');
    remaining = next;
  }
  return out;
}
