import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qinqing } from '../../test/support/cli.js';
import { usccCheckCharacter } from './uscc.js';

const scratch = mkdtempSync(join(tmpdir(), 'qinqing-enterprises-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const code = (serial: string) => `91411702MA${serial}${usccCheckCharacter(`91411702MA${serial}`)}`;

describe('qinqing enterprises import / export', { timeout: 180_000 }, () => {
  const env = { DATA_DIR: join(scratch, 'data') };

  it('imports a file with a progress bar, reports every bad cell and imports nothing then, and exports what imports back', async () => {
    expect((await qinqing(env, 'init')).code).toBe(0);
    const good = join(scratch, 'good.csv');
    writeFileSync(good, `统一社会信用代码,企业名称,企业类型,行政区划代码,行业\n${code('2000001')},驿城区甲有限公司,有限责任公司,411702,C13\n${code('2000002')},驿城区乙有限公司,合伙企业,411702,70\n`);
    const imported = await qinqing(env, 'enterprises', 'import', good);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 2 rows: 2 added, 0 changed, 0 unchanged');
    expect(imported.stderr).toContain('enterprises: 2/2 (100%)');

    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, `统一社会信用代码,企业名称,企业类型,行政区划代码\n${code('2000003')},驿城区丙有限公司,有限责任公司,411799\n${code('2000004')},驿城区丁有限公司,公司,411702\n`);
    const refused = await qinqing(env, 'enterprises', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('row 2\tregionCode\t行政区划代码：411799 不存在');
    expect(refused.stderr).toContain('row 3\tkind\t');
    expect(refused.stderr).toContain('nothing imported: 2 problems');

    const file = join(scratch, 'registry.xlsx');
    const exported = await qinqing(env, 'enterprises', 'export', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('exported 2 enterprises');
    expect(existsSync(file)).toBe(true);
    const again = await qinqing(env, 'enterprises', 'import', file);
    expect(again.stdout).toContain('imported 2 rows: 0 added, 0 changed, 2 unchanged');
    expect((await qinqing(env, 'enterprises', 'import')).code).toBe(2);
  });
});
