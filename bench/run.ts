/**
 * `npm run bench`: every benchmark prints its figures next to a baseline measured in the same
 * run, on the same machine (machines are noisy; only the ratio travels). Pass names to run a
 * subset: `npm run bench -- audit`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import os from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => f.includes(w)))).sort();
console.log(`# Qinqing benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  const mod = await import(pathToFileURL(join(dir, f)).href);
  await mod.run();
}
process.exit(0);
