import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoEnterprises } from '../enterprises/demo.js';
import { loadDemoInspections } from './demo.js';

describe.each(ENGINES)('the demo random inspections on %s', (engine) => {
  let t: TestApp;
  let taskId: number;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await loadDemoEnterprises(t.database.db, operatorActor());
    ({ taskId } = await loadDemoInspections(t.database.db, operatorActor(), t.demo.offices));
  });
  afterAll(() => t.close());

  it('publishes a joint task over the demo registry whose draw the verifier re-runs', async () => {
    const [task] = (await t.request('GET', '/api/public/inspections')).json();
    expect(task).toMatchObject({ id: taskId, departments: ['驻马店市市场监督管理局', '驻马店市住房和城乡建设局'] });
    expect(task.results.length).toBeGreaterThan(5);
    const res = await t.request('GET', `/api/public/inspections/${taskId}/draw`);
    const file = join(mkdtempSync(join(tmpdir(), 'demo-draw-')), 'draw.json');
    writeFileSync(file, res.body);
    const out = spawnSync(process.execPath, ['bin/verify-draw.mjs', file], { encoding: 'utf8' });
    expect(out.stdout).toMatch(/^match/);
  });

  it('gives the demo inspectors their visits and the figures a published-on-time task', async () => {
    const cookie = await t.login('inspector1');
    expect((await t.request('GET', '/api/inspection-visits/mine', { cookie })).statusCode).toBe(200);
    const figures = (await t.request('GET', '/api/inspection-figures', { cookie: await t.login('handler') })).json();
    expect(figures[0]).toMatchObject({ tasks: 1, published: 1, publishedOnTime: 1 });
    expect(figures[0].visitsSavedByJoining).toBe(figures[0].targetsDrawn);
  });
});
