// A Vite build plugin: a brotli (.br) and a gzip (.gz) copy beside every text file the build
// writes, made once at build time at the highest levels, so the server sends them as they are
// (@fastify/static's preCompressed) instead of compressing each response or sending it bare.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The files worth compressing: text. Images and fonts are compressed already. */
export const COMPRESSIBLE = /\.(?:js|css|html|svg|json)$/;

/** Writes `<file>.br` and `<file>.gz` for each of the build's compressible files; a copy no smaller than the file is not written. */
export function precompress(): Plugin {
  return {
    name: 'qinqing-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) throw new Error('precompress: the build has no output directory');
      await Promise.all(Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name)).map(async (name) => {
        const path = join(dir, name);
        const raw = await readFile(path);
        const [br, gz] = await Promise.all([
          brotli(raw, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          gzipped(raw, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        // A tiny file can grow: the server then sends the file itself, which is smaller.
        await Promise.all([[br, '.br'], [gz, '.gz']].filter(([data]) => data.length < raw.length).map(([data, ext]) => writeFile(`${path}${ext}`, data)));
      }));
    },
  };
}
