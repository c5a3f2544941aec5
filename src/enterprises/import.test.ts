import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { usccCheckCharacter } from './uscc.js';
import { demoEnterprises, DEMO_ENTERPRISE_COUNTS, loadDemoEnterprises } from './demo.js';
import { usccProblem } from './uscc.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { listRegions } from '../regions/queries.js';
import { verifyAuditTrail } from '../audit/verify.js';
import { importEnterprises } from './commands/importEnterprises.js';

const PASSWORD = 'Registry-pass-1';
const code = (region: string, serial: string) => {
  const body = `92${region}MA${serial}`;
  return body + usccCheckCharacter(body)!;
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['统一社会信用代码', '企业名称', '企业类型', '行政区划代码', '行业', '企业规模', '成立日期', '注册资本（万元）', '重点企业', '信用状况', '联系人（姓名/职务/电话）'];

describe.each(ENGINES)('registry import and export on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const upload = (user: string, fileName: string, data: Buffer | string, type = XLSX) =>
    t.app.inject({ method: 'POST', url: `/api/enterprises/import?fileName=${encodeURIComponent(fileName)}`, headers: { cookie: cookies[user], 'content-type': type }, payload: data });
  const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from enterprises`))[0].n;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await createUser(t.database.db, operatorActor(), { username: 'xiping-admin', password: PASSWORD, name: '西平管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    for (const u of ['admin', 'handler']) cookies[u] = await t.login(u);
    cookies['xiping-admin'] = await t.login('xiping-admin', PASSWORD);
  });
  afterAll(() => t.close());

  it('imports a workbook, and a second import of it changes what changed and never duplicates', async () => {
    const a = code('411702', '1000001');
    const b = code('411721', '1000002');
    const first = await workbook([
      HEADER,
      [a, '驿城区甲食品店', '个体工商户', '411702', 'C14', '微型', new Date(Date.UTC(2019, 4, 6)), 12.5, '否', '一般', '王伟/经营者/13900000001'],
      [b.toLowerCase(), '西平县乙印务有限公司', '有限责任公司', 411721, '23 印刷和记录媒介复制业', '小型', '2020/1/2', '1,200', '是', '守信', '李娜/总经理/13900000002；赵强/财务负责人/13900000003'],
    ]);
    const res = await upload('admin', '企业.xlsx', first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const bRecord = (await t.request('GET', `/api/enterprises/${b}`, { cookie: cookies.admin })).json();
    expect(bRecord).toMatchObject({
      name: '西平县乙印务有限公司', kind: 'limited_liability', regionCode: '411721', industryDivision: '23', size: 'small', establishedOn: '2020-01-02',
      registeredCapital: 1200, keyEnterprise: true, credit: 'good', contacts: [{ name: '李娜', role: '总经理', phone: '13900000002' }, { name: '赵强', role: '财务负责人', phone: '13900000003' }],
    });
    expect((await t.request('GET', `/api/enterprises/${a}`, { cookie: cookies.admin })).json()).toMatchObject({ establishedOn: '2019-05-06', kind: 'individual_business', registeredCapital: 12.5 });

    // Again, with one change and a column left out (its field stays as it was).
    const second = await workbook([
      ['统一社会信用代码', '企业名称', '信用状况'],
      [a, '驿城区甲食品店', '一般'],
      [b, '西平县乙印务有限公司', '失信'],
    ]);
    const again = await upload('admin', '企业.xlsx', second);
    expect(again.json()).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    expect(await count()).toBe(2);
    expect((await t.request('GET', `/api/enterprises/${b}`, { cookie: cookies.admin })).json()).toMatchObject({ credit: 'bad', keyEnterprise: true, version: 2 });
    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where entity_type like 'enterprise%' order by seq`);
    expect(audit.map((x) => x.action)).toEqual(['enterprise.create', 'enterprise.create', 'enterprise.import', 'enterprise.update', 'enterprise.import']);
  });

  it('refuses a file with bad rows as a whole, naming row, column and why in both languages', async () => {
    const before = await count();
    const good = code('411702', '1000010');
    const failing = code('411702', '1000011');
    const wrongCheck = failing.slice(0, 17) + (failing[17] === '0' ? '1' : '0');
    const file = await workbook([
      ['企业库（标题行）'],
      HEADER,
      [good, '驿城区好行有限公司', '有限责任公司', '411702', '70', '小型', '2020-01-01', 10, '否', '一般', ''],
      [wrongCheck, '驿城区校验有限公司', '有限责任公司', '411702', '', '', '', '', '', '', ''],
      ['', '无代码有限公司', '有限责任公司', '411702', '', '', '', '', '', '', ''],
      [good, '重复的行', '有限责任公司', '411702', '', '', '', '', '', '', ''],
      [code('411702', '1000012'), '驿城区坏格子有限公司', '有限公司', '411799', 'K13', '巨型', '2020-13-01', '十万', '也许', '很好', '张三'],
      [code('411702', '1000013'), '', '', '', '', '', '', '', '', '', ''],
      [code('411702', '1000014'), '驿城区无此区划有限公司', '有限责任公司', '411799', '', '', '', '', '', '', ''],
    ]);
    const res = await upload('admin', 'bad.xlsx', file);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('import_rejected');
    expect(error.messageZh).toContain('导入未进行');
    const problems = error.details.problems as { row: number; field: string; messageZh: string; messageEn: string }[];
    expect(problems.map((p) => `${p.row}:${p.field}`)).toEqual([
      '4:uscc', '5:uscc', '6:uscc',
      '7:kind', '7:industryDivision', '7:size', '7:establishedOn', '7:registeredCapital', '7:keyEnterprise', '7:credit', '7:contacts',
      '8:name', '8:kind', '8:regionCode', '9:regionCode',
    ]);
    expect(problems.find((p) => p.row === 6)).toMatchObject({ messageZh: '统一社会信用代码：与第 3 行重复', messageEn: 'unified social credit code: repeats row 3' });
    expect(problems.find((p) => p.row === 4)!.messageZh).toContain('校验码不正确');
    expect(problems.find((p) => p.field === 'size')!.messageZh).toContain('「巨型」不是企业规模之一');
    expect(problems.every((p) => p.messageZh && p.messageEn)).toBe(true);
    expect(await count()).toBe(before);
  });

  it('imports CSV with a byte-order mark, keeps long digit codes as text, and reports a region outside the importer\'s scope', async () => {
    const digits = (() => {
      for (let n = 0; ; n++) {
        const body = `91411721${String(n).padStart(9, '0')}`;
        if (/[0-9]/.test(usccCheckCharacter(body)!)) return body + usccCheckCharacter(body)!;
      }
    })();
    const csv = `\uFEFF统一社会信用代码,企业名称,企业类型,行政区划代码,行业\r\n${digits},"西平县丙商贸有限公司,分店",有限责任公司,411721,F52\r\n`;
    const res = await upload('xiping-admin', 'e.csv', csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.request('GET', `/api/enterprises/${digits}`, { cookie: cookies.admin })).json()).toMatchObject({ uscc: digits, name: '西平县丙商贸有限公司,分店', industryDivision: '52' });
    const outside = `统一社会信用代码,企业名称,企业类型,行政区划代码\n${code('411702', '1000020')},驿城区丁有限公司,有限责任公司,411702\n`;
    const refused = await upload('xiping-admin', 'e.csv', outside, 'text/csv');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.problems).toEqual([expect.objectContaining({ row: 2, field: 'regionCode', messageZh: expect.stringContaining('不在您的管辖范围内') })]);
    expect((await upload('handler', 'e.csv', outside, 'text/csv')).statusCode).toBe(403);
    expect((await upload('admin', 'e.csv', '名称,地址\n甲,乙\n', 'text/csv')).json().error.code).toBe('no_header');
    expect((await upload('admin', 'e.xlsx', Buffer.from('not a workbook'))).json().error.code).toBe('unreadable_file');
    expect((await upload('admin', 'e.csv', '统一社会信用代码\n', 'text/csv')).json().error.code).toBe('empty_import');
  });

  it('exports the registry as a workbook that imports back unchanged, and as CSV', async () => {
    const res = await t.request('GET', '/api/enterprises.xlsx', { cookie: cookies.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%BA%93");
    const back = await upload('admin', 'export.xlsx', res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    const n = await count();
    expect(back.json()).toEqual({ rows: n, created: 0, updated: 0, unchanged: n });
    const csv = await t.request('GET', '/api/enterprises.csv?industry=C', { cookie: cookies.admin });
    expect(csv.body.startsWith('\uFEFF统一社会信用代码,企业名称')).toBe(true);
    expect(csv.body).toContain('C23 印刷和记录媒介复制业');
    expect(csv.body).not.toContain('F52');
  });

  it('writes a large file set-based: every row created, then changed, with its audit event on one unbroken trail, the trail\'s head moved once a thousand rows', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => code('411702', String(2000000 + i)));
    const csv = (suffix: string) => `统一社会信用代码,企业名称,企业类型,行政区划代码\n${rows.map((c, i) => `${c},驿城区第${i}号商行${suffix},有限责任公司,411702`).join('\n')}\n`;
    // Inside a transaction of the test's own, so the statistics of this transaction count the import's writes alone; it is rolled back.
    const rolledBack = new Error('roll back');
    const seen = await t.database.db.transaction(async (tx) => {
      const progress: number[] = [];
      const created = await importEnterprises(tx, operatorActor(), { fileName: 'big.csv', data: Buffer.from(csv('')) }, { progress: (done) => progress.push(done) });
      const updated = await importEnterprises(tx, operatorActor(), { fileName: 'big.csv', data: Buffer.from(csv('（更名）')) });
      const [stats] = await queryRows<{ headMoves: number }>(tx, sql`select n_tup_upd::int as "headMoves" from pg_stat_xact_user_tables where relname = 'audit_head'`);
      const events = await queryRows<{ action: string; n: number }>(tx, sql`select action, count(*)::int as n from audit_events
        where entity_type = 'enterprise' and entity_id::int in (select id from enterprises where uscc = any(${`{${rows.join(',')}}`}::text[])) group by action order by action`);
      const trail = await verifyAuditTrail(tx);
      const queued = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from policy_rematch_queue where enterprise_id in (select id from enterprises where uscc = any(${`{${rows.join(',')}}`}::text[]))`);
      const result = { created, updated, progress, headMovedOncePerChunk: stats.headMoves < 100, events, trailOk: trail.ok, queued: queued[0].n };
      throw Object.assign(rolledBack, { result });
    }).catch((e: unknown) => {
      if (e !== rolledBack) throw e;
      return (rolledBack as Error & { result: unknown }).result;
    });
    expect(seen).toEqual({
      created: { rows: 2500, created: 2500, updated: 0, unchanged: 0 },
      updated: { rows: 2500, created: 0, updated: 2500, unchanged: 0 },
      progress: [1000, 2000, 2500],
      // Each import: three appends of a thousand rows' events and the import's own event (8 on PGlite;
      // PostgreSQL's statistics count more across the savepoints, from 11 to above 20 between runs) —
      // far below one per row (5,005).
      headMovedOncePerChunk: true,
      events: [{ action: 'enterprise.create', n: 2500 }, { action: 'enterprise.update', n: 2500 }],
      trailOk: true,
      queued: 2500,
    });
    expect((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from enterprises where uscc = ${rows[0]}`))[0].n).toBe(0);
  }, 120_000);

  it('loads the demo registry: a few hundred valid, distinct codes of the demo regions, with the demo enterprise and the seeds\' kinds', async () => {
    const counties = [...(await listRegions(t.database.db, '411700')), ...(await listRegions(t.database.db, '410100'))];
    const records = demoEnterprises(counties);
    expect(records).toEqual(demoEnterprises(counties));
    expect(records).toHaveLength(DEMO_ENTERPRISE_COUNTS.zhumadian + DEMO_ENTERPRISE_COUNTS.zhengzhou);
    expect(records.every((r) => usccProblem(r.uscc) === null)).toBe(true);
    expect(new Set(records.map((r) => r.uscc)).size).toBe(records.length);
    expect(new Set(records.map((r) => r.name)).size).toBe(records.length);
    expect(records[0]).toMatchObject({ uscc: DEMO_ENTERPRISE_USCC, regionCode: '411702' });
    for (const [division, word] of [['13', '粮油'], ['70', '置业'], ['30', '电子玻璃'], ['23', '印']] as const) {
      expect(records.some((r) => r.industryDivision === division && r.name.includes(word)), word).toBe(true);
    }
    expect(records.some((r) => r.address?.includes('印刷产业园'))).toBe(true);
    const ids = await loadDemoEnterprises(t.database.db, operatorActor());
    expect(Object.keys(ids)).toHaveLength(records.length);
    const mine = await t.request('GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}`, { cookie: await t.login('enterprise') });
    expect(mine.json()).toMatchObject({ name: '驻马店示范企业食品有限公司', accounts: [{ username: 'enterprise' }] });
  }, 120_000);
});
