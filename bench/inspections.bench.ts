/**
 * A random-inspection draw over 1,000,000 enterprises (3 strata, 3 % / 5 % / 20 %, two
 * departments of 40 inspectors, two per target and department) against sorting the same
 * identifiers as a baseline. Each is measured in a fresh child process, so its peak resident
 * memory (maxRSS) is its own: the figure is the peak above the process's size once the roster is
 * built. `INSPECTIONS_BENCH_SIZE` changes the roster size.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { drawSeed, drawTargets, rosterCommitment, runDraw, sha256, type DrawRosters } from '../src/inspections/draw.js';

const SIZE = Number(process.env.INSPECTIONS_BENCH_SIZE ?? 1_000_000);

function roster(n: number): DrawRosters {
  const strata = ['bad', 'good', 'normal'];
  return {
    task: 'BENCH', perDepartment: 2, departments: ['D1', 'D2'],
    strata: [{ stratum: 'good', basisPoints: 300 }, { stratum: 'normal', basisPoints: 500 }, { stratum: 'bad', basisPoints: 2000 }],
    targets: Array.from({ length: n }, (_, i) => ({ id: `9141${String(i).padStart(14, '0')}`, stratum: strata[i % 10 === 0 ? 0 : i % 3 === 0 ? 1 : 2] })),
    inspectors: Array.from({ length: 80 }, (_, i) => ({ id: `ZF${String(i).padStart(5, '0')}`, department: i < 40 ? 'D1' : 'D2' })),
    conflicts: [],
  };
}

/** In the child: build the roster, then time one case and report its peak memory above the built roster. */
function measure(kind: string) {
  const r = roster(SIZE);
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  let detail = '';
  if (kind === 'sort') {
    const ids = r.targets.map((t) => t.id).sort();
    detail = `${ids.length} sorted`;
  } else if (kind === 'targets') {
    detail = `${drawTargets(r, drawSeed(sha256('bench'), '1 2 3')).length} targets`;
  } else if (kind === 'commit') {
    detail = rosterCommitment(r).slice(0, 12);
  } else {
    const result = runDraw(r, drawSeed(sha256('bench'), '1 2 3'));
    detail = `${result.targets.length} targets, ${result.teams.length} teams`;
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ms, peakMiB: Math.max(0, peak - base) / 2 ** 20, detail }));
}

export async function run() {
  const self = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const row = (label: string, kind: string) => {
    const out = spawnSync(process.execPath, ['--max-old-space-size=4096', runTs, self, kind], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    const m = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { ms: number; peakMiB: number; detail: string };
    console.log(`${label.padEnd(56)} ${m.ms.toFixed(0).padStart(7)} ms   peak +${m.peakMiB.toFixed(0).padStart(4)} MiB   ${m.detail}`);
  };
  console.log(`roster of ${SIZE.toLocaleString('en')} enterprises`);
  row('baseline: sort the identifiers (Array.prototype.sort)', 'sort');
  row('commitment: canonical rosters and their SHA-256', 'commit');
  row('draw: targets only (one SHA-256 per enterprise)', 'targets');
  row('draw: targets and their teams (40 SHA-256 per team)', 'draw');
}

if (process.argv[2] && process.argv[1] === fileURLToPath(import.meta.url)) measure(process.argv[2]);
