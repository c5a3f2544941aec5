import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { newServerDatabase } from '../../test/support/engines.js';
import { qinqing } from '../../test/support/cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'src/calendar/fixtures/holiday-cn-2020.json');

const scratch = mkdtempSync(join(tmpdir(), 'qinqing-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each command starts Node, tsx and a database: slow on a loaded 2-core machine.
describe('the qinqing CLI on PGlite (DATA_DIR)', { timeout: 180_000 }, () => {
  const env = { DATA_DIR: join(scratch, 'data') };

  it('--help lists the commands and what each module declares', async () => {
    const help = await qinqing(env, '--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('qinqing audit verify');
    expect(help.stdout).toMatch(/knowledge +work items: knowledge article; demo: knowledge articles/);
    expect(help.stdout).toMatch(/cases +work items: case; jobs: case deadline sweep/);
    expect(help.stdout).toMatch(/notifications +services: notification dispatcher/);
  });

  it('init creates the first administrator with a generated password, once', async () => {
    const first = await qinqing(env, 'init');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/First administrator: admin \/ \S{8,}/);
    const again = await qinqing(env, 'init');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already initialised');
  });

  it('users create validates its input and creates the person', async () => {
    const ok = await qinqing(env, 'users', 'create', '--username', 'ops', '--password', 'Secure-key-123', '--name', '运维', '--roles', 'admin');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('created user ops');
    const badRole = await qinqing(env, 'users', 'create', '--username', 'x2', '--password', 'Secure-key-123', '--name', 'x', '--roles', 'king');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('未知角色');
    expect(badRole.stderr).toContain('Unknown roles: king');
    const missing = await qinqing(env, 'users', 'create', '--username', 'x3');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--password is required');
    const unknownFlag = await qinqing(env, 'users', 'create', '--bogus', '1');
    expect(unknownFlag.code).toBe(2);
  });

  it('calendar commands answer from the official data and warn for a year without it', async () => {
    const working = await qinqing(env, 'calendar', 'is-working-day', '2026-10-08');
    expect([working.code, working.stdout.trim()]).toEqual([0, expect.stringMatching(/^2026-10-08 yes/)]);
    const holiday = await qinqing(env, 'calendar', 'is-working-day', '2026-10-01');
    expect(holiday.code).toBe(1);
    expect(holiday.stdout).toContain('国庆节');
    const added = await qinqing(env, 'calendar', 'add-working-days', '2026-09-30', '5');
    expect(added.stdout.trim()).toBe('2026-10-13');
    expect(added.stderr).not.toContain('warning');
    const future = await qinqing(env, 'calendar', 'add-working-days', '2099-12-28', '5');
    expect(future.code).toBe(0);
    expect(future.stderr).toMatch(/warning: no official arrangement for .*2100/);
    const bad = await qinqing(env, 'calendar', 'is-working-day', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/2026-02-30/);
    const imported = await qinqing(env, 'calendar', 'import', FIXTURE);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported \d+ days for .*2020.*holiday-cn/);
  });

  it('audit verify reports an intact trail; backup and restore round-trip into a new data directory', async () => {
    const verify = await qinqing(env, 'audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/audit trail intact: \d+ events/);
    const file = join(scratch, 'backup.jsonl.gz');
    const backup = await qinqing(env, 'backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    const other = { DATA_DIR: join(scratch, 'restored') };
    const restore = await qinqing(other, 'restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    const login = await qinqing(other, 'users', 'create', '--username', 'ops', '--password', 'Secure-key-123', '--name', '运维', '--roles', 'admin');
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('用户名 ops 已被使用');
    expect((await qinqing(other, 'audit', 'verify')).code).toBe(0);
  });

  it('answers an unknown command with the usage and exit code 2', async () => {
    const r = await qinqing(env, 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command: frobnicate');
    expect(r.stderr).toContain('qinqing calendar add-working-days DATE N');
  });
});

describe('the qinqing CLI on a PostgreSQL server (DATABASE_URL)', { timeout: 180_000 }, () => {
  it('initialises, loads demo data once, and verifies the audit trail', async () => {
    const env = { DATABASE_URL: await newServerDatabase() };
    const demo = await qinqing(env, 'demo');
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('admin, agent, dispatcher, handler, supervisor, leader, enterprise');
    expect(demo.stderr).toMatch(/demo data: \d+\/\d+/);
    const again = await qinqing(env, 'demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has offices');
    const verify = await qinqing(env, 'audit', 'verify');
    expect(verify.code).toBe(0);
    // The evaluation's rollups, recomputed from the demo cases' events and folded.
    const rebuild = await qinqing(env, 'rollups', 'rebuild');
    expect(rebuild.code, rebuild.stderr).toBe(0);
    expect(rebuild.stdout).toMatch(/rollups rebuild: [1-9]\d* cases, [1-9]\d* events → [1-9]\d* monthly and [1-9]\d* daily rollup rows/);
    expect(rebuild.stderr).toMatch(/rebuilding figures: \d+\/\d+/);
    const fold = await qinqing(env, 'rollups', 'fold');
    expect(fold.code, fold.stderr).toBe(0);
    expect(fold.stdout).toContain('rollups fold: 0 monthly and 0 daily delta rows folded');
    const bad = await qinqing(env, 'rollups', 'refresh');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rollups command: refresh');
    // A role granted in the database, behind the audit trail: verify names it and fails.
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    await client.query(`update users set roles = '{handler,admin}' where username = 'handler'`);
    await client.end();
    const tampered = await qinqing(env, 'audit', 'verify');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/users BROKEN: 1 problem\(s\) in \d+\n  user \d+ \(handler\): roles \["handler","admin"\] is not what their last audited change recorded/);
  });
});
