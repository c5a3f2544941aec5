import type { CliCommand } from '../platform/manifest.js';
import { sweepDeadlines } from './commands/sweepDeadlines.js';

export const casesCli: CliCommand[] = [{
  name: 'cases sweep', summary: 'mark due-soon/overdue cases, recompute deadlines after a calendar change',
  run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
    const r = await sweepDeadlines(database.db);
    out(`deadline sweep: ${r.checked} running cases checked, ${r.recomputed} deadlines recomputed, ${r.dueSoon} now due soon, ${r.overdue} now overdue`);
    return 0;
  }),
}];
