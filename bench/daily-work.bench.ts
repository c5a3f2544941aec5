/**
 * The daily work of agents and handlers on years of appeals: DAILY_CASES (default 10,000,000)
 * cases over 36 months bulk-loaded by case-history.ts, and DAILY_ARTICLES (100,000) knowledge
 * articles, into a throwaway PostgreSQL 15 server. Then, through the HTTP API with logged-in
 * users, each piece of an agent's and a handler's day — beside, in the same run, a plain index
 * lookup or scan of the same data (the baseline): p50/p95/p99 against the issue's p95 targets.
 */
import type { FastifyInstance } from 'fastify';
import { openDatabase, queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { migrate } from '../src/platform/db/migrate.js';
import { ensureNationalRegions } from '../src/regions/reference-data.js';
import { operatorActor } from '../src/platform/actor.js';
import { loadDemoOrganisation, DEMO_PASSWORD } from '../src/demo/organisation.js';
import { loadDemoCatalogue } from '../src/demo/appeals.js';
import { loadDemoKnowledge } from '../src/knowledge/index.js';
import { articleSearchColumns } from '../src/knowledge/search-terms.js';
import { TOPICS } from '../src/demo/history/content.js';
import { queryTerms } from '../src/platform/search/terms.js';
import { loadConfig } from '../src/platform/config.js';
import { buildServer } from '../src/app.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { PG_BENCH_SETTINGS } from './cases-intake.bench.js';
import { percentile } from './stats.js';
import { caseTexts, historyRef, loadCaseHistory, phoneOfCase } from './case-history.js';

const CASES = Number(process.env.DAILY_CASES ?? 10_000_000);
const ARTICLES = Number(process.env.DAILY_ARTICLES ?? 100_000);
const RUNS = Number(process.env.DAILY_RUNS ?? 200);
const MONTHS = 36;
const END = '2026-12-01T00:00:00+08:00';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Knowledge articles by SQL: every demo question, problem and suggestion as an article for each
 * of the city's offices and regions in turn, with the search columns the article commands write.
 */
export async function loadArticles(database: Database, count: number, officeIds: number[], regions: string[]): Promise<void> {
  const templates = Object.entries(TOPICS).flatMap(([code, t]) => [...t.questions, ...t.problems, ...t.suggestions].map((phrase) => {
    const text = { title: phrase, question: `${phrase}，应该怎么办？`, answer: `关于“${phrase}”：可向主管部门反映，按规定程序办理，具体以当地最新公布为准。`, category: code.replace('.', '/'), keywords: [phrase.slice(0, 4)] };
    return { ...text, ...articleSearchColumns(text) };
  }));
  const arr = (values: readonly string[]) => `'{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}'::text[]`;
  const joined = (values: readonly string[][]) => arr(values.map((v) => v.join(' ')));
  for (let from = 1; from <= count; from += 20_000) {
    const to = Math.min(count, from + 19_999);
    await database.db.execute(sql.raw(`
      insert into knowledge_articles (title, question, answer, category, keywords, office_id, region_code, status, title_terms, question_terms, body_terms, search_terms, search_text,
        published_at, published_by_name, created_by_name, updated_by_name, last_event_hash)
      select (${arr(templates.map((t) => t.title))})[1 + g % ${templates.length}] || '（' || g || '）', (${arr(templates.map((t) => t.question))})[1 + g % ${templates.length}],
        (${arr(templates.map((t) => t.answer))})[1 + g % ${templates.length}], (${arr(templates.map((t) => t.category))})[1 + g % ${templates.length}],
        array[(${arr(templates.map((t) => t.keywords[0]))})[1 + g % ${templates.length}]],
        ('{${officeIds.join(',')}}'::int[])[1 + (g / ${templates.length}) % ${officeIds.length}], (${arr(regions)})[1 + (g / 7) % ${regions.length}], 'published',
        string_to_array((${joined(templates.map((t) => t.titleTerms))})[1 + g % ${templates.length}], ' '),
        string_to_array((${joined(templates.map((t) => t.questionTerms))})[1 + g % ${templates.length}], ' '),
        string_to_array((${joined(templates.map((t) => t.bodyTerms))})[1 + g % ${templates.length}], ' '),
        string_to_array((${joined(templates.map((t) => t.searchTerms))})[1 + g % ${templates.length}], ' '),
        (${arr(templates.map((t) => t.searchText))})[1 + g % ${templates.length}],
        now(), 'bench', 'bench', 'bench', 'bench'
      from generate_series(${from}, ${to}) g`));
  }
  await database.db.execute(sql`vacuum analyze knowledge_articles`);
}

interface Timing { p50: number; p95: number; p99: number }

async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
}

export async function run() {
  const server = await startPostgresServer({ settings: { ...PG_BENCH_SETTINGS, shared_buffers: '4GB', work_mem: '64MB', maintenance_work_mem: '1GB', max_wal_size: '32GB', checkpoint_timeout: '30min' } });
  let app: FastifyInstance | undefined;
  let database: Database | undefined;
  try {
    const url = await server.createDatabase('daily');
    database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    const db = database.db;
    await migrate(database);
    await ensureNationalRegions(db);
    const org = await loadDemoOrganisation(db, operatorActor());
    await loadDemoCatalogue(db, operatorActor(), org);
    await loadDemoKnowledge(db, operatorActor(), org.offices);
    const ref = await historyRef(database, org.offices['zmd-centre']);
    const { events, loadMs, totalMs } = await loadCaseHistory(database, { cases: CASES, months: MONTHS, end: END, ref });
    console.log(`bulk load (SQL): ${CASES.toLocaleString('en')} cases, ${events.toLocaleString('en')} events in ${secs(loadMs)} (${secs(totalMs)} with indexes and analyse)`);
    const t0 = Date.now();
    await loadArticles(database, ARTICLES, ref.leads, ref.regions);
    console.log(`knowledge: ${ARTICLES.toLocaleString('en')} published articles in ${secs(Date.now() - t0)}`);

    app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent' }), webDist: 'web/dist-none' }, logger: false });
    await app.ready();
    const http = app;
    const login = async (username: string) => {
      const res = await http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
    };
    const as = { handler: await login('handler'), dispatcher: await login('dispatcher'), agent: await login('agent') };
    const get = async (cookie: string, path: string) => {
      const res = await http.inject({ method: 'GET', url: path, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json();
    };
    const handlerOffice = org.offices['zmd-dept-0'];
    const [{ open }] = await queryRows<{ open: number }>(db, sql`select count(*)::int as open from cases where lead_office_id = ${handlerOffice} and status in ('dispatched', 'handling')`);
    const texts = caseTexts(ref.categories);
    // Two to four characters of a case title, as an agent types them.
    const keywords = Array.from({ length: 50 }, (_, i) => { const t = texts[(i * 97) % texts.length].title; const n = 2 + (i % 3); const at = (i * 5) % Math.max(1, t.length - n); return t.slice(at, at + n); });
    const caseIds = Array.from({ length: 50 }, (_, i) => 1 + Math.floor(((i * 2_654_435_761) % 4_294_967_296) / 4_294_967_296 * CASES));
    const codes = (await queryRows<{ code: string }>(db, sql`select code from cases where id = any(${`{${caseIds.join(',')}}`}::bigint[])`)).map((r) => r.code);
    const construction = ref.categories.construction;
    const rows: [string, string, Timing, Timing][] = [];
    const pair = async (label: string, target: string, api: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>) => {
      await api(0);
      await baseline(0);
      rows.push([label, target, await timed(RUNS, api), await timed(RUNS, baseline)]);
      process.stderr.write(`measured: ${label}\n`);
    };

    await pair(`handler's inbox, first page (${open.toLocaleString('en')} open cases of the office)`, '100',
      () => get(as.handler, `/api/cases?status=dispatched,handling&leadOfficeId=${handlerOffice}&pageSize=20`),
      () => queryRows(db, sql`select id from cases where lead_office_id = ${handlerOffice} and status in ('dispatched', 'handling') order by reply_due_at limit 20`));
    await pair('case list: status, type, region, category subtree, date range, page 1,000', '200',
      (i) => get(as.dispatcher, `/api/cases?status=closed&type=complaint&regionCode=${ref.regions[i % ref.regions.length]}&categoryId=${construction}&from=2024-01-01T00:00:00%2B08:00&to=2026-06-30T00:00:00%2B08:00&page=1000&pageSize=20`),
      (i) => queryRows(db, sql`select id from cases c where status = 'closed' and type = 'complaint' and region_code like ${`${ref.regions[i % ref.regions.length].replace(/(00)+$/, '')}%`}
        and category_id in (select d.id from case_categories d join case_categories p on d.path like p.path || '%' where p.id = ${construction})
        and accepted_at >= '2024-01-01T00:00:00+08:00' and accepted_at < '2026-06-30T00:00:00+08:00' order by accepted_at desc, id desc limit 20 offset 19980`));
    await pair('keyword search, 2–4 Chinese characters, first page', '300',
      (i) => get(as.dispatcher, `/api/cases?q=${encodeURIComponent(keywords[i % keywords.length])}&pageSize=20`),
      (i) => queryRows(db, sql`select id from cases where search_terms @> ${`{${queryTerms(keywords[i % keywords.length]).join(',')}}`}::text[] order by accepted_at desc limit 20`));
    await pair('lookup by case code', '30',
      (i) => get(as.dispatcher, `/api/cases?q=${codes[i % codes.length]}&pageSize=20`),
      (i) => queryRows(db, sql`select id from cases where code = ${codes[i % codes.length]}`));
    await pair('lookup by phone number', '30',
      (i) => get(as.dispatcher, `/api/cases?q=${phoneOfCase(caseIds[i % caseIds.length])}&pageSize=20`),
      (i) => queryRows(db, sql`select id from cases where requester_phone = ${phoneOfCase(caseIds[i % caseIds.length])} order by accepted_at desc limit 20`));
    await pair('case page with its timeline', '50',
      (i) => Promise.all([get(as.dispatcher, `/api/cases/${caseIds[i % caseIds.length]}`), get(as.dispatcher, `/api/cases/${caseIds[i % caseIds.length]}/events`)]),
      (i) => Promise.all([queryRows(db, sql`select * from cases where id = ${caseIds[i % caseIds.length]}`), queryRows(db, sql`select * from case_events where case_id = ${caseIds[i % caseIds.length]} order by seq`)]));
    await pair('intake hints while typing (duplicates, knowledge)', '100',
      (i) => { const t = texts[(i * 31) % texts.length]; return get(as.agent, `/api/cases/intake-hints?title=${encodeURIComponent(t.title)}&content=${encodeURIComponent(t.content)}&phone=${phoneOfCase(caseIds[i % caseIds.length])}&address=${encodeURIComponent(t.address)}`); },
      (i) => queryRows(db, sql`select id from cases where requester_phone = ${phoneOfCase(caseIds[i % caseIds.length])} and accepted_at > now() - interval '30 days' limit 5`));
    await pair(`knowledge suggestion on ${ARTICLES.toLocaleString('en')} articles`, '50',
      (i) => get(as.agent, `/api/knowledge/suggest?text=${encodeURIComponent(texts[(i * 31) % texts.length].title)}`),
      (i) => queryRows(db, sql`select id from knowledge_articles where status = 'published' and search_terms @> ${`{${queryTerms(texts[(i * 31) % texts.length].title).slice(0, 2).join(',')}}`}::text[] limit 5`));

    const f = (n: number) => n.toFixed(1);
    console.log(`\n${CASES.toLocaleString('en')} cases, ${ARTICLES.toLocaleString('en')} articles; ${RUNS} runs each, through HTTP (logged in) and as a plain query`);
    console.log('| work | target p95 ms | p50 | p95 | p99 | baseline p50 | baseline p95 | p95 ratio |\n|---|---|---|---|---|---|---|---|');
    for (const [label, target, api, base] of rows) {
      console.log(`| ${label} | ${target} | ${f(api.p50)} | ${f(api.p95)}${api.p95 > Number(target) ? ' ✗' : ''} | ${f(api.p99)} | ${f(base.p50)} | ${f(base.p95)} | ${(api.p95 / base.p95).toFixed(1)}× |`);
    }
  } finally {
    await app?.close();
    await database?.close();
    await server.stop();
  }
}
