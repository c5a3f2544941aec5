import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { loadDemoServiceItems } from '../demo.js';
import { permitStageCast, runPermitStage, type PermitCast } from './permit-stage.js';

const beijing = (local: string) => new Date(`${local}+08:00`);

describe.each(ENGINES)('seed 000: the construction-permit stage serially and in parallel on %s', (engine) => {
  let t: TestApp;
  let cast: PermitCast;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    cast = await permitStageCast(t.database.db, t.demo.offices);
  }, 120_000);
  afterAll(() => t.close());

  it('takes the sum of the departments\' committed limits serially and their maximum in parallel, in working days', async () => {
    const limits = Object.values(cast.limits);
    // The demo catalogue's committed limits: planning 5, civil defence 5, water 5, housing 3.
    expect(cast.limits).toEqual({ planning: 5, 'civil-defence': 5, water: 5, housing: 3 });
    const acceptedAt = beijing('2026-03-02T10:00:00');
    const serial = await runPermitStage(t.database.db, cast, 'serial', acceptedAt);
    const parallel = await runPermitStage(t.database.db, cast, 'parallel', acceptedAt);
    expect(serial).toMatchObject({ stages: 4, workingDays: limits.reduce((a, b) => a + b, 0) });
    expect(parallel).toMatchObject({ stages: 1, workingDays: Math.max(...limits) });
    expect([serial.workingDays, parallel.workingDays]).toEqual([18, 5]);
  });

  it('counts the same working days across the National Day week, whose calendar days are many more', async () => {
    // Accepted on 28 Sep 2026: the holiday runs 1–7 Oct, Sat 10 Oct is a make-up working day.
    const acceptedAt = beijing('2026-09-28T10:00:00');
    const serial = await runPermitStage(t.database.db, cast, 'serial', acceptedAt);
    const parallel = await runPermitStage(t.database.db, cast, 'parallel', acceptedAt);
    expect([serial.workingDays, parallel.workingDays]).toEqual([18, 5]);
    // In parallel the stage ends on the make-up Saturday; serially on 28 Oct, 30 calendar days on.
    expect([parallel.endedOn, serial.endedOn]).toEqual(['2026-10-10', '2026-10-28']);
  });
});
