// The built web app as a browser receives it: a real Vite build (with the project's
// precompress plugin) of a small app in a temp dir, served by the real server.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';
import { precompress } from '../../../web/precompress.js';
import { preparedDatabase } from '../../../test/support/engines.js';
import type { Database } from '../db/engine.js';
import { buildServer } from '../../app.js';
import { loadConfig } from '../config.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the web app’s files', () => {
  let dir: string;
  let dist: string;
  let database: Database;
  let app: FastifyInstance;
  let script: string;
  let style: string;
  let dot: string;
  const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...headers } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qinqing-web-assets-'));
    dist = join(dir, 'dist');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><title>亲清</title></head><body><div id="root"></div><script type="module" src="/src/main.js"></script></body></html>');
    // Enough text that compressing it pays; the 16-byte picture is too small to gain from gzip.
    writeFileSync(join(dir, 'src/main.js'), `import './style.css';\nimport dot from './dot.svg';\nconst words = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `诉求办理第${i}项：受理、派单、签收、答复、回访`))};\ndocument.getElementById('root').textContent = words.join('\\n') + dot;\n`);
    writeFileSync(join(dir, 'src/style.css'), Array.from({ length: 50 }, (_, i) => `.row-${i} { margin: ${i}px; color: #1f5fbf; }`).join('\n'));
    writeFileSync(join(dir, 'src/dot.svg'), '<svg xmlns="a"/>');
    await build({ root: dir, logLevel: 'silent', configFile: false, plugins: [precompress()], build: { outDir: dist, assetsInlineLimit: 0 } });
    const assets = readdirSync(join(dist, 'assets'));
    script = assets.find((f) => f.endsWith('.js'))!;
    style = assets.find((f) => f.endsWith('.css'))!;
    dot = assets.find((f) => f.endsWith('.svg'))!;
    database = await preparedDatabase('pglite');
    app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0' }), webDist: dist }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('are built with a brotli and a gzip copy beside each, holding the same bytes, unless the copy would be larger', () => {
    for (const file of ['index.html', `assets/${script}`, `assets/${style}`]) {
      const raw = readFileSync(join(dist, file));
      expect(brotliDecompressSync(readFileSync(join(dist, `${file}.br`))), file).toEqual(raw);
      expect(gunzipSync(readFileSync(join(dist, `${file}.gz`))), file).toEqual(raw);
    }
    expect(readFileSync(join(dist, `assets/${dot}`)).length).toBe(16);
    expect(existsSync(join(dist, `assets/${dot}.gz`))).toBe(false);
  });

  it('are sent brotli-compressed to a browser that accepts it, saying the answer varies with Accept-Encoding', async () => {
    const res = await get(`/assets/${script}`, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(?:application|text)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload)).toEqual(readFileSync(join(dist, 'assets', script)));
    expect(res.rawPayload.length).toBeLessThan(readFileSync(join(dist, 'assets', script)).length / 3);
  });

  it('are sent gzip-compressed to a client that accepts only gzip, and as they are to one that accepts neither', async () => {
    const gz = await get(`/assets/${style}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/css/);
    expect(gunzipSync(gz.rawPayload)).toEqual(readFileSync(join(dist, 'assets', style)));
    for (const acceptEncoding of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const plain = await get(`/assets/${style}`, acceptEncoding);
      expect(plain.statusCode, acceptEncoding).toBe(200);
      expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(plain.headers.vary, acceptEncoding).toMatch(/accept-encoding/i);
      expect(plain.rawPayload, acceptEncoding).toEqual(readFileSync(join(dist, 'assets', style)));
    }
    // No gzip copy of the tiny picture: gzip is asked for, the picture itself comes.
    const picture = await get(`/assets/${dot}`, 'gzip');
    expect(picture.headers['content-encoding']).toBeUndefined();
    expect(picture.body).toBe('<svg xmlns="a"/>');
  });

  it('under /assets/ (named by their content) are kept a year; index.html is asked again each time and answered 304 while unchanged', async () => {
    for (const file of [script, style, dot]) {
      for (const acceptEncoding of ['br', 'gzip', 'identity']) expect((await get(`/assets/${file}`, acceptEncoding)).headers['cache-control'], `${file} ${acceptEncoding}`).toBe(IMMUTABLE);
    }
    const page = await get('/', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(page.rawPayload).toString()).toContain(`/assets/${script}`);
    const again = await get('/', 'br', { 'if-none-match': String(page.headers.etag) });
    expect(again.statusCode).toBe(304);
    // Another encoding is another representation, with an ETag of its own.
    expect((await get('/', 'gzip')).headers.etag).not.toBe(page.headers.etag);
  });

  it('answer every page path of the web app with index.html, compressed and not cached, while a missing script or route is a 404', async () => {
    const index = readFileSync(join(dist, 'index.html'));
    for (const path of ['/public/appeal', '/public/appeals/ZMD-2026-000001', '/cases/12', '/login?next=%2Fcases']) {
      const res = await get(path, 'gzip, deflate, br');
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload), path).toEqual(index);
      const plain = await get(path);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.rawPayload, path).toEqual(index);
    }
    // A page still open from an older build asks for a script that is gone: not a page in its place.
    for (const path of ['/assets/index-gone.js', '/api/no-such-thing']) {
      const res = await get(path, 'br');
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error, path).toMatchObject({ code: 'route_not_found', messageZh: expect.stringContaining('没有这个接口'), messageEn: expect.stringContaining('No such route') });
    }
  });
});
