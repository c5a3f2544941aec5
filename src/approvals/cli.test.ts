import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qinqing } from '../../test/support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'qinqing-catalogue-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('qinqing service-items on PGlite', { timeout: 240_000 }, () => {
  const env = { DATA_DIR: join(scratch, 'data') };

  it('exports the demo catalogue and imports it back; a bad row is named and nothing is imported (exit 2)', async () => {
    const demo = await qinqing(env, 'demo');
    expect(demo.code, demo.stderr).toBe(0);
    const json = join(scratch, 'catalogue.json');
    const exported = await qinqing(env, 'service-items', 'export', json);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('exported 14 items');
    const items = JSON.parse(readFileSync(json, 'utf8'));
    const xlsx = join(scratch, 'catalogue.xlsx');
    expect((await qinqing(env, 'service-items', 'export', xlsx)).code).toBe(0);
    const again = await qinqing(env, 'service-items', 'import', xlsx);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('created 0, updated 0, unchanged 14, published 0\n');
    items[2].committedLimit = items[2].statutoryLimit + 1;
    writeFileSync(json, JSON.stringify(items));
    const bad = await qinqing(env, 'service-items', 'import', json);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('row 3 committedLimit');
    expect((await qinqing(env, 'service-items', 'import', join(scratch, 'catalogue.csv'))).code).toBe(2);
  });
});
