// What every contract.ts promises: the web app can bundle it as it is. A contract may use other
// contracts' types (erased at build time) but no code, and the web app takes nothing else from src/
// but files that import nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const IMPORT = /^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'|\brequire\(|\bimport\(/gm;

describe('the shared contracts', () => {
  const contracts = files(join(root, 'src'), (n) => n === 'contract.ts');

  it('take only types, and only from other contracts', () => {
    expect(contracts.length).toBeGreaterThan(5);
    for (const file of contracts) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(IMPORT)) {
        expect(m[0], file).toMatch(/^\s*import type \{[^}]*\} from '(?:\.\/|(?:\.\.\/)+)(?:[a-z-]+\/)*contract\.js'$/);
      }
    }
  });

  // Beside the contracts, a pure file that imports nothing (the code check of a USCC) bundles as it is too.
  const importsNothing = (path: string) => [...readFileSync(`${path}.ts`, 'utf8').matchAll(IMPORT)].length === 0;

  it('are all the web app takes from the server, with files that import nothing', () => {
    for (const file of files(join(root, 'web/src'), (n) => /\.tsx?$/.test(n))) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(IMPORT)) {
        if (!m[1]?.includes('/src/') || /\/src\/(?:[a-z-]+\/)+contract$/.test(m[1])) continue;
        expect(importsNothing(join(root, dirname(file), m[1])), `${file}: ${m[1]}`).toBe(true);
      }
    }
  });
});
