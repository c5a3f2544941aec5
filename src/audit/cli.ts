import type { CliCommand } from '../platform/manifest.js';
import { progressBar } from '../cli/progress.js';
import { verifyAuditTrail, verifyWorkItems } from './verify.js';

export const auditCli: CliCommand[] = [{
  name: 'audit verify', summary: 'check the audit trail\'s hash chain and every work item\'s timeline (each item type\'s chains)',
  run: (_args, { withDatabase, out, ...terminal }) => withDatabase(async (database) => {
    const result = await verifyAuditTrail(database.db, progressBar('verifying audit trail', terminal).update);
    if (result.ok) out(`audit trail intact: ${result.events} events, hash chain verified`);
    else {
      out(`audit trail BROKEN: ${result.problems.length} problem(s) in ${result.events} events`);
      for (const p of result.problems) out(`  event ${p.seq}: ${p.kind} — ${p.message}`);
    }
    const items = await verifyWorkItems(database.db, (label) => progressBar(`verifying ${label} timelines`, terminal).update);
    for (const chains of items) {
      if (chains.ok) out(`${chains.label} timelines intact: ${chains.events} events in ${chains.items} ${chains.label}s`);
      else {
        out(`${chains.label} timelines BROKEN: ${chains.problems.length} problem(s)`);
        for (const p of chains.problems) out(`  ${p.message}`);
      }
    }
    return result.ok && items.every((c) => c.ok) ? 0 : 1;
  }),
}];
