/**
 * The registry import and a 免申即享 grant over it, on PGlite and on PostgreSQL 15. A workbook of
 * REGISTRY_ROWS (default 10,000) enterprises of the demo counties is imported through
 * `importEnterprises` (what the CLI and the route run), then imported again with every name
 * changed (every row an update). The baseline, in the same run through the same driver: the same
 * rows as plain multi-row inserts of 1,000 into a copy of the table (no checks, no audit, no
 * followers). Then a 免申即享 policy whose conditions half the registry meets on registry facts alone
 * is published: every qualifying enterprise pushed and granted in the publishing transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, queryRows, sql, type Database } from '../src/platform/db/engine.js';
import { operatorActor } from '../src/platform/actor.js';
import { installModules, MODULES, prepareDatabase } from '../src/app.js';
import { loadDemoOrganisation } from '../src/demo/organisation.js';
import { importEnterprises } from '../src/enterprises/commands/importEnterprises.js';
import { usccCheckCharacter } from '../src/enterprises/uscc.js';
import { actOnPolicy, createPolicy } from '../src/policies/commands/policyActions.js';
import { startPostgresServer } from '../test/harness/postgres-server.js';
import { PG_BENCH_SETTINGS } from './cases-intake.bench.js';

const ROWS = Number(process.env.REGISTRY_ROWS ?? 10_000);
const COUNTIES = ['411702', '411721', '411722', '411723', '411724', '411725', '411726', '411727', '411728', '411729'];
const HEADER = ['统一社会信用代码', '企业名称', '企业类型', '行政区划代码', '行业', '企业规模', '成立日期', '注册资本（万元）', '重点企业', '信用状况', '联系人（姓名/职务/电话）'];

interface BenchRow { uscc: string; name: string; region: string; division: string; size: string; established: string; capital: number; key: boolean }

function rows(): BenchRow[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const region = COUNTIES[i % COUNTIES.length];
    const body = `91${region}MA${String(i).padStart(8, '0')}`.slice(0, 17);
    return {
      uscc: body + usccCheckCharacter(body)!, name: `驻马店市第${i}号商贸有限公司`, region, division: ['13', '14', '23', '30', '51', '65'][i % 6],
      size: ['large', 'medium', 'small', 'micro'][i % 4], established: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      capital: 50 + (i % 5000), key: i % 17 === 0,
    };
  });
}

const SIZE_ZH: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

async function workbook(data: BenchRow[], suffix = ''): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(HEADER);
  for (const r of data) {
    ws.addRow([r.uscc, r.name + suffix, '有限责任公司', r.region, r.division, SIZE_ZH[r.size], r.established, r.capital, r.key ? '是' : '否', '一般', `王伟/经理/1390000${String(r.capital).padStart(4, '0')}`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function baseline(database: Database, data: BenchRow[]): Promise<number> {
  await database.db.execute(sql`create table bench_enterprises (like enterprises including all)`);
  const t0 = performance.now();
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < data.length; i += 1000) {
      const chunk = data.slice(i, i + 1000);
      await tx.execute(sql`insert into bench_enterprises (uscc, name, kind, region_code, industry_division, size, established_on, registered_capital, key_enterprise, credit, contacts)
        values ${sql.join(chunk.map((r) => sql`(${r.uscc}, ${r.name}, 'limited_liability', ${r.region}, ${r.division}, ${r.size}, ${r.established}::date, ${r.capital}, ${r.key}, 'normal',
          ${JSON.stringify([{ name: '王伟', role: '经理', phone: `1390000${String(r.capital).padStart(4, '0')}` }])}::jsonb)`), sql`, `)}`);
    }
  });
  return performance.now() - t0;
}

const rate = (n: number, ms: number) => `${(ms / 1000).toFixed(1)} s (${Math.round(n / (ms / 1000)).toLocaleString('en')}/s)`;

async function measure(label: string, database: Database): Promise<void> {
  await prepareDatabase(database);
  const actor = operatorActor();
  const demo = await loadDemoOrganisation(database.db, actor);
  const data = rows();
  const first = await workbook(data);
  const second = await workbook(data, '（更名）');
  const base = await baseline(database, data);
  let t0 = performance.now();
  const created = await importEnterprises(database.db, actor, { fileName: 'bench.xlsx', data: first });
  const imported = performance.now() - t0;
  t0 = performance.now();
  const updated = await importEnterprises(database.db, actor, { fileName: 'bench.xlsx', data: second });
  const reimported = performance.now() - t0;
  if (created.created !== ROWS || updated.updated !== ROWS) throw new Error(`registry bench: expected ${ROWS} created and updated, got ${JSON.stringify({ created, updated })}`);
  console.log(`${label}: plain multi-row inserts (baseline)          ${rate(ROWS, base)}`);
  console.log(`${label}: import, ${ROWS} new rows                      ${rate(ROWS, imported)}   ${(imported / base).toFixed(1)}× the baseline`);
  console.log(`${label}: import again, ${ROWS} rows changed             ${rate(ROWS, reimported)}   ${(reimported / base).toFixed(1)}× the baseline`);

  const year = new Date().getFullYear();
  const draft = await createPolicy(database.db, actor, {
    title: '小微企业稳岗奖励（免申即享）', issuingBody: '驻马店市人民政府', documentNumber: `驻政〔${year}〕99号`, officeId: demo.offices['zmd-yingshang'],
    validFrom: `${year}-01-01`, validTo: null, automaticGrant: true, clauses: [{ number: '一', text: '本市小型、微型企业。' }],
    benefit: { kind: 'award', amount: 10000, description: '一次性奖励 1 万元' },
    conditions: [{ kind: 'region', regionCode: '411700', clause: '一' }, { kind: 'size', sizes: ['small', 'micro'], clause: '一' }],
  });
  t0 = performance.now();
  await actOnPolicy(database.db, actor, draft.id, 'publish', draft.version);
  const published = performance.now() - t0;
  const [{ granted }] = await queryRows<{ granted: number }>(database.db, sql`select count(*)::int as granted from policy_matches where policy_id = ${draft.id} and status = 'granted'`);
  if (granted !== ROWS / 2) throw new Error(`registry bench: expected ${ROWS / 2} grants, got ${granted}`);
  console.log(`${label}: publish a 免申即享 policy: ${granted} pushed and granted   ${rate(granted, published)}`);
}

export async function run() {
  installModules(MODULES);
  console.log(`${ROWS} rows, xlsx; the baseline is the same rows as plain inserts of 1,000 into a copy of the table`);
  const dir = mkdtempSync(join(tmpdir(), 'qinqing-bench-registry-'));
  try {
    const database = await openDatabase({ dataDir: dir });
    try {
      await measure('PGlite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await startPostgresServer({ settings: PG_BENCH_SETTINGS });
  try {
    const database = await openDatabase({ databaseUrl: await server.createDatabase('registry') });
    try {
      await measure('PostgreSQL 15', database);
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}
