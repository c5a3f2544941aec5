/**
 * Seed 000's case: the construction-permit stage of one project through four departments,
 * serially and in parallel, on the official calendar (working days, as the seed's 19 → 5), and
 * the time one application's whole run through the commands takes (embedded PGlite).
 */
import { openDatabase } from '../src/platform/db/engine.js';
import { operatorActor } from '../src/platform/actor.js';
import { prepareDatabase } from '../src/app.js';
import { loadDemoOrganisation } from '../src/demo/organisation.js';
import { loadDemoServiceItems } from '../src/approvals/demo.js';
import { permitStageCast, runPermitStage } from '../src/approvals/applications/permit-stage.js';

export async function run() {
  const database = await openDatabase({});
  await prepareDatabase(database);
  try {
    const demo = await loadDemoOrganisation(database.db, operatorActor());
    await loadDemoServiceItems(database.db, operatorActor(), demo.offices);
    const cast = await permitStageCast(database.db, demo.offices, 'bench');
    const acceptedAt = new Date('2026-09-28T10:00:00+08:00');
    for (const mode of ['serial', 'parallel'] as const) {
      const t0 = performance.now();
      const r = await runPermitStage(database.db, cast, mode, acceptedAt);
      const ms = performance.now() - t0;
      console.log(`permit stage, ${mode.padEnd(8)} ${String(r.workingDays).padStart(3)} working days (${r.stages} stage${r.stages > 1 ? 's' : ''}, accepted 2026-09-28, last approval ${r.endedOn})   ${ms.toFixed(0)} ms through the commands`);
    }
    console.log(`departments' committed limits: ${Object.entries(cast.limits).map(([d, n]) => `${d} ${n}`).join(', ')} (serial = their sum, parallel = their maximum)`);
  } finally {
    await database.close();
  }
}
