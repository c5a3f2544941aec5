/**
 * Hotspot detection on years of appeals: HOTSPOT_CASES (default 10,000,000) cases over
 * HOTSPOT_WEEKS (156) weeks bulk-loaded with SQL into a throwaway PostgreSQL 15 server — seasonal
 * weekly rates per category and county, addresses, enterprises, search terms — with surges
 * planted in the last week: one category in one county, one address, one enterprise, and a
 * cluster of alike texts across categories. Then one detection run (`runDetection`, what the
 * job and `qinqing hotspots detect` run) against, in the same run, the plain group-by of the same
 * cases by office, category, region and week (the baseline: one scan, no detection). Checks that
 * every planted surge was found.
 */
import { openDatabase, queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { migrate } from '../src/platform/db/migrate.js';
import { ensureNationalRegions } from '../src/regions/reference-data.js';
import { operatorActor } from '../src/platform/actor.js';
import { loadDemoOrganisation } from '../src/demo/organisation.js';
import { loadDemoCatalogue } from '../src/demo/appeals.js';
import { installModules, MODULES } from '../src/app.js';
import { loadProactiveConfig } from '../src/proactive/config.js';
import { findSurges, runDetection } from '../src/proactive/detect.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { PG_BENCH_SETTINGS } from './cases-intake.bench.js';

const CASES = Number(process.env.HOTSPOT_CASES ?? 10_000_000);
const WEEKS = Number(process.env.HOTSPOT_WEEKS ?? 156);
const CHUNK = 250_000;
/** Detection runs on a Thursday noon in Beijing: the last week is four days old. */
const NOW = new Date('2026-12-03T12:00:00+08:00');
/** The Monday (Beijing) that starts the last week. */
const LAST_MONDAY = '2026-11-30';
const SURGE = { address: '驻马店市驿城区幸福家园小区', uscc: '91411702MA0000001X', terms: ['幸福', '家园', '小区', '车库', '积水', '倒灌', '排水', '水泵'] };

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Cases [from, to] in one statement. Each case's week is drawn so that every category × county
 * follows a yearly season (a sine over 52 weeks, its phase set by the category); the last week's
 * surge cases come after (see planted()).
 */
async function loadChunk(db: Database['db'], from: number, to: number, ref: { centre: number; regions: string[]; categories: number[] }) {
  // One seed per chunk: chunks drawn from the same seed would repeat each other case for case.
  await db.execute(sql`select setseed(${(Math.floor(from / CHUNK) % 1000) / 1000})`);
  await db.execute(sql.raw(`
    with r as (
      select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5 from generate_series(${from}, ${to}) g
    ), d as (
      select r.*, ('{${ref.categories.join(',')}}'::int[])[1 + floor(r1 * ${ref.categories.length})::int] as category_id,
        ('{${ref.regions.join(',')}}'::text[])[1 + floor(r2 * ${ref.regions.length})::int] as region_code,
        floor(r1 * ${ref.categories.length})::int as ci
      from r
    ), w as (
      -- A season without rejection: a uniform time x moved by a sine whose derivative stays below 1 (a monotone map), so each
      -- category's weekly density is a smooth ±50 % swing over 52 weeks; wrapped round the 156 weeks, three whole years.
      select d.*, (floor(r3 * ${WEEKS} + (52 / (2 * pi())) * 0.5 * sin(2 * pi() * (r3 * ${WEEKS} + ci * 5) / 52))::int % ${WEEKS} + ${WEEKS}) % ${WEEKS} as week
      from d
    )
    insert into cases (id, code, channel, type, priority, status, title, content, address, region_code, category_id, requester_kind, requester_phone, requester_uscc,
      intake_office_id, accepted_at, search_terms, last_event_hash)
    overriding system value
    select g, 'B' || lpad(g::text, 12, '0'), 'hotline', case when r4 < 0.02 then 'report' else 'complaint' end, 'normal', 'closed', '基准测试诉求', '批量生成的诉求',
      '驻马店市' || region_code || '路' || floor(r5 * 200000)::int || '号', region_code, category_id,
      case when r4 > 0.9 then 'enterprise' else 'person' end, '139' || lpad(floor(r5 * 1e8)::bigint::text, 8, '0'),
      case when r4 > 0.9 then '914117' || lpad(floor(r5 * 5000)::int::text, 11, '0') || 'X' end,
      ${ref.centre}, (date '${LAST_MONDAY}' - 7 * (${WEEKS - 1} - week))::timestamp at time zone 'Asia/Shanghai' + (r4 * interval '7 days'),
      array['问题', '反映', 'c' || category_id, 'w' || floor(r5 * 5000)::int, 'v' || floor(r3 * 3000)::int], 'bench'
    from w`));
}

/** The surges of the last week: a category in one county, an address, an enterprise and alike texts across four categories. */
async function planted(db: Database['db'], first: number, ref: { centre: number; categories: number[] }) {
  const rows: string[] = [];
  let id = first;
  const add = (category: number, region: string, address: string, uscc: string | null, terms: string[], n: number) => {
    for (let i = 0; i < n; i++, id++) {
      rows.push(`(${id}, 'S${String(id).padStart(12, '0')}', 'hotline', 'complaint', 'normal', 'accepted', '集中反映', '集中反映的问题', '${address}', '${region}', ${category},
        '${uscc ? 'enterprise' : 'person'}', ${uscc ? `'${uscc}'` : 'null'}, ${ref.centre}, timestamptz '${LAST_MONDAY} 09:00+08' + interval '${(i * 7) % 72} hours', '{${terms.join(',')}}', 'bench')`);
    }
  };
  const weekly = CASES / WEEKS / (ref.categories.length * 10);
  add(ref.categories[3], '411702', '驻马店市驿城区人民路1号', null, ['问题'], Math.max(15, Math.round(weekly * 3)));
  add(ref.categories[5], '411721', SURGE.address, null, ['问题'], 12);
  add(ref.categories[7], '411722', '驻马店市上蔡县工业园', SURGE.uscc, ['问题'], 12);
  ref.categories.slice(10, 14).forEach((c, i) => add(c, '411723', `驻马店市平舆县清河路${i}号`, null, SURGE.terms, 3));
  await db.execute(sql.raw(`insert into cases (id, code, channel, type, priority, status, title, content, address, region_code, category_id, requester_kind, requester_uscc,
    intake_office_id, accepted_at, search_terms, last_event_hash) overriding system value values ${rows.join(',\n')}`));
  return id - first;
}

export async function run() {
  installModules(MODULES);
  const server = await startPostgresServer({ settings: { ...PG_BENCH_SETTINGS, shared_buffers: '2GB', work_mem: '256MB', maintenance_work_mem: '1GB', max_wal_size: '32GB', checkpoint_timeout: '30min' } });
  try {
    const url = await server.createDatabase('hotspots');
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await migrate(database);
    await ensureNationalRegions(database.db);
    const org = await loadDemoOrganisation(database.db, operatorActor());
    await loadDemoCatalogue(database.db, operatorActor(), org);
    const categories = (await queryRows<{ id: number }>(database.db, sql`select id from case_categories where parent_id is not null order by id`)).map((c) => c.id);
    const regions = (await queryRows<{ code: string }>(database.db, sql`select code from regions where parent_code = '411700' order by code`)).map((r) => r.code);
    const ref = { centre: org.offices['zmd-centre'], regions, categories };
    console.log(`${CASES.toLocaleString('en')} cases over ${WEEKS} weeks to the week of ${LAST_MONDAY}; ${categories.length} leaf categories × ${regions.length} counties`);

    const indexes = await queryRows<{ name: string; def: string }>(database.db, sql`select indexname as name, indexdef as def from pg_indexes
      where tablename = 'cases' and indexname not in (select conname from pg_constraint)`);
    for (const i of indexes) await database.db.execute(sql.raw(`drop index ${i.name}`));
    let t0 = Date.now();
    for (let from = 1; from <= CASES; from += CHUNK) {
      await loadChunk(database.db, from, Math.min(CASES, from + CHUNK - 1), ref);
      process.stderr.write(`\rbulk load: ${Math.min(CASES, from + CHUNK - 1).toLocaleString('en')} cases (${secs(Date.now() - t0)})`);
    }
    process.stderr.write('\n');
    const surgeCases = await planted(database.db, CASES + 1, ref);
    const loaded = Date.now() - t0;
    for (const i of indexes) await database.db.execute(sql.raw(i.def));
    await database.db.execute(sql.raw(`select setval(pg_get_serial_sequence('cases', 'id'), ${CASES + surgeCases})`));
    await database.db.execute(sql`vacuum analyze cases`);
    console.log(`bulk load (SQL): ${(CASES + surgeCases).toLocaleString('en')} cases (${surgeCases} planted) in ${secs(loaded)}; ${indexes.length} indexes rebuilt, analysed: ${secs(Date.now() - t0)} in all`);

    // The baseline: the same cases grouped by office, category, region and week, as a report would, once warm.
    const baseline = async () => {
      const t = performance.now();
      const rows = await queryRows(database.db, sql`select intake_office_id, category_id, region_code, date_trunc('week', accepted_at at time zone 'Asia/Shanghai') as week, count(*)
        from cases group by 1, 2, 3, 4`);
      return { ms: performance.now() - t, rows: rows.length };
    };
    await baseline();
    const plain = await baseline();

    const config = loadProactiveConfig({});
    const surgeStarted = performance.now();
    const surges = await findSurges(database.db, config, NOW);
    const surgeMs = performance.now() - surgeStarted;
    t0 = Date.now();
    const result = await runDetection(database.db, config, { now: NOW, force: true });
    const detectMs = Date.now() - t0;
    const found = await queryRows<{ kind: string; category_id: number | null; region_code: string | null; address: string | null; uscc: string | null; observed: number }>(database.db,
      sql`select kind, category_id, region_code, address, uscc, observed from hotspots where week_start = ${LAST_MONDAY}::date`);
    const has = (p: (h: (typeof found)[number]) => boolean, what: string) => {
      if (!found.some(p)) throw new Error(`the planted ${what} was not found`);
    };
    has((h) => h.kind === 'category_region' && h.category_id === categories[3] && h.region_code === '411702', 'category × county surge');
    has((h) => h.kind === 'address' && h.address === SURGE.address, 'address surge');
    has((h) => h.kind === 'enterprise' && h.uscc === SURGE.uscc, 'enterprise surge');
    has((h) => h.kind === 'text_cluster' && h.observed >= 12, 'cluster of alike texts');

    console.log('\n| step | time | note |\n|---|---|---|');
    console.log(`| plain group-by (baseline) | ${secs(plain.ms)} | ${plain.rows.toLocaleString('en')} office × category × region × week rows |`);
    console.log(`| series read and tested (findSurges) | ${secs(surgeMs)} | ${surges.series.toLocaleString('en')} series, ${surges.found.length} surges |`);
    console.log(`| hotspot detection (runDetection) | ${secs(detectMs)} | ${result.series.toLocaleString('en')} series tested over 2 weeks, ${result.found} findings, ${result.created} hotspots written |`);
    console.log(`\ndetection / plain group-by: ${(detectMs / plain.ms).toFixed(2)}×; all four planted surges found; ${found.length} hotspots in the last week`);
    await database.close();
  } finally {
    await server.stop();
  }
}
