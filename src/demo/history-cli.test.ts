import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qinqing } from '../../test/support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'qinqing-demo-history-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each command starts Node, tsx and PGlite: slow on a loaded 2-core machine.
describe('qinqing demo --cases N --months M', { timeout: 300_000 }, () => {
  it('refuses bad arguments with exit code 2, in Chinese and English, before touching the database', async () => {
    const env = { DATA_DIR: join(scratch, 'untouched') };
    for (const [args, zh, en] of [
      [['--cases', '0'], '--cases 须为 1 到 10000000 之间的整数（收到 "0"）', '--cases must be a whole number from 1 to 10000000, got "0"'],
      [['--cases', '5', '--months', '2.5'], '--months 须为 1 到 120 之间的整数（收到 "2.5"）', '--months must be a whole number from 1 to 120, got "2.5"'],
      [['--months', '3'], '须与 --cases 一起使用', '--months and --seed go with --cases'],
    ] as const) {
      const r = await qinqing(env, 'demo', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(zh);
      expect(r.stderr).toContain(en);
    }
    const unknown = await qinqing(env, 'demo', '--cases', '5', '--years', '2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--years');
    expect(existsSync(env.DATA_DIR)).toBe(false);
  });

  it('loads the demo into a new database and generates the history with a progress bar; again into the same demo database', async () => {
    const env = { DATA_DIR: join(scratch, 'demo') };
    const first = await qinqing(env, 'demo', '--cases', '30', '--months', '1', '--seed', '5');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('admin, agent, dispatcher, handler, supervisor, leader, enterprise');
    expect(first.stdout).toMatch(/demo history: 30 cases from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(\d+ actions\) in [\d.]+ s, [\d.]+ cases\/s — \d+ closed, \d+ answered, \d+ open, \d+ merged/);
    expect(first.stderr).toMatch(/demo history: 30\/30 \(100%\)/);
    const again = await qinqing(env, 'demo', '--cases', '10');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Demo data loaded');
    expect(again.stdout).toMatch(/demo history: 10 cases from .* to .* \(\d+ actions\)/);
    const verify = await qinqing(env, 'audit', 'verify');
    expect(verify.code, verify.stdout).toBe(0);
    // The demo's own cases (six at each stage of the loop, two raised on a service visit, one by a bad review of an application), then 30 and 10 generated.
    expect(verify.stdout).toMatch(/case timelines intact: \d+ events in 49 cases/);
  });

  it('refuses a database that is not a demo database', async () => {
    const env = { DATA_DIR: join(scratch, 'real') };
    expect((await qinqing(env, 'init')).code).toBe(0);
    const r = await qinqing(env, 'demo', '--cases', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('演示历史只能生成在演示数据库中');
    expect(r.stderr).toContain('demo history goes only into a demo database');
  });
});
