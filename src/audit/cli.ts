import type { CliCommand } from '../platform/manifest.js';
import { progressBar } from '../cli/progress.js';
import { verifyAuditTrail, verifyRecords, verifyWorkItems } from './verify.js';

export const auditCli: CliCommand[] = [{
  name: 'audit verify', summary: 'check the audit trail\'s hash chain, every work item\'s timeline and current state, case attachments\' bytes and people\'s roles and office',
  run: (_args, { withDatabase, out, ...terminal }) => withDatabase(async (database) => {
    const result = await verifyAuditTrail(database.db, progressBar('verifying audit trail', terminal).update);
    if (result.ok) out(`audit trail intact: ${result.events} events, hash chain verified`);
    else {
      out(`audit trail BROKEN: ${result.problems.length} problem(s) in ${result.events} events`);
      for (const p of result.problems) out(`  event ${p.seq}: ${p.kind} — ${p.message}`);
    }
    const items = await verifyWorkItems(database.db, (label) => progressBar(`verifying ${label} timelines`, terminal).update);
    for (const chains of items) {
      if (chains.ok) out(`${chains.label} timelines intact: ${chains.events} events in ${chains.items} ${chains.label}s, current state as their last events recorded`);
      else {
        out(`${chains.label} timelines BROKEN: ${chains.problems.length} problem(s)`);
        for (const p of chains.problems) out(`  ${p.message}`);
      }
      if (chains.uncovered) out(`  ${chains.uncovered} ${chains.label}(s) not yet covered: their last event predates state hashes; each is checked from its next event on`);
    }
    const records = await verifyRecords(database.db);
    for (const r of records) {
      if (r.ok) out(`${r.label}s intact: ${r.checked} as their audited events recorded`);
      else {
        out(`${r.label}s BROKEN: ${r.problems.length} problem(s) in ${r.checked}`);
        for (const p of r.problems) out(`  ${p}`);
      }
    }
    return result.ok && items.every((c) => c.ok) && records.every((r) => r.ok) ? 0 : 1;
  }),
}];
