import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, emptyDatabase } from '../../test/support/engines.js';
import { migrate } from './db/migrate.js';
import type { Database } from './db/engine.js';
import { claimJob, finishJob } from './jobs.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const INTERVAL = 300;

describe.each(ENGINES)('background job claims on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await emptyDatabase(engine);
    await migrate(database);
  });
  afterAll(() => database.close());

  it('gives a job to one claimant per interval, and again once it is due', async () => {
    const first = await claimJob(database, 'sweep', INTERVAL);
    expect(first).not.toBeNull();
    await finishJob(database, 'sweep', first!, false);
    expect(await claimJob(database, 'sweep', INTERVAL)).toBeNull();
    expect(await claimJob(database, 'other job', INTERVAL)).not.toBeNull();
    await sleep(INTERVAL);
    expect(await claimJob(database, 'sweep', INTERVAL)).not.toBeNull();
  });

  it('does not start a run while another is going, unless that one outlived its lease (a process that died)', async () => {
    const running = await claimJob(database, 'fold', INTERVAL / 10);
    expect(running).not.toBeNull();
    await sleep(INTERVAL / 2);
    expect(await claimJob(database, 'fold', INTERVAL / 10)).toBeNull();
    await sleep(INTERVAL * 0.6);
    const taken = await claimJob(database, 'fold', INTERVAL / 10);
    expect(taken).not.toBeNull();
    // The dead run's late finish does not end the new claimant's run.
    await finishJob(database, 'fold', running!, false);
    await sleep(INTERVAL / 5);
    expect(await claimJob(database, 'fold', INTERVAL / 10)).toBeNull();
  });
});
