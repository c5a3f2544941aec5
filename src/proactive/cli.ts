import type { CliCommand } from '../platform/manifest.js';
import { loadProactiveConfig } from './config.js';
import { runDetection } from './detect.js';
import { sweepTasks } from './sweep.js';

export const proactiveCli: CliCommand[] = [{
  name: 'hotspots detect', summary: 'run hotspot detection once now (whenever it last ran), and the proactive task sweep',
  run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
    const r = await runDetection(database.db, loadProactiveConfig(), { force: true });
    const s = await sweepTasks(database.db);
    out(`hotspot detection: ${r.series} series tested, ${r.found} findings, ${r.created} new hotspots (${r.ms} ms); ${s.checked} open proactive tasks checked, ${s.changed} due states changed`);
    return 0;
  }),
}];
